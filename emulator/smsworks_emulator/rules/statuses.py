"""The states things go through, named once for the store and the service alike."""

from __future__ import annotations

from enum import StrEnum


class MessageStatus(StrEnum):
    """A message's ``status``, as the service reports it."""

    SENT = "SENT"
    DELIVERED = "DELIVERED"
    EXPIRED = "EXPIRED"
    UNDELIVERABLE = "UNDELIVERABLE"
    REJECTED = "REJECTED"
    INCOMING = "INCOMING"


FINAL_STATUSES = frozenset(
    str(status)
    for status in (
        MessageStatus.DELIVERED,
        MessageStatus.EXPIRED,
        MessageStatus.UNDELIVERABLE,
        MessageStatus.REJECTED,
    )
)
"""A message in one of these never changes again (as plain text: what a stored row holds)."""
FAILED_STATUSES = (MessageStatus.EXPIRED, MessageStatus.UNDELIVERABLE, MessageStatus.REJECTED)
"""What ``/messages/failed`` lists."""


class ScheduleStatus(StrEnum):
    SCHEDULED = "SCHEDULED"
    PROCESSED = "PROCESSED"
    CANCELLED = "CANCELLED"


class OtpStatus(StrEnum):
    PENDING = "PENDING"
    VERIFIED = "VERIFIED"
    EXPIRED = "EXPIRED"
    LOCKED = "LOCKED"


class EventKind(StrEnum):
    """What a row of due work does when its time comes."""

    TRANSITION = "transition"
    """A message's status changes (delivered, failed, expired)."""
    REPORT = "report"
    """The delivery report of a message born final (rejected at once) goes out."""
    PURGE = "purge"
    """A message's ``ttl`` ran out: it is deleted."""
    FIRE = "fire"
    """A schedule falls due: its messages are sent."""


class MessageKind(StrEnum):
    SMS = "sms"
    FLASH = "flash"
    BINARY = "binary"
    OTP = "otp"
    INBOUND = "inbound"
