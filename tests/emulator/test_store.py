"""SQLite: schema versioning, durability across restarts, reset, group commit."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import sqlite3
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest

from smsworks_emulator.rules.dates import format_iso
from smsworks_emulator.store import Store, StoreError
from smsworks_emulator.store.database import AUTOCHECKPOINT_PAGES
from smsworks_emulator.store.schema import MIGRATIONS, SCHEMA_VERSION

from .conftest import PROGRAM, Api, make_settings


def test_new_database_is_migrated_to_the_current_version(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "e.sqlite3"))
    assert store.schema_version == SCHEMA_VERSION
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    reopened = Store(str(tmp_path / "e.sqlite3"))
    assert reopened.schema_version == SCHEMA_VERSION
    reopened.close()


def test_each_in_memory_database_has_the_whole_schema_and_rows_of_its_own(tmp_path: Path) -> None:
    def schema(store: Store) -> list[tuple[str, str]]:
        rows = store.conn.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()
        return [tuple(row) for row in rows]

    migrated = Store(str(tmp_path / "migrated.sqlite3"))  # every migration run, one by one
    first, second = Store(":memory:"), Store(":memory:")
    first.conn.execute(
        "INSERT INTO customers (customer_id, credits_milli, created_ms) VALUES ('a', 1, 0)"
    )
    assert schema(first) == schema(second) == schema(migrated)
    assert second.schema_version == SCHEMA_VERSION
    assert second.conn.execute("SELECT count(*) FROM customers").fetchone()[0] == 0
    for store in (migrated, first, second):
        store.close()


def test_a_version_1_database_is_migrated_keeping_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "v1.sqlite3"
    with sqlite3.connect(path) as old:
        old.executescript(MIGRATIONS[0])
        old.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_ms INTEGER)")
        old.execute("INSERT INTO schema_version VALUES (1, 0)")
        old.execute("INSERT INTO customers VALUES ('kept', 5, NULL, 0)")
    store = Store(str(path))
    assert store.schema_version == SCHEMA_VERSION
    (index_sql,) = store.conn.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'messages_by_keyword'"
    ).fetchone()
    assert "WHERE keyword IS NOT NULL" in index_sql
    assert _committed_customers(path) == {"kept"}
    store.close()


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    Store(str(path)).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_version VALUES (?, 0)", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError, match=r"future\.sqlite3: has schema version .*newer"):
        Store(str(path))


def test_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "t.sqlite3"))

    def write_then_fail() -> None:
        with store.transaction() as repository:
            repository.ensure_customer("c", 1, 0)
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
    assert api.http.post("/_emulator/reset", headers=PROGRAM).status_code == 204
    assert api.call("GET", f"/messages/{messageid}").status_code == 404
    assert api.balance() == 100.0


# -- group commit ---------------------------------------------------------------------------


def _committed_customers(path: Path) -> set[str]:
    """What another connection sees: only committed rows."""
    with sqlite3.connect(path) as other:
        return {row[0] for row in other.execute("SELECT customer_id FROM customers")}


def _insert(store: Store, customer: str, fail: bool = False) -> None:
    with store.transaction() as repository:
        repository.ensure_customer(customer, 1, 0)
        if fail:
            raise RuntimeError("402, say")


def test_grouped_writes_are_committed_together_before_durable_returns(tmp_path: Path) -> None:
    path = tmp_path / "group.sqlite3"
    store = Store(str(path))

    async def scenario() -> tuple[set[str], set[str]]:
        store.group_commits(asyncio.get_running_loop())
        _insert(store, "a")
        _insert(store, "b")
        before = _committed_customers(path)
        await store.durable()
        return before, _committed_customers(path)

    before, after = asyncio.run(scenario())
    assert before == set()  # not acknowledged yet, and not visible to anyone else
    assert after == {"a", "b"}
    store.close()


def test_a_failing_write_in_a_group_loses_only_its_own_rows(tmp_path: Path) -> None:
    path = tmp_path / "group.sqlite3"
    store = Store(str(path))

    async def scenario() -> None:
        store.group_commits(asyncio.get_running_loop())
        _insert(store, "a")
        with pytest.raises(RuntimeError):
            _insert(store, "refused", fail=True)
        _insert(store, "c")
        await store.durable()

    asyncio.run(scenario())
    assert _committed_customers(path) == {"a", "c"}
    store.close()


def test_a_failed_group_commit_fails_every_request_of_the_group(tmp_path: Path) -> None:
    path = tmp_path / "group.sqlite3"
    store = Store(str(path))
    # A deferred foreign key is checked at COMMIT: a reliable way to make one fail.
    store.conn.execute("PRAGMA foreign_keys=ON")
    store.conn.execute(
        "CREATE TABLE orphans (customer_id TEXT REFERENCES customers (customer_id) "
        "DEFERRABLE INITIALLY DEFERRED)"
    )
    rolled_back: list[bool] = []
    store.on_rollback(lambda: rolled_back.append(True))

    async def request(customer: str, orphan: bool) -> str:
        with store.transaction() as repository:
            repository.ensure_customer(customer, 1, 0)
            if orphan:
                repository.conn.execute("INSERT INTO orphans VALUES ('nobody')")
        try:
            await store.durable()
        except StoreError as error:
            return str(error)
        return "ok"

    async def scenario() -> list[str]:
        store.group_commits(asyncio.get_running_loop())
        return list(await asyncio.gather(request("a", False), request("b", True)))

    outcomes = asyncio.run(scenario())
    assert all("could not commit" in outcome for outcome in outcomes), outcomes
    assert rolled_back == [True]
    assert _committed_customers(path) == set()
    assert not store.conn.in_transaction
    store.close()


def test_a_cancelled_request_does_not_cancel_the_others_wait(tmp_path: Path) -> None:
    path = tmp_path / "group.sqlite3"
    store = Store(str(path))

    async def request(customer: str) -> str:
        _insert(store, customer)
        await store.durable()
        return customer

    async def scenario() -> tuple[bool, str]:
        store.group_commits(asyncio.get_running_loop())
        first = asyncio.create_task(request("a"))
        second = asyncio.create_task(request("b"))
        await asyncio.sleep(0)  # both have written and wait for the same COMMIT
        first.cancel()
        outcome = await second
        with contextlib.suppress(asyncio.CancelledError):
            await first
        return first.cancelled(), outcome

    assert asyncio.run(scenario()) == (True, "b")
    assert _committed_customers(path) == {"a", "b"}
    store.close()


def test_a_write_from_another_thread_commits_the_open_group_at_once(tmp_path: Path) -> None:
    path = tmp_path / "group.sqlite3"
    store = Store(str(path))

    async def scenario() -> set[str]:
        store.group_commits(asyncio.get_running_loop())
        _insert(store, "on-the-loop")
        worker = threading.Thread(target=_insert, args=(store, "other-thread"))
        worker.start()
        worker.join()
        seen = _committed_customers(path)  # before this loop got a turn to commit
        await store.durable()
        return seen

    assert asyncio.run(scenario()) == {"on-the-loop", "other-thread"}
    store.close()


def test_checkpoints_move_the_log_into_the_database_file(tmp_path: Path) -> None:
    path = tmp_path / "wal.sqlite3"
    store = Store(str(path))

    async def scenario() -> int:
        store.group_commits(asyncio.get_running_loop())
        pages = int(store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
        _insert(store, "a")
        await store.durable()
        return pages

    assert asyncio.run(scenario()) == 0  # no request's COMMIT copies the log
    checkpointer = store.checkpointer
    assert checkpointer is not None
    done = checkpointer.completed
    deadline = time.monotonic() + 10
    while checkpointer.completed == done and time.monotonic() < deadline:
        time.sleep(0.05)
    # The database file alone, without its -wal, already holds the row.
    alone = tmp_path / "copy.sqlite3"
    shutil.copyfile(path, alone)
    assert _committed_customers(alone) == {"a"}
    store.stop_group_commits()
    assert store.checkpointer is None
    assert store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == AUTOCHECKPOINT_PAGES
    store.close()
