"""``/messages``, ``/messages/inbox``, ``/messages/failed`` and ``/messages/volume``.

Each filter is an indexed column (or the metadata index), and results come newest first by
insertion order, which every index already holds, so ``limit`` stops the scan early: a filtered
query costs the same with ten thousand or a million stored messages.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from smsworks_emulator.clock import from_ms, to_ms
from smsworks_emulator.datetimes import DateError, parse_schedule
from smsworks_emulator.errors import bad_request
from smsworks_emulator.numbers import NumberError, normalise_destination
from smsworks_emulator.records import MESSAGE_COLUMNS, message_response, to_milli

if TYPE_CHECKING:
    from smsworks_emulator.engine import Emulator

STATUSES = ("SENT", "DELIVERED", "EXPIRED", "UNDELIVERABLE", "REJECTED", "INCOMING")
FAILED_STATUSES = ("EXPIRED", "UNDELIVERABLE", "REJECTED")
DEFAULT_LIMIT = 1000


def search(emu: Emulator, customer: str, query: dict[str, Any], scope: str) -> list[dict[str, Any]]:
    """Messages matching ``query``; ``scope`` is ``all``, ``inbox`` (marks them read) or ``failed``."""
    where, params = _conditions(customer, query, scope)
    limit = query.get("limit", DEFAULT_LIMIT)
    skip = query.get("skip", 0)
    sql = (
        f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE {' AND '.join(where)} "
        "ORDER BY seq DESC LIMIT ? OFFSET ?"
    )
    if scope == "inbox":
        with emu.write() as conn:
            rows = conn.execute(sql, (*params, limit, skip)).fetchall()
            conn.executemany(
                "UPDATE messages SET unread = 0 WHERE seq = ?", [(row["seq"],) for row in rows]
            )
    else:
        with emu.store.lock:
            rows = emu.store.read().execute(sql, (*params, limit, skip)).fetchall()
    return [message_response(row) for row in rows]


def _conditions(customer: str, query: dict[str, Any], scope: str) -> tuple[list[str], list[Any]]:
    where = ["customer_id = ?"]
    params: list[Any] = [customer]
    status = query.get("status")
    if status is not None:
        if status not in STATUSES:
            raise bad_request(f"status: {status!r} is not one of {', '.join(STATUSES)}")
        where.append("status = ?")
        params.append(status)
    if scope == "inbox":
        where.append("status = 'INCOMING' AND unread = 1")
    elif scope == "failed":
        where.append(f"status IN {FAILED_STATUSES}")
    if "unread" in query and scope != "inbox":
        where.append("status = 'INCOMING' AND unread = ?")
        params.append(int(bool(query["unread"])))
    if "destination" in query:
        try:
            destination = normalise_destination(query["destination"], field="destination")
        except NumberError as error:
            raise bad_request(str(error)) from None
        where.append("destination = ?")
        params.append(destination)
    if "sender" in query:
        where.append("sender = ?")
        params.append(query["sender"])
    if "keyword" in query:
        where.append("keyword = ?")
        params.append(str(query["keyword"]).upper())
    if "credits" in query:
        where.append("credits_milli = ?")
        params.append(to_milli(query["credits"]))
    for field, operator in (("from", ">="), ("to", "<=")):
        if field in query:
            where.append(f"created_ms {operator} ?")
            params.append(_moment_ms(query[field], field))
    for pair in query.get("metadata") or ():
        where.append("seq IN (SELECT seq FROM message_metadata WHERE key = ? AND value = ?)")
        params.extend((pair["key"], pair["value"]))
    return where, params


def _moment_ms(text: str, field: str) -> int:
    try:
        return to_ms(parse_schedule(text, field=field))
    except DateError as error:
        raise bad_request(str(error)) from None


def volume(emu: Emulator, customer: str, now_ms: int) -> dict[str, int]:
    """Messages sent since local midnight (the service's day is the UK's)."""
    local = from_ms(now_ms).astimezone(ZoneInfo(emu.settings.timezone))
    midnight = datetime(local.year, local.month, local.day, tzinfo=local.tzinfo)
    with emu.store.lock:
        row = (
            emu.store.read()
            .execute(
                "SELECT count(*) FROM messages WHERE customer_id = ? AND created_ms >= ? AND kind != 'inbound'",
                (customer, to_ms(midnight)),
            )
            .fetchone()
        )
    return {"volume": int(row[0])}


def outbox(conn: sqlite3.Connection, customer: str | None) -> list[sqlite3.Row]:
    """Every outgoing message, oldest first, optionally of one customer (control endpoint)."""
    sql = f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE kind != 'inbound'"
    params: tuple[str, ...] = ()
    if customer is not None:
        sql += " AND customer_id = ?"
        params = (customer,)
    return list(conn.execute(sql + " ORDER BY seq", params).fetchall())
