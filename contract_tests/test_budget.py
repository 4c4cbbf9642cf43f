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


def test_the_message_cap_refuses_the_send_that_would_pass_it() -> None:
    budget = CreditBudget(limit=100.0, opening_balance=100.0, max_messages=3)
    budget.reserve(1.0, 2)
    with pytest.raises(BudgetExceeded, match="SMSWORKS_MAX_MESSAGES=3"):
        budget.reserve(1.0, 2)
    budget.reserve(1.0)
    assert budget.messages == 3


def test_every_planned_test_keeps_one_cheapest_send_until_its_first() -> None:
    budget = CreditBudget(limit=4.0, opening_balance=100.0, max_messages=25)
    budget.plan(["a", "b", "c"])
    budget.reserve(1.0, test="a")
    # a may go deeper only while one send stays held for b and one for c.
    budget.reserve(1.0, test="a")
    with pytest.raises(BudgetExceeded, match="held for 2 tests"):
        budget.reserve(1.0, test="a")
    budget.reserve(1.0, test="b")
    budget.reserve(1.0, test="c")
    assert budget.ran == {"a": 2, "b": 1, "c": 1}
    with pytest.raises(BudgetExceeded):
        budget.reserve(1.0, test="b")
    assert budget.reserved == 4.0
    assert "a" in budget.refused
    assert "b" in budget.refused


def test_the_messages_held_for_waiting_tests_count_against_the_cap() -> None:
    budget = CreditBudget(limit=100.0, opening_balance=100.0, max_messages=2)
    budget.plan(["a", "b"])
    budget.reserve(1.0, test="a")
    with pytest.raises(BudgetExceeded, match="SMSWORKS_MAX_MESSAGES=2"):
        budget.reserve(1.0, test="a")
    budget.reserve(1.0, test="b")


def test_the_account_names_what_ran_and_what_the_budget_stopped() -> None:
    budget = CreditBudget(limit=2.0, opening_balance=10.0, max_messages=25)
    budget.plan(["a", "b", "c"])
    # More tests than the budget holds sends for: the cheapest first sends go while credits last.
    budget.reserve(1.0, test="a")
    with pytest.raises(BudgetExceeded):
        budget.reserve(3.0, test="b")
    budget.closing_balance = 9.0
    text = "\n".join(budget.account_text())
    assert "1 message sent" in text
    assert "fell by 1" in text
    assert "  ran a: 1 send" in text.splitlines()
    assert "skipped b: SMSWORKS_CREDIT_BUDGET=2" in text
    assert "not run c" in text
    assert "at most 25 messages" in budget.plan_text("447700900123", 3)


def test_a_test_whose_cheapest_send_costs_more_is_held_that_much() -> None:
    budget = CreditBudget(limit=5.0, opening_balance=100.0)
    budget.plan({"a": 1.0, "ucs2": 3.0})
    budget.reserve(1.0, test="a")
    with pytest.raises(BudgetExceeded, match="3 held for 1 test not run yet"):
        budget.reserve(2.0, test="a")
    budget.reserve(3.0, test="ucs2")
    assert budget.ran == {"a": 1, "ucs2": 1}
