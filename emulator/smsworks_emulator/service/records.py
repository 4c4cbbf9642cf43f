"""How stored rows look on the wire: the spec's MessageResponse and friends."""

from __future__ import annotations

import json
from typing import Any

from smsworks_emulator.rules.credits import credits
from smsworks_emulator.rules.dates import iso_ms
from smsworks_emulator.store import MessageRow, Row


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
        "created": iso_ms(row["created_ms"]),
        "modified": iso_ms(row["modified_ms"]),
        "schedule": iso_ms(
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


def outbox_entry(row: Row) -> dict[str, Any]:
    """What the control endpoint shows of a sent message: the response plus what it cost."""
    return {
        **message_response(row),
        "customer_id": row["customer_id"],
        "kind": row["kind"],
        "encoding": row["encoding"],
        "characters": row["characters"],
        "parts": row["parts"],
    }
