"""The credit budget of a run against the real service: predicted before each send, proven after.

Every test that spends credits asks :meth:`CreditBudget.reserve` first with the cost the public
pricing oracle predicts and the texts it sends; once the next send would pass the credit budget
(``SMSWORKS_CREDIT_BUDGET``) or the message cap (``SMSWORKS_MAX_MESSAGES``), the test is skipped
with that reason instead of sending. At the end of the session the balance the service reports
must not have fallen by more than the budget.

The budget is spread: the sending tests of the run are announced with :meth:`CreditBudget.plan`,
and until a test has made its first send, one cheapest send (:data:`CHEAPEST_SEND` credits, one
text) stays held for it. So every sending test runs at least once, on its first (for a property,
Hypothesis' simplest, cheapest) example, before any test goes deeper into the budget.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from contract_tests import pricing
from smsworks import AuthenticatedClient
from smsworks.api.credits_ import get_credits_balance
from smsworks.models import CreditsResponse


class BudgetExceeded(RuntimeError):
    """The next send would take the run past SMSWORKS_CREDIT_BUDGET."""


def read_balance(client: AuthenticatedClient) -> float:
    parsed = get_credits_balance.sync(client=client)
    if not isinstance(parsed, CreditsResponse):
        raise RuntimeError(f"GET /credits/balance failed: {parsed!r}")
    credits: float = parsed.credits_
    return credits


def counted(count: int, noun: str) -> str:
    """``1 send``, ``3 sends``: how the account and the skip reasons count."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def predicted_cost(content: str, destination: str, copies: int = 1) -> float:
    """The oracle's price, by the dearer reading where the service's count is not known."""
    return copies * max(
        pricing.price(content, destination, reading=reading).credits for reading in pricing.Reading
    )


CHEAPEST_SEND = 1.0
"""Credits of the cheapest send: one single-part text to a UK number."""


@dataclass
class CreditBudget:
    limit: float
    opening_balance: float
    reserved: float = 0.0
    sends: list[float] = field(default_factory=list)
    max_messages: int | None = None
    """Texts the run may send; ``None``: only credits count."""
    messages: int = 0
    """Texts reserved so far."""
    waiting: dict[str, float] = field(default_factory=dict)
    """Sending tests announced by :meth:`plan` that have not sent yet, with the credits of the first send
    held for each (its cheapest example; :data:`CHEAPEST_SEND` unless the test's ``first_send`` says more)."""
    ran: dict[str, int] = field(default_factory=dict)
    """Sends reserved by each test."""
    refused: dict[str, str] = field(default_factory=dict)
    """The first refusal of each refused test, with its reason."""
    closing_balance: float | None = None

    def plan(self, tests: list[str] | dict[str, float]) -> None:
        """Announce the run's sending tests: each is held its cheapest send until its first."""
        holds = tests if isinstance(tests, dict) else dict.fromkeys(tests, CHEAPEST_SEND)
        self.waiting = {test: held for test, held in holds.items() if test not in self.ran}

    def reserve(self, cost: float, messages: int = 1, test: str | None = None) -> None:
        """Count ``cost`` and ``messages`` against the budget, or raise :class:`BudgetExceeded` without counting.

        ``test`` (a node id) is the test asking: the sends held for the other tests that have not
        sent yet are not available to it.
        """
        others = {other: held for other, held in self.waiting.items() if other != test}
        if test in self.waiting and cost <= self.waiting[test] and messages <= 1:
            # A first send on the cheapest example is what the holds are for: only the budget limits it.
            others = {}
        held_credits = sum(others.values())
        reason = None
        if self.reserved + cost + held_credits > self.limit + 1e-9:
            reason = (
                f"SMSWORKS_CREDIT_BUDGET={self.limit:g}: {self.reserved:g} credits reserved so far"
                + (
                    f", {held_credits:g} held for {counted(len(others), 'test')} not run yet"
                    if others
                    else ""
                )
                + f", the next send would cost {cost:g}"
            )
        elif (
            self.max_messages is not None
            and self.messages + messages + len(others) > self.max_messages
        ):
            reason = (
                f"SMSWORKS_MAX_MESSAGES={self.max_messages}: {self.messages} texts reserved so far"
                + (f", {len(others)} held for tests not run yet" if others else "")
                + f", the next send would send {messages}"
            )
        if reason is not None:
            if test is not None:
                self.refused.setdefault(test, reason)
            raise BudgetExceeded(reason)
        self.reserved += cost
        self.messages += messages
        self.sends.append(cost)
        if test is not None:
            self.waiting.pop(test, None)
            self.ran[test] = self.ran.get(test, 0) + 1

    def plan_text(self, destination: str, tests: int) -> str:
        """What the run may send, printed before the first send."""
        most = "" if self.max_messages is None else f"at most {self.max_messages} messages, "
        return (
            f"sandbox plan: {most}all to +{destination}; at most {self.limit:g} credits "
            f"(balance {self.opening_balance:g}); {tests} sending tests, each held its cheapest "
            f"send ({sum(self.waiting.values()):g} credits in all) until its first, then deeper "
            "examples as the budget allows"
        )

    def account_text(self) -> list[str]:
        """What the run sent and spent, and which tests the budget stopped, printed after the run."""
        spent = (
            f"; the balance fell by {self.opening_balance - self.closing_balance:g} "
            f"({self.opening_balance:g} -> {self.closing_balance:g})"
            if self.closing_balance is not None
            else ""
        )
        lines = [
            f"sandbox account: {counted(self.messages, 'message')} sent, {self.reserved:g} credits reserved"
            f"{spent}; {counted(len(self.ran), 'test')} sent at least once"
        ]
        for test, count in sorted(self.ran.items()):
            stopped = f", then stopped: {self.refused[test]}" if test in self.refused else ""
            lines.append(f"  ran {test}: {counted(count, 'send')}{stopped}")
        for test, reason in sorted(self.refused.items()):
            if test not in self.ran:
                lines.append(f"  skipped {test}: {reason}")
        for test in sorted(set(self.waiting) - set(self.refused)):
            lines.append(
                f"  not run {test}: did not ask to send (deselected, failed or skipped first)"
            )
        return lines

    def verify(self, closing_balance: float) -> float:
        """Credits the run spent; raise :class:`BudgetExceeded` when more than the budget."""
        spent = self.opening_balance - closing_balance
        if spent > self.limit + 1e-9:
            raise BudgetExceeded(
                f"the balance fell by {spent:g} credits ({self.opening_balance:g} -> "
                f"{closing_balance:g}), more than SMSWORKS_CREDIT_BUDGET={self.limit:g}"
            )
        return spent
