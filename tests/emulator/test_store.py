"""SQLite: schema versioning, durability across restarts, reset."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from smsworks_emulator.datetimes import format_iso
from smsworks_emulator.store import SCHEMA_VERSION, Store, StoreError

from .conftest import Api, make_settings


def test_new_database_is_migrated_to_the_current_version(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "e.sqlite3"))
    assert store.schema_version == SCHEMA_VERSION
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    reopened = Store(str(tmp_path / "e.sqlite3"))
    assert reopened.schema_version == SCHEMA_VERSION
    reopened.close()


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    Store(str(path)).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_version VALUES (?, 0)", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError, match=r"^db_path:.*newer"):
        Store(str(path))


def test_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "t.sqlite3"))

    def write_then_fail() -> None:
        with store.transaction() as conn:
            conn.execute("INSERT INTO customers VALUES ('c', 1, NULL, 0)")
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert store.conn.execute("SELECT count(*) FROM customers").fetchone()[0] == 0


def test_restart_keeps_everything_and_fires_schedules_that_fell_due(tmp_path: Path) -> None:
    settings = make_settings(db_path=str(tmp_path / "emulator.sqlite3"), seed=42)
    first = Api(settings)
    sent = first.send(metadata=[{"key": "k", "value": "v"}]).json()
    later = format_iso(first.app.state.emulator.clock.now() + timedelta(seconds=30))
    body = {"sender": "Acme", "destination": "447777777777", "content": "later", "schedule": later}
    (scheduled,) = first.call("POST", "/message/schedule", body=body).json()
    first.http.close()
    first.app.state.emulator.close()

    second = Api(settings)  # same file: the controlled clock resumes where it was
    assert second.message(sent["messageid"])["metadata"] == [{"key": "k", "value": "v"}]
    assert second.balance() == 98.0
    second.advance(30)
    assert second.message(scheduled["messageid"])["content"] == "later"
    new = second.send().json()["messageid"]
    assert new not in {sent["messageid"], scheduled["messageid"]}  # the seeded ids continue
    second.app.state.emulator.close()


def test_reset_forgets_everything(api: Api) -> None:
    messageid = api.send().json()["messageid"]
    assert api.http.post("/_emulator/reset").status_code == 204
    assert api.call("GET", f"/messages/{messageid}").status_code == 404
    assert api.balance() == 100.0
