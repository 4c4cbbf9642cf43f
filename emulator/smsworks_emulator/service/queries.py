"""``/messages``, ``/messages/inbox``, ``/messages/failed`` and ``/messages/volume``.

Each filter is an indexed column (or the metadata index), and results come newest first by
insertion order, which every index already holds, so ``limit`` stops the scan early: a filtered
query costs the same with ten thousand or a million stored messages.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from smsworks_emulator.rules.credits import MAX_CREDITS, to_milli
from smsworks_emulator.rules.dates import DateError, from_ms, parse_schedule, to_ms
from smsworks_emulator.rules.errors import bad_request
from smsworks_emulator.rules.numbers import sender_forms, stored_form
from smsworks_emulator.rules.statuses import MessageStatus
from smsworks_emulator.service.records import message_response
from smsworks_emulator.service.transactions import Transactions
from smsworks_emulator.store import MessageFilter, Scope

DEFAULT_LIMIT = 1000
MAX_SKIP = 2**62


class Queries:
    def __init__(self, transactions: Transactions, timezone: str) -> None:
        self._transactions = transactions
        self._timezone = ZoneInfo(timezone)

    def search(self, customer: str, query: dict[str, Any], scope: Scope) -> list[dict[str, Any]]:
        """Messages matching ``query``; ``scope`` is ``all``, ``inbox`` (marks them read) or ``failed``."""
        wanted = message_filter(customer, query, scope)
        if scope == "inbox":
            with self._transactions.write() as repository:
                rows = repository.search(wanted)
                repository.mark_read(rows)
        else:
            with self._transactions.read() as repository:
                rows = repository.search(wanted)
        return [message_response(row) for row in rows]

    def volume(self, customer: str, now_ms: int) -> dict[str, int]:
        """Messages sent since local midnight (the service's day is the UK's)."""
        local = from_ms(now_ms).astimezone(self._timezone)
        midnight = datetime(local.year, local.month, local.day, tzinfo=local.tzinfo)
        with self._transactions.read() as repository:
            return {"volume": repository.count_sent_since(customer, to_ms(midnight))}


def message_filter(customer: str, query: dict[str, Any], scope: Scope) -> MessageFilter:
    """A query body checked beyond its schema and normalised (400 naming the field)."""
    # The status enum and the destination's form are the spec's rules, checked with the body.
    status = query.get("status")
    destination = None
    if "destination" in query:
        # A number no country has is stored as sent: the query finds those messages.
        destination = stored_form(query["destination"])
    credits_milli = None
    if query.get("credits") is not None:
        # Any number is valid; beyond a trillion none can match, and SQLite's integers end.
        credits_milli = to_milli(max(-MAX_CREDITS, min(MAX_CREDITS, query["credits"])))
    return MessageFilter(
        customer=customer,
        scope=scope,
        status=None if status is None else MessageStatus(status),
        unread=bool(query["unread"]) if "unread" in query else None,
        destination=destination,
        senders=sender_forms(query["sender"]) if "sender" in query else (),
        keyword=str(query["keyword"]).upper() if "keyword" in query else None,
        credits_milli=credits_milli,
        from_ms=_moment_ms(query, "from"),
        to_ms=_moment_ms(query, "to"),
        metadata=tuple((pair["key"], pair["value"]) for pair in query.get("metadata") or ()),
        limit=query.get("limit", DEFAULT_LIMIT),
        skip=min(query.get("skip", 0), MAX_SKIP),
    )


def _moment_ms(query: dict[str, Any], field: str) -> int | None:
    if field not in query:
        return None
    try:
        return to_ms(parse_schedule(query[field], field=field))
    except DateError as error:
        raise bad_request(str(error)) from None
