"""Destination numbers and sender ids, as the service accepts them.

Destinations are stored and compared as E.164 digits without the ``+`` (``447777777777``), the
form the service returns, so that ``07777 777777`` and ``+44 7777 777777`` are the same number.
"""

from __future__ import annotations

import re

import phonenumbers

from smsworks.segments import UK_COUNTRY_CODE
from smsworks.segments import is_uk as is_uk  # the UK test, with the credit rule that uses it

MAX_ALPHANUMERIC_SENDER = 11
MAX_NUMERIC_SENDER = 15

# What people write around the digits of a phone number. Anything else (letters above all:
# phonenumbers would read "FLOWERS" as keypad digits) is refused rather than guessed at.
_PHONE_NUMBER_TEXT = re.compile(r"\+?[0-9 ().\-]+")
_ALPHANUMERIC_SENDER = re.compile(r"[A-Za-z0-9]+")
_NUMERIC_SENDER = re.compile(r"\+?[0-9]+")


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
    try:
        number = phonenumbers.parse(international)
    except phonenumbers.NumberParseException as error:
        raise NumberError(f"{field}: {raw!r} is not a phone number ({error})") from error
    if not _is_possible(number):
        raise NumberError(
            f"{field}: {raw!r} is not a possible phone number (wrong length for its country)"
        )
    e164 = _e164(number)
    # phonenumbers reads some degenerate inputs (runs of zeros after the country code) one way
    # and its own E.164 output another; a stored number must read back as itself.
    try:
        reread = phonenumbers.parse(e164)
    except phonenumbers.NumberParseException:
        reread = None
    if reread is None or _e164(reread) != e164 or not _is_possible(reread):
        raise NumberError(f"{field}: {raw!r} is not a possible phone number")
    return e164.removeprefix("+")


def _e164(number: phonenumbers.PhoneNumber) -> str:
    formatted: str = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return formatted


def _is_possible(number: phonenumbers.PhoneNumber) -> bool:
    # IS_POSSIBLE only: a number dialable just inside its local area cannot receive an SMS.
    reason = phonenumbers.is_possible_number_with_reason(number)
    return bool(reason == phonenumbers.ValidationResult.IS_POSSIBLE)


def validate_sender(raw: str) -> str:
    """Return the sender id to use, or raise :class:`NumberError` naming ``sender``.

    Either alphanumeric, at most 11 ASCII letters and digits with at least one letter (what a
    handset shows as the sender's name), or numeric, at most 15 digits with an optional leading
    ``+`` that is dropped.
    """
    if not isinstance(raw, str):
        raise NumberError(f"sender: must be text, not {type(raw).__name__}")
    if not raw:
        raise NumberError("sender: is required")
    if _NUMERIC_SENDER.fullmatch(raw):
        digits = raw.removeprefix("+")
        if len(digits) > MAX_NUMERIC_SENDER:
            raise NumberError(
                f"sender: {raw!r} has {len(digits)} digits; a numeric sender has at most "
                f"{MAX_NUMERIC_SENDER}"
            )
        return digits
    if not _ALPHANUMERIC_SENDER.fullmatch(raw):
        raise NumberError(
            f"sender: {raw!r} may contain only letters A-Z, a-z and digits "
            "(no spaces or special characters)"
        )
    if len(raw) > MAX_ALPHANUMERIC_SENDER:
        raise NumberError(
            f"sender: {raw!r} is {len(raw)} characters; an alphanumeric sender has at most "
            f"{MAX_ALPHANUMERIC_SENDER}"
        )
    return raw
