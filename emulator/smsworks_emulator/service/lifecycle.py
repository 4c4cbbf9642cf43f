"""Applying due work: status changes, reports of born-final messages, purges, schedules."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from smsworks_emulator.rules.outcomes import MINUTE_MS
from smsworks_emulator.rules.segments import is_uk
from smsworks_emulator.rules.statuses import FINAL_STATUSES, EventKind
from smsworks_emulator.service.due import NEVER, DueWork
from smsworks_emulator.service.schedules import Schedules
from smsworks_emulator.service.transactions import Transactions
from smsworks_emulator.service.webhooks import Webhooks
from smsworks_emulator.store import (
    ANY_CUSTOMER,
    MessageRow,
    Repository,
    Row,
    StatusChange,
    StatusRecord,
)

_CHUNK = 1000
# Enum members bound once: looking one up on its class costs a descriptor call per use.
_TRANSITION, _REPORT, _PURGE, _FIRE = (
    str(EventKind.TRANSITION),
    str(EventKind.REPORT),
    str(EventKind.PURGE),
    str(EventKind.FIRE),
)
_READS_MESSAGE = frozenset({_TRANSITION, _REPORT})


class Lifecycle:
    """What happens to stored messages and schedules as their due times pass."""

    def __init__(
        self,
        transactions: Transactions,
        due: DueWork,
        webhooks: Webhooks,
        schedules: Schedules,
        *,
        refunds: bool = True,
    ) -> None:
        self._refunds = refunds  # False only for the test-only fault "no-refund"
        self._transactions = transactions
        self._due = due
        self._webhooks = webhooks
        self._schedules = schedules

    def process_due(self, now_ms: int, *, at_most: int | None = None) -> bool:
        """Apply events due by ``now_ms`` in (due time, insertion) order, including ones they add.

        With ``at_most``, stop after one pass of that many events at most: True when work may be
        left (the caller then recomputes the due watermarks, which a pass leaves unsettled).
        """
        due = self._due
        size = _CHUNK if at_most is None else min(_CHUNK, at_most)
        while True:
            with self._transactions.write() as repository:
                events = repository.due_events(now_ms, size)
                if not events:
                    return False
                chunk = _Chunk(repository, events)
                done = []
                for index, event in enumerate(events):
                    due.next_state_due = NEVER
                    self._apply(chunk, event)
                    done.append(event["id"])
                    following = events[index + 1]["due_ms"] if index + 1 < len(events) else None
                    if following is not None and due.next_state_due < following:
                        # The event added work that falls before the rest of this chunk: re-read.
                        break
                chunk.write_changes()
                repository.delete_events(done)
            if at_most is not None:
                return True

    def _apply(self, chunk: _Chunk, event: Row) -> None:
        kind, ref, at_ms = event["kind"], event["ref"], event["due_ms"]
        repository = chunk.repository
        if kind == _TRANSITION:
            self._transition(chunk, ref, _change(event["data"]), at_ms)
        elif kind == _REPORT:
            row = chunk.message(ref)
            if row is not None:
                self._webhooks.enqueue(repository, row, chunk.report_url(row), at_ms)
                self._plan_purge(repository, row, at_ms)
        elif kind == _PURGE:
            repository.delete_message(ref, ANY_CUSTOMER)  # the purge of a message, whoever's
            chunk.forget(ref)
        elif kind == _FIRE:
            self._schedules.fire(repository, ref, at_ms)

    def _transition(
        self, chunk: _Chunk, messageid: str, change: dict[str, Any], at_ms: int
    ) -> None:
        row = chunk.message(messageid)
        if row is None or row["status"] in FINAL_STATUSES:
            return  # deleted meanwhile, or already settled (e.g. delivered before it could expire)
        failure = change.get("failure")
        code, details, permanent = failure if isinstance(failure, list) else (None, None, None)
        refunded = self._refunds and bool(change.get("refund")) and is_uk(row["destination"])
        updated = {
            **row,
            "status": change["status"],
            "failure_code": code,
            "failure_details": details,
            "failure_permanent": None if permanent is None else int(bool(permanent)),
            "modified_ms": at_ms,
            "credits_milli": 0 if refunded else row["credits_milli"],
        }
        chunk.change(updated)
        if refunded:
            chunk.repository.refund(row["customer_id"], row["credits_milli"])
        self._webhooks.enqueue(chunk.repository, updated, chunk.report_url(updated), at_ms)
        if updated["status"] in FINAL_STATUSES:
            self._plan_purge(chunk.repository, updated, at_ms)

    def _plan_purge(self, repository: Repository, row: MessageRow, at_ms: int) -> None:
        # `ttl`: minutes after which the delivery report (the message record) is deleted.
        if row["ttl"]:
            self._due.add(
                repository, at_ms + int(row["ttl"]) * MINUTE_MS, EventKind.PURGE, row["messageid"]
            )


class _Chunk:
    """The events applied in one pass, with the messages they touch read in one query.

    Status changes are kept here (a message may change twice in one chunk) and written with one
    ``executemany`` at the end: the tick applies hundreds of deliveries at a time.
    """

    def __init__(self, repository: Repository, events: list[Row]) -> None:
        self.repository = repository
        refs = list({event["ref"] for event in events if event["kind"] in _READS_MESSAGE})
        self._rows: dict[str, dict[str, Any] | None] = dict(repository.messages_by_id(refs))
        self._changes: dict[int, StatusChange] = {}
        self._history: list[StatusRecord] = []
        self._report_urls: dict[str, str | None] = {}

    def message(self, messageid: str) -> dict[str, Any] | None:
        if messageid not in self._rows:
            # Not read up front: written by this chunk (a schedule that fired), or gone.
            row = self.repository.message(messageid, ANY_CUSTOMER)
            self._rows[messageid] = None if row is None else dict(row)
        return self._rows[messageid]

    def forget(self, messageid: str) -> None:
        self._rows[messageid] = None

    def change(self, updated: dict[str, Any]) -> None:
        self._rows[updated["messageid"]] = updated
        self._changes[updated["seq"]] = (
            updated["status"], updated["failure_code"], updated["failure_details"],
            updated["failure_permanent"], updated["modified_ms"], updated["credits_milli"],
            updated["seq"],
        )  # fmt: skip
        self._history.append(
            (updated["messageid"], updated["modified_ms"], updated["status"],
             updated["failure_code"], updated["failure_details"], updated["failure_permanent"])
        )  # fmt: skip

    def report_url(self, row: MessageRow) -> str | None:
        customer = row["customer_id"]
        if customer not in self._report_urls:
            self._report_urls[customer] = self.repository.default_report_url(customer)
        return row["deliveryreporturl"] or self._report_urls[customer]

    def write_changes(self) -> None:
        self.repository.change_statuses(self._changes.values())
        self.repository.record_statuses(self._history)
        self._changes.clear()
        self._history.clear()


@lru_cache(maxsize=64)
def _change(data: str | None) -> dict[str, Any]:
    # A few shapes of transition data repeat for every message: parse each once.
    parsed: dict[str, Any] = json.loads(data or "{}")
    return parsed
