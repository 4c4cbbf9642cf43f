"""What a message should cost and what its final status should leave charged: the suite's oracle.

Written from the standards and the service's published rules, not from any implementation: it
imports nothing from ``smsworks_emulator`` or the client, so a change to the code under test
cannot quietly change what the tests expect (``test_pricing.py`` checks both the imports and
hand-computed prices).

* 3GPP TS 23.038 section 6.2.1: the GSM 7-bit default alphabet, and its extension table whose
  characters are sent as ESC (0x1B) plus one septet, so they count two.
* 3GPP TS 23.040 section 9.2.3.24.1: a concatenated part carries a 6-octet user data header,
  leaving 153 septets (GSM-7) or 67 UCS-2 code units of the 140 octets, against 160 or 70 for a
  message that fits in one part. A two-unit character (escape pair, UTF-16 surrogate pair) is
  never cut in two, so it starts the next part when it does not fit.
* The SMS Works: content of at most 1280 characters; one credit per part to UK (+44) numbers,
  twice that elsewhere by default. Its pricing page says "1 credit per 70 characters" for
  Unicode: :class:`Reading` keeps both figures, and the suite reports which one a target follows.
* The service's refund rule: EXPIRED and UNDELIVERABLE messages to UK numbers are refunded,
  REJECTED is never charged, anything else keeps its price.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

MAX_CHARACTERS = 1280
NON_UK_MULTIPLIER = 2.0
UK_COUNTRY_CODE = "44"

GSM_SINGLE_PART_SEPTETS = 160
GSM_CONCATENATED_PART_SEPTETS = 153
UCS2_SINGLE_PART_UNITS = 70
UCS2_CONCATENATED_PART_UNITS = 67

# TS 23.038 6.2.1, the default alphabet in code order, one row per high nibble (0x00, 0x10, ...).
# 0x1B is ESC, the switch to the extension table and not a character: left out of its row.
GSM_BASIC_ROWS = (
    "@£$¥èéùìòÇ\nØø\rÅå",  # 0x00-0x0F
    "Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ",  # 0x10-0x1F without 0x1B
    " !\"#¤%&'()*+,-./",  # 0x20-0x2F
    "0123456789:;<=>?",  # 0x30-0x3F
    "¡ABCDEFGHIJKLMNO",  # 0x40-0x4F
    "PQRSTUVWXYZÄÖÑÜ§",  # 0x50-0x5F
    "¿abcdefghijklmno",  # 0x60-0x6F
    "pqrstuvwxyzäöñüà",  # 0x70-0x7F
)
GSM_BASIC = frozenset("".join(GSM_BASIC_ROWS))

# TS 23.038 6.2.1.1, the extension table: code after ESC -> character.
GSM_EXTENSION_TABLE = {
    0x0A: "\f",
    0x14: "^",
    0x28: "{",
    0x29: "}",
    0x2F: "\\",
    0x3C: "[",
    0x3D: "~",
    0x3E: "]",
    0x40: "|",
    0x65: "€",
}
GSM_EXTENSION = frozenset(GSM_EXTENSION_TABLE.values())

Encoding = Literal["GSM-7", "UCS-2"]
FINAL_STATUSES = frozenset({"DELIVERED", "EXPIRED", "UNDELIVERABLE", "REJECTED"})


class Reading(enum.Enum):
    """How concatenated UCS-2 is counted. GSM-7 is 160/153 under both."""

    THREE_GPP = "3GPP TS 23.040: 70 UTF-16 units in one part, 67 per concatenated part"
    VENDOR_PAGE = "vendor pricing page: 1 credit per 70 characters (UTF-16 units) in every part"


class TooLong(ValueError):
    """Content over the service's 1280-character cap: it must be refused, not priced."""


@dataclass(frozen=True)
class Price:
    encoding: Encoding
    units: int
    """Septets (extension characters two) or UTF-16 code units."""
    parts: int
    credits: float


def is_uk(destination: str) -> bool:
    """Whether E.164 ``destination`` (``447...``, ``+447...`` or ``00447...``) is a UK number."""
    digits = destination.strip().removeprefix("+").removeprefix("00")
    return digits.startswith(UK_COUNTRY_CODE)


def encoding_of(content: str) -> Encoding:
    allowed = GSM_BASIC | GSM_EXTENSION
    return "GSM-7" if all(character in allowed for character in content) else "UCS-2"


def unit_widths(content: str) -> list[int]:
    """Units each character takes in the encoding the whole message travels in."""
    if encoding_of(content) == "GSM-7":
        return [2 if character in GSM_EXTENSION else 1 for character in content]
    return [len(character.encode("utf-16-le")) // 2 for character in content]


def split_parts(widths: Iterable[int], part_size: int) -> list[int]:
    """Units in each part when filled in order, no character cut across two parts."""
    parts: list[int] = []
    for width in widths:
        if not parts or parts[-1] + width > part_size:
            parts.append(0)
        parts[-1] += width
    return parts


def count_parts(content: str, reading: Reading = Reading.THREE_GPP) -> int:
    if not content:
        raise ValueError("content: empty content is not a message")
    if len(content) > MAX_CHARACTERS:
        raise TooLong(f"content: {len(content)} characters, over the {MAX_CHARACTERS} cap")
    widths = unit_widths(content)
    if encoding_of(content) == "GSM-7":
        single, concatenated = GSM_SINGLE_PART_SEPTETS, GSM_CONCATENATED_PART_SEPTETS
    elif reading is Reading.THREE_GPP:
        single, concatenated = UCS2_SINGLE_PART_UNITS, UCS2_CONCATENATED_PART_UNITS
    else:
        single = concatenated = UCS2_SINGLE_PART_UNITS
    if sum(widths) <= single:
        return 1
    return len(split_parts(widths, concatenated))


def price(
    content: str,
    destination: str,
    *,
    reading: Reading = Reading.THREE_GPP,
    non_uk_multiplier: float = NON_UK_MULTIPLIER,
) -> Price:
    """Parts and credits of ``content`` sent to ``destination``."""
    parts = count_parts(content, reading)
    per_part = 1.0 if is_uk(destination) else non_uk_multiplier
    return Price(
        encoding=encoding_of(content),
        units=sum(unit_widths(content)),
        parts=parts,
        credits=parts * per_part,
    )


UK_COUNTRIES = frozenset({"GB", "GG", "IM", "JE"})
"""docs/emulator.md: Great Britain and the Crown dependencies, whose numbers are UK (+44) numbers."""


def price_per_part(country: str, *, non_uk_multiplier: float = NON_UK_MULTIPLIER) -> float:
    """What one part to ``country`` (an ISO 3166-1 code) costs, as ``GET /credits/{countrycode}``
    quotes it: one credit in the UK, ``non_uk_multiplier`` anywhere else (the emulator's default
    table, docs/emulator.md)."""
    return 1.0 if country in UK_COUNTRIES else non_uk_multiplier


def readings_differ(content: str) -> bool:
    """Whether the 67 and the 70 readings give ``content`` a different number of parts."""
    return count_parts(content, Reading.THREE_GPP) != count_parts(content, Reading.VENDOR_PAGE)


def charge_after_final_status(status: str, destination: str, price_credits: float) -> float:
    """What a message should have cost once its status is final (the service's refund rule)."""
    if status not in FINAL_STATUSES:
        raise ValueError(f"status: {status!r} is not final ({', '.join(sorted(FINAL_STATUSES))})")
    if status == "REJECTED":
        return 0.0
    if status in ("EXPIRED", "UNDELIVERABLE") and is_uk(destination):
        return 0.0
    return price_credits


# What each forced-outcome number of the emulator must end as: stated here, from the docs, and
# compared with the emulator's list of magic numbers so that a new one cannot go unchecked.
FORCED_FINAL_STATUS = {
    "001": "UNDELIVERABLE",
    "002": "REJECTED",
    "003": "EXPIRED",
    "004": "DELIVERED",
    "005": "DELIVERED",
}
TEMPORARY_FAILURE_FIRST = frozenset({"004"})
"""Numbers that stay SENT with ``failurereason.permanent = false`` before their final status."""
