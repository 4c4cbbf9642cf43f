"""A served emulator shares COMMITs between concurrent requests: nothing answered is ever lost."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import httpx2

from smsworks_emulator.testing import ServedEmulator, served, settings_for_tests

SENDS = 40
AFFORDABLE = 25


def _committed_messageids(db: Path) -> set[str]:
    # A second connection sees committed rows only: what survives the process being killed.
    with sqlite3.connect(db) as other:
        return {row[0] for row in other.execute("SELECT messageid FROM messages")}


async def _send_all(handle: ServedEmulator, db: Path) -> list[tuple[int, str | None, bool]]:
    """Send SENDS messages at once; for each answer, whether its message was already committed."""
    headers = {"Authorization": handle.token("alice")}
    limits = httpx2.Limits(max_connections=SENDS)
    async with httpx2.AsyncClient(base_url=handle.base_url, headers=headers, limits=limits) as http:

        async def send(index: int) -> tuple[int, str | None, bool]:
            body = {"sender": "Acme", "destination": "447777777777", "content": f"n{index}"}
            response = await http.post("/message/send", json=body)
            messageid = response.json().get("messageid")
            return response.status_code, messageid, messageid in _committed_messageids(db)

        return await asyncio.gather(*(send(index) for index in range(SENDS)))


def test_concurrent_sends_are_committed_before_they_are_answered(tmp_path: Path) -> None:
    db = tmp_path / "served.sqlite3"
    settings = settings_for_tests(db_path=str(db))
    with served(settings) as handle:
        handle.control.put(
            "/_emulator/customers/alice/balance", json={"credits": AFFORDABLE}
        ).raise_for_status()
        outcomes = asyncio.run(_send_all(handle, db))
        balance = handle.control.get("/_emulator/outbox", params={"customer_id": "alice"}).json()

    statuses = sorted(status for status, _, _ in outcomes)
    assert statuses == [201] * AFFORDABLE + [402] * (SENDS - AFFORDABLE)
    sent = {messageid for status, messageid, _ in outcomes if status == 201}
    # Every 201 was durable when it arrived; the 402s, in the same groups, wrote nothing.
    assert all(committed for status, _, committed in outcomes if status == 201)
    assert {entry["messageid"] for entry in balance} == sent
    with sqlite3.connect(db) as other:
        (credits_milli,) = other.execute(
            "SELECT credits_milli FROM customers WHERE customer_id = 'alice'"
        ).fetchone()
    assert credits_milli == 0  # exactly spent, never negative

    # A restart on the same file keeps every acknowledged message and the balance.
    with served(settings) as restarted:
        client = httpx2.Client(
            base_url=restarted.base_url, headers={"Authorization": restarted.token("alice")}
        )
        assert client.get("/credits/balance").json() == {"credits": 0.0}
        listed = client.post("/messages", json={"limit": 1000}).json()
        client.close()
    assert {message["messageid"] for message in listed} == sent
