"""The credit budget of a run against the real service: predicted before each send, proven after.

Every test that spends credits asks :meth:`CreditBudget.reserve` first with the cost the public
pricing oracle predicts; once the next send would pass the budget, the test is skipped with
that reason instead of sending. At the end of the session the balance the service reports must
not have fallen by more than the budget.
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


def predicted_cost(content: str, destination: str, copies: int = 1) -> float:
    """The oracle's price, by the dearer reading where the service's count is not known."""
    return copies * max(
        pricing.price(content, destination, reading=reading).credits for reading in pricing.Reading
    )


@dataclass
class CreditBudget:
    limit: float
    opening_balance: float
    reserved: float = 0.0
    sends: list[float] = field(default_factory=list)

    def reserve(self, cost: float) -> None:
        """Count ``cost`` against the budget, or raise :class:`BudgetExceeded` without counting."""
        if self.reserved + cost > self.limit:
            raise BudgetExceeded(
                f"SMSWORKS_CREDIT_BUDGET={self.limit:g}: {self.reserved:g} credits reserved so far, "
                f"the next send would cost {cost:g}"
            )
        self.reserved += cost
        self.sends.append(cost)

    def verify(self, closing_balance: float) -> float:
        """Credits the run spent; raise :class:`BudgetExceeded` when more than the budget."""
        spent = self.opening_balance - closing_balance
        if spent > self.limit + 1e-9:
            raise BudgetExceeded(
                f"the balance fell by {spent:g} credits ({self.opening_balance:g} -> "
                f"{closing_balance:g}), more than SMSWORKS_CREDIT_BUDGET={self.limit:g}"
            )
        return spent
