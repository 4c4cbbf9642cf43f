"""Single messages: send (plain, flash, binary), read back, delete."""

from __future__ import annotations

from typing import Any

from smsworks_emulator.rules.errors import not_found
from smsworks_emulator.service.outbound import Outbound, Outgoing, send_response
from smsworks_emulator.service.records import message_response
from smsworks_emulator.service.transactions import Transactions


class Messages:
    def __init__(self, transactions: Transactions, outbound: Outbound) -> None:
        self._transactions = transactions
        self._outbound = outbound

    def send(self, customer: str, message: Outgoing, now_ms: int) -> dict[str, Any]:
        """Charge and store one message: the spec's SendMessageResponse (402 when the balance can't pay)."""
        with self._transactions.write() as repository:
            (stored,), balance = self._outbound.send(repository, customer, [message], now_ms)
        return send_response(stored, balance)

    def get(self, customer: str, messageid: str) -> dict[str, Any]:
        with self._transactions.read() as repository:
            row = repository.message(messageid, customer)
        if row is None:
            raise not_found(f"messageid: no message {messageid!r}")
        return message_response(row)

    def delete(self, customer: str, messageid: str) -> dict[str, Any]:
        with self._transactions.write() as repository:
            if not repository.delete_message(messageid, customer):
                raise not_found(f"messageid: no message {messageid!r}")
        return {"messageid": messageid, "status": "DELETED"}
