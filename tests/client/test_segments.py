"""``smsworks.segments.estimate``: what a message will cost, by the rule the emulator charges by."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import smsworks
from smsworks.segments import ContentError, estimate
from smsworks_emulator.testing import ServedEmulator, served


@pytest.fixture(scope="module")
def emulator() -> Iterator[ServedEmulator]:
    with served() as handle:
        yield handle


@pytest.mark.parametrize(
    ("content", "encoding", "parts", "characters"),
    [
        ("a" * 160, "GSM-7", 1, 160),
        ("a" * 161, "GSM-7", 2, 161),
        ("a" * 306, "GSM-7", 2, 306),
        ("a" * 307, "GSM-7", 3, 307),
        ("€" * 80, "GSM-7", 1, 80),  # an extension character counts twice
        ("€" * 81, "GSM-7", 2, 81),
        ("ł" * 70, "UCS-2", 1, 70),
        ("ł" * 71, "UCS-2", 2, 71),  # 67 per concatenated part, not the pricing page's 70
        ("ł" * 134, "UCS-2", 2, 134),
        ("ł" * 135, "UCS-2", 3, 135),
    ],
)
def test_parts_by_3gpp(content: str, encoding: str, parts: int, characters: int) -> None:
    found = estimate(content)
    assert (found.encoding, found.parts, found.characters, found.credits) == (
        encoding,
        parts,
        characters,
        float(parts),
    )


def test_the_pricing_pages_70_stays_visible() -> None:
    assert estimate("ł" * 71).segmentation.parts_at_70 == 2
    assert estimate("ł" * 135).segmentation.parts_at_70 == 2


@pytest.mark.parametrize(
    ("destination", "credits"),
    [(None, 2.0), ("447700900123", 2.0), ("+44 7700 900123", 2.0), ("07700900123", 2.0),
     ("12125550100", 4.0), ("+33612345678", 4.0), ("0033612345678", 4.0)],
)  # fmt: skip
def test_credits_double_outside_the_uk(destination: str | None, credits: float) -> None:
    assert estimate("a" * 200, destination).credits == credits


def test_binary_content_counts_octets() -> None:
    assert (estimate("0a " * 140, binary=True).parts, estimate("0a" * 141, binary=True).parts) == (
        1,
        2,
    )


def test_bad_input_names_the_field() -> None:
    with pytest.raises(ContentError, match="content: "):
        estimate("")
    with pytest.raises(ContentError, match="content: is 1281 characters"):
        estimate("a" * 1281)
    with pytest.raises(ValueError, match="destination: "):
        estimate("hi", "call me")


@pytest.mark.parametrize(
    ("content", "destination", "credits", "parts"),
    [("hello", "447777777777", 1.0, 1),
     ("a" * 400, "447777777777", 3.0, 3),  # 153 + 153 + 94
     ("ünïcødé ✓" * 9, "447777777777", 2.0, 2),  # 81 UCS-2 units: 67 + 14
     ("€[]" * 60, "12125550100", 6.0, 3)],  # 360 septets, pairs unsplit: 76 per part; twice abroad
)  # fmt: skip
def test_the_estimate_is_what_the_emulator_charges(
    emulator: ServedEmulator, content: str, destination: str, credits: float, parts: int
) -> None:
    # The emulator charges by this module, so the expected figures are worked out by hand: a rule
    # broken in segments.py would otherwise move the estimate and the charge together.
    client = smsworks.SMSWorks(emulator.token("cost"), base_url=emulator.base_url)
    with client:
        sent = client.send_message(sender="Acme", destination=destination, content=content)
    guess = estimate(content, destination)
    assert (sent.credits_used, sent.messageparts) == (credits, parts)
    assert (guess.credits, guess.parts) == (credits, parts)
