"""The credit budget refuses the send that would pass it and proves the balance after the run."""

from __future__ import annotations

import pytest

from contract_tests.budget import BudgetExceeded, CreditBudget, predicted_cost


def test_a_send_past_the_budget_is_refused_and_not_counted() -> None:
    budget = CreditBudget(limit=3.0, opening_balance=100.0)
    budget.reserve(2.0)
    with pytest.raises(BudgetExceeded, match="SMSWORKS_CREDIT_BUDGET=3"):
        budget.reserve(2.0)
    budget.reserve(1.0)
    assert budget.reserved == 3.0


def test_the_closing_balance_must_be_inside_the_budget() -> None:
    budget = CreditBudget(limit=3.0, opening_balance=100.0)
    assert budget.verify(97.0) == 3.0
    with pytest.raises(BudgetExceeded, match="fell by 4"):
        budget.verify(96.0)


def test_predicted_cost_follows_the_segment_rules() -> None:
    assert predicted_cost("a" * 160, "447712345678") == 1
    assert predicted_cost("a" * 161, "447712345678") == 2
    assert predicted_cost("hello", "33612345678", copies=3) == 6
