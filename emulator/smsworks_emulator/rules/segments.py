"""How many SMS parts, and how many credits, a message costs: the client's ``smsworks.segments``.

The rule lives once, in the client, so that ``smsworks.segments.estimate`` tells a user exactly
what the emulator charges; the emulator's layers import it through this module.
"""

from smsworks.segments import (
    GSM7_BASIC_CHARACTERS,
    GSM7_CONCATENATED_PART,
    GSM7_EXTENSION_CHARACTERS,
    GSM7_SINGLE_PART,
    MAX_CONTENT_CHARACTERS,
    NON_UK_MULTIPLIER,
    OCTETS_CONCATENATED_PART,
    OCTETS_SINGLE_PART,
    UCS2_CONCATENATED_PART,
    UCS2_SINGLE_PART,
    UK_COUNTRY_CODE,
    ContentError,
    Encoding,
    Segmentation,
    credits_for,
    is_gsm7,
    is_uk,
    segment_binary,
    segment_text,
)

__all__ = [
    "GSM7_BASIC_CHARACTERS",
    "GSM7_CONCATENATED_PART",
    "GSM7_EXTENSION_CHARACTERS",
    "GSM7_SINGLE_PART",
    "MAX_CONTENT_CHARACTERS",
    "NON_UK_MULTIPLIER",
    "OCTETS_CONCATENATED_PART",
    "OCTETS_SINGLE_PART",
    "UCS2_CONCATENATED_PART",
    "UCS2_SINGLE_PART",
    "UK_COUNTRY_CODE",
    "ContentError",
    "Encoding",
    "Segmentation",
    "credits_for",
    "is_gsm7",
    "is_uk",
    "segment_binary",
    "segment_text",
]
