"""Single messages: send (plain, flash, binary), read back, delete."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from smsworks_emulator.accounts import charge
from smsworks_emulator.errors import not_found
from smsworks_emulator.outbound import Outgoing, send_response, store_messages, total_price
from smsworks_emulator.records import MESSAGE_COLUMNS, message_response

if TYPE_CHECKING:
    from smsworks_emulator.engine import Emulator


def send(emu: Emulator, customer: str, message: Outgoing, now_ms: int) -> dict[str, Any]:
    """Charge and store one message: the spec's SendMessageResponse (402 when the balance can't pay)."""
    with emu.write() as conn:
        balance = charge(conn, customer, total_price([message]))
        (stored,) = store_messages(emu, conn, customer, [message], now_ms)
    return send_response(stored, balance)


def get(emu: Emulator, customer: str, messageid: str) -> dict[str, Any]:
    with emu.store.lock:
        row = (
            emu.store.read()
            .execute(
                f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE messageid = ? AND customer_id = ?",
                (messageid, customer),
            )
            .fetchone()
        )
    if row is None:
        raise not_found(f"messageid: no message {messageid!r}")
    return message_response(row)


def delete(emu: Emulator, customer: str, messageid: str) -> dict[str, Any]:
    with emu.write() as conn:
        row = conn.execute(
            "SELECT seq FROM messages WHERE messageid = ? AND customer_id = ?",
            (messageid, customer),
        ).fetchone()
        if row is None:
            raise not_found(f"messageid: no message {messageid!r}")
        conn.execute("DELETE FROM message_metadata WHERE seq = ?", (row["seq"],))
        conn.execute("DELETE FROM messages WHERE seq = ?", (row["seq"],))
    return {"messageid": messageid, "status": "DELETED"}
