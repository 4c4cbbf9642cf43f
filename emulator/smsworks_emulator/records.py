"""How stored rows look on the wire: the spec's MessageResponse and friends."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any

from smsworks_emulator.clock import from_ms
from smsworks_emulator.datetimes import format_iso

MESSAGE_COLUMNS = (
    "seq, messageid, customer_id, batchid, kind, sender, destination, content, encoding, characters, "
    "parts, credits_milli, status, tag, schedule_ms, created_ms, modified_ms, deliveryreporturl, ttl, "
    "validity, metadata, failure_code, failure_details, failure_permanent, keyword, unread"
)


MessageRow = sqlite3.Row | Mapping[str, Any]
"""A ``messages`` row as read, or as a transition is about to write it."""


def iso(milliseconds: int) -> str:
    return format_iso(from_ms(milliseconds))


def credits(milli: int) -> float:
    """Credits are stored in thousandths so that sums and refunds are exact."""
    return milli / 1000


def to_milli(value: float) -> int:
    return round(value * 1000)


def message_response(row: MessageRow) -> dict[str, Any]:
    """A ``messages`` row as the spec's MessageResponse."""
    body: dict[str, Any] = {
        "messageid": row["messageid"],
        "id": row["messageid"],
        "customerid": row["customer_id"],
        "sender": row["sender"],
        "destination": row["destination"],
        "content": row["content"],
        "status": row["status"],
        "tag": row["tag"],
        "created": iso(row["created_ms"]),
        "modified": iso(row["modified_ms"]),
        "schedule": iso(
            row["schedule_ms"] if row["schedule_ms"] is not None else row["created_ms"]
        ),
        "credits": credits(row["credits_milli"]),
    }
    if row["batchid"] is not None:
        body["batchid"] = row["batchid"]
    if row["deliveryreporturl"]:
        body["deliveryreporturl"] = row["deliveryreporturl"]
    if row["keyword"] is not None:
        body["keyword"] = row["keyword"]
    if row["metadata"]:
        body["metadata"] = json.loads(row["metadata"])
    if row["failure_code"] is not None:
        body["failurereason"] = {
            "code": row["failure_code"],
            "details": row["failure_details"],
            "permanent": bool(row["failure_permanent"]),
        }
    return body


def outbox_entry(row: sqlite3.Row) -> dict[str, Any]:
    """What the control endpoint shows of a sent message: the response plus what it cost."""
    return {
        **message_response(row),
        "customer_id": row["customer_id"],
        "kind": row["kind"],
        "encoding": row["encoding"],
        "characters": row["characters"],
        "parts": row["parts"],
    }
