"""How many SMS parts, and how many credits, a message costs: ``smsworks.segments.estimate``.

The emulator charges by this module (it imports it from here), so an estimate is what the emulator
charges; the live service's figures are the ones its pricing page states.

The rules are 3GPP's: TS 23.038 for the alphabets and TS 23.040 for concatenation.

* Text made only of characters of the GSM 03.38 default alphabet (and its extension table)
  travels as GSM-7: 160 septets in a single part. Extension characters (``^ { } \\ [ ~ ] | €``
  and form feed) are sent as an escape septet plus the character, so they count twice.
* Any other character sends the whole message as UCS-2 (in practice UTF-16): 70 code units in a
  single part. Characters outside the Basic Multilingual Plane, such as most emoji, take two.
* Binary (8-bit) content carries 140 octets in a single part.

A longer message is split into concatenated parts, each starting with a 6-octet user data header
(UDH) that tells the handset how to reassemble them. The header eats into the 140-octet payload,
which leaves 153 septets, 67 UCS-2 code units or 134 octets per part. Neither an escape pair nor a
UTF-16 surrogate pair may straddle two parts, so parts are counted by packing characters greedily:
a two-unit character that does not fit in the current part starts the next one.

The 70-versus-67 question: The SMS Works' pricing page says "1 credit per 70 characters" for
Unicode messages, which is only true of a single-part message; by 3GPP a 71-character message
needs two parts of at most 67. :attr:`Segmentation.parts` follows 3GPP (what the network
carries, and what the emulator charges); :attr:`Segmentation.parts_at_70` shows the figure the
vendor's page would give, so that the difference stays visible instead of being guessed away.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from smsworks._spec_limits import MAX_CONTENT_CHARACTERS as MAX_CONTENT_CHARACTERS

Encoding = Literal["GSM-7", "UCS-2", "8-bit"]

UK_COUNTRY_CODE = "44"
NON_UK_MULTIPLIER = 2.0
"""Credits per part outside the UK, by default (UK: 1)."""

GSM7_SINGLE_PART = 160
GSM7_CONCATENATED_PART = 153
UCS2_SINGLE_PART = 70
UCS2_CONCATENATED_PART = 67
OCTETS_SINGLE_PART = 140
OCTETS_CONCATENATED_PART = 134

# TS 23.038 section 6.2.1, in code order 0x00-0x7F. 0x1B is the escape to the extension table,
# not a character, so it is left out.
GSM7_BASIC_CHARACTERS = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ"
    " !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# TS 23.038 section 6.2.1.1: each costs the escape septet plus its own.
GSM7_EXTENSION_CHARACTERS = frozenset("\f^{}\\[~]|€")

# The same sets as regular expressions: a message is checked and counted at C speed.
_GSM7_TEXT = re.compile(
    "[" + "".join(map(re.escape, sorted(GSM7_BASIC_CHARACTERS | GSM7_EXTENSION_CHARACTERS))) + "]*"
)
_GSM7_EXTENSION = re.compile("[" + "".join(map(re.escape, sorted(GSM7_EXTENSION_CHARACTERS))) + "]")

_HEX_OCTETS = re.compile(r"[0-9A-Fa-f]{2}(?: *[0-9A-Fa-f]{2})*")


class ContentError(ValueError):
    """The content cannot be sent; the message names the field (``content: ...``)."""


@dataclass(frozen=True)
class Segmentation:
    """What a message's content costs on the wire."""

    encoding: Encoding
    characters: int
    """``len(content)`` in code points (hex digits for binary): what the 1280 cap applies to."""
    units: int
    """GSM: septets (extension characters count 2); UCS-2: UTF-16 code units; 8-bit: octets."""
    parts: int
    """Number of SMS parts on the wire, by 3GPP TS 23.040."""
    units_per_part: int
    """Capacity of each part at this part count (160 or 153; 70 or 67; 140 or 134)."""
    units_remaining: int
    """Units left in the last part before another part is needed."""
    parts_at_70: int
    """UCS-2 only: parts if every part held 70, as the vendor's page counts; else ``parts``."""


def is_gsm7(content: str) -> bool:
    """Whether every character of ``content`` is in the GSM 03.38 alphabet or its extension."""
    return _GSM7_TEXT.fullmatch(content) is not None


def segment_text(content: str) -> Segmentation:
    """Segment text content: GSM-7 when every character allows it, otherwise UCS-2."""
    if not isinstance(content, str):
        raise ContentError(f"content: must be text, not {type(content).__name__}")
    if not content:
        raise ContentError("content: is required and must not be empty")
    if len(content) > MAX_CONTENT_CHARACTERS:
        raise ContentError(
            f"content: is {len(content)} characters; at most {MAX_CONTENT_CHARACTERS} are allowed"
        )
    if is_gsm7(content):
        septets = len(content) + len(_GSM7_EXTENSION.findall(content))
        if septets <= GSM7_SINGLE_PART:
            return _single_part("GSM-7", len(content), septets, GSM7_SINGLE_PART)
        widths = [2 if character in GSM7_EXTENSION_CHARACTERS else 1 for character in content]
        return _pack("GSM-7", len(content), widths, GSM7_SINGLE_PART, GSM7_CONCATENATED_PART)
    widths = [_utf16_units(character, position) for position, character in enumerate(content)]
    return _pack("UCS-2", len(content), widths, UCS2_SINGLE_PART, UCS2_CONCATENATED_PART)


def segment_binary(hex_content: str) -> Segmentation:
    """Segment binary content given as hex digits, optionally with spaces between octets."""
    if not isinstance(hex_content, str):
        raise ContentError(f"content: must be hex text, not {type(hex_content).__name__}")
    stripped = hex_content.strip(" ")
    if not stripped:
        raise ContentError("content: is required and must not be empty")
    digits = stripped.replace(" ", "")
    if len(digits) > MAX_CONTENT_CHARACTERS:
        raise ContentError(
            f"content: is {len(digits)} hex digits; at most {MAX_CONTENT_CHARACTERS} are allowed"
        )
    if not _HEX_OCTETS.fullmatch(stripped):
        raise ContentError(f"content: {_describe_hex_problem(stripped)}")
    octets = len(digits) // 2
    # Octets never pair up, so packing is plain division.
    return _pack("8-bit", len(digits), [1] * octets, OCTETS_SINGLE_PART, OCTETS_CONCATENATED_PART)


def is_uk(e164_digits: str) -> bool:
    """Whether an E.164 number (digits, ``+`` tolerated) has the UK's country code 44."""
    return e164_digits.removeprefix("+").startswith(UK_COUNTRY_CODE)


def credits_for(
    segmentation: Segmentation, destination: str, *, non_uk_multiplier: float = NON_UK_MULTIPLIER
) -> float:
    """Credits charged for sending ``segmentation`` to ``destination`` (E.164 digits).

    One credit per part to UK numbers (country code 44); ``non_uk_multiplier`` per part elsewhere.
    """
    if not math.isfinite(non_uk_multiplier) or non_uk_multiplier < 0:
        raise ValueError(
            f"non_uk_multiplier: must be a finite number >= 0, not {non_uk_multiplier!r}"
        )
    if is_uk(destination):
        return float(segmentation.parts)
    return segmentation.parts * non_uk_multiplier


def _pack(
    encoding: Encoding,
    characters: int,
    widths: list[int],
    single_part: int,
    concatenated_part: int,
) -> Segmentation:
    units = sum(widths)
    parts_at_70 = math.ceil(units / UCS2_SINGLE_PART)
    if units <= single_part:
        return _single_part(encoding, characters, units, single_part)
    parts = 1
    used_in_last_part = 0
    for width in widths:
        # A two-unit character (escape pair, surrogate pair) is never split across parts.
        if used_in_last_part + width > concatenated_part:
            parts += 1
            used_in_last_part = 0
        used_in_last_part += width
    return Segmentation(
        encoding=encoding,
        characters=characters,
        units=units,
        parts=parts,
        units_per_part=concatenated_part,
        units_remaining=concatenated_part - used_in_last_part,
        parts_at_70=parts_at_70 if encoding == "UCS-2" else parts,
    )


def _single_part(encoding: Encoding, characters: int, units: int, capacity: int) -> Segmentation:
    return Segmentation(
        encoding=encoding,
        characters=characters,
        units=units,
        parts=1,
        units_per_part=capacity,
        units_remaining=capacity - units,
        parts_at_70=1,
    )


def _utf16_units(character: str, position: int) -> int:
    code_point = ord(character)
    if 0xD800 <= code_point <= 0xDFFF:
        # A lone surrogate (possible from JSON "\ud83d") has no UTF-16 encoding to send.
        raise ContentError(
            f"content: character {position} is an unpaired UTF-16 surrogate (U+{code_point:04X})"
        )
    return 2 if code_point > 0xFFFF else 1


def _describe_hex_problem(stripped: str) -> str:
    for position, character in enumerate(stripped):
        if character != " " and character not in "0123456789abcdefABCDEF":
            return f"{character!r} at position {position} is not a hex digit"
    digits = stripped.replace(" ", "")
    if len(digits) % 2:
        return f"has {len(digits)} hex digits; binary content needs an even number (whole octets)"
    return "spaces are allowed only between octets (pairs of hex digits)"


@dataclass(frozen=True)
class Estimate:
    """What sending a message will cost: :func:`estimate`'s answer."""

    encoding: Encoding
    parts: int
    """SMS parts on the wire (3GPP: 160/153 GSM-7, 70/67 UCS-2, 140/134 octets)."""
    characters: int
    """Characters of content (hex digits for binary), as the 1280 cap counts them."""
    credits: float
    """Credits the message costs: one per part in the UK, ``non_uk_multiplier`` per part elsewhere."""
    segmentation: Segmentation
    """The detail: units, units per part, units left in the last part, parts at 70 for UCS-2."""


def estimate(
    content: str,
    destination: str | None = None,
    *,
    binary: bool = False,
    non_uk_multiplier: float = NON_UK_MULTIPLIER,
) -> Estimate:
    """The encoding, parts, characters and credits of sending ``content`` to ``destination``.

    ``destination`` as E.164 digits (``447700900123``, ``+447700900123``) or a UK national number
    (``07700900123``); ``None`` prices a UK destination. ``binary=True`` reads ``content`` as hex octets,
    as ``send_binary_message`` sends it. Raises :class:`ContentError` (a ``ValueError``) naming
    ``content`` when it cannot be sent, and ``ValueError`` naming ``destination``.
    """
    segmentation = segment_binary(content) if binary else segment_text(content)
    number = UK_COUNTRY_CODE if destination is None else _international_digits(destination)
    return Estimate(
        encoding=segmentation.encoding,
        parts=segmentation.parts,
        characters=segmentation.characters,
        credits=credits_for(segmentation, number, non_uk_multiplier=non_uk_multiplier),
        segmentation=segmentation,
    )


def _international_digits(destination: str) -> str:
    text = destination.strip()
    digits = re.sub(r"[ ().\-]", "", text)
    if not re.fullmatch(r"\+?[0-9]+", digits):
        raise ValueError(f"destination: {destination!r} is not a phone number")
    if digits.startswith("+"):
        return digits[1:]
    if digits.startswith("00"):
        return digits[2:]
    if digits.startswith("0"):
        return UK_COUNTRY_CODE + digits[1:]
    return digits
