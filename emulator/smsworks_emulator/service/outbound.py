"""Outgoing messages: checking a request's fields, and storing the message with its future."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, NamedTuple

from smsworks_emulator.rules.credits import credits, to_milli
from smsworks_emulator.rules.errors import bad_request, insufficient_credits
from smsworks_emulator.rules.ids import IdSource
from smsworks_emulator.rules.numbers import sender_id, stored_form
from smsworks_emulator.rules.outcomes import Failure, Fate, Plan, fate_of, plan_for
from smsworks_emulator.rules.prices import PriceTable
from smsworks_emulator.rules.segments import (
    ContentError,
    Segmentation,
    segment_binary,
    segment_text,
)
from smsworks_emulator.rules.statuses import EventKind, MessageKind, MessageStatus
from smsworks_emulator.service.due import DueWork
from smsworks_emulator.store import NewEvent, NewMessage, Repository

DEFAULT_VALIDITY_MINUTES = 2880
MAX_TTL_MINUTES = 100 * 366 * 24 * 60


# Plain strings for the database (an enum member costs SQLite an adapter lookup per value).
_TRANSITION, _REPORT = str(EventKind.TRANSITION), str(EventKind.REPORT)
_SENT, _BINARY = MessageStatus.SENT, MessageKind.BINARY
_KIND_TEXT = {kind: str(kind) for kind in MessageKind}

# Parsing a number with phonenumbers is the dearest step of a send; senders repeat numbers.
# The spec's pattern has checked the number's form; one no country has is sent, and ends REJECTED.
_destination = lru_cache(maxsize=65536)(stored_form)


class Outgoing(NamedTuple):
    """A message that passed every check and knows its price and its fate (decided once, here).

    A tuple: a batch makes one per destination, and a tuple is the cheapest immutable record.
    """

    kind: MessageKind
    sender: str
    destination: str
    content: str
    segmentation: Segmentation
    credits_milli: int
    fate: Fate
    tag: str
    deliveryreporturl: str | None
    ttl: int | None
    validity: int
    metadata: list[dict[str, str]] | None

    def to_json(self) -> dict[str, Any]:
        """What a schedule keeps, to send the same message later."""
        return {
            "kind": self.kind,
            "sender": self.sender,
            "destination": self.destination,
            "content": self.content,
            "tag": self.tag,
            "deliveryreporturl": self.deliveryreporturl,
            "ttl": self.ttl,
            "validity": self.validity,
            "metadata": self.metadata,
        }


def prepare(
    body: dict[str, Any],
    *,
    kind: MessageKind,
    prices: PriceTable,
    prefix: str = "",
) -> Outgoing:
    """Check a message's fields beyond the schema; 400 naming the field (``prefix`` for batches)."""
    # Sender, destination form, tag, ttl and the report URL were checked against the spec.
    sender = sender_id(body["sender"])
    destination = _destination(body["destination"])
    try:
        content = body["content"]
        segmentation = segment_binary(content) if kind == _BINARY else segment_text(content)
    except ContentError as error:
        raise bad_request(f"{prefix}{error}") from None
    tag = body.get("tag", "")
    url = body.get("deliveryreporturl") or None
    ttl = body.get("ttl")
    if ttl is not None:
        # The spec sets no maximum, so a larger ttl is valid: it just never runs out in practice.
        ttl = min(ttl, MAX_TTL_MINUTES)
    price = prices.credits(segmentation, destination)
    return Outgoing(
        kind=kind,
        sender=sender,
        destination=destination,
        content=content,
        segmentation=segmentation,
        credits_milli=to_milli(price),
        fate=fate_of(destination),
        tag=tag,
        deliveryreporturl=url,
        ttl=ttl,
        validity=body.get("validity", DEFAULT_VALIDITY_MINUTES),
        metadata=body.get("metadata") or None,
    )


def readdress(
    message: Outgoing, raw_destinations: list[str], *, prices: PriceTable
) -> list[Outgoing]:
    """``message`` (already checked) to each of other destinations: only number, price and fate change.

    What a batch does for every destination after the first, instead of checking the same
    sender, content and options again (the spec checked the numbers' form). The price of a
    content depends on the destination only through the price per part of its country (the
    price table): the price of each per-part price is worked out once.
    """
    charges: dict[float, int] = {}
    segmentation = message.segmentation
    readdressed = []
    for raw in raw_destinations:
        destination = _destination(raw)
        per_part = prices.per_part_to(destination)
        price = charges.get(per_part)
        if price is None:
            price = charges[per_part] = to_milli(prices.credits(segmentation, destination))
        fields = (
            message.kind, message.sender, destination, message.content, segmentation,
            price, fate_of(destination), message.tag, message.deliveryreporturl, message.ttl,
            message.validity, message.metadata,
        )  # fmt: skip
        readdressed.append(Outgoing(*fields))
    return readdressed


def restore(saved: dict[str, Any], prices: PriceTable) -> Outgoing:
    """An :class:`Outgoing` from :meth:`Outgoing.to_json` (its fields were checked when saved)."""
    return prepare(
        {key: value for key, value in saved.items() if value is not None},
        kind=MessageKind(saved["kind"]),
        prices=prices,
    )


class Stored(NamedTuple):
    messageid: str
    status: MessageStatus
    credits_milli: int
    parts: int


_Step = tuple[int, str, bool]
"""A planned transition as stored: (due time after sending in ms, its data as JSON, refunded?)."""


class Outbound:
    """Stores paid messages with their future: the status changes their destination brings."""

    def __init__(self, ids: IdSource, due: DueWork, delay_ms: int) -> None:
        self._ids = ids
        self._due = due
        self._delay_ms = delay_ms

    def send(
        self,
        repository: Repository,
        customer: str,
        messages: list[Outgoing],
        now_ms: int,
        *,
        batchid: str | None = None,
    ) -> tuple[list[Stored], int]:
        """Charge for ``messages`` and store them, in the caller's transaction: what they were
        stored as, and the balance after. 402, and nothing written, when the balance can't pay.

        The charge counts the messages in the same statement; then one statement per table.
        """
        price = total_price(messages)
        balance = repository.charge(customer, price, sending=len(messages))
        if balance is None:
            raise insufficient_credits(credits(price), credits(repository.balance_milli(customer)))
        return self._store(repository, customer, messages, now_ms, batchid, None, None), balance

    def store_paid(
        self,
        repository: Repository,
        customer: str,
        messages: list[Outgoing],
        now_ms: int,
        *,
        batchid: str | None = None,
        messageids: list[str] | None = None,
        schedule_ms: int | None = None,
    ) -> list[Stored]:
        """Store messages paid for earlier (a schedule that fell due), in the caller's transaction."""
        repository.count_sent(customer, len(messages))
        return self._store(repository, customer, messages, now_ms, batchid, messageids, schedule_ms)

    def _store(
        self,
        repository: Repository,
        customer: str,
        messages: list[Outgoing],
        now_ms: int,
        batchid: str | None,
        messageids: list[str] | None,
        schedule_ms: int | None,
    ) -> list[Stored]:
        """Insert messages and plan their delivery: every row built here, written once per table."""
        rows: list[NewMessage] = []
        metadata_rows: list[tuple[str, str, str]] = []
        events: list[NewEvent] = []
        stored = []
        ids = messageids or (
            [self._ids.new_id()] if len(messages) == 1 else self._ids.new_ids(len(messages))
        )
        delay_ms = self._delay_ms
        kind_text = _KIND_TEXT
        # A message's plan depends on its fate and validity only: a batch to ordinary numbers
        # shares one, and so shares every column but the id, number and price.
        plans: dict[tuple[Fate, int], _Planned] = {}
        refund_due = None
        for index, message in enumerate(messages):
            messageid = ids[index]
            key = (message.fate, message.validity)
            planned = plans.get(key)
            if planned is None:
                planned = plans[key] = _planned(message.fate, message.validity, delay_ms)
            cost = message.credits_milli if planned.charged else 0
            segmentation = message.segmentation
            rows.append(
                (
                    messageid, customer, batchid, kind_text[message.kind], message.sender,
                    message.destination, message.content, segmentation.encoding,
                    segmentation.characters, segmentation.parts, cost,
                    planned.status_text, message.tag, schedule_ms,
                    now_ms, now_ms, message.deliveryreporturl, message.ttl, message.validity,
                    json.dumps(message.metadata) if message.metadata else None,
                    *planned.failure_columns,
                )
            )  # fmt: skip
            if message.metadata:
                metadata_rows.extend(
                    (messageid, pair["key"], pair["value"]) for pair in message.metadata
                )
            for after_ms, data, refund in planned.steps:
                events.append((now_ms + after_ms, _TRANSITION, messageid, data))
                if refund and (refund_due is None or now_ms + after_ms < refund_due):
                    refund_due = now_ms + after_ms
            if planned.born_final:
                # Born final (rejected): the report goes out now.
                events.append((now_ms, _REPORT, messageid, None))
            stored.append(Stored(messageid, planned.status, cost, segmentation.parts))
        repository.insert_messages(rows, metadata_rows)
        self._due.add_many(repository, events)
        if refund_due is not None:
            self._due.refund_planned(refund_due)
        return stored


class _Planned:
    """A plan in the form its messages' rows and due events take, made once per store call."""

    def __init__(self, plan: Plan) -> None:
        failure = plan.initial_failure
        self.status = plan.initial_status
        self.status_text = str(plan.initial_status)
        self.charged = plan.charged
        self.born_final = plan.initial_status != _SENT
        self.failure_columns: tuple[int | None, str | None, int | None] = (
            (failure.code, failure.details, 1 if failure.permanent else 0)
            if failure
            else (None, None, None)
        )
        self.steps: tuple[_Step, ...] = tuple(
            (step.due_ms, _transition_data(step.status, step.refund, step.failure), step.refund)
            for step in plan.transitions
        )


@lru_cache(maxsize=1024)
def _planned(fate: Fate, validity: int, delay_ms: int) -> _Planned:
    """The stored form of a plan: a handful of them serve nearly every message, made once each."""
    return _Planned(plan_for(fate, validity, delay_ms))


@lru_cache(maxsize=64)
def _transition_data(status: str, refund: bool, failure: Failure | None) -> str:
    """A transition event's data as JSON; a handful of shapes, so each is built once."""
    data: dict[str, Any] = {"status": status, "refund": refund}
    if failure:
        data["failure"] = [failure.code, failure.details, failure.permanent]
    return json.dumps(data)


def total_price(messages: list[Outgoing]) -> int:
    """What a set of messages costs; a message rejected at once is never charged."""
    return sum(message.credits_milli for message in messages if not message.fate.rejected)


def send_response(stored: Stored, balance_milli: int) -> dict[str, Any]:
    """What a send answers (SendMessageResponse, and OTPResponse which has the same fields)."""
    return {
        "messageid": stored.messageid,
        "status": stored.status,
        "credits": credits(balance_milli),
        "creditsUsed": credits(stored.credits_milli),
        "messageparts": stored.parts,
    }
