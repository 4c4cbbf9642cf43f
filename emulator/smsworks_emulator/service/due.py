"""The queue of due work: rows with a due time, and what the emulator knows of the next ones.

The watermarks let a request skip the database when nothing is due (the usual case).
"""

from __future__ import annotations

import json
import operator
from typing import Any

from smsworks_emulator.rules.statuses import EventKind
from smsworks_emulator.store import NewEvent, Repository

_due_ms = operator.itemgetter(0)
NEVER = 2**62
"""A due time later than any real one."""


class DueWork:
    """When the next status change, refund and delivery report fall due (``NEVER``: none)."""

    def __init__(self) -> None:
        self.next_state_due = NEVER
        self.next_refund_due = NEVER
        self.next_webhook_due = NEVER

    def add(
        self, repository: Repository, due_ms: int, kind: EventKind, ref: str, data: Any = None
    ) -> None:
        repository.add_events(
            [(due_ms, str(kind), ref, None if data is None else json.dumps(data))]
        )
        self.next_state_due = min(self.next_state_due, due_ms)

    def add_many(self, repository: Repository, events: list[NewEvent]) -> None:
        """Many events at once (a batch)."""
        if events:
            repository.add_events(events)
            self.next_state_due = min(self.next_state_due, min(map(_due_ms, events)))

    def refund_planned(self, due_ms: int) -> None:
        """A status change due at ``due_ms`` gives credits back."""
        self.next_refund_due = min(self.next_refund_due, due_ms)

    def webhook_queued(self, due_ms: int) -> None:
        self.next_webhook_due = min(self.next_webhook_due, due_ms)

    def recompute(self, repository: Repository) -> None:
        """Read the next due times of state changes and reports from the store."""
        state, hooks = repository.next_event_ms(), repository.next_webhook_ms()
        self.next_state_due = NEVER if state is None else state
        self.next_webhook_due = NEVER if hooks is None else hooks

    def recompute_refunds(self, repository: Repository) -> None:
        found = repository.next_refund_ms()
        self.next_refund_due = NEVER if found is None else found
