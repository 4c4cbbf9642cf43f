"""The owner of due work: it applies what fell due, when time passes or a request needs it.

All time-driven work (deliveries, schedules, expiry, webhook retries) is a row with a due time.
:meth:`Scheduler.advance_state` applies everything due up to now, in time order; it runs after the
controlled clock moves, in a running server's background task, and before each request whose
answer depends on it (:meth:`Scheduler.catch_up`). So a test that advances the clock sees the
outcome as soon as the control call returns, and a read after a due time sees the new state.
"""

from __future__ import annotations

import asyncio
from datetime import datetime

from smsworks_emulator.rules.dates import to_ms
from smsworks_emulator.service.clock import Clock
from smsworks_emulator.service.due import NEVER, DueWork
from smsworks_emulator.service.lifecycle import Lifecycle
from smsworks_emulator.service.transactions import Transactions
from smsworks_emulator.service.webhooks import Webhooks

TICK_SLICE = 64
"""Due events a tick applies between two turns of the event loop: a tick that found hundreds of
deliveries due lets the requests waiting meanwhile run between its slices (a few ms each), rather
than holding the loop for all of them at once."""
CLOCK_STATE = "clock_ms"
"""Where a controlled clock's position is kept, so a restart resumes it."""


class Scheduler:
    def __init__(
        self,
        transactions: Transactions,
        clock: Clock,
        due: DueWork,
        lifecycle: Lifecycle,
        webhooks: Webhooks,
        tick_ms: int,
    ) -> None:
        self._transactions = transactions
        self.clock = clock
        self.due = due
        self._lifecycle = lifecycle
        self._webhooks = webhooks
        self.tick_ms = tick_ms
        self._slicing = False  # a tick is applying due work in slices, between turns of the loop
        self.recompute()

    def advance_state(self, now_ms: int | None = None) -> None:
        """Apply every due status change, schedule and purge up to ``now_ms``, oldest first."""
        now_ms = self.clock.now_ms() if now_ms is None else now_ms
        if now_ms < self.due.next_state_due:
            return
        self._lifecycle.process_due(now_ms)
        refund_was_due = now_ms >= self.due.next_refund_due
        with self._transactions.read() as repository:
            self.due.recompute(repository)
            if refund_was_due and not self.clock.controlled:
                self.due.recompute_refunds(repository)

    def catch_up(self, now_ms: int, *, balance_only: bool) -> None:
        """Apply the due work that a request's answer depends on, before it is handled.

        A request that reads stored state gets everything due by now. A send reads only the
        balance, so on the real clock it leaves ordinary deliveries to the background tick (one
        transaction for all of them, instead of one per request) unless a refund is due. When the
        tick has fallen behind (a loaded machine delays it) and is not at it right now, a send
        applies one slice of :data:`TICK_SLICE` of the backlog: the work still drains, but no send
        pays for all of it (a whole backlog inline held single sends 60-100 ms under load).
        """
        if self._transactions.store.write_fault is not None:
            # The disk refuses writes: answer from what is kept; the tick tries again.
            return
        due = self.due
        if not balance_only or self.clock.controlled or now_ms >= due.next_refund_due:
            self.advance_state(now_ms)
        elif now_ms >= due.next_state_due + self.tick_ms and not self._slicing:
            self._advance_slice(now_ms)

    def _advance_slice(self, now_ms: int) -> bool:
        """At most :data:`TICK_SLICE` due state changes, oldest first: True when more may be due."""
        more = self._lifecycle.process_due(now_ms, at_most=TICK_SLICE)
        with self._transactions.read() as repository:
            self.due.recompute(repository)
        return more

    def webhooks_due(self, now_ms: int) -> bool:
        return now_ms >= self.due.next_webhook_due

    async def run_due(self) -> None:
        """Everything due now: state changes, then delivery reports (which may retry, in time order).

        On a real clock the state changes go in slices of :data:`TICK_SLICE`, the loop free in
        between; every request still catches up on what its answer depends on first.
        """
        now_ms = self.clock.now_ms()
        if not self.clock.controlled and not self._slicing:
            self._slicing = True
            try:
                while now_ms >= self.due.next_state_due:
                    if not self._advance_slice(now_ms):
                        break
                    await asyncio.sleep(0)  # the requests waiting meanwhile run between slices
            finally:
                self._slicing = False
        self.advance_state(now_ms)
        if self.webhooks_due(now_ms):
            await self._webhooks.deliver_due(now_ms)
            with self._transactions.read() as repository:
                self.due.recompute(repository)

    async def move_clock(
        self, *, advance_seconds: float | None = None, moment: datetime | None = None
    ) -> datetime:
        """Move the controlled clock, process what fell due, and return the new now."""
        now = (
            self.clock.set(moment)
            if moment is not None
            else self.clock.advance(advance_seconds or 0.0)
        )
        with self._transactions.write() as repository:
            repository.put_state(CLOCK_STATE, str(to_ms(now)))
        await self.run_due()
        return now

    def recompute(self) -> None:
        """Read every due time from the store (at start, and after writes were rolled back)."""
        with self._transactions.read() as repository:
            self.due.recompute(repository)
            if self.clock.controlled:
                # catch_up never waits on a controlled clock: no need to know.
                self.due.next_refund_due = NEVER
            else:
                # A scan, but rare: at start and after a refund was applied (failures and expiries only).
                self.due.recompute_refunds(repository)
