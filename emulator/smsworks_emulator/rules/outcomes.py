"""What happens to a sent message: the magic destinations and the plan of status changes.

Ofcom reserves 07700 900000-900999 (``447700900xxx``) for drama, so no real phone is ever
texted by a test that uses them. Each of the numbers below forces one outcome; every other number
(in the range or not) is delivered after the configured delay.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from smsworks_emulator.rules.numbers import is_possible
from smsworks_emulator.rules.statuses import MessageStatus

MAGIC_PREFIX = "447700900"
MINUTE_MS = 60_000


@dataclass(frozen=True)
class Failure:
    """``failurereason`` as the service reports it."""

    code: int
    details: str
    permanent: bool


@dataclass(frozen=True)
class Transition:
    """A status change due at ``due_ms``."""

    due_ms: int
    status: MessageStatus
    failure: Failure | None = None
    refund: bool = False


@dataclass(frozen=True)
class Plan:
    """The status a message starts in, whether it is charged, and its future changes."""

    initial_status: MessageStatus
    initial_failure: Failure | None
    charged: bool
    transitions: tuple[Transition, ...]


UNDELIVERABLE = Failure(1, "Unknown subscriber", permanent=True)
REJECTED = Failure(13, "Barred by the network", permanent=True)
EXPIRED = Failure(6, "Validity period expired", permanent=True)
NOT_A_NUMBER = Failure(1, "Not a possible phone number for its country", permanent=True)
ABSENT = Failure(27, "Absent subscriber", permanent=False)
SLOW_FACTOR = 10


def magic_suffix(destination: str) -> str | None:
    """The three digits after ``447700900`` for a number in Ofcom's drama range."""
    if len(destination) == len(MAGIC_PREFIX) + 3 and destination.startswith(MAGIC_PREFIX):
        return destination[len(MAGIC_PREFIX) :]
    return None


class Fate(NamedTuple):
    """What a destination decides of a message's life, read once when the message is prepared.

    Its magic suffix (``None`` for an ordinary number) and whether the number is possible for its
    country: together, the whole of what :func:`plan_for` needs of the destination. (A tuple: it
    is a key of the plans' caches, hashed in C.) Made by :func:`fate_of` only.
    """

    suffix: str | None
    possible: bool
    rejected: bool
    """REJECTED on arrival, and so never charged."""


def _fate(suffix: str | None, possible: bool) -> Fate:
    return Fate(suffix, possible, not possible or suffix == "002")


_ORDINARY = _fate(None, True)
_IMPOSSIBLE = _fate(None, False)


@lru_cache(maxsize=65536)
def fate_of(destination: str) -> Fate:
    """The fate of a message to ``destination`` (stored form), the one place it is decided.

    Kept per number (as the stored form is): senders repeat numbers, and a batch asks per number.
    """
    if not is_possible(destination):
        return _IMPOSSIBLE
    suffix = magic_suffix(destination)
    return _ORDINARY if suffix is None else _magic_fate(suffix)


@lru_cache(maxsize=1024)
def _magic_fate(suffix: str) -> Fate:
    return _fate(suffix, True)


def rejected_at_once(destination: str) -> bool:
    """Whether a message to ``destination`` is REJECTED on arrival (and so never charged)."""
    return fate_of(destination).rejected


@lru_cache(maxsize=1024)
def plan_for(fate: Fate, validity_minutes: int, delay_ms: int) -> Plan:
    """The life of a message of ``fate``, its transitions' due times counted from when it is sent.

    A handful of (fate, validity, delay) combinations cover nearly every message, so each plan is
    made once and shared. Whatever the number, a message not final when ``validity`` runs out
    ends EXPIRED (refunded).
    """
    expires_ms = validity_minutes * MINUTE_MS
    suffix = fate.suffix
    if not fate.possible:
        return Plan(MessageStatus.REJECTED, NOT_A_NUMBER, charged=False, transitions=())
    if suffix == "002":
        return Plan(MessageStatus.REJECTED, REJECTED, charged=False, transitions=())
    steps: list[Transition]
    if suffix == "001":
        steps = [Transition(delay_ms, MessageStatus.UNDELIVERABLE, UNDELIVERABLE, refund=True)]
    elif suffix == "003":
        steps = []
    elif suffix == "004":
        steps = [
            Transition(delay_ms, MessageStatus.SENT, ABSENT),
            Transition(2 * delay_ms, MessageStatus.DELIVERED),
        ]
    elif suffix == "005":
        steps = [Transition(SLOW_FACTOR * delay_ms, MessageStatus.DELIVERED)]
    else:
        steps = [Transition(delay_ms, MessageStatus.DELIVERED)]
    kept = tuple(step for step in steps if step.due_ms < expires_ms)
    if len(kept) < len(steps) or suffix == "003":
        kept = (*kept, Transition(expires_ms, MessageStatus.EXPIRED, EXPIRED, refund=True))
    return Plan(MessageStatus.SENT, None, charged=True, transitions=kept)


def plan_delivery(destination: str, sent_ms: int, validity_minutes: int, delay_ms: int) -> Plan:
    """The life of a message sent to ``destination`` at ``sent_ms`` (due times absolute)."""
    plan = plan_for(fate_of(destination), validity_minutes, delay_ms)
    return replace(
        plan,
        transitions=tuple(replace(step, due_ms=sent_ms + step.due_ms) for step in plan.transitions),
    )
