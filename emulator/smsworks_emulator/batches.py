"""Batches: one content to many destinations, or many distinct messages; all or nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from smsworks_emulator.accounts import charge
from smsworks_emulator.errors import not_found
from smsworks_emulator.outbound import Outgoing, prepare, store_messages, total_price
from smsworks_emulator.records import MESSAGE_COLUMNS, message_response

if TYPE_CHECKING:
    from smsworks_emulator.engine import Emulator

MAX_BATCH = 5000
BATCH_STATUS = "SCHEDULED"
"""What the service answers a batch with (its example): the batch is queued, then sent."""


def prepare_batch(body: dict[str, Any], multiplier: float) -> list[Outgoing]:
    """One message per destination of a BatchMessage; 400 names ``destinations[i]``."""
    return [
        prepare(
            {**body, "destination": destination},
            kind="sms",
            non_uk_multiplier=multiplier,
            destination_field=f"destinations[{index}]",
        )
        for index, destination in enumerate(body["destinations"])
    ]


def prepare_any(body: list[dict[str, Any]], multiplier: float) -> list[Outgoing]:
    """The messages of a MessageArray; 400 names ``messages[i].field``."""
    return [
        prepare(message, kind="sms", non_uk_multiplier=multiplier, prefix=f"messages[{index}].")
        for index, message in enumerate(body)
    ]


def send(emu: Emulator, customer: str, messages: list[Outgoing], now_ms: int) -> dict[str, Any]:
    """Charge the whole batch (402 and nothing sent if it can't pay) and store it in one transaction."""
    batchid = emu.ids.new_id()
    with emu.write() as conn:
        charge(conn, customer, total_price(messages))
        store_messages(emu, conn, customer, messages, now_ms, batchid=batchid)
        conn.execute(
            "INSERT INTO batches (batchid, customer_id, size, created_ms) VALUES (?, ?, ?, ?)",
            (batchid, customer, len(messages), now_ms),
        )
    return {"batchid": batchid, "status": BATCH_STATUS}


def get(emu: Emulator, customer: str, batchid: str) -> list[dict[str, Any]]:
    with emu.store.lock:
        conn = emu.store.read()
        known = conn.execute(
            "SELECT 1 FROM batches WHERE batchid = ? AND customer_id = ?", (batchid, customer)
        ).fetchone()
        if known is None:
            raise not_found(f"batchid: no batch {batchid!r}")
        rows = conn.execute(
            f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE batchid = ? ORDER BY seq",
            (batchid,),
        ).fetchall()
    return [message_response(row) for row in rows]
