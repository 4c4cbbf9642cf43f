"""The database schema, as the migrations that build it; versioned in ``schema_version``."""

from __future__ import annotations

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
    # Only inbound messages have a keyword: a partial index costs outgoing sends nothing, and
    # still serves `keyword = ?` (which implies IS NOT NULL).
    """
    DROP INDEX messages_by_keyword;
    CREATE INDEX messages_by_keyword ON messages (customer_id, keyword) WHERE keyword IS NOT NULL;
    """,
    # Each status change a message went through after it was stored, for the web inbox.
    """
    CREATE TABLE status_history (
        id INTEGER PRIMARY KEY,
        messageid TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        status TEXT NOT NULL,
        failure_code INTEGER,
        failure_details TEXT,
        failure_permanent INTEGER
    );
    CREATE INDEX status_history_by_message ON status_history (messageid, id);
    """,
    # What the web inbox reads every second costs the same at any size: each customer's message
    # counts kept with its balance (the writes that add or delete a message keep them, in the same
    # transaction), and the newest inbound messages and OTPs of a customer read from an index.
    """
    ALTER TABLE customers ADD COLUMN sent INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE customers ADD COLUMN received INTEGER NOT NULL DEFAULT 0;
    UPDATE customers SET
        sent = (SELECT count(*) FROM messages m
                WHERE m.customer_id = customers.customer_id AND m.kind != 'inbound'),
        received = (SELECT count(*) FROM messages m
                    WHERE m.customer_id = customers.customer_id AND m.kind = 'inbound');
    CREATE INDEX messages_inbound ON messages (customer_id) WHERE kind = 'inbound';
    CREATE INDEX otps_by_customer ON otps (customer_id);
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
    "status_history",
)
