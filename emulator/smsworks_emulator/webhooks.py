"""Delivery reports: the message's MessageResponse POSTed to its report URL on each status change.

The URL is the message's ``deliveryreporturl`` or, failing that, the customer's default (set by
the control endpoint). A failed POST (no answer, or not 2xx) is retried after
``webhook_backoff_seconds``, doubling each time, at most ``webhook_max_attempts`` tries in all,
and never after the message's ``ttl`` has run out. Every attempt is recorded for
``GET /_emulator/webhooks``.
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any

import httpx

from smsworks_emulator.outcomes import MINUTE_MS
from smsworks_emulator.records import MessageRow, iso, message_response

if TYPE_CHECKING:
    from smsworks_emulator.engine import Emulator

USER_AGENT = "smsworks-emulator delivery report"


def enqueue(
    emu: Emulator, conn: sqlite3.Connection, row: MessageRow, url: str | None, at_ms: int
) -> None:
    """Queue the report of ``row``'s current state to ``url``, due at ``at_ms``.

    ``url`` is the message's ``deliveryreporturl`` or its customer's default (nothing without).
    """
    if not url:
        return
    give_up = at_ms + int(row["ttl"]) * MINUTE_MS if row["ttl"] else None
    _queue(
        conn,
        at_ms,
        row["customer_id"],
        row["messageid"],
        url,
        1,
        give_up,
        json.dumps(message_response(row)),
    )
    emu.webhook_queued(at_ms)


def _queue(
    conn: sqlite3.Connection,
    due_ms: int,
    customer: str,
    messageid: str,
    url: str,
    attempt: int,
    give_up_ms: int | None,
    payload: str,
) -> None:
    conn.execute(
        "INSERT INTO webhook_queue (due_ms, customer_id, messageid, url, attempt, give_up_ms, payload) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (due_ms, customer, messageid, url, attempt, give_up_ms, payload),
    )


async def deliver_due(emu: Emulator, now_ms: int) -> int:
    """POST every report due by ``now_ms``; retries that fall due by then are posted too.

    Returns the number of attempts made. Each queue row is claimed (deleted) before its POST, so
    two concurrent callers never post the same report twice.
    """
    settings = emu.settings
    attempts = 0
    timeout = httpx.Timeout(settings.webhook_timeout_seconds)
    async with httpx.AsyncClient(timeout=timeout, headers={"User-Agent": USER_AGENT}) as client:
        while True:
            job = _claim(emu, now_ms)
            if job is None:
                return attempts
            attempts += 1
            status_code, error = await _post(client, job["url"], job["payload"])
            # A controlled clock stands still while we post: the attempt happened when it was due.
            at_ms = job["due_ms"] if emu.clock.controlled else emu.clock.now_ms()
            with emu.store.transaction() as conn:
                conn.execute(
                    "INSERT INTO webhook_attempts (customer_id, messageid, url, attempt, status_code, "
                    "error, at_ms, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (job["customer_id"], job["messageid"], job["url"], job["attempt"], status_code, error,
                     at_ms, job["payload"]),
                )  # fmt: skip
                succeeded = status_code is not None and 200 <= status_code < 300
                if not succeeded and job["attempt"] < settings.webhook_max_attempts:
                    backoff_ms = round(
                        settings.webhook_backoff_seconds * 1000 * 2 ** (job["attempt"] - 1)
                    )
                    retry_ms = at_ms + backoff_ms
                    if job["give_up_ms"] is None or retry_ms <= job["give_up_ms"]:
                        _queue(conn, retry_ms, job["customer_id"], job["messageid"], job["url"],
                               job["attempt"] + 1, job["give_up_ms"], job["payload"])  # fmt: skip
                        emu.webhook_queued(retry_ms)


def _claim(emu: Emulator, now_ms: int) -> sqlite3.Row | None:
    with emu.store.transaction() as conn:
        row: sqlite3.Row | None = conn.execute(
            "SELECT * FROM webhook_queue WHERE due_ms <= ? ORDER BY due_ms, id LIMIT 1", (now_ms,)
        ).fetchone()
        if row is not None:
            conn.execute("DELETE FROM webhook_queue WHERE id = ?", (row["id"],))
        return row


async def _post(client: httpx.AsyncClient, url: str, payload: str) -> tuple[int | None, str | None]:
    try:
        response = await client.post(
            url, content=payload, headers={"Content-Type": "application/json"}
        )
    except httpx.HTTPError as error:
        return None, f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    except ValueError as error:  # an URL httpx cannot even parse
        return None, f"invalid URL: {error}"
    return response.status_code, None if response.is_success else f"HTTP {response.status_code}"


def attempts_log(conn: sqlite3.Connection, customer: str | None) -> list[dict[str, Any]]:
    """The attempts, oldest first, optionally for one customer."""
    sql = "SELECT * FROM webhook_attempts"
    params: tuple[str, ...] = ()
    if customer is not None:
        sql += " WHERE customer_id = ?"
        params = (customer,)
    rows = conn.execute(sql + " ORDER BY id", params).fetchall()
    return [
        {
            "messageid": row["messageid"],
            "customer_id": row["customer_id"],
            "url": row["url"],
            "attempt": row["attempt"],
            "status_code": row["status_code"],
            "error": row["error"],
            "at": iso(row["at_ms"]),
            "payload": json.loads(row["payload"]),
        }
        for row in rows
    ]
