"""Customers and their credits. A customer exists from the first request its token makes."""

from __future__ import annotations

from smsworks_emulator.rules.credits import credits
from smsworks_emulator.rules.errors import insufficient_credits
from smsworks_emulator.service.clock import Clock
from smsworks_emulator.service.transactions import Transactions
from smsworks_emulator.store import Repository


class Accounts:
    """Balances and default report URLs, per customer."""

    def __init__(self, transactions: Transactions, clock: Clock, initial_milli: int) -> None:
        self._transactions = transactions
        self._clock = clock
        self._initial_milli = initial_milli
        self._known: set[str] = set()

    def ensure(self, customer: str) -> None:
        """Create ``customer`` with the initial balance, the first time it is seen."""
        if customer in self._known:
            return
        with self._transactions.read() as repository:
            # A read (after a failed commit forgot who exists) must not need a write.
            if repository.customers(customer):
                self._known.add(customer)
                return
        with self._transactions.write() as repository:
            repository.ensure_customer(customer, self._initial_milli, self._clock.now_ms())
        self._known.add(customer)

    def forget(self) -> None:
        """Forget which customers exist (after a reset, or a rolled-back commit)."""
        self._known.clear()

    def balance_milli(self, customer: str) -> int:
        with self._transactions.read() as repository:
            return repository.balance_milli(customer)

    def set_balance(self, customer: str, amount_milli: int) -> int:
        self.ensure(customer)
        with self._transactions.write() as repository:
            repository.set_balance(customer, amount_milli)
            return repository.balance_milli(customer)

    def set_report_url(self, customer: str, url: str | None) -> None:
        self.ensure(customer)
        with self._transactions.write() as repository:
            repository.set_default_report_url(customer, url)


def charge(repository: Repository, customer: str, amount_milli: int) -> int:
    """Take ``amount_milli`` from the balance, or raise 402 and take nothing. Returns the new balance."""
    balance = repository.charge(customer, amount_milli)
    if balance is None:
        raise insufficient_credits(
            credits(amount_milli), credits(repository.balance_milli(customer))
        )
    return balance
