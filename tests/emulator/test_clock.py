from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from smsworks_emulator.rules.dates import from_ms, to_ms
from smsworks_emulator.service.clock import Clock, ClockError


def test_controlled_clock_stands_still_until_advanced() -> None:
    start = datetime(2030, 1, 1, tzinfo=UTC)
    clock = Clock(controlled=True, start=start)
    assert clock.now() == start
    assert clock.advance(2.5) == start + timedelta(seconds=2.5)
    assert clock.now() == start + timedelta(seconds=2.5)


def test_controlled_clock_never_runs_backwards() -> None:
    clock = Clock(controlled=True, start=datetime(2030, 1, 1, tzinfo=UTC))
    with pytest.raises(ClockError, match=r"^advance_seconds:"):
        clock.advance(-1)
    with pytest.raises(ClockError, match=r"^set:"):
        clock.set(datetime(2029, 1, 1, tzinfo=UTC))
    assert clock.set(datetime(2031, 1, 1, tzinfo=UTC)).year == 2031


def test_real_clock_refuses_to_move_and_follows_the_wall() -> None:
    clock = Clock(controlled=False)
    with pytest.raises(ClockError):
        clock.advance(1)
    assert abs((clock.now() - datetime.now(UTC)).total_seconds()) < 1
    assert clock.now().microsecond % 1000 == 0  # milliseconds, like a JavaScript Date


def test_milliseconds_round_trip() -> None:
    moment = datetime(2024, 2, 29, 12, 0, 0, 123000, tzinfo=UTC)
    assert from_ms(to_ms(moment)) == moment


def test_real_clock_milliseconds_agree_with_its_datetime() -> None:
    clock = Clock(controlled=False)
    before = to_ms(clock.now())
    now_ms = clock.now_ms()
    after = to_ms(clock.now())
    assert before <= now_ms <= after
