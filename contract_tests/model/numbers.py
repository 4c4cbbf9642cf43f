"""When two texts are one phone number, by the model's own rule (docs/emulator.md, the spec).

A number may be written ``+447712345678``, ``447712345678``, ``07712345678`` (a UK national
number) or ``00447712345678``; each is the same number. The model is sure of that only for the
mobile numbers it sends to (UK ``447`` and French ``336`` ranges, every length right), so any
other text compares as written: a short digit string is not claimed to be a number.
"""

from __future__ import annotations

import re

UK = "44"
_SURE = re.compile(r"(?:447[0-9]{9}|336[0-9]{8})")
"""International digits the model knows to be possible numbers."""


def international(text: str) -> str | None:
    """The international digits of ``text`` when it is a number the model is sure of, else None."""
    text = text.strip()
    if text.startswith("+"):
        digits = text[1:]
    elif text.startswith("00"):
        digits = text[2:]
    elif text.startswith("0"):
        digits = UK + text[1:]
    else:
        digits = text
    return digits if _SURE.fullmatch(digits) else None


def same_number(first: str, second: str) -> bool:
    """Whether ``first`` and ``second`` are one number the model is sure of."""
    one = international(first)
    return one is not None and one == international(second)


def written_forms(number: str) -> tuple[str, ...]:
    """Every way a request may write ``number`` (international digits): ``+``, bare, ``00``, ``0``."""
    forms = ["+" + number, number, "00" + number]
    if number.startswith(UK):
        forms.append("0" + number.removeprefix(UK))
    return tuple(forms)
