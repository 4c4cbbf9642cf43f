"""Customers and their credits. A customer exists from the first request its token makes."""

from __future__ import annotations

import sqlite3

from smsworks_emulator.errors import insufficient_credits
from smsworks_emulator.records import credits


def ensure_customer(
    conn: sqlite3.Connection, customer_id: str, initial_milli: int, now_ms: int
) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO customers (customer_id, credits_milli, created_ms) VALUES (?, ?, ?)",
        (customer_id, initial_milli, now_ms),
    )


def balance_milli(conn: sqlite3.Connection, customer_id: str) -> int:
    row = conn.execute(
        "SELECT credits_milli FROM customers WHERE customer_id = ?", (customer_id,)
    ).fetchone()
    return int(row[0]) if row else 0


def charge(conn: sqlite3.Connection, customer_id: str, amount_milli: int) -> int:
    """Take ``amount_milli`` from the balance, or raise 402 and take nothing. Returns the new balance."""
    # One statement that checks and takes: the hot path of every send.
    row = conn.execute(
        "UPDATE customers SET credits_milli = credits_milli - ? "
        "WHERE customer_id = ? AND credits_milli >= ? RETURNING credits_milli",
        (amount_milli, customer_id, amount_milli),
    ).fetchone()
    if row is None:
        raise insufficient_credits(credits(amount_milli), credits(balance_milli(conn, customer_id)))
    return int(row[0])


def refund(conn: sqlite3.Connection, customer_id: str, amount_milli: int) -> None:
    if amount_milli:
        conn.execute(
            "UPDATE customers SET credits_milli = credits_milli + ? WHERE customer_id = ?",
            (amount_milli, customer_id),
        )


def set_balance(conn: sqlite3.Connection, customer_id: str, amount_milli: int) -> None:
    conn.execute(
        "UPDATE customers SET credits_milli = ? WHERE customer_id = ?", (amount_milli, customer_id)
    )


def default_report_url(conn: sqlite3.Connection, customer_id: str) -> str | None:
    row = conn.execute(
        "SELECT delivery_report_url FROM customers WHERE customer_id = ?", (customer_id,)
    ).fetchone()
    return None if row is None or row[0] is None else str(row[0])


def set_default_report_url(conn: sqlite3.Connection, customer_id: str, url: str | None) -> None:
    conn.execute(
        "UPDATE customers SET delivery_report_url = ? WHERE customer_id = ?", (url, customer_id)
    )
