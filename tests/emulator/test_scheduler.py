"""The scheduler's due work on the real clock: what a request applies before it is answered."""

from __future__ import annotations

import time
from pathlib import Path

from smsworks_emulator import Emulator, emulator_of
from smsworks_emulator.service.scheduler import TICK_SLICE

from .conftest import Api, make_settings


def _real_clock(**overrides: object) -> tuple[Api, Emulator]:
    api = Api(make_settings(**{"clock": "real", "delivery_delay_seconds": 1.0, **overrides}))
    return api, emulator_of(api.app)


def _status(emulator: Emulator, messageid: str) -> str:
    row = emulator.store.conn.execute(
        "SELECT status FROM messages WHERE messageid = ?", (messageid,)
    ).fetchone()
    return str(row[0])


def test_a_send_leaves_a_delivery_to_the_tick_and_a_read_applies_it() -> None:
    api, emulator = _real_clock()
    messageid = api.send().json()["messageid"]
    due_ms = emulator.due.next_state_due
    emulator.scheduler.catch_up(due_ms, balance_only=True)  # a send: the tick will deliver it
    assert _status(emulator, messageid) == "SENT"
    emulator.scheduler.catch_up(due_ms, balance_only=False)  # a read after the due time sees it
    assert _status(emulator, messageid) == "DELIVERED"


def test_a_send_applies_deliveries_once_the_tick_has_fallen_behind() -> None:
    api, emulator = _real_clock()
    messageid = api.send().json()["messageid"]
    due_ms = emulator.due.next_state_due
    emulator.scheduler.catch_up(due_ms + emulator.scheduler.tick_ms - 1, balance_only=True)
    assert _status(emulator, messageid) == "SENT"
    emulator.scheduler.catch_up(due_ms + emulator.scheduler.tick_ms, balance_only=True)
    assert _status(emulator, messageid) == "DELIVERED"


def test_a_send_behind_the_tick_applies_one_slice_of_the_backlog_and_a_read_the_rest() -> None:
    api, emulator = _real_clock(initial_credits=1000.0)
    sent = [api.send().json()["messageid"] for _ in range(TICK_SLICE + 6)]
    behind_ms = emulator.due.next_state_due + 60_000  # every delivery due, the tick far behind
    emulator.scheduler.catch_up(behind_ms, balance_only=True)
    statuses = [_status(emulator, messageid) for messageid in sent]
    assert statuses.count("DELIVERED") == TICK_SLICE  # the oldest, in the order they fell due
    assert statuses[:TICK_SLICE] == ["DELIVERED"] * TICK_SLICE
    emulator.scheduler.catch_up(behind_ms, balance_only=False)
    assert {_status(emulator, messageid) for messageid in sent} == {"DELIVERED"}


def test_a_send_applies_a_due_refund_first_so_its_balance_is_exact() -> None:
    api, emulator = _real_clock()
    messageid = api.send(destination="447700900001").json()["messageid"]
    due_ms = emulator.due.next_state_due
    emulator.scheduler.catch_up(due_ms, balance_only=True)
    assert _status(emulator, messageid) == "UNDELIVERABLE"


def test_a_refund_due_before_a_send_is_in_the_balance_it_reports() -> None:
    api, _ = _real_clock(delivery_delay_seconds=0.05)
    assert api.send(destination="447700900001").json()["credits"] == 99.0
    time.sleep(0.08)  # due, but within a tick: only the refund makes the send catch up
    assert api.send().json()["credits"] == 99.0


def test_a_restarted_emulator_still_knows_which_refunds_are_due(tmp_path: Path) -> None:
    db = str(tmp_path / "refunds.sqlite3")
    api, emulator = _real_clock(db_path=db)
    messageid = api.send(destination="447700900001").json()["messageid"]
    due_ms = emulator.due.next_state_due
    emulator.close()
    _, restarted = _real_clock(db_path=db)
    restarted.scheduler.catch_up(due_ms, balance_only=True)
    assert _status(restarted, messageid) == "UNDELIVERABLE"
    restarted.close()
