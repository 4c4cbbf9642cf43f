"""Scheduled messages and batches: paid when scheduled, sent when due, refunded when cancelled."""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any

from smsworks_emulator.accounts import charge, refund
from smsworks_emulator.datetimes import DateError, parse_schedule
from smsworks_emulator.errors import bad_request, conflict, not_found
from smsworks_emulator.outbound import Outgoing, restore, store_messages, total_price
from smsworks_emulator.records import iso

if TYPE_CHECKING:
    from smsworks_emulator.engine import Emulator

LISTED_PAST_MS = 92 * 24 * 3600 * 1000
"""``GET /messages/schedule`` shows schedules made in the last three months (and all future ones)."""


def due_time(body: dict[str, Any], now_ms: int) -> int:
    """The ``schedule`` of a request, in ms; 400 when missing, unreadable or not in the future."""
    text = body.get("schedule")
    if not text:
        raise bad_request("schedule: is required; give the date and time to send at")
    try:
        moment = parse_schedule(text, field="schedule")
    except DateError as error:
        raise bad_request(str(error)) from None
    due_ms = int(moment.timestamp() * 1000)
    if due_ms <= now_ms:
        raise bad_request(f"schedule: {text!r} is in the past; give a time in the future")
    return due_ms


def create(
    emu: Emulator,
    customer: str,
    messages: list[Outgoing],
    due_ms: int,
    now_ms: int,
    *,
    is_batch: bool,
) -> str:
    """Charge for ``messages`` now (402 if the balance can't pay) and keep them until ``due_ms``."""
    schedule_id = emu.ids.new_id()
    price = total_price(messages)
    with emu.write() as conn:
        charge(conn, customer, price)
        conn.execute(
            "INSERT INTO schedules (id, customer_id, is_batch, status, due_ms, created_ms, credits_milli, "
            "request) VALUES (?, ?, ?, 'SCHEDULED', ?, ?, ?, ?)",
            (schedule_id, customer, int(is_batch), due_ms, now_ms, price,
             json.dumps([message.to_json() for message in messages])),
        )  # fmt: skip
        emu.add_event(conn, due_ms, "fire", schedule_id)
    return schedule_id


def fire(emu: Emulator, conn: sqlite3.Connection, schedule_id: str, at_ms: int) -> None:
    """Send a due schedule's messages (a batch keeps the schedule's id as its batchid)."""
    row = conn.execute("SELECT * FROM schedules WHERE id = ?", (schedule_id,)).fetchone()
    if row is None or row["status"] != "SCHEDULED":
        return  # cancelled before it fell due
    messages = [
        restore(saved, emu.settings.non_uk_multiplier) for saved in json.loads(row["request"])
    ]
    if row["is_batch"]:
        store_messages(
            emu,
            conn,
            row["customer_id"],
            messages,
            at_ms,
            batchid=schedule_id,
            schedule_ms=row["due_ms"],
        )
        conn.execute(
            "INSERT OR IGNORE INTO batches (batchid, customer_id, size, created_ms) VALUES (?, ?, ?, ?)",
            (schedule_id, row["customer_id"], len(messages), at_ms),
        )
    else:
        store_messages(
            emu,
            conn,
            row["customer_id"],
            messages,
            at_ms,
            messageids=[schedule_id],
            schedule_ms=row["due_ms"],
        )
    conn.execute("UPDATE schedules SET status = 'PROCESSED' WHERE id = ?", (schedule_id,))


def cancel(emu: Emulator, customer: str, schedule_id: str, *, is_batch: bool) -> dict[str, Any]:
    """Cancel a schedule not yet sent and refund it; 404 for unknown, 409 when too late."""
    field = "batchid" if is_batch else "messageid"
    with emu.write() as conn:
        row = conn.execute(
            "SELECT status, credits_milli FROM schedules WHERE id = ? AND customer_id = ? AND is_batch = ?",
            (schedule_id, customer, int(is_batch)),
        ).fetchone()
        if row is None:
            raise not_found(
                f"{field}: no scheduled {'batch' if is_batch else 'message'} {schedule_id!r}"
            )
        if row["status"] == "PROCESSED":
            raise conflict(
                f"{field}: {schedule_id!r} was already sent; it can no longer be cancelled"
            )
        if row["status"] == "CANCELLED":
            raise conflict(f"{field}: {schedule_id!r} is already cancelled")
        conn.execute("UPDATE schedules SET status = 'CANCELLED' WHERE id = ?", (schedule_id,))
        refund(conn, customer, row["credits_milli"])
    body: dict[str, Any] = {"messageid": schedule_id, "status": "CANCELLED"}
    if is_batch:
        body["batchid"] = schedule_id
    return body


def listing(conn: sqlite3.Connection, customer: str, now_ms: int) -> list[dict[str, Any]]:
    """The schedules of the last three months and the future, soonest first."""
    rows = conn.execute(
        "SELECT * FROM schedules WHERE customer_id = ? AND (created_ms >= ? OR due_ms >= ?) ORDER BY due_ms, id",
        (customer, now_ms - LISTED_PAST_MS, now_ms),
    ).fetchall()
    return [_summary(row) for row in rows]


def _summary(row: sqlite3.Row) -> dict[str, Any]:
    saved = json.loads(row["request"])
    first = saved[0]
    message: dict[str, Any] = {
        "sender": first["sender"],
        "content": first["content"],
        "schedule": iso(row["due_ms"]),
    }
    if row["is_batch"]:
        message["destinations"] = [item["destination"] for item in saved]
    else:
        message["destination"] = first["destination"]
    return {
        "id": row["id"],
        "status": row["status"],
        "batch": bool(row["is_batch"]),
        "message": message,
    }
