"""Where the documentation is silent or ambiguous: every open question of the model, in one place.

Each question has its candidate readings. On the emulator targets the model holds the target to
the reading ``docs/emulator.md`` documents; against the sandbox it accepts any candidate, learns
the one the service follows from the first answer that tells them apart, holds it to that
reading afterwards, and the suite reports it as a finding.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from contract_tests import pricing


@dataclass(frozen=True)
class Question:
    name: str
    """The finding's name in the report."""
    text: str
    candidates: tuple[str, ...]
    documented_by_emulator: str | None
    """The reading docs/emulator.md states; ``None`` when it states none (learnt everywhere)."""


UCS2_PART_SIZE = Question(
    name="ucs2-part-size",
    text="concatenated UCS-2 parts hold 67 UTF-16 units (3GPP) or 70 (vendor pricing page)",
    candidates=(pricing.Reading.THREE_GPP.name, pricing.Reading.VENDOR_PAGE.name),
    documented_by_emulator=pricing.Reading.THREE_GPP.name,
)
UNREAD_FILTER_ON_OUTGOING = Question(
    name="unread-filter-scope",
    text=(
        "Query.unread ('in queries for incoming messages') also leaves out outgoing messages "
        "('incoming-only') or is ignored for them ('ignored-for-outgoing')"
    ),
    candidates=("incoming-only", "ignored-for-outgoing"),
    documented_by_emulator="incoming-only",
)
VERIFY_WITHOUT_MESSAGEID = Question(
    name="otp-verify-without-messageid",
    text=(
        "POST /otp/verify without messageid uses the newest OTP sent with that passcode, "
        "whatever its state ('newest'), or the newest still pending ('newest-pending')"
    ),
    candidates=("newest", "newest-pending"),
    documented_by_emulator="newest",
)
NUMERIC_SENDER_PLUS = Question(
    name="numeric-sender-plus",
    text=(
        "a numeric sender sent with a leading '+' (the spec's pattern allows it) reads back "
        "as sent ('kept') or without the '+' ('dropped')"
    ),
    candidates=("kept", "dropped"),
    documented_by_emulator=None,
)
SCHEDULE_ANSWER_STATUS = Question(
    name="schedule-answer-status",
    text=(
        "POST /message/schedule succeeds with 200 (specs 1.8.0 on, the patched spec) or 201 "
        "(specs 1.0.0-1.5.0; the table's schedule-status variant)"
    ),
    candidates=("200", "201"),
    documented_by_emulator="200",
)
SCHEDULE_BATCH_ANSWER_STATUS = Question(
    name="schedule-batch-answer-status",
    text=(
        "POST /batch/schedule succeeds with 201 (the patched spec) or 200 (the message "
        "schedule's since 1.8.0; the table's schedule-status variant)"
    ),
    candidates=("201", "200"),
    documented_by_emulator="201",
)
VOLUME_AFTER_DELETE = Question(
    name="volume-after-delete",
    text=(
        "GET /messages/volume ('messages sent since midnight') counts the messages still stored "
        "('stored') or every one sent, deleted or not ('sent')"
    ),
    candidates=("stored", "sent"),
    documented_by_emulator=None,
)
QUESTIONS = (
    UCS2_PART_SIZE,
    VOLUME_AFTER_DELETE,
    SCHEDULE_ANSWER_STATUS,
    SCHEDULE_BATCH_ANSWER_STATUS,
    UNREAD_FILTER_ON_OUTGOING,
    VERIFY_WITHOUT_MESSAGEID,
    NUMERIC_SENDER_PLUS,
)


@dataclass
class Readings:
    """Which candidates are still open for each question, narrowed by what the target answers."""

    learn: bool
    """``True`` against the sandbox: start with every candidate open."""
    open: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for question in QUESTIONS:
            documented = question.documented_by_emulator
            self.open[question.name] = (
                question.candidates if self.learn or documented is None else (documented,)
            )

    def candidates(self, question: Question) -> tuple[str, ...]:
        return self.open[question.name]

    def keep(self, question: Question, agreeing: tuple[str, ...]) -> None:
        """Keep only the readings that agree with an answer (the caller fails when none does)."""
        self.open[question.name] = tuple(r for r in self.open[question.name] if r in agreeing)

    def followed(self, question: Question) -> str:
        left = self.open[question.name]
        return left[0] if len(left) == 1 else "not told apart by this run"
