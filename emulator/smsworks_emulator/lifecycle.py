"""Applying due work: status changes, reports of born-final messages, purges, schedules."""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING

from smsworks_emulator import schedules, webhooks
from smsworks_emulator.accounts import refund
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
            done = []
            for index, event in enumerate(events):
                emu.next_state_due = 2**62
                _apply(emu, conn, event["kind"], event["ref"], event["data"], event["due_ms"])
                done.append((event["id"],))
                following = events[index + 1]["due_ms"] if index + 1 < len(events) else None
                if following is not None and emu.next_state_due < following:
                    # The event added work that falls before the rest of this chunk: re-read.
                    break
            conn.executemany("DELETE FROM due_events WHERE id = ?", done)


def _apply(
    emu: Emulator, conn: sqlite3.Connection, kind: str, ref: str, data: str | None, at_ms: int
) -> None:
    if kind == "transition":
        _transition(emu, conn, ref, json.loads(data or "{}"), at_ms)
    elif kind == "report":
        row = _message(conn, ref)
        if row is not None:
            webhooks.enqueue(emu, conn, row, at_ms)
            _plan_purge(emu, conn, row, at_ms)
    elif kind == "purge":
        conn.execute(
            "DELETE FROM message_metadata WHERE seq = (SELECT seq FROM messages WHERE messageid = ?)",
            (ref,),
        )
        conn.execute("DELETE FROM messages WHERE messageid = ?", (ref,))
    elif kind == "fire":
        schedules.fire(emu, conn, ref, at_ms)


def _message(conn: sqlite3.Connection, messageid: str) -> sqlite3.Row | None:
    row: sqlite3.Row | None = conn.execute(
        f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE messageid = ?",
        (messageid,),
    ).fetchone()
    return row


def _transition(
    emu: Emulator, conn: sqlite3.Connection, messageid: str, change: dict[str, object], at_ms: int
) -> None:
    row = _message(conn, messageid)
    if row is None or row["status"] in FINAL_STATUSES:
        return  # deleted meanwhile, or already settled (e.g. delivered before it could expire)
    failure = change.get("failure")
    code, details, permanent = failure if isinstance(failure, list) else (None, None, None)
    refunded = bool(change.get("refund")) and is_uk(row["destination"])
    # The row as it will be, built here rather than read back: one statement less per delivery.
    updated = {
        **dict(row),
        "status": change["status"],
        "failure_code": code,
        "failure_details": details,
        "failure_permanent": None if permanent is None else int(bool(permanent)),
        "modified_ms": at_ms,
        "credits_milli": 0 if refunded else row["credits_milli"],
    }
    conn.execute(
        "UPDATE messages SET status = ?, failure_code = ?, failure_details = ?, failure_permanent = ?, "
        "modified_ms = ?, credits_milli = ? WHERE seq = ?",
        (
            updated["status"], code, details, updated["failure_permanent"], at_ms,
            updated["credits_milli"], row["seq"],
        ),
    )  # fmt: skip
    if refunded:
        refund(conn, row["customer_id"], row["credits_milli"])
    webhooks.enqueue(emu, conn, updated, at_ms)
    if updated["status"] in FINAL_STATUSES:
        _plan_purge(emu, conn, updated, at_ms)


def _plan_purge(emu: Emulator, conn: sqlite3.Connection, row: MessageRow, at_ms: int) -> None:
    # `ttl`: minutes after which the delivery report (the message record) is deleted.
    if row["ttl"]:
        emu.add_event(conn, at_ms + int(row["ttl"]) * MINUTE_MS, "purge", row["messageid"])
