"""The emulator's notion of now: the wall clock, or one that moves only when told to."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

from smsworks_emulator.rules.dates import to_ms


def _wall_clock() -> datetime:
    # Millisecond precision: what a JavaScript Date (and so the service) can represent.
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


class Clock:
    """Real time by default; a controlled clock stands still between :meth:`advance` calls."""

    def __init__(self, controlled: bool, start: datetime | None = None) -> None:
        self.controlled = controlled
        self._lock = threading.Lock()
        self._now = start if start is not None else _wall_clock()

    @property
    def mode(self) -> str:
        return "controlled" if self.controlled else "real"

    def now(self) -> datetime:
        if not self.controlled:
            return _wall_clock()
        with self._lock:
            return self._now

    def now_ms(self) -> int:
        if not self.controlled:
            # What to_ms(self.now()) gives, without building a datetime: every request asks.
            return time.time_ns() // 1_000_000
        return to_ms(self.now())

    def advance(self, seconds: float) -> datetime:
        """Move a controlled clock forward; raises :class:`ClockError` for a real one."""
        if not self.controlled:
            raise ClockError(
                "clock: the emulator runs on real time; start it with a controlled clock"
            )
        if seconds < 0:
            raise ClockError("advance_seconds: must be >= 0 (the clock never runs backwards)")
        with self._lock:
            self._now = self._now + timedelta(seconds=seconds)
            return self._now

    def set(self, moment: datetime) -> datetime:
        """Jump a controlled clock to ``moment``, which must not be in its past."""
        if not self.controlled:
            raise ClockError(
                "clock: the emulator runs on real time; start it with a controlled clock"
            )
        with self._lock:
            if moment < self._now:
                raise ClockError("set: must not be before the emulator's current time")
            self._now = moment
            return self._now

    def reset(self) -> None:
        with self._lock:
            self._now = _wall_clock()


class ClockError(ValueError):
    """The clock cannot be moved that way; the message names the field."""
