"""Applying due work: status changes, reports of born-final messages, purges, schedules."""

from __future__ import annotations

import json
import sqlite3
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from smsworks_emulator import schedules, webhooks
from smsworks_emulator.accounts import default_report_url, refund
from smsworks_emulator.numbers import is_uk
from smsworks_emulator.outcomes import MINUTE_MS
from smsworks_emulator.records import MESSAGE_COLUMNS, MessageRow

if TYPE_CHECKING:
    from smsworks_emulator.engine import Emulator

_CHUNK = 1000
FINAL_STATUSES = frozenset({"DELIVERED", "EXPIRED", "UNDELIVERABLE", "REJECTED"})


def process_due(emu: Emulator, now_ms: int) -> None:
    """Apply events due by ``now_ms`` in (due time, insertion) order, including ones they add."""
    while True:
        with emu.write() as conn:
            events = conn.execute(
                "SELECT id, due_ms, kind, ref, data FROM due_events WHERE due_ms <= ? "
                "ORDER BY due_ms, id LIMIT ?",
                (now_ms, _CHUNK),
            ).fetchall()
            if not events:
                return
            chunk = _Chunk(conn, events)
            done = []
            for index, event in enumerate(events):
                emu.next_state_due = 2**62
                _apply(emu, chunk, event["kind"], event["ref"], event["data"], event["due_ms"])
                done.append((event["id"],))
                following = events[index + 1]["due_ms"] if index + 1 < len(events) else None
                if following is not None and emu.next_state_due < following:
                    # The event added work that falls before the rest of this chunk: re-read.
                    break
            chunk.write_changes()
            conn.executemany("DELETE FROM due_events WHERE id = ?", done)


class _Chunk:
    """The events applied in one pass, with the messages they touch read in one query.

    Status changes are kept here (a message may change twice in one chunk) and written with one
    ``executemany`` at the end: the tick applies hundreds of deliveries at a time.
    """

    def __init__(self, conn: sqlite3.Connection, events: list[sqlite3.Row]) -> None:
        self.conn = conn
        refs = list({event["ref"] for event in events if event["kind"] in _READS_MESSAGE})
        self._rows: dict[str, dict[str, Any] | None] = {}
        if refs:
            found = conn.execute(
                f"SELECT {MESSAGE_COLUMNS} FROM messages "
                f"WHERE messageid IN ({', '.join('?' * len(refs))})",
                refs,
            )
            self._rows = {row["messageid"]: dict(row) for row in found}
        self._changes: dict[int, tuple[Any, ...]] = {}
        self._report_urls: dict[str, str | None] = {}

    def message(self, messageid: str) -> dict[str, Any] | None:
        if messageid not in self._rows:
            # Not read up front: written by this chunk (a schedule that fired), or gone.
            row = self.conn.execute(
                f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE messageid = ?", (messageid,)
            ).fetchone()
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

    def report_url(self, row: MessageRow) -> str | None:
        customer = row["customer_id"]
        if customer not in self._report_urls:
            self._report_urls[customer] = default_report_url(self.conn, customer)
        return row["deliveryreporturl"] or self._report_urls[customer]

    def write_changes(self) -> None:
        self.conn.executemany(
            "UPDATE messages SET status = ?, failure_code = ?, failure_details = ?, "
            "failure_permanent = ?, modified_ms = ?, credits_milli = ? WHERE seq = ?",
            list(self._changes.values()),
        )
        self._changes.clear()


_READS_MESSAGE = frozenset({"transition", "report"})


@lru_cache(maxsize=64)
def _change(data: str | None) -> dict[str, Any]:
    # A few shapes of transition data repeat for every message: parse each once.
    parsed: dict[str, Any] = json.loads(data or "{}")
    return parsed


def _apply(emu: Emulator, chunk: _Chunk, kind: str, ref: str, data: str | None, at_ms: int) -> None:
    conn = chunk.conn
    if kind == "transition":
        _transition(emu, chunk, ref, _change(data), at_ms)
    elif kind == "report":
        row = chunk.message(ref)
        if row is not None:
            webhooks.enqueue(emu, conn, row, chunk.report_url(row), at_ms)
            _plan_purge(emu, conn, row, at_ms)
    elif kind == "purge":
        conn.execute(
            "DELETE FROM message_metadata WHERE seq = (SELECT seq FROM messages WHERE messageid = ?)",
            (ref,),
        )
        conn.execute("DELETE FROM messages WHERE messageid = ?", (ref,))
        chunk.forget(ref)
    elif kind == "fire":
        schedules.fire(emu, conn, ref, at_ms)


def _transition(
    emu: Emulator, chunk: _Chunk, messageid: str, change: dict[str, Any], at_ms: int
) -> None:
    row = chunk.message(messageid)
    if row is None or row["status"] in FINAL_STATUSES:
        return  # deleted meanwhile, or already settled (e.g. delivered before it could expire)
    failure = change.get("failure")
    code, details, permanent = failure if isinstance(failure, list) else (None, None, None)
    refunded = bool(change.get("refund")) and is_uk(row["destination"])
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
        refund(chunk.conn, row["customer_id"], row["credits_milli"])
    webhooks.enqueue(emu, chunk.conn, updated, chunk.report_url(updated), at_ms)
    if updated["status"] in FINAL_STATUSES:
        _plan_purge(emu, chunk.conn, updated, at_ms)


def _plan_purge(emu: Emulator, conn: sqlite3.Connection, row: MessageRow, at_ms: int) -> None:
    # `ttl`: minutes after which the delivery report (the message record) is deleted.
    if row["ttl"]:
        emu.add_event(conn, at_ms + int(row["ttl"]) * MINUTE_MS, "purge", row["messageid"])
