from __future__ import annotations

from smsworks_emulator.rules.outcomes import MINUTE_MS, magic_suffix, plan_delivery

DELAY = 2000


def test_ordinary_numbers_are_delivered_after_the_delay() -> None:
    plan = plan_delivery("447777777777", 0, 2880, DELAY)
    assert plan.initial_status == "SENT"
    assert plan.charged
    assert [(step.due_ms, step.status) for step in plan.transitions] == [(DELAY, "DELIVERED")]


def test_undeliverable_is_permanent_and_refunded() -> None:
    (step,) = plan_delivery("447700900001", 0, 2880, DELAY).transitions
    assert step.status == "UNDELIVERABLE"
    assert step.failure is not None
    assert step.failure.permanent
    assert step.refund


def test_rejected_is_final_at_once_and_never_charged() -> None:
    plan = plan_delivery("447700900002", 0, 2880, DELAY)
    assert plan.initial_status == "REJECTED"
    assert not plan.charged
    assert plan.transitions == ()


def test_expiring_number_expires_when_validity_runs_out() -> None:
    (step,) = plan_delivery("447700900003", 0, 30, DELAY).transitions
    assert (step.due_ms, step.status, step.refund) == (30 * MINUTE_MS, "EXPIRED", True)


def test_temporary_failure_then_delivery() -> None:
    first, second = plan_delivery("447700900004", 0, 2880, DELAY).transitions
    assert first.status == "SENT"
    assert first.failure is not None
    assert not first.failure.permanent
    assert (second.due_ms, second.status) == (2 * DELAY, "DELIVERED")


def test_slow_delivery_expires_if_validity_is_shorter() -> None:
    (slow,) = plan_delivery("447700900005", 0, 2880, DELAY).transitions
    assert (slow.due_ms, slow.status) == (10 * DELAY, "DELIVERED")
    (expired,) = plan_delivery("447700900005", 0, 1, 10_000).transitions
    assert (expired.due_ms, expired.status) == (MINUTE_MS, "EXPIRED")


def test_magic_range_is_exactly_ofcoms_drama_range() -> None:
    assert magic_suffix("447700900123") == "123"
    assert magic_suffix("447700901123") is None
    assert magic_suffix("4477009001234") is None
