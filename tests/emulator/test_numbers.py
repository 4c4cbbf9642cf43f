"""Destinations normalise to E.164 digits; senders are checked against the service's limits."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from smsworks_emulator.rules.numbers import NumberError, normalise_destination, sender_id
from smsworks_emulator.rules.segments import is_uk


@pytest.mark.parametrize(
    "raw",
    [
        "447777777777",
        "+447777777777",
        "+44 7777 777777",
        "07777777777",
        "07777 777777",
        "00447777777777",
        "+44 (0) 7777 777777",
        " 07777-777-777 ",
    ],
)
def test_the_ways_people_write_a_uk_mobile_are_one_number(raw: str) -> None:
    assert normalise_destination(raw) == "447777777777"


def test_the_whole_drama_range_is_accepted() -> None:
    # The emulator's magic numbers live here; phonenumbers calls them unallocated.
    for last_three in ("000", "123", "999"):
        assert normalise_destination(f"07700900{last_three}") == f"447700900{last_three}"
        assert normalise_destination(f"447700900{last_three}") == f"447700900{last_three}"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+1 (212) 555-0100", "12125550100"),
        ("12125550100", "12125550100"),
        ("+33 6 12 34 56 78", "33612345678"),
        ("0033612345678", "33612345678"),
        ("+39 06 1234 5678", "390612345678"),  # Italy keeps its leading zero
        ("02079460000", "442079460000"),
    ],
)
def test_other_numbers_keep_their_country_code(raw: str, expected: str) -> None:
    assert normalise_destination(raw) == expected


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("", "is required"),
        ("   ", "is required"),
        ("+1 800 FLOWERS", "is not a phone number"),
        ("07777 77777a", "is not a phone number"),
        ("447777777777#", "is not a phone number"),
        ("+44", "is not a phone number"),
        ("+999123456", "is not a phone number"),
        ("0777", "is not a possible phone number"),
        ("0777777", "is not a possible phone number"),
        ("4477777777777777", "is not a possible phone number"),
    ],
)
def test_what_is_not_a_possible_number_is_refused_naming_the_field(raw: str, problem: str) -> None:
    with pytest.raises(NumberError, match=f"^destination: .*{problem}"):
        normalise_destination(raw)


def test_the_error_names_the_field_it_was_asked_about() -> None:
    with pytest.raises(NumberError, match=r"^to: "):
        normalise_destination("nope", field="to")


@given(
    st.sampled_from(["44", "1", "33", "49", "353", "61"]),
    st.text(alphabet="0123456789", min_size=4, max_size=14),
)
def test_normalising_is_idempotent(country_code: str, national: str) -> None:
    try:
        once = normalise_destination("+" + country_code + national)
    except NumberError:
        return  # not a possible number: nothing to normalise
    assert once.isdigit()
    assert once.startswith(country_code)
    assert normalise_destination(once) == once
    assert normalise_destination("+" + once) == once
    assert normalise_destination("00" + once) == once


@given(st.from_regex(r"[1-9][0-9]{9}", fullmatch=True))
def test_uk_national_and_international_forms_agree(subscriber: str) -> None:
    try:
        national = normalise_destination("0" + subscriber)
    except NumberError:
        with pytest.raises(NumberError):
            normalise_destination("+44" + subscriber)
        return
    assert national == "44" + subscriber
    assert normalise_destination("+44" + subscriber) == national


def phonenumbers_reading(digits: str) -> str | None:
    """What phonenumbers alone makes of ``+digits``: E.164 digits that read back as themselves
    and are a possible number, or None."""
    possible = phonenumbers.ValidationResult.IS_POSSIBLE
    try:
        number = phonenumbers.parse("+" + digits)
        if phonenumbers.is_possible_number_with_reason(number) != possible:
            return None
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        again = phonenumbers.parse(e164)
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.format_number(again, phonenumbers.PhoneNumberFormat.E164) != e164:
        return None
    if phonenumbers.is_possible_number_with_reason(again) != possible:
        return None
    return e164.removeprefix("+")


COUNTRY_CODES = sorted(str(code) for code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE)


@settings(max_examples=2000)
@given(
    st.one_of(
        st.tuples(st.sampled_from(COUNTRY_CODES), st.text(alphabet="0123456789", max_size=18)).map(
            "".join
        ),
        st.text(alphabet="0123456789", min_size=1, max_size=20),
    )
)
@example("447777777777")
@example("4407777777777")  # a national prefix after the country code
@example("390612345678")  # Italy: a leading zero that belongs to the number
@example("5491123456789")  # Argentina: a national prefix pattern with a transform rule
@example("8001234567890")  # a country code without a region
def test_digits_read_as_phonenumbers_reads_them(digits: str) -> None:
    expected = phonenumbers_reading(digits)
    # Without a "+", a leading 0 is a UK trunk prefix (tested above), not the start of a code.
    for written in ("+" + digits,) if digits.startswith("0") else (digits, "+" + digits):
        if expected is None:
            with pytest.raises(NumberError):
                normalise_destination(written)
        else:
            assert normalise_destination(written) == expected


@given(st.text(max_size=30))
def test_any_text_gives_digits_or_a_number_error(raw: str) -> None:
    try:
        normalised = normalise_destination(raw)
    except NumberError as error:
        message = str(error)
        assert message.startswith("destination: ")
    else:
        assert normalised.isdigit()


def test_uk_is_country_code_44() -> None:
    assert is_uk("447777777777")
    assert is_uk("+447777777777")
    assert not is_uk("12125550100")
    assert not is_uk("33612345678")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("SMSWorks", "SMSWorks"),
        ("ABCDEFGHIJK", "ABCDEFGHIJK"),
        ("Shop24", "Shop24"),
        ("447777777777", "447777777777"),
        ("+447777777777", "447777777777"),
        ("123456789012345", "123456789012345"),
        ("12345", "12345"),
    ],
)
def test_a_sender_id_is_what_the_handset_shows(raw: str, expected: str) -> None:
    assert sender_id(raw) == expected
