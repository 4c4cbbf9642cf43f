"""Read-only views of the stored state, for the control endpoints the web inbox reads.

Customers with their balances, inbound messages, OTPs, and each message's status history.
Nothing here writes.
"""

from __future__ import annotations

from typing import Any

from smsworks_emulator.rules.credits import credits
from smsworks_emulator.rules.dates import iso_ms
from smsworks_emulator.rules.errors import not_found
from smsworks_emulator.rules.statuses import MessageStatus
from smsworks_emulator.service import otp
from smsworks_emulator.service.records import message_response, outbox_entry
from smsworks_emulator.service.transactions import Transactions
from smsworks_emulator.store import ANY_CUSTOMER, Owner, Row

HistoryEntry = dict[str, Any]


def owner(customer: str | None) -> Owner:
    """A control view's filter: one customer's rows, or (not given) every customer's."""
    return ANY_CUSTOMER if customer is None else customer


class Inspection:
    def __init__(self, transactions: Transactions) -> None:
        self._transactions = transactions

    def customers(self, customer: str | None = None) -> list[dict[str, Any]]:
        """Every customer (or one), oldest first, with its balance and message counts."""
        with self._transactions.read() as repository:
            rows = repository.customers(owner(customer))
        return [
            {
                "customer_id": row["customer_id"],
                "credits": credits(row["credits_milli"]),
                "delivery_report_url": row["delivery_report_url"],
                "created": iso_ms(row["created_ms"]),
                "sent": row["sent"],
                "received": row["received"],
            }
            for row in rows
        ]

    def balance(self, customer: str) -> dict[str, Any]:
        """``{customer_id, credits}``; 404 for a customer never seen."""
        found = self.customers(customer)
        if not found:
            raise not_found(
                f"customer_id: no customer {customer!r} (one exists from its first request)"
            )
        return {"customer_id": customer, "credits": found[0]["credits"]}

    def outbox(self, customer: str | None, limit: int | None) -> list[dict[str, Any]]:
        """Outgoing messages, oldest first, each with what it cost and its status history."""
        with self._transactions.read() as repository:
            rows = repository.outbox(owner(customer), limit)
            changes = repository.status_history([row["messageid"] for row in rows])
        history = status_histories(rows, changes)
        return [{**outbox_entry(row), "history": history[row["messageid"]]} for row in rows]

    def inbound(self, customer: str | None, limit: int | None) -> list[dict[str, Any]]:
        """Inbound messages, oldest first, as MessageResponse plus ``unread``."""
        with self._transactions.read() as repository:
            rows = repository.inbound(owner(customer), limit)
        return [{**message_response(row), "unread": bool(row["unread"])} for row in rows]

    def otps(self, customer: str | None, limit: int | None, now_ms: int) -> list[dict[str, Any]]:
        """OTP records, oldest first, with their customer and how many wrong passcodes came in."""
        with self._transactions.read() as repository:
            rows = repository.otps(owner(customer), limit)
        return [
            {
                **otp.record(row, now_ms),
                "customer_id": row["customer_id"],
                "failed_attempts": row["failed_attempts"],
            }
            for row in rows
        ]


def status_histories(rows: list[Row], changes: list[Row]) -> dict[str, list[HistoryEntry]]:
    """Each message's statuses, oldest first: the one it was stored with, then every change.

    A message that changed status was stored SENT (only SENT ever changes); one that never
    changed is still in the status it was stored with.
    """
    later: dict[str, list[HistoryEntry]] = {}
    for change in changes:
        later.setdefault(change["messageid"], []).append(_entry(change, change["at_ms"]))
    history: dict[str, list[HistoryEntry]] = {}
    for row in rows:
        steps = later.get(row["messageid"], [])
        first = (
            {
                "status": MessageStatus.SENT.value,
                "at": iso_ms(row["created_ms"]),
                "failurereason": None,
            }
            if steps
            else _entry(row, row["created_ms"])
        )
        history[row["messageid"]] = [first, *steps]
    return history


def _entry(row: Row, at_ms: int) -> HistoryEntry:
    failure = None
    if row["failure_code"] is not None:
        failure = {
            "code": row["failure_code"],
            "details": row["failure_details"],
            "permanent": bool(row["failure_permanent"]),
        }
    return {"status": row["status"], "at": iso_ms(at_ms), "failurereason": failure}
