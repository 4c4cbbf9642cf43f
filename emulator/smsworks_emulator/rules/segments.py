"""How many SMS parts, and how many credits, a message costs: the client's ``smsworks.segments``.

The rule lives once, in the client, so that ``smsworks.segments.estimate`` tells a user exactly
what the emulator charges. This module is the emulator's one door to it: the other layers (and
the other rules) import these names from here, never the client.
"""

from smsworks.segments import (
    NON_UK_MULTIPLIER,
    UK_COUNTRY_CODE,
    ContentError,
    Segmentation,
    credits_for,
    is_uk,
    segment_binary,
    segment_text,
)

__all__ = [
    "NON_UK_MULTIPLIER",
    "UK_COUNTRY_CODE",
    "ContentError",
    "Segmentation",
    "credits_for",
    "is_uk",
    "segment_binary",
    "segment_text",
]
