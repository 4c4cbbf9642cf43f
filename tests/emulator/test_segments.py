"""The segment calculator: parts, units and credits by 3GPP TS 23.038 / 23.040.

The properties compare the calculator with a reference written here from the standard: its own
GSM 03.38 tables (by code point), its own encoders producing the septet or UTF-16 stream, and
its own splitter working on that stream.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smsworks.segments import (
    MAX_CONTENT_CHARACTERS,
    ContentError,
    Segmentation,
    credits_for,
    is_gsm7,
    segment_binary,
    segment_text,
)

UK = "447777777777"
US = "12125550100"

# ---------------------------------------------------------------------------------------------
# Reference, from TS 23.038 section 6.2.1 (default alphabet) and 6.2.1.1 (extension table).
# ---------------------------------------------------------------------------------------------

ESCAPE = 0x1B
REFERENCE_DEFAULT_ALPHABET: dict[int, str] = {
    0x00: "\u0040", 0x01: "\u00a3", 0x02: "\u0024", 0x03: "\u00a5",
    0x04: "\u00e8", 0x05: "\u00e9", 0x06: "\u00f9", 0x07: "\u00ec",
    0x08: "\u00f2", 0x09: "\u00c7", 0x0A: "\u000a", 0x0B: "\u00d8",
    0x0C: "\u00f8", 0x0D: "\u000d", 0x0E: "\u00c5", 0x0F: "\u00e5",
    0x10: "\u0394", 0x11: "\u005f", 0x12: "\u03a6", 0x13: "\u0393",
    0x14: "\u039b", 0x15: "\u03a9", 0x16: "\u03a0", 0x17: "\u03a8",
    0x18: "\u03a3", 0x19: "\u0398", 0x1A: "\u039e",
    0x1C: "\u00c6", 0x1D: "\u00e6", 0x1E: "\u00df", 0x1F: "\u00c9",
    0x24: "\u00a4", 0x40: "\u00a1",
    0x5B: "\u00c4", 0x5C: "\u00d6", 0x5D: "\u00d1", 0x5E: "\u00dc", 0x5F: "\u00a7",
    0x60: "\u00bf",
    0x7B: "\u00e4", 0x7C: "\u00f6", 0x7D: "\u00f1", 0x7E: "\u00fc", 0x7F: "\u00e0",
}  # fmt: skip
# The rest of 0x20-0x7E is ASCII at the same code.
for _code in range(0x20, 0x7F):
    REFERENCE_DEFAULT_ALPHABET.setdefault(_code, chr(_code))
REFERENCE_EXTENSION_TABLE: dict[int, str] = {
    0x0A: "\u000c", 0x14: "\u005e", 0x28: "\u007b", 0x29: "\u007d", 0x2F: "\u005c",
    0x3C: "\u005b", 0x3D: "\u007e", 0x3E: "\u005d", 0x40: "\u007c", 0x65: "\u20ac",
}  # fmt: skip
SEPTET_OF = {character: code for code, character in REFERENCE_DEFAULT_ALPHABET.items()}
ESCAPED_SEPTET_OF = {character: code for code, character in REFERENCE_EXTENSION_TABLE.items()}


def reference_septets(content: str) -> list[int] | None:
    """The GSM-7 septet stream of ``content``, or None when a character has no septet."""
    septets: list[int] = []
    for character in content:
        if character in SEPTET_OF:
            septets.append(SEPTET_OF[character])
        elif character in ESCAPED_SEPTET_OF:
            septets += [ESCAPE, ESCAPED_SEPTET_OF[character]]
        else:
            return None
    return septets


def reference_utf16_units(content: str) -> list[int]:
    encoded = content.encode("utf-16-be")
    return [int.from_bytes(encoded[i : i + 2], "big") for i in range(0, len(encoded), 2)]


def reference_split(
    stream: list[int], single: int, concatenated: int, binds: set[int]
) -> list[int]:
    """Part sizes for ``stream``; a unit in ``binds`` must share a part with the next unit."""
    if len(stream) <= single:
        return [len(stream)]
    sizes = [0]
    for index, unit in enumerate(stream):
        is_last_slot = sizes[-1] == concatenated - 1
        needs_partner = unit in binds and index + 1 < len(stream)
        if sizes[-1] == concatenated or (is_last_slot and needs_partner):
            sizes.append(0)
        sizes[-1] += 1
    return sizes


def reference(content: str) -> tuple[str, int, list[int], int]:
    """(encoding, units, part sizes, capacity per part) for text content."""
    septets = reference_septets(content)
    if septets is not None:
        # Binding ESCAPE works because an escaped code never equals ESCAPE itself and a
        # default-alphabet character is never ESCAPE: every 0x1B in the stream is an escape.
        sizes = reference_split(septets, 160, 153, {ESCAPE})
        return "GSM-7", len(septets), sizes, 160 if len(sizes) == 1 else 153
    units = reference_utf16_units(content)
    high_surrogates = set(range(0xD800, 0xDC00))
    sizes = reference_split(units, 70, 67, high_surrogates)
    return "UCS-2", len(units), sizes, 70 if len(sizes) == 1 else 67


# ---------------------------------------------------------------------------------------------
# Strategies: content built around the part boundaries, with a few characters that matter.
# ---------------------------------------------------------------------------------------------

GSM_BASIC = st.sampled_from(sorted(REFERENCE_DEFAULT_ALPHABET.values()))
GSM_EXTENSION = st.sampled_from(sorted(REFERENCE_EXTENSION_TABLE.values()))
NON_GSM_BMP = st.characters(
    min_codepoint=0x80,
    max_codepoint=0xFFFF,
    exclude_categories=["Cs"],
    exclude_characters="".join(REFERENCE_DEFAULT_ALPHABET.values())
    + "".join(REFERENCE_EXTENSION_TABLE.values()),
)
ASTRAL = st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF, exclude_categories=["Cs"])
BOUNDARY_LENGTHS = [1, 2, 66, 67, 68, 69, 70, 71, 72, 133, 134, 135, 152, 153, 154, 159, 160]
BOUNDARY_LENGTHS += [161, 162, 200, 201, 202, 305, 306, 307, 459, 460, 1224, 1225, 1279, 1280]


@st.composite
def contents(draw: st.DrawFn) -> str:
    length = draw(st.sampled_from(BOUNDARY_LENGTHS) | st.integers(1, MAX_CONTENT_CHARACTERS))
    filler = draw(st.sampled_from([GSM_BASIC, NON_GSM_BMP, ASTRAL]))
    characters = [draw(filler)] * length
    specials = st.one_of(GSM_BASIC, GSM_EXTENSION, NON_GSM_BMP, ASTRAL)
    positions = st.integers(0, length - 1)
    for position, character in draw(st.lists(st.tuples(positions, specials), max_size=6)):
        characters[position] = character
    return "".join(characters)


# ---------------------------------------------------------------------------------------------
# Properties against the reference.
# ---------------------------------------------------------------------------------------------


def test_reference_tables_have_the_standard_sizes() -> None:
    # 128 codes less the escape; 10 extension characters in the table the service honours.
    assert len(REFERENCE_DEFAULT_ALPHABET) == 127
    assert len(set(REFERENCE_DEFAULT_ALPHABET.values())) == 127
    assert len(REFERENCE_EXTENSION_TABLE) == 10


@given(contents())
def test_encoding_is_gsm7_exactly_when_every_character_is_in_the_tables(content: str) -> None:
    expected = "GSM-7" if reference_septets(content) is not None else "UCS-2"
    assert segment_text(content).encoding == expected
    assert is_gsm7(content) == (expected == "GSM-7")


@given(contents())
def test_units_parts_and_remaining_follow_3gpp(content: str) -> None:
    encoding, units, sizes, capacity = reference(content)
    segmentation = segment_text(content)
    assert segmentation.characters == len(content)
    assert segmentation.units == units
    assert segmentation.parts == len(sizes)
    assert segmentation.units_per_part == capacity
    assert segmentation.units_remaining == capacity - sizes[-1]
    assert segmentation.encoding == encoding


@given(contents())
def test_parts_at_70_is_the_vendor_pages_count_for_ucs2_only(content: str) -> None:
    encoding, units, sizes, _ = reference(content)
    segmentation = segment_text(content)
    if encoding == "UCS-2":
        assert segmentation.parts_at_70 == math.ceil(units / 70)
        assert segmentation.parts_at_70 <= segmentation.parts
    else:
        assert segmentation.parts_at_70 == len(sizes)


@given(contents(), st.sampled_from(["447700900123", "441234567890", "+447777777777"]))
def test_uk_destinations_cost_one_credit_per_part(content: str, destination: str) -> None:
    _, _, sizes, _ = reference(content)
    assert credits_for(segment_text(content), destination) == len(sizes)


@given(
    contents(),
    st.sampled_from([US, "33612345678", "353871234567", "4912345678"]),
    st.sampled_from([1.0, 1.5, 2.0, 3.0]),
)
def test_other_destinations_cost_the_multiplier_per_part(
    content: str, destination: str, multiplier: float
) -> None:
    _, _, sizes, _ = reference(content)
    segmentation = segment_text(content)
    assert credits_for(segmentation, destination) == 2 * len(sizes)
    assert credits_for(segmentation, destination, non_uk_multiplier=multiplier) == (
        multiplier * len(sizes)
    )


@given(st.text(min_size=MAX_CONTENT_CHARACTERS + 1, max_size=MAX_CONTENT_CHARACTERS + 40))
def test_content_over_1280_characters_is_refused(content: str) -> None:
    with pytest.raises(ContentError, match=r"^content: .*1280"):
        segment_text(content)


@given(st.binary(min_size=1, max_size=640), st.booleans())
def test_binary_parts_are_140_single_then_134(data: bytes, spaced: bool) -> None:
    hex_content = data.hex(" ") if spaced else data.hex().upper()
    segmentation = segment_binary(hex_content)
    expected_parts = 1 if len(data) <= 140 else math.ceil(len(data) / 134)
    assert segmentation.encoding == "8-bit"
    assert segmentation.units == len(data)
    assert segmentation.parts == expected_parts
    assert segmentation.parts_at_70 == expected_parts
    capacity = 140 if expected_parts == 1 else 134
    assert segmentation.units_per_part == capacity
    assert segmentation.units_remaining == capacity * expected_parts - len(data)


# ---------------------------------------------------------------------------------------------
# Examples at the boundaries.
# ---------------------------------------------------------------------------------------------


def parts_of(content: str) -> tuple[int, int, int]:
    segmentation = segment_text(content)
    return segmentation.parts, segmentation.units_per_part, segmentation.units_remaining


def test_gsm_160_is_one_part_and_161_is_two() -> None:
    assert parts_of("a" * 160) == (1, 160, 0)
    assert parts_of("a" * 161) == (2, 153, 145)


def test_gsm_two_full_concatenated_parts_then_a_third() -> None:
    assert parts_of("a" * 306) == (2, 153, 0)
    assert parts_of("a" * 307) == (3, 153, 152)


def test_ucs2_70_is_one_part_and_71_is_two() -> None:
    assert segment_text("ж" * 70) == Segmentation("UCS-2", 70, 70, 1, 70, 0, 1)
    assert segment_text("ж" * 71) == Segmentation("UCS-2", 71, 71, 2, 67, 63, 2)


def test_ucs2_two_full_concatenated_parts_then_a_third() -> None:
    assert parts_of("ж" * 134) == (2, 67, 0)
    assert parts_of("ж" * 135) == (3, 67, 66)


def test_the_vendor_pages_70_per_credit_is_kept_beside_the_3gpp_count() -> None:
    segmentation = segment_text("ж" * 140)
    assert (segmentation.parts, segmentation.parts_at_70) == (3, 2)


def test_a_single_non_gsm_character_makes_the_whole_message_ucs2() -> None:
    segmentation = segment_text("a" * 100 + "`")  # the backtick is not in GSM 03.38
    assert segmentation.encoding == "UCS-2"
    assert segmentation.parts == 2


def test_gsm_letters_outside_ascii_stay_gsm7() -> None:
    assert segment_text("Ça coute £5 à Åsa, ΔΩ ¿¡ §ß").encoding == "GSM-7"
    # "û" has no septet, so the whole message goes as UCS-2.
    assert segment_text("Ça coûte £5 à Åsa, ΔΩ ¿¡ §ß").encoding == "UCS-2"


def test_1280_characters_are_accepted_and_1281_refused() -> None:
    assert segment_text("a" * 1280).parts == 9
    with pytest.raises(ContentError, match="content: is 1281 characters; at most 1280"):
        segment_text("a" * 1281)


def test_euro_and_form_feed_count_two_septets() -> None:
    assert segment_text("€").units == 2
    assert segment_text("\f").units == 2
    assert segment_text("€" * 80) == Segmentation("GSM-7", 80, 160, 1, 160, 0, 1)
    assert segment_text("a" * 159 + "€").parts == 2


def test_an_escape_pair_never_straddles_a_part_boundary() -> None:
    # 306 septets would fill two parts exactly, but the euro's pair cannot sit at 153/154.
    content = "a" * 152 + "€" + "a" * 152
    assert segment_text(content).units == 306
    assert parts_of(content) == (3, 153, 152)


def test_a_surrogate_pair_never_straddles_a_part_boundary() -> None:
    content = "ж" * 66 + "😀" + "ж" * 66
    segmentation = segment_text(content)
    assert (segmentation.units, segmentation.characters) == (134, 133)
    assert parts_of(content) == (3, 67, 66)


def test_emoji_count_two_units() -> None:
    assert segment_text("😀" * 35) == Segmentation("UCS-2", 35, 70, 1, 70, 0, 1)
    assert parts_of("😀" * 36) == (2, 67, 61)


def test_empty_content_is_refused() -> None:
    with pytest.raises(ContentError, match=r"^content: is required"):
        segment_text("")


def test_an_unpaired_surrogate_is_refused_not_crashed_on() -> None:
    with pytest.raises(ContentError, match="content: character 1 is an unpaired"):
        segment_text("a\ud83d")


def test_binary_140_octets_is_one_part_and_141_is_two() -> None:
    assert segment_binary("00" * 140) == Segmentation("8-bit", 280, 140, 1, 140, 0, 1)
    assert segment_binary("ff" * 141) == Segmentation("8-bit", 282, 141, 2, 134, 127, 2)


def test_binary_allows_spaces_between_octets_only() -> None:
    assert segment_binary("0A 0b  FF").units == 3
    with pytest.raises(ContentError, match="only between octets"):
        segment_binary("0A0 B")


@pytest.mark.parametrize(
    ("hex_content", "problem"),
    [
        ("", "is required"),
        ("   ", "is required"),
        ("0G", "'G' at position 1 is not a hex digit"),
        ("0x1F", "'x' at position 1 is not a hex digit"),
        ("ABC", "3 hex digits; binary content needs an even number"),
        ("00" * 641, "1282 hex digits; at most 1280"),
    ],
)
def test_bad_binary_content_is_refused_naming_the_field(hex_content: str, problem: str) -> None:
    with pytest.raises(ContentError, match=f"^content: .*{problem}"):
        segment_binary(hex_content)


def test_binary_at_the_1280_hex_digit_cap_is_accepted() -> None:
    assert segment_binary("ab" * 640).parts == 5


def test_credits_double_outside_the_uk() -> None:
    segmentation = segment_text("a" * 161)
    assert credits_for(segmentation, UK) == 2.0
    assert credits_for(segmentation, US) == 4.0
    assert credits_for(segmentation, US, non_uk_multiplier=1.0) == 2.0


def test_a_negative_multiplier_is_refused() -> None:
    with pytest.raises(ValueError, match="non_uk_multiplier"):
        credits_for(segment_text("a"), US, non_uk_multiplier=-1.0)
