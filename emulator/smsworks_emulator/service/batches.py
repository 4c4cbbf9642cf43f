"""Batches: one content to many destinations, or many distinct messages; all or nothing."""

from __future__ import annotations

from typing import Any

from smsworks_emulator.rules.errors import not_found
from smsworks_emulator.rules.prices import PriceTable
from smsworks_emulator.rules.statuses import MessageKind, ScheduleStatus
from smsworks_emulator.service.outbound import (
    Outbound,
    Outgoing,
    prepare,
    readdress,
)
from smsworks_emulator.service.records import message_response
from smsworks_emulator.service.transactions import Transactions

BATCH_STATUS = ScheduleStatus.SCHEDULED
"""What the service answers a batch with (its example): the batch is queued, then sent."""
_SMS = MessageKind.SMS


def prepare_batch(body: dict[str, Any], prices: PriceTable) -> list[Outgoing]:
    """One message per destination of a BatchMessage.

    The first destination's message is checked in full; the others differ from it only in the
    number and its price.
    """
    destinations = body["destinations"]
    if not destinations:
        return []
    first = prepare(
        {**body, "destination": destinations[0]},
        kind=_SMS,
        prices=prices,
    )
    return [first, *readdress(first, destinations[1:], prices=prices)]


def prepare_any(body: list[dict[str, Any]], prices: PriceTable) -> list[Outgoing]:
    """The messages of a MessageArray; 400 names ``messages[i].field``."""
    return [
        prepare(
            message,
            kind=_SMS,
            prices=prices,
            prefix=f"messages[{index}].",
        )
        for index, message in enumerate(body)
    ]


class Batches:
    def __init__(self, transactions: Transactions, outbound: Outbound) -> None:
        self._transactions = transactions
        self._outbound = outbound

    def send(self, customer: str, messages: list[Outgoing], now_ms: int) -> dict[str, Any]:
        """Charge the whole batch (402 and nothing sent if it can't pay) and store it in one transaction."""
        batchid = self._transactions.ids.new_id()
        with self._transactions.write() as repository:
            self._outbound.send(repository, customer, messages, now_ms, batchid=batchid)
            repository.insert_batch(batchid, customer, len(messages), now_ms)
        return {"batchid": batchid, "status": BATCH_STATUS}

    def get(self, customer: str, batchid: str) -> list[dict[str, Any]]:
        with self._transactions.read() as repository:
            rows = repository.batch_messages(batchid, customer)
        if rows is None:
            raise not_found(f"batchid: no batch {batchid!r}")
        return [message_response(row) for row in rows]
