"""One emulated SMS Works account system: the services, wired to one store and one clock.

This is where the collaborators are built; each service receives only what it uses.
"""

from __future__ import annotations

from smsworks_emulator.rules.credits import to_milli
from smsworks_emulator.rules.dates import from_ms
from smsworks_emulator.service.accounts import Accounts
from smsworks_emulator.service.batches import Batches
from smsworks_emulator.service.clock import Clock
from smsworks_emulator.service.due import NEVER, DueWork
from smsworks_emulator.service.inbound import Inbound
from smsworks_emulator.service.inspection import Inspection
from smsworks_emulator.service.lifecycle import Lifecycle
from smsworks_emulator.service.messages import Messages
from smsworks_emulator.service.otp import Otps
from smsworks_emulator.service.outbound import Outbound
from smsworks_emulator.service.queries import Queries
from smsworks_emulator.service.scheduler import CLOCK_STATE, Scheduler
from smsworks_emulator.service.schedules import Schedules
from smsworks_emulator.service.transactions import Transactions
from smsworks_emulator.service.webhooks import Webhooks
from smsworks_emulator.settings import EmulatorSettings
from smsworks_emulator.store import Store


class Emulator:
    """The emulator's state and services, backed by one SQLite database."""

    def __init__(self, settings: EmulatorSettings) -> None:
        self.settings = settings
        self.store = store = Store(settings.db_path)
        controlled = settings.clock == "controlled"
        saved_clock = store.get_state(CLOCK_STATE)
        start = from_ms(int(saved_clock)) if saved_clock and controlled else None
        self.clock = clock = Clock(controlled, start)
        self.transactions = transactions = Transactions(store, settings.seed)
        self.due = due = DueWork()
        self.accounts = Accounts(transactions, clock, to_milli(settings.initial_credits))
        outbound = Outbound(transactions.ids, due, round(settings.delivery_delay_seconds * 1000))
        self.prices = prices = settings.prices
        self.messages = Messages(transactions, outbound)
        self.batches = Batches(transactions, outbound)
        self.schedules = Schedules(transactions, outbound, due, prices)
        self.otps = Otps(
            transactions,
            outbound,
            prices=prices,
            default_validity_seconds=settings.otp_default_validity_seconds,
            max_failed_attempts=settings.otp_max_failed_attempts,
        )
        self.queries = Queries(transactions, settings.timezone)
        self.inspection = Inspection(transactions)
        self.inbound = Inbound(transactions, clock, self.accounts)
        self.webhooks = Webhooks(transactions, clock, due, settings)
        lifecycle = Lifecycle(
            transactions,
            due,
            self.webhooks,
            self.schedules,
            refunds="no-refund" not in settings.faults,
        )
        self.scheduler = Scheduler(
            transactions, clock, due, lifecycle, self.webhooks, round(settings.tick_seconds * 1000)
        )
        store.on_rollback(self._forget_unsaved)

    def reset(self) -> None:
        """Forget everything: messages, customers, schedules, webhooks, and the clock's position."""
        self.store.wipe()
        self.accounts.forget()
        self.clock.reset()
        self.transactions.restart_ids()
        self.scheduler.recompute()
        self.due.next_refund_due = NEVER

    def _forget_unsaved(self) -> None:
        # A failed group commit took back writes that these in-memory shortcuts describe.
        self.accounts.forget()
        self.transactions.forget_saved_counter()
        self.scheduler.recompute()

    def close(self) -> None:
        self.store.close()
