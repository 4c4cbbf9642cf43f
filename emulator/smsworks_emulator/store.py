"""SQLite persistence: one connection, a versioned schema, and transactions that commit before
the API answers.

WAL journal with ``synchronous=NORMAL``: a committed transaction survives the emulator process
being killed (what "a restart loses nothing acknowledged" needs) without an fsync per request; only
a power cut can lose the last transactions. Every table a query filters on is indexed, so a
filtered ``/messages`` reads an index range, not the table.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MEMORY = ":memory:"

# Each entry moves the schema from version n to n + 1. Append; never edit a released one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE customers (
        customer_id TEXT PRIMARY KEY,
        credits_milli INTEGER NOT NULL,
        delivery_report_url TEXT,
        created_ms INTEGER NOT NULL
    );
    CREATE TABLE messages (
        seq INTEGER PRIMARY KEY,
        messageid TEXT NOT NULL UNIQUE,
        customer_id TEXT NOT NULL,
        batchid TEXT,
        kind TEXT NOT NULL,
        sender TEXT NOT NULL,
        destination TEXT NOT NULL,
        content TEXT NOT NULL,
        encoding TEXT,
        characters INTEGER NOT NULL DEFAULT 0,
        parts INTEGER NOT NULL DEFAULT 0,
        credits_milli INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL,
        tag TEXT NOT NULL DEFAULT '',
        schedule_ms INTEGER,
        created_ms INTEGER NOT NULL,
        modified_ms INTEGER NOT NULL,
        deliveryreporturl TEXT,
        ttl INTEGER,
        validity INTEGER NOT NULL,
        metadata TEXT,
        failure_code INTEGER,
        failure_details TEXT,
        failure_permanent INTEGER,
        keyword TEXT,
        unread INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX messages_by_customer ON messages (customer_id);
    CREATE INDEX messages_by_created ON messages (customer_id, created_ms);
    CREATE INDEX messages_by_status ON messages (customer_id, status);
    CREATE INDEX messages_by_destination ON messages (customer_id, destination);
    CREATE INDEX messages_by_sender ON messages (customer_id, sender);
    CREATE INDEX messages_by_keyword ON messages (customer_id, keyword);
    CREATE INDEX messages_by_batch ON messages (batchid) WHERE batchid IS NOT NULL;
    CREATE TABLE message_metadata (
        seq INTEGER NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL
    );
    CREATE INDEX metadata_by_pair ON message_metadata (key, value, seq);
    CREATE INDEX metadata_by_message ON message_metadata (seq);
    CREATE TABLE batches (
        batchid TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL,
        size INTEGER NOT NULL,
        created_ms INTEGER NOT NULL
    );
    CREATE TABLE schedules (
        id TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL,
        is_batch INTEGER NOT NULL,
        status TEXT NOT NULL,
        due_ms INTEGER NOT NULL,
        created_ms INTEGER NOT NULL,
        credits_milli INTEGER NOT NULL,
        request TEXT NOT NULL
    );
    CREATE INDEX schedules_by_customer ON schedules (customer_id, due_ms);
    CREATE TABLE otps (
        messageid TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL,
        destination TEXT NOT NULL,
        passcode TEXT NOT NULL,
        validity INTEGER NOT NULL,
        metadata TEXT,
        status TEXT NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        created_ms INTEGER NOT NULL,
        expires_ms INTEGER NOT NULL,
        modified_ms INTEGER NOT NULL
    );
    CREATE INDEX otps_by_passcode ON otps (customer_id, passcode);
    CREATE TABLE due_events (
        id INTEGER PRIMARY KEY,
        due_ms INTEGER NOT NULL,
        kind TEXT NOT NULL,
        ref TEXT NOT NULL,
        data TEXT
    );
    CREATE INDEX due_events_by_time ON due_events (due_ms, id);
    CREATE TABLE webhook_queue (
        id INTEGER PRIMARY KEY,
        due_ms INTEGER NOT NULL,
        customer_id TEXT NOT NULL,
        messageid TEXT NOT NULL,
        url TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        give_up_ms INTEGER,
        payload TEXT NOT NULL
    );
    CREATE INDEX webhook_queue_by_time ON webhook_queue (due_ms, id);
    CREATE TABLE webhook_attempts (
        id INTEGER PRIMARY KEY,
        customer_id TEXT NOT NULL,
        messageid TEXT NOT NULL,
        url TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        status_code INTEGER,
        error TEXT,
        at_ms INTEGER NOT NULL,
        payload TEXT NOT NULL
    );
    CREATE INDEX webhook_attempts_by_customer ON webhook_attempts (customer_id, id);
    CREATE TABLE emulator_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
DATA_TABLES = (
    "customers",
    "messages",
    "message_metadata",
    "batches",
    "schedules",
    "otps",
    "due_events",
    "webhook_queue",
    "webhook_attempts",
    "emulator_state",
)


class StoreError(RuntimeError):
    """The database cannot be used (newer schema, unreadable file)."""


class Store:
    """The emulator's SQLite database.

    One connection shared under a lock: the ASGI app may be driven from more than one thread
    (the in-process sync transport runs it in a portal thread), and SQLite serialises writers anyway.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        if path != MEMORY:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        except sqlite3.Error as error:
            raise StoreError(f"db_path: cannot open {path!r} ({error})") from error
        self.lock = threading.RLock()
        self.conn.row_factory = sqlite3.Row
        if path != MEMORY:
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA busy_timeout=5000")
        self._migrate()

    @property
    def schema_version(self) -> int:
        row = self.conn.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def _migrate(self) -> None:
        with self.transaction() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version "
                "(version INTEGER PRIMARY KEY, applied_ms INTEGER NOT NULL)"
            )
            current = self.schema_version
            if current > SCHEMA_VERSION:
                raise StoreError(
                    f"db_path: {self.path!r} has schema version {current}, newer than this "
                    f"emulator's {SCHEMA_VERSION}; upgrade smsworks-emulator or use another file"
                )
            for version in range(current, SCHEMA_VERSION):
                for statement in _statements(MIGRATIONS[version]):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_version VALUES (?, ?)",
                    (version + 1, int(time.time() * 1000)),
                )

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit: committed when the block ends, rolled back when it raises."""
        with self.lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def read(self) -> sqlite3.Connection:
        """The connection for a read outside a transaction (hold :attr:`lock`)."""
        return self.conn

    def get_state(self, key: str) -> str | None:
        with self.lock:
            row = self.conn.execute(
                "SELECT value FROM emulator_state WHERE key = ?", (key,)
            ).fetchone()
        return None if row is None else str(row[0])

    def wipe(self) -> None:
        """Delete every row of every data table (the schema stays)."""
        with self.transaction() as conn:
            for table in DATA_TABLES:
                conn.execute(f"DELETE FROM {table}")

    def close(self) -> None:
        with self.lock:
            self.conn.close()


def _statements(script: str) -> Iterator[str]:
    for statement in script.split(";"):
        if statement.strip():
            yield statement
