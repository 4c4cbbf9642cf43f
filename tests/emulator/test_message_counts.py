"""Each customer's message counts, kept with the customer: what the web inbox reads every second.

The counts are columns the writes keep, not a count of the stored messages at each read; these
tests hold them equal to what is stored, through every way a message is added or deleted, and
through the migration that adds them to an older database file.
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from smsworks_emulator.rules.dates import format_iso
from smsworks_emulator.store import ANY_CUSTOMER, Store
from smsworks_emulator.store.schema import MIGRATIONS, SCHEMA_VERSION

from .conftest import PROGRAM, Api

COUNTS_VERSION = 4
"""The schema version that added the counts."""


def _counts(api: Api) -> dict[str, tuple[int, int]]:
    found = api.http.get("/_emulator/customers").json()
    return {row["customer_id"]: (row["sent"], row["received"]) for row in found}


def _stored(api: Api, customer: str) -> tuple[int, int]:
    """What is stored for ``customer``, counted from the full listings."""
    sent = api.http.get("/_emulator/outbox", params={"customer_id": customer}).json()
    received = api.http.get("/_emulator/inbound", params={"customer_id": customer}).json()
    return len(sent), len(received)


def _receive(api: Api, customer: str, content: str = "hi") -> str:
    response = api.http.post(
        "/_emulator/inbound",
        json={
            "customer_id": customer,
            "from": "447700900999",
            "to": "447700900000",
            "content": content,
        },
    )
    assert response.status_code == 201, response.text
    messageid: str = response.json()["messageid"]
    return messageid


def test_counts_follow_every_write_that_adds_or_deletes_a_message(api: Api) -> None:
    first = api.send("alice").json()["messageid"]
    api.send("alice", destination="447700900002")  # rejected at once: stored, never charged
    api.send("alice", ttl=1)  # its record is purged a minute after delivery
    batch = {"sender": "Acme", "content": "many", "destinations": ["447777777771", "447777777772"]}
    assert api.call("POST", "/batch/send", "alice", batch).status_code == 201
    many = [{"sender": "Acme", "destination": "447777777773", "content": "one"}] * 3
    assert api.call("POST", "/batch/any", "bob", many).status_code == 201
    otp = {"sender": "Acme", "destination": "447777777777", "content": "Code: CODE"}
    assert api.call("POST", "/otp/send", "bob", otp).status_code == 201
    moment = api.app.state.emulator.clock.now() + timedelta(seconds=30)
    later = {"sender": "Acme", "destination": "447777777777", "content": "later",
             "schedule": format_iso(moment)}  # fmt: skip
    assert api.call("POST", "/message/schedule", "bob", later).status_code == 200
    _receive(api, "bob")
    gone = _receive(api, "alice")
    assert api.call("DELETE", f"/messages/{first}", "alice").status_code == 200
    assert api.call("DELETE", f"/messages/{gone}", "alice").status_code == 200
    api.advance(120)  # the schedule fires, the ttl runs out
    assert _counts(api) == {"alice": _stored(api, "alice"), "bob": _stored(api, "bob")}
    assert _counts(api) == {"alice": (3, 0), "bob": (5, 1)}


def test_a_batch_that_cannot_pay_counts_nothing(api: Api) -> None:
    api.send("alice")
    api.http.put("/_emulator/customers/alice/balance", json={"credits": 1})
    batch = {"sender": "Acme", "content": "many", "destinations": ["447777777771", "447777777772"]}
    assert api.call("POST", "/batch/send", "alice", batch).status_code == 402
    assert _counts(api) == {"alice": (1, 0)}


def test_a_reset_starts_the_counts_again(api: Api) -> None:
    api.send("alice")
    assert api.http.post("/_emulator/reset", headers=PROGRAM).status_code == 204
    api.send("alice")
    assert _counts(api) == {"alice": (1, 0)}


def test_an_older_database_gets_the_counts_of_what_it_stores(tmp_path: Path) -> None:
    path = tmp_path / "v3.sqlite3"
    with sqlite3.connect(path) as old:
        for migration in MIGRATIONS[: COUNTS_VERSION - 1]:
            old.executescript(migration)
        old.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_ms INTEGER)")
        old.execute("INSERT INTO schema_version VALUES (?, 0)", (COUNTS_VERSION - 1,))
        old.execute("INSERT INTO customers VALUES ('alice', 5, NULL, 0), ('quiet', 5, NULL, 1)")
        for index, kind in enumerate(("sms", "otp", "flash", "inbound", "binary", "inbound")):
            old.execute(
                "INSERT INTO messages (messageid, customer_id, kind, sender, destination, content, "
                "status, created_ms, modified_ms, validity) VALUES (?, 'alice', ?, 'A', '1', 'x', "
                "'SENT', 0, 0, 0)",
                (f"m{index}", kind),
            )
    store = Store(str(path))
    try:
        assert store.schema_version == SCHEMA_VERSION
        with store.reading() as repository:
            rows = repository.customers(ANY_CUSTOMER)
        assert [(row["customer_id"], row["sent"], row["received"]) for row in rows] == [
            ("alice", 4, 2),
            ("quiet", 0, 0),
        ]
    finally:
        store.close()
