"""Destination numbers and sender ids, as the service accepts them.

Destinations are stored and compared as E.164 digits without the ``+`` (``447777777777``), the
form the service returns, so that ``07777 777777`` and ``+44 7777 777777`` are the same number.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING

from smsworks_emulator.rules.segments import UK_COUNTRY_CODE


def _lazy(name: str) -> ModuleType:
    """``name``, imported on first use (the standard library's ``LazyLoader`` recipe).

    phonenumbers' metadata costs a start about 12 ms; a served emulator needs it at its first
    send, not before its first answer.
    """
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


if TYPE_CHECKING:
    import phonenumbers
else:
    phonenumbers = _lazy("phonenumbers")

# What people write around the digits of a phone number. Anything else (letters above all:
# phonenumbers would read "FLOWERS" as keypad digits) is refused rather than guessed at.
_PHONE_NUMBER_TEXT = re.compile(r"\+?[0-9 ().\-]+")


class NumberError(ValueError):
    """A destination or sender is not acceptable; the message names the field."""


def normalise_destination(raw: str, *, field: str = "destination") -> str:
    """Return ``raw`` as E.164 digits without ``+``, or raise :class:`NumberError`.

    Accepts international digits (``447777777777``), ``+`` or ``00`` prefixes, and UK national
    numbers (``07777777777``). Only possibility (length for the country) is checked, not whether
    the range is allocated: Ofcom's drama range 07700 900000-900999 must be accepted.
    """
    if not isinstance(raw, str):
        raise NumberError(f"{field}: must be a phone number as text, not {type(raw).__name__}")
    text = raw.strip()
    if not text:
        raise NumberError(f"{field}: is required")
    if not _PHONE_NUMBER_TEXT.fullmatch(text):
        raise NumberError(
            f"{field}: {raw!r} is not a phone number; use digits, optionally with a leading '+'"
        )
    digits = re.sub(r"[^0-9]", "", text)
    if not digits:
        raise NumberError(f"{field}: {raw!r} has no digits")
    if text.startswith("+"):
        international = "+" + digits
    elif digits.startswith("00"):
        international = "+" + digits[2:]
    elif digits.startswith("0"):
        # A UK national number. The trunk prefix is dropped here rather than by phonenumbers,
        # which keeps the 0 (as an Italian-style leading zero) when the rest is too short.
        international = "+" + UK_COUNTRY_CODE + digits[1:]
    else:
        # The service's own form: country code first, no prefix.
        international = "+" + digits
    plain = _already_e164(international)
    if plain is not None:
        return plain
    try:
        number = phonenumbers.parse(international)
    except phonenumbers.NumberParseException as error:
        raise NumberError(f"{field}: {raw!r} is not a phone number ({error})") from error
    if not _is_possible(number):
        raise NumberError(
            f"{field}: {raw!r} is not a possible phone number (wrong length for its country)"
        )
    e164 = _e164(number)
    if e164 == international:
        return e164.removeprefix("+")  # read back, it is the same text: parsed just above
    # phonenumbers reads some degenerate inputs (runs of zeros after the country code) one way
    # and its own E.164 output another; a stored number must read back as itself.
    try:
        reread = phonenumbers.parse(e164)
    except phonenumbers.NumberParseException:
        reread = None
    if reread is None or _e164(reread) != e164 or not _is_possible(reread):
        raise NumberError(f"{field}: {raw!r} is not a possible phone number")
    return e164.removeprefix("+")


def _already_e164(international: str) -> str | None:
    """The digits of ``+<digits>`` when phonenumbers would read them back unchanged, else None.

    A batch checks thousands of distinct numbers, and a full parse is the dearest step of each.
    Most arrive in E.164 form already: a country code, then a national number that neither starts
    with 0 nor with the country's national prefix, so no parsing rule rewrites anything and only
    the possible length is left to check (on phonenumbers' own metadata). Anything else, and every
    number that fails, takes the full parse, which names the problem. A test holds this equal
    to the full parse.
    """
    digits = international[1:]
    if digits[:1] in ("", "0"):
        return None
    for size in (1, 2, 3):  # country calling codes are prefix-free: the first match is the one
        code = int(digits[:size])
        if code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            break
    else:
        return None
    national = digits[size:]
    if not _MIN_NATIONAL <= len(national) <= _MAX_NATIONAL or national[0] == "0":
        return None
    known, prefix = _national_prefix(code)
    if not known or (prefix is not None and prefix.match(national)):
        return None
    number = phonenumbers.PhoneNumber(country_code=code, national_number=int(national))
    return digits if _is_possible(number) else None


@cache
def _national_prefix(code: int) -> tuple[bool, re.Pattern[str] | None]:
    """Whether phonenumbers has metadata for a country code, and its national prefix pattern."""
    region = phonenumbers.region_code_for_country_code(code)
    metadata = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(code, region)
    if metadata is None:
        return False, None
    prefix = metadata.national_prefix_for_parsing
    return True, (re.compile(prefix) if prefix else None)


_MIN_NATIONAL = 2
_MAX_NATIONAL = 17
"""phonenumbers' bounds on a national significant number's digits."""


def _e164(number: phonenumbers.PhoneNumber) -> str:
    formatted: str = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return formatted


def _is_possible(number: phonenumbers.PhoneNumber) -> bool:
    # IS_POSSIBLE only: a number dialable just inside its local area cannot receive an SMS.
    reason = phonenumbers.is_possible_number_with_reason(number)
    return bool(reason == phonenumbers.ValidationResult.IS_POSSIBLE)


_POSSIBLE: dict[str, bool] = {}
_POSSIBLE_KEPT = 65536


def _remember(e164_digits: str, possible: bool) -> bool:
    # Bounded: once full it starts again, so numbers seen later are still kept (the hot ones
    # come back at once), rather than every new number being parsed at each of a send's checks.
    if len(_POSSIBLE) >= _POSSIBLE_KEPT:
        _POSSIBLE.clear()
    _POSSIBLE[e164_digits] = possible
    return possible


def is_possible(e164_digits: str) -> bool:
    """Whether international digits (``447777777777``) are a possible number for their country.

    The spec admits any 7 to 15 digits; a number no country has is accepted, and the message to
    it ends REJECTED (see :mod:`smsworks_emulator.rules.outcomes`), as the service reports a
    failure. Answers are kept, and :func:`stored_form` records its own, so a send parses once.
    """
    digits = e164_digits.removeprefix("+")
    known = _POSSIBLE.get(digits)
    if known is not None:
        return known
    try:
        possible = normalise_destination("+" + digits) == digits
    except NumberError:
        possible = False
    return _remember(digits, possible)


def stored_form(raw: str) -> str:
    """How a destination is stored and matched: E.164 digits if possible, else its digits as sent."""
    try:
        e164 = normalise_destination(raw)
    except NumberError:
        return raw.strip().removeprefix("+")
    _remember(e164, True)
    return e164


def number_forms(raw: str) -> tuple[str, ...]:
    """Every text a number equal to ``raw`` may be stored as, for a filter to match any of them.

    Destinations are stored in :func:`stored_form`, but a numeric sender is kept as it was sent
    (less a ``+``): ``447700900555``, ``07700900555`` and ``00447700900555`` are one number. The
    number itself is decided by :func:`normalise_destination` alone; this only spells it out.
    """
    text = raw.strip()
    digits = text.removeprefix("+")
    try:
        e164 = normalise_destination(text)
    except NumberError:
        return (digits,)
    forms = {e164, "00" + e164, digits}
    if e164.startswith(UK_COUNTRY_CODE):
        forms.add("0" + e164.removeprefix(UK_COUNTRY_CODE))
    return tuple(sorted(forms))


def sender_forms(raw: str) -> tuple[str, ...]:
    """What a sender filter matches: a name as written, a number in each form it may be stored."""
    digits = raw.strip().removeprefix("+")
    if digits.isascii() and digits.isdigit():
        return number_forms(raw)
    return (raw,)


def sender_id(raw: str) -> str:
    """The sender id a handset shows: a numeric sender's leading ``+`` is dropped.

    What a sender may be (1 to 11 letters and digits, or 1 to 15 digits with an optional ``+``)
    is the spec's rule, checked with the request body.
    """
    digits = raw.removeprefix("+")
    return digits if digits.isascii() and digits.isdigit() else raw


def calling_code(e164_digits: str) -> int | None:
    """The country calling code ``e164_digits`` starts with (``44`` of ``447700900123``), if any."""
    digits = e164_digits.removeprefix("+")
    for size in (1, 2, 3):  # calling codes are prefix-free: the first match is the one
        if (
            digits[:size].isdigit()
            and int(digits[:size]) in phonenumbers.COUNTRY_CODE_TO_REGION_CODE
        ):
            return int(digits[:size])
    return None


def regions_of(code: int) -> tuple[str, ...]:
    """The regions (ISO 3166-1 alpha-2 codes, or ``001`` for non-geographic) sharing a calling code."""
    regions: tuple[str, ...] = tuple(phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(code, ()))
    return regions


def region_of(e164_digits: str) -> str | None:
    """The region a number is in: the one whose numbering plan it fits, else its calling code's main one.

    ``447797712345`` is Jersey's (JE), a number no range of +44 holds is Great Britain's, the calling
    code's main region; ``None`` when the digits start with no calling code at all.
    """
    code = calling_code(e164_digits)
    if code is None:
        return None
    regions = regions_of(code)
    if len(regions) > 1:
        try:
            number = phonenumbers.parse("+" + e164_digits.removeprefix("+"))
        except phonenumbers.NumberParseException:
            number = None
        found: str | None = None if number is None else phonenumbers.region_code_for_number(number)
        if found:
            return found
    main: str = phonenumbers.region_code_for_country_code(code)
    return main


def calling_code_of_region(region: str) -> int | None:
    """The calling code of a region phonenumbers knows (``GB``: 44), else ``None``."""
    if region not in phonenumbers.SUPPORTED_REGIONS:
        return None
    code: int = phonenumbers.country_code_for_region(region)
    return code


# A run of 7 to 15 digits standing alone, optionally with single spaces, after a '+', its
# URL-encoded '%2B' or an encoded space: a phone number wherever a request can carry one (a body,
# a path, a query string, a header, an error message). Dates (2026-12-03) and decimals are not.
_NUMBER_IN_TEXT = re.compile(r"(?:%2[Bb]|%20|(?<![\w+%])(?<!\d\.)\+?)\d(?: ?\d){6,14}(?!\w|\.\d)")


def masked_number(value: object) -> str:
    """``+44…23`` of ``447700900123`` (or ``%2B447700900123``), ``0…23`` of a national number.

    What is kept of a phone number wherever one is recorded: its country and last two digits.
    """
    text = str(value).strip()
    if text[:3] in ("%2B", "%2b"):
        text = "+" + text[3:]
    elif text[:3] == "%20":
        text = text[3:]
    digits = re.sub(r"[^0-9]", "", text)
    if len(digits) < 3:
        return "…" + digits[-2:] if digits else text
    tail = digits[-2:]
    if text.startswith("00"):
        digits, text = digits[2:], "+" + digits[2:]
    if digits.startswith("0") and not text.startswith("+"):
        return f"0…{tail}"
    code = calling_code(digits)
    return f"+{code}…{tail}" if code is not None else f"…{tail}"


def mask_numbers(text: str) -> str:
    """``text`` with every phone number in it, in any written form, masked (:func:`masked_number`)."""
    return _NUMBER_IN_TEXT.sub(lambda found: masked_number(found.group()), text)
