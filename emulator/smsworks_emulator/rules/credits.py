"""Amounts of credit: kept in thousandths, so that sums and refunds are exact."""

from __future__ import annotations

MAX_CREDITS = 1e12
"""The largest balance or amount the emulator takes; beyond it SQLite's integers end."""


def credits(milli: int) -> float:
    """Thousandths of a credit as the API shows credits."""
    return milli / 1000


def to_milli(value: float) -> int:
    return round(value * 1000)
