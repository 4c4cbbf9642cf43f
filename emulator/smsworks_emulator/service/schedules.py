"""Scheduled messages and batches: paid when scheduled, sent when due, refunded when cancelled."""

from __future__ import annotations

import json
from typing import Any

from smsworks_emulator.rules.dates import DateError, iso_ms, parse_schedule
from smsworks_emulator.rules.errors import bad_request, conflict, not_found
from smsworks_emulator.rules.prices import PriceTable
from smsworks_emulator.rules.statuses import EventKind, ScheduleStatus
from smsworks_emulator.service.accounts import charge
from smsworks_emulator.service.due import DueWork
from smsworks_emulator.service.outbound import Outbound, Outgoing, restore, total_price
from smsworks_emulator.service.transactions import Transactions
from smsworks_emulator.store import Repository, Row

LISTED_PAST_MS = 92 * 24 * 3600 * 1000
"""``GET /messages/schedule`` shows schedules made in the last three months (and all future ones)."""


def due_time(body: dict[str, Any], now_ms: int) -> int:
    """The ``schedule`` of a request, in ms; 400 when it is not in the future.

    The spec requires it and states its forms; what it cannot state is the clock.
    """
    text = body["schedule"]
    try:
        moment = parse_schedule(text, field="schedule")
    except DateError as error:
        raise bad_request(str(error)) from None
    due_ms = int(moment.timestamp() * 1000)
    if due_ms <= now_ms:
        raise bad_request(f"schedule: {text!r} is in the past; give a time in the future")
    return due_ms


class Schedules:
    def __init__(
        self,
        transactions: Transactions,
        outbound: Outbound,
        due: DueWork,
        prices: PriceTable,
    ) -> None:
        self._transactions = transactions
        self._outbound = outbound
        self._due = due
        self._prices = prices

    def create(
        self,
        customer: str,
        messages: list[Outgoing],
        due_ms: int,
        now_ms: int,
        *,
        is_batch: bool,
    ) -> str:
        """Charge for ``messages`` now (402 if the balance can't pay) and keep them until ``due_ms``."""
        schedule_id = self._transactions.ids.new_id()
        price = total_price(messages)
        with self._transactions.write() as repository:
            charge(repository, customer, price)
            repository.insert_schedule(
                schedule_id,
                customer,
                is_batch=is_batch,
                due_ms=due_ms,
                now_ms=now_ms,
                credits_milli=price,
                request=json.dumps([message.to_json() for message in messages]),
            )
            self._due.add(repository, due_ms, EventKind.FIRE, schedule_id)
        return schedule_id

    def fire(self, repository: Repository, schedule_id: str, at_ms: int) -> None:
        """Send a due schedule's messages (a batch keeps the schedule's id as its batchid)."""
        row = repository.schedule(schedule_id)
        if row is None or row["status"] != ScheduleStatus.SCHEDULED:
            return  # cancelled before it fell due
        messages = [restore(saved, self._prices) for saved in json.loads(row["request"])]
        customer = row["customer_id"]
        if row["is_batch"]:
            self._outbound.store_paid(
                repository,
                customer,
                messages,
                at_ms,
                batchid=schedule_id,
                schedule_ms=row["due_ms"],
            )
            repository.insert_batch(schedule_id, customer, len(messages), at_ms, if_new=True)
        else:
            self._outbound.store_paid(
                repository,
                customer,
                messages,
                at_ms,
                messageids=[schedule_id],
                schedule_ms=row["due_ms"],
            )
        repository.set_schedule_status(schedule_id, ScheduleStatus.PROCESSED)

    def cancel(self, customer: str, schedule_id: str, *, is_batch: bool) -> dict[str, Any]:
        """Cancel a schedule not yet sent and refund it; 404 for unknown, 409 when too late."""
        field = "batchid" if is_batch else "messageid"
        with self._transactions.write() as repository:
            row = repository.schedule_of(schedule_id, customer, is_batch=is_batch)
            if row is None:
                raise not_found(
                    f"{field}: no scheduled {'batch' if is_batch else 'message'} {schedule_id!r}"
                )
            if row["status"] == ScheduleStatus.PROCESSED:
                raise conflict(
                    f"{field}: {schedule_id!r} was already sent; it can no longer be cancelled"
                )
            if row["status"] == ScheduleStatus.CANCELLED:
                raise conflict(f"{field}: {schedule_id!r} is already cancelled")
            repository.set_schedule_status(schedule_id, ScheduleStatus.CANCELLED)
            repository.refund(customer, row["credits_milli"])
        body: dict[str, Any] = {"messageid": schedule_id, "status": ScheduleStatus.CANCELLED}
        if is_batch:
            body["batchid"] = schedule_id
        return body

    def listing(self, customer: str, now_ms: int) -> list[dict[str, Any]]:
        """The schedules of the last three months and the future, soonest first."""
        with self._transactions.read() as repository:
            rows = repository.schedules_listed(customer, now_ms - LISTED_PAST_MS, now_ms)
        return [_summary(row) for row in rows]


def _summary(row: Row) -> dict[str, Any]:
    saved = json.loads(row["request"])
    first = saved[0]
    message: dict[str, Any] = {
        "sender": first["sender"],
        "content": first["content"],
        "schedule": iso_ms(row["due_ms"]),
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
