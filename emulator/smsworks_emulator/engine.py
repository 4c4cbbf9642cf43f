"""The emulator's state and the machinery every operation shares: store, clock, ids, tokens and
the queue of due work.

All time-driven work (deliveries, schedules, expiry, webhook retries) is a row with a due time.
:meth:`Emulator.advance_state` applies everything due up to now, in time order; it runs after the
controlled clock moves, in a running server's background task, and before each request whose
answer depends on it (:meth:`Emulator.catch_up`). So a test that advances the clock sees the
outcome as soon as the control call returns, and a read after a due time sees the new state.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from smsworks_emulator import lifecycle, webhooks
from smsworks_emulator.accounts import ensure_customer
from smsworks_emulator.auth import Authenticator, issue_token
from smsworks_emulator.clock import Clock, from_ms, to_ms
from smsworks_emulator.ids import IdSource
from smsworks_emulator.records import to_milli
from smsworks_emulator.settings import EmulatorSettings
from smsworks_emulator.spec import Spec, load_spec
from smsworks_emulator.store import Store

_NEVER = 2**62
_ID_COUNTER = "id_counter"
_CLOCK = "clock_ms"
ANONYMOUS_CUSTOMER = "anonymous"


class Emulator:
    """One emulated SMS Works account system, backed by one SQLite database."""

    def __init__(self, settings: EmulatorSettings, spec: Spec | None = None) -> None:
        self.settings = settings
        self.spec = spec or load_spec()
        self.store = Store(settings.db_path)
        saved_clock = self.store.get_state(_CLOCK)
        start = (
            from_ms(int(saved_clock)) if saved_clock and settings.clock == "controlled" else None
        )
        self.clock = Clock(settings.clock == "controlled", start)
        self.ids = IdSource(settings.seed, int(self.store.get_state(_ID_COUNTER) or 0))
        self._saved_counter = self.ids.counter
        self.authenticator = Authenticator(settings.secret)
        self.initial_milli = to_milli(settings.initial_credits)
        self.delay_ms = round(settings.delivery_delay_seconds * 1000)
        self._known_customers: set[str] = set()
        self.tick_ms = round(settings.tick_seconds * 1000)
        self.next_state_due = _NEVER
        self._next_refund_due = _NEVER
        self._next_webhook_due = _NEVER
        self._recompute_due()
        self._recompute_refunds()
        self.store.on_rollback(self._forget_unsaved)

    # -- identity -------------------------------------------------------------------------

    def customer_for(self, header: str | None) -> str:
        """The authenticated customer (401 otherwise), created with the initial balance if new."""
        now = self.clock.now_ms() / 1000
        if "ignore-auth" in self.settings.faults:
            try:
                customer = self.authenticator.customer_at(header, now)
            except Exception:
                customer = ANONYMOUS_CUSTOMER
        else:
            customer = self.authenticator.customer_at(header, now)
        self.ensure_customer(customer)
        return customer

    def ensure_customer(self, customer: str) -> None:
        if customer in self._known_customers:
            return
        with self.store.transaction() as conn:
            ensure_customer(conn, customer, self.initial_milli, self.clock.now_ms())
        self._known_customers.add(customer)

    def issue_token(self, customer_id: str, ttl_seconds: int) -> str:
        return issue_token(
            secret=self.settings.secret,
            customer_id=customer_id,
            ttl_seconds=ttl_seconds,
            now=self.clock.now(),
        )

    # -- writes ---------------------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A transaction that also keeps the id counter, so a seeded restart never repeats an id."""
        with self.store.transaction() as conn:
            yield conn
            # Ids drawn before the transaction began (to name what it writes) count too.
            if self.ids.seed is not None and self.ids.counter != self._saved_counter:
                _put_state(conn, _ID_COUNTER, str(self.ids.counter))
                self._saved_counter = self.ids.counter

    def add_event(
        self, conn: sqlite3.Connection, due_ms: int, kind: str, ref: str, data: Any = None
    ) -> None:
        conn.execute(
            "INSERT INTO due_events (due_ms, kind, ref, data) VALUES (?, ?, ?, ?)",
            (due_ms, kind, ref, None if data is None else json.dumps(data)),
        )
        self.next_state_due = min(self.next_state_due, due_ms)

    def add_events(
        self, conn: sqlite3.Connection, events: list[tuple[int, str, str, str | None]]
    ) -> None:
        """Many events at once (a batch): rows of (due_ms, kind, ref, data as JSON text)."""
        if events:
            conn.executemany(
                "INSERT INTO due_events (due_ms, kind, ref, data) VALUES (?, ?, ?, ?)", events
            )
            self.next_state_due = min(self.next_state_due, min(event[0] for event in events))

    def refund_planned(self, due_ms: int) -> None:
        """A status change due at ``due_ms`` gives credits back (see :meth:`catch_up`)."""
        self._next_refund_due = min(self._next_refund_due, due_ms)

    def webhook_queued(self, due_ms: int) -> None:
        self._next_webhook_due = min(self._next_webhook_due, due_ms)

    # -- time -----------------------------------------------------------------------------

    def advance_state(self, now_ms: int | None = None) -> None:
        """Apply every due status change, schedule and purge up to ``now_ms``, oldest first."""
        now_ms = self.clock.now_ms() if now_ms is None else now_ms
        if now_ms < self.next_state_due:
            return
        lifecycle.process_due(self, now_ms)
        self._recompute_due()
        if now_ms >= self._next_refund_due:
            self._recompute_refunds()

    def catch_up(self, now_ms: int, *, balance_only: bool) -> None:
        """Apply the due work that a request's answer depends on, before it is handled.

        A request that reads stored state gets everything due by now. A send reads only the
        balance, so on the real clock it leaves ordinary deliveries to the background tick (one
        transaction for all of them, instead of one per request) unless a refund is due or the
        tick has fallen behind.
        """
        if (
            not balance_only
            or self.clock.controlled
            or now_ms >= self._next_refund_due
            or now_ms >= self.next_state_due + self.tick_ms
        ):
            self.advance_state(now_ms)

    def webhooks_due(self, now_ms: int) -> bool:
        return now_ms >= self._next_webhook_due

    async def run_due(self) -> None:
        """Everything due now: state changes, then delivery reports (which may retry, in time order)."""
        now_ms = self.clock.now_ms()
        self.advance_state(now_ms)
        if self.webhooks_due(now_ms):
            await webhooks.deliver_due(self, now_ms)
            self._recompute_due()

    async def move_clock(
        self, *, advance_seconds: float | None = None, moment: datetime | None = None
    ) -> datetime:
        """Move the controlled clock, process what fell due, and return the new now."""
        now = (
            self.clock.set(moment)
            if moment is not None
            else self.clock.advance(advance_seconds or 0.0)
        )
        with self.store.transaction() as conn:
            _put_state(conn, _CLOCK, str(to_ms(now)))
        await self.run_due()
        return now

    def _recompute_due(self) -> None:
        with self.store.lock:
            conn = self.store.read()
            state = conn.execute("SELECT min(due_ms) FROM due_events").fetchone()[0]
            hooks = conn.execute("SELECT min(due_ms) FROM webhook_queue").fetchone()[0]
        self.next_state_due = _NEVER if state is None else int(state)
        self._next_webhook_due = _NEVER if hooks is None else int(hooks)

    def _recompute_refunds(self) -> None:
        if self.clock.controlled:
            return  # catch_up never waits on a controlled clock: no need to know
        # A scan, but rare: at start and after a refund was applied (failures and expiries only).
        with self.store.lock:
            row = (
                self.store.read()
                .execute(
                    "SELECT min(due_ms) FROM due_events "
                    "WHERE kind = 'transition' AND json_extract(data, '$.refund')"
                )
                .fetchone()
            )
        self._next_refund_due = _NEVER if row[0] is None else int(row[0])

    # -- lifecycle ------------------------------------------------------------------------

    def reset(self) -> None:
        """Forget everything: messages, customers, schedules, webhooks, and the clock's position."""
        self.store.wipe()
        self._known_customers.clear()
        self.clock.reset()
        self.ids = IdSource(self.settings.seed, 0)
        self._saved_counter = 0
        self._recompute_due()
        self._next_refund_due = _NEVER

    def _forget_unsaved(self) -> None:
        # A failed group commit took back writes that these in-memory shortcuts describe.
        self._known_customers.clear()
        self._saved_counter = -1
        self._recompute_due()
        self._recompute_refunds()

    def close(self) -> None:
        self.store.close()


def _put_state(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO emulator_state (key, value) VALUES (?, ?)", (key, value))
