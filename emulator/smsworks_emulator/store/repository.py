"""Every query the emulator makes, as a typed method: the only SQL outside the schema.

A :class:`Repository` works on the store's one connection; :meth:`Store.transaction` and
:meth:`Store.reading` hand it out with the right lock and transaction around it.
"""

from __future__ import annotations

import enum
import json
import operator
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from smsworks_emulator.rules.statuses import (
    FAILED_STATUSES,
    EventKind,
    MessageKind,
    MessageStatus,
    OtpStatus,
    ScheduleStatus,
)
from smsworks_emulator.store.schema import DATA_TABLES

Row = sqlite3.Row
"""A row as read: columns by name (``row["messageid"]``)."""

MessageRow = sqlite3.Row | Mapping[str, Any]
"""A ``messages`` row as read, or as a transition is about to write it."""

MESSAGE_COLUMNS = (
    "seq, messageid, customer_id, batchid, kind, sender, destination, content, encoding, characters, "
    "parts, credits_milli, status, tag, schedule_ms, created_ms, modified_ms, deliveryreporturl, ttl, "
    "validity, metadata, failure_code, failure_details, failure_permanent, keyword, unread"
)

NewEvent = tuple[int, str, str, str | None]
"""A row of due work: (due time in ms, an :class:`EventKind` value, the message or schedule it is
about, data as JSON)."""

NewMessage = tuple[Any, ...]
"""The values of :data:`_NEW_MESSAGE_COLUMNS`, in that order."""

StatusChange = tuple[Any, ...]
"""(status, failure_code, failure_details, failure_permanent, modified_ms, credits_milli, seq)."""

StatusRecord = tuple[Any, ...]
"""A line of a message's status history:
(messageid, at_ms, status, failure_code, failure_details, failure_permanent)."""

Scope = Literal["all", "inbox", "failed"]

_NEW_MESSAGE_COLUMNS = (
    "messageid", "customer_id", "batchid", "kind", "sender", "destination", "content",
    "encoding", "characters", "parts", "credits_milli", "status", "tag", "schedule_ms",
    "created_ms", "modified_ms", "deliveryreporturl", "ttl", "validity", "metadata",
    "failure_code", "failure_details", "failure_permanent",
)  # fmt: skip
_NEW_MESSAGE_VARYING = ("messageid", "destination", "credits_milli")
"""The columns that differ between the messages of a batch to many numbers."""
_NEW_EVENT_COLUMNS = ("due_ms", "kind", "ref", "data")
_FAILED_IN = "(" + ", ".join(f"'{status}'" for status in FAILED_STATUSES) + ")"
_OUTGOING = f"kind != '{MessageKind.INBOUND}'"
_IN_CHUNK = 500
"""Ids per ``IN (...)`` list: far below SQLite's limit on bound parameters."""


class AnyCustomer(enum.Enum):
    """Whose rows a lookup may return when it is not one customer's: :data:`ANY_CUSTOMER`, by name.

    Every lookup of a record by id or listing of records takes its owner as a required argument, so
    a lookup that forgets it fails at once (mypy, then a ``TypeError``) instead of reading any
    customer's rows. Only the lifecycle and the control endpoints' views pass ``ANY_CUSTOMER``
    (``tests/test_architecture.py`` holds the API's service modules to that).
    """

    ANY = "any customer"


ANY_CUSTOMER = AnyCustomer.ANY
Owner = str | AnyCustomer
"""One customer's id, or :data:`ANY_CUSTOMER`."""


@dataclass(frozen=True)
class MessageFilter:
    """What ``/messages`` and friends ask for, already checked and normalised."""

    customer: str
    scope: Scope = "all"
    status: MessageStatus | None = None
    unread: bool | None = None
    destination: str | None = None
    senders: tuple[str, ...] = ()
    """The texts a matching message's sender may be (a number's every stored form); empty: any."""
    keyword: str | None = None
    credits_milli: int | None = None
    from_ms: int | None = None
    to_ms: int | None = None
    metadata: tuple[tuple[str, str], ...] = ()
    limit: int = 1000
    skip: int = 0


class Repository:
    """Typed reads and writes on the store's connection (the caller holds the store's lock)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    # -- customers ------------------------------------------------------------------------

    def ensure_customer(self, customer_id: str, initial_milli: int, now_ms: int) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO customers (customer_id, credits_milli, created_ms) VALUES (?, ?, ?)",
            (customer_id, initial_milli, now_ms),
        )

    def balance_milli(self, customer_id: str) -> int:
        row = self.conn.execute(
            "SELECT credits_milli FROM customers WHERE customer_id = ?", (customer_id,)
        ).fetchone()
        return int(row[0]) if row else 0

    def charge(self, customer_id: str, amount_milli: int, *, sending: int = 0) -> int | None:
        """Take ``amount_milli`` if the balance can pay: the new balance, else ``None`` (nothing taken).

        ``sending``: how many messages the caller is about to store for this charge (its
        :meth:`insert_messages`), counted in the same statement.
        """
        # One statement that checks, takes and counts: the hot path of every send.
        row = self.conn.execute(
            "UPDATE customers SET credits_milli = credits_milli - ?, sent = sent + ? "
            "WHERE customer_id = ? AND credits_milli >= ? RETURNING credits_milli",
            (amount_milli, sending, customer_id, amount_milli),
        ).fetchone()
        return None if row is None else int(row[0])

    def count_sent(self, customer_id: str, sending: int) -> None:
        """Count ``sending`` messages already paid for (a schedule that fell due) as sent."""
        self.conn.execute(
            "UPDATE customers SET sent = sent + ? WHERE customer_id = ?", (sending, customer_id)
        )

    def refund(self, customer_id: str, amount_milli: int) -> None:
        if amount_milli:
            self.conn.execute(
                "UPDATE customers SET credits_milli = credits_milli + ? WHERE customer_id = ?",
                (amount_milli, customer_id),
            )

    def set_balance(self, customer_id: str, amount_milli: int) -> None:
        self.conn.execute(
            "UPDATE customers SET credits_milli = ? WHERE customer_id = ?",
            (amount_milli, customer_id),
        )

    def default_report_url(self, customer_id: str) -> str | None:
        row = self.conn.execute(
            "SELECT delivery_report_url FROM customers WHERE customer_id = ?", (customer_id,)
        ).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def customers(self, customer_id: Owner) -> list[Row]:
        """Every customer (or one), oldest first, with how many messages it sent and received.

        The counts are columns of the customer, kept by every write that adds or deletes a
        message: this costs the same however many messages are stored.
        """
        sql = (
            "SELECT customer_id, credits_milli, delivery_report_url, created_ms, sent, received "
            "FROM customers"
        )
        params: tuple[str, ...] = ()
        if customer_id is not ANY_CUSTOMER:
            sql += " WHERE customer_id = ?"
            params = (customer_id,)
        return list(self.conn.execute(sql + " ORDER BY created_ms, customer_id", params).fetchall())

    def set_default_report_url(self, customer_id: str, url: str | None) -> None:
        self.conn.execute(
            "UPDATE customers SET delivery_report_url = ? WHERE customer_id = ?",
            (url, customer_id),
        )

    # -- messages -------------------------------------------------------------------------

    def insert_messages(
        self, rows: Sequence[NewMessage], metadata: Sequence[tuple[str, str, str]]
    ) -> None:
        """Outgoing messages, and their metadata pairs as (messageid, key, value).

        The caller counts them in the same transaction (:meth:`charge` with ``sending``, or
        :meth:`count_sent`): the customer's ``sent`` is what the web inbox reads.
        """
        _insert_rows(self.conn, "messages", _NEW_MESSAGE_COLUMNS, _NEW_MESSAGE_VARYING, rows)
        if metadata:
            self.conn.executemany(
                "INSERT INTO message_metadata (seq, key, value) "
                "SELECT seq, ?, ? FROM messages WHERE messageid = ?",
                [(key, value, messageid) for messageid, key, value in metadata],
            )

    def insert_inbound(
        self,
        messageid: str,
        customer_id: str,
        sender: str,
        destination: str,
        content: str,
        encoding: str,
        characters: int,
        parts: int,
        keyword: str,
        now_ms: int,
    ) -> Row:
        """An incoming message (INCOMING, unread), as stored."""
        self.conn.execute(
            "INSERT INTO messages (messageid, customer_id, kind, sender, destination, content, encoding, "
            "characters, parts, credits_milli, status, created_ms, modified_ms, validity, keyword, unread) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, 0, ?, 1)",
            (messageid, customer_id, MessageKind.INBOUND, sender, destination, content, encoding,
             characters, parts, MessageStatus.INCOMING, now_ms, now_ms, keyword),
        )  # fmt: skip
        self.conn.execute(
            "UPDATE customers SET received = received + 1 WHERE customer_id = ?", (customer_id,)
        )
        row = self.message(messageid, customer_id)
        assert row is not None
        return row

    def message(self, messageid: str, customer_id: Owner) -> Row | None:
        """A message by id; with ``customer_id``, only if it is that customer's."""
        if customer_id is ANY_CUSTOMER:
            found: Row | None = self.conn.execute(
                f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE messageid = ?", (messageid,)
            ).fetchone()
            return found
        found = self.conn.execute(
            f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE messageid = ? AND customer_id = ?",
            (messageid, customer_id),
        ).fetchone()
        return found

    def messages_by_id(self, messageids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The messages among ``messageids`` that exist, as dicts, by id."""
        if not messageids:
            return {}
        found = self.conn.execute(
            f"SELECT {MESSAGE_COLUMNS} FROM messages "
            f"WHERE messageid IN ({', '.join('?' * len(messageids))})",
            list(messageids),
        )
        return {row["messageid"]: dict(row) for row in found}

    def delete_message(self, messageid: str, customer_id: Owner) -> bool:
        """Delete a message and its metadata; ``False`` when there is none (of that customer)."""
        if customer_id is ANY_CUSTOMER:
            row = self.conn.execute(
                "SELECT seq, customer_id, kind FROM messages WHERE messageid = ?", (messageid,)
            ).fetchone()
        else:
            row = self.conn.execute(
                "SELECT seq, customer_id, kind FROM messages WHERE messageid = ? AND customer_id = ?",
                (messageid, customer_id),
            ).fetchone()
        if row is None:
            return False
        self.conn.execute("DELETE FROM message_metadata WHERE seq = ?", (row["seq"],))
        self.conn.execute("DELETE FROM messages WHERE seq = ?", (row["seq"],))
        self.conn.execute("DELETE FROM status_history WHERE messageid = ?", (messageid,))
        counter = "received" if row["kind"] == MessageKind.INBOUND else "sent"
        self.conn.execute(
            f"UPDATE customers SET {counter} = {counter} - 1 WHERE customer_id = ?",
            (row["customer_id"],),
        )
        return True

    def change_statuses(self, changes: Iterable[StatusChange]) -> None:
        self.conn.executemany(
            "UPDATE messages SET status = ?, failure_code = ?, failure_details = ?, "
            "failure_permanent = ?, modified_ms = ?, credits_milli = ? WHERE seq = ?",
            list(changes),
        )

    def record_statuses(self, records: Iterable[StatusRecord]) -> None:
        """Append to the messages' status histories."""
        self.conn.executemany(
            "INSERT INTO status_history (messageid, at_ms, status, failure_code, failure_details, "
            "failure_permanent) VALUES (?, ?, ?, ?, ?, ?)",
            list(records),
        )

    def status_history(self, messageids: Sequence[str]) -> list[Row]:
        """The recorded status changes of ``messageids``, oldest first."""
        found: list[Row] = []
        for start in range(0, len(messageids), _IN_CHUNK):
            chunk = messageids[start : start + _IN_CHUNK]
            found.extend(
                self.conn.execute(
                    "SELECT messageid, at_ms, status, failure_code, failure_details, "
                    "failure_permanent FROM status_history "
                    f"WHERE messageid IN ({', '.join('?' * len(chunk))}) ORDER BY id",
                    list(chunk),
                )
            )
        return found

    def search(self, query: MessageFilter) -> list[Row]:
        """Messages matching ``query``, newest first (every filter is an indexed column)."""
        where, params = _conditions(query)
        sql = (
            f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE {' AND '.join(where)} "
            "ORDER BY seq DESC LIMIT ? OFFSET ?"
        )
        return list(self.conn.execute(sql, (*params, query.limit, query.skip)).fetchall())

    def mark_read(self, rows: Iterable[Row]) -> None:
        self.conn.executemany(
            "UPDATE messages SET unread = 0 WHERE seq = ?", [(row["seq"],) for row in rows]
        )

    def count_sent_since(self, customer_id: str, since_ms: int) -> int:
        row = self.conn.execute(
            f"SELECT count(*) FROM messages WHERE customer_id = ? AND created_ms >= ? AND {_OUTGOING}",
            (customer_id, since_ms),
        ).fetchone()
        return int(row[0])

    def outbox(self, customer_id: Owner, limit: int | None = None) -> list[Row]:
        """Every outgoing message (or the newest ``limit``), oldest first, optionally of one customer."""
        return self._newest(
            f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE {_OUTGOING}", customer_id, limit
        )

    def inbound(self, customer_id: Owner, limit: int | None = None) -> list[Row]:
        """Every inbound message (or the newest ``limit``), oldest first, optionally of one customer."""
        return self._newest(
            f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE kind = '{MessageKind.INBOUND}'",
            customer_id,
            limit,
        )

    def _newest(self, select: str, customer_id: Owner, limit: int | None) -> list[Row]:
        """``select`` (with a WHERE and a ``seq`` column), of one customer, newest ``limit``."""
        params: list[Any] = []
        if customer_id is not ANY_CUSTOMER:
            select += " AND customer_id = ?"
            params.append(customer_id)
        if limit is None:
            return list(self.conn.execute(select + " ORDER BY seq", params).fetchall())
        newest = self.conn.execute(select + " ORDER BY seq DESC LIMIT ?", [*params, limit])
        return list(reversed(newest.fetchall()))

    # -- batches --------------------------------------------------------------------------

    def insert_batch(
        self, batchid: str, customer_id: str, size: int, now_ms: int, *, if_new: bool = False
    ) -> None:
        verb = "INSERT OR IGNORE" if if_new else "INSERT"
        self.conn.execute(
            f"{verb} INTO batches (batchid, customer_id, size, created_ms) VALUES (?, ?, ?, ?)",
            (batchid, customer_id, size, now_ms),
        )

    def batch_messages(self, batchid: str, customer_id: str) -> list[Row] | None:
        """The messages of a batch in the order sent; ``None`` when the customer has no such batch."""
        known = self.conn.execute(
            "SELECT 1 FROM batches WHERE batchid = ? AND customer_id = ?", (batchid, customer_id)
        ).fetchone()
        if known is None:
            return None
        return list(
            self.conn.execute(
                f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE batchid = ? ORDER BY seq",
                (batchid,),
            ).fetchall()
        )

    # -- schedules ------------------------------------------------------------------------

    def insert_schedule(
        self,
        schedule_id: str,
        customer_id: str,
        *,
        is_batch: bool,
        due_ms: int,
        now_ms: int,
        credits_milli: int,
        request: str,
    ) -> None:
        self.conn.execute(
            "INSERT INTO schedules (id, customer_id, is_batch, status, due_ms, created_ms, credits_milli, "
            "request) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (schedule_id, customer_id, int(is_batch), ScheduleStatus.SCHEDULED, due_ms, now_ms,
             credits_milli, request),
        )  # fmt: skip

    def schedule(self, schedule_id: str) -> Row | None:
        found: Row | None = self.conn.execute(
            "SELECT * FROM schedules WHERE id = ?", (schedule_id,)
        ).fetchone()
        return found

    def schedule_of(self, schedule_id: str, customer_id: str, *, is_batch: bool) -> Row | None:
        found: Row | None = self.conn.execute(
            "SELECT status, credits_milli FROM schedules WHERE id = ? AND customer_id = ? AND is_batch = ?",
            (schedule_id, customer_id, int(is_batch)),
        ).fetchone()
        return found

    def set_schedule_status(self, schedule_id: str, status: ScheduleStatus) -> None:
        self.conn.execute("UPDATE schedules SET status = ? WHERE id = ?", (status, schedule_id))

    def schedules_listed(
        self, customer_id: str, made_since_ms: int, due_since_ms: int
    ) -> list[Row]:
        """Schedules made since ``made_since_ms`` or due since ``due_since_ms``, soonest first."""
        return list(
            self.conn.execute(
                "SELECT * FROM schedules WHERE customer_id = ? AND (created_ms >= ? OR due_ms >= ?) "
                "ORDER BY due_ms, id",
                (customer_id, made_since_ms, due_since_ms),
            ).fetchall()
        )

    # -- OTPs -----------------------------------------------------------------------------

    def insert_otp(
        self,
        messageid: str,
        customer_id: str,
        destination: str,
        passcode: str,
        validity: int,
        metadata: str | None,
        now_ms: int,
    ) -> None:
        self.conn.execute(
            "INSERT INTO otps (messageid, customer_id, destination, passcode, validity, metadata, status, "
            "created_ms, expires_ms, modified_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (messageid, customer_id, destination, passcode, validity, metadata, OtpStatus.PENDING,
             now_ms, now_ms + validity * 1000, now_ms),
        )  # fmt: skip

    def otp(self, messageid: str, customer_id: Owner) -> Row | None:
        if customer_id is ANY_CUSTOMER:
            found: Row | None = self.conn.execute(
                "SELECT * FROM otps WHERE messageid = ?", (messageid,)
            ).fetchone()
            return found
        found = self.conn.execute(
            "SELECT * FROM otps WHERE messageid = ? AND customer_id = ?", (messageid, customer_id)
        ).fetchone()
        return found

    def otps(self, customer_id: Owner, limit: int | None = None) -> list[Row]:
        """OTP records (or the newest ``limit``), oldest first, optionally of one customer."""
        return self._newest("SELECT rowid AS seq, * FROM otps WHERE 1", customer_id, limit)

    def newest_otp_with(self, customer_id: str, passcode: str) -> Row | None:
        found: Row | None = self.conn.execute(
            "SELECT * FROM otps WHERE customer_id = ? AND passcode = ? "
            "ORDER BY created_ms DESC, rowid DESC LIMIT 1",
            (customer_id, passcode),
        ).fetchone()
        return found

    def set_otp_status(
        self,
        messageid: str,
        status: OtpStatus,
        *,
        modified_ms: int | None = None,
        failed_attempts: int | None = None,
    ) -> None:
        self.conn.execute(
            "UPDATE otps SET status = ?, modified_ms = coalesce(?, modified_ms), "
            "failed_attempts = coalesce(?, failed_attempts) WHERE messageid = ?",
            (status, modified_ms, failed_attempts, messageid),
        )

    # -- due work -------------------------------------------------------------------------

    def add_events(self, events: Sequence[NewEvent]) -> None:
        _insert_rows(self.conn, "due_events", _NEW_EVENT_COLUMNS, ("ref",), events)

    def due_events(self, now_ms: int, limit: int) -> list[Row]:
        """The oldest events due by ``now_ms``, in (due time, insertion) order."""
        return list(
            self.conn.execute(
                "SELECT id, due_ms, kind, ref, data FROM due_events WHERE due_ms <= ? "
                "ORDER BY due_ms, id LIMIT ?",
                (now_ms, limit),
            ).fetchall()
        )

    def delete_events(self, ids: Iterable[int]) -> None:
        self.conn.executemany("DELETE FROM due_events WHERE id = ?", [(id_,) for id_ in ids])

    def next_event_ms(self) -> int | None:
        value = self.conn.execute("SELECT min(due_ms) FROM due_events").fetchone()[0]
        return None if value is None else int(value)

    def next_refund_ms(self) -> int | None:
        """When the first status change that gives credits back is due (a scan; rarely needed)."""
        value = self.conn.execute(
            "SELECT min(due_ms) FROM due_events "
            f"WHERE kind = '{EventKind.TRANSITION}' AND json_extract(data, '$.refund')"
        ).fetchone()[0]
        return None if value is None else int(value)

    # -- delivery reports -----------------------------------------------------------------

    def queue_webhook(
        self,
        due_ms: int,
        customer_id: str,
        messageid: str,
        url: str,
        attempt: int,
        give_up_ms: int | None,
        payload: str,
    ) -> None:
        self.conn.execute(
            "INSERT INTO webhook_queue (due_ms, customer_id, messageid, url, attempt, give_up_ms, payload) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (due_ms, customer_id, messageid, url, attempt, give_up_ms, payload),
        )

    def claim_webhook(self, now_ms: int) -> Row | None:
        """The oldest report due by ``now_ms``, taken off the queue (so nobody posts it twice)."""
        row: Row | None = self.conn.execute(
            "SELECT * FROM webhook_queue WHERE due_ms <= ? ORDER BY due_ms, id LIMIT 1", (now_ms,)
        ).fetchone()
        if row is not None:
            self.conn.execute("DELETE FROM webhook_queue WHERE id = ?", (row["id"],))
        return row

    def next_webhook_ms(self) -> int | None:
        value = self.conn.execute("SELECT min(due_ms) FROM webhook_queue").fetchone()[0]
        return None if value is None else int(value)

    def record_attempt(
        self,
        job: Row,
        status_code: int | None,
        error: str | None,
        at_ms: int,
    ) -> None:
        self.conn.execute(
            "INSERT INTO webhook_attempts (customer_id, messageid, url, attempt, status_code, "
            "error, at_ms, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (job["customer_id"], job["messageid"], job["url"], job["attempt"], status_code, error,
             at_ms, job["payload"]),
        )  # fmt: skip

    def attempts(self, customer_id: Owner, limit: int | None = None) -> list[Row]:
        """Delivery-report attempts (or the newest ``limit``), oldest first, optionally of one customer."""
        return self._newest("SELECT id AS seq, * FROM webhook_attempts WHERE 1", customer_id, limit)

    # -- the emulator's own state ---------------------------------------------------------

    def get_state(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM emulator_state WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def put_state(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO emulator_state (key, value) VALUES (?, ?)", (key, value)
        )

    def wipe(self) -> None:
        """Delete every row of every data table (the schema stays)."""
        for table in DATA_TABLES:
            self.conn.execute(f"DELETE FROM {table}")


def _conditions(query: MessageFilter) -> tuple[list[str], list[Any]]:
    where = ["customer_id = ?"]
    params: list[Any] = [query.customer]
    if query.status is not None:
        where.append("status = ?")
        params.append(query.status)
    if query.scope == "inbox":
        where.append(f"status = '{MessageStatus.INCOMING}' AND unread = 1")
    elif query.scope == "failed":
        where.append(f"status IN {_FAILED_IN}")
    if query.unread is not None and query.scope != "inbox":
        where.append(f"status = '{MessageStatus.INCOMING}' AND unread = ?")
        params.append(int(query.unread))
    for column, value in (
        ("destination", query.destination),
        ("keyword", query.keyword),
        ("credits_milli", query.credits_milli),
    ):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if len(query.senders) == 1:
        where.append("sender = ?")
        params.append(query.senders[0])
    elif query.senders:
        where.append(f"sender IN ({', '.join('?' * len(query.senders))})")
        params.extend(query.senders)
    if query.from_ms is not None:
        where.append("created_ms >= ?")
        params.append(query.from_ms)
    if query.to_ms is not None:
        where.append("created_ms <= ?")
        params.append(query.to_ms)
    if query.metadata:
        # One condition however many pairs: a condition per pair passes SQLite's expression-tree
        # depth (1000) at about a thousand pairs, well inside the body limit.
        pairs = list(dict.fromkeys(query.metadata))
        where.append(
            "seq IN (SELECT m.seq FROM json_each(?) AS p JOIN message_metadata AS m "
            "ON m.key = json_extract(p.value, '$[0]') AND m.value = json_extract(p.value, '$[1]') "
            "GROUP BY m.seq HAVING count(DISTINCT p.key) = ?)"
        )
        params.extend((json.dumps(pairs), len(pairs)))
    return where, params


RUN_THRESHOLD = 16
"""Consecutive rows alike but for their varying columns that go in one statement, not one each."""


def _insert_rows(
    conn: sqlite3.Connection,
    table: str,
    columns: tuple[str, ...],
    varying: tuple[str, ...],
    rows: Sequence[tuple[Any, ...]],
) -> None:
    """INSERT ``rows`` (values in ``columns`` order) in the given order, so rowids follow it.

    A run of consecutive rows that differ only in their ``varying`` columns, as a batch of one
    message to many numbers does, is one INSERT ... SELECT over ``json_each``: the other values
    are bound once and the varying ones read from a JSON array, instead of binding every column
    of every row. Varying values must be text, integers or None (JSON gives them back as such).
    """
    if len(rows) < RUN_THRESHOLD:
        conn.executemany(_insert_sql(table, columns), rows)
        return
    shared = tuple(column for column in columns if column not in varying)
    # One varying column: its values themselves, not one-element lists, make the JSON array.
    pick_varying = operator.itemgetter(*(columns.index(column) for column in varying))
    pick_shared = _picker(columns, shared)
    run_sql = _insert_run_sql(table, varying, shared)
    singles: list[tuple[Any, ...]] = []
    start = 0
    while start < len(rows):
        values = pick_shared(rows[start])
        end = start + 1
        while end < len(rows) and pick_shared(rows[end]) == values:
            end += 1
        if end - start >= RUN_THRESHOLD:
            if singles:
                conn.executemany(_insert_sql(table, columns), singles)
                singles = []
            varied = [pick_varying(row) for row in rows[start:end]]
            conn.execute(run_sql, (*values, json.dumps(varied, separators=(",", ":"))))
        else:
            singles.extend(rows[start:end])
        start = end
    if singles:
        conn.executemany(_insert_sql(table, columns), singles)


def _picker(columns: tuple[str, ...], wanted: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving a row's values of ``wanted`` columns, always as a tuple."""
    positions = [columns.index(column) for column in wanted]
    if len(positions) == 1:
        (position,) = positions
        return lambda row: (row[position],)
    # itemgetter of several items gives a tuple already: called in C, no Python frame per row.
    pick: Callable[[Any], tuple[Any, ...]] = operator.itemgetter(*positions)
    return pick


@lru_cache(maxsize=32)
def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    marks = ", ".join("?" * len(columns))
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"


@lru_cache(maxsize=32)
def _insert_run_sql(table: str, varying: tuple[str, ...], shared: tuple[str, ...]) -> str:
    picks = (
        "value"
        if len(varying) == 1
        else ", ".join(f"value ->> {index}" for index in range(len(varying)))
    )
    marks = ", ".join("?" * len(shared))
    return (
        f"INSERT INTO {table} ({', '.join(varying + shared)}) "
        f"SELECT {picks}, {marks} FROM json_each(?) ORDER BY key"
    )
