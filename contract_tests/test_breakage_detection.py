"""The suite catches, on its own, what a service could realistically get wrong on a bill or in use.

For each slip, an emulator is broken on purpose with a test-only fault (``--break-contract``, see
``smsworks_emulator.settings.FAULTS``), and the contract tests that guard that promise are run
against it: they must fail, with the message that names the slip. These slips all once passed
``pytest contract_tests``. The same tests pass in this run against the healthy emulator.

The broken emulators run in-process, one per fault, and the tests are called as functions with
the broken target in place of the session's, so this costs seconds, not a child pytest per fault
(``test_fault_detection.py`` runs whole child sessions against a served, broken emulator).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest

from contract_tests import (
    test_batches,
    test_credits,
    test_emulator_only,
    test_outcomes,
    test_paging,
)
from contract_tests.targets import Target, open_target


def _no_budget(cost: float) -> None:
    return None


def _credits_fall_by_credits_used(broken: Target) -> None:
    test_credits.test_credits_fall_by_exactly_credits_used(broken, _no_budget, "sync")


def _ucs2_part_70_finding(broken: Target) -> None:
    test_credits.test_ucs2_part_size_finding(broken, _no_budget, lambda name, text: None)


def _partial_batch(broken: Target) -> None:
    test_batches.test_a_batch_just_over_the_balance_is_refused_whole(broken, "send_batch")


def _no_refund(broken: Target) -> None:
    for suffix in ("001", "003"):
        test_outcomes.test_a_forced_outcome_ends_as_documented_and_is_charged_by_the_refund_rule(
            broken, suffix
        )


def _no_webhook_retry(broken: Target) -> None:
    with test_emulator_only.report_receiver() as receiver:
        test_emulator_only.test_a_failed_delivery_report_is_retried_until_received(broken, receiver)


def _accept_expired_token(broken: Target) -> None:
    test_emulator_only.test_a_token_is_refused_once_it_has_expired(broken)


def _ignore_skip(broken: Target) -> None:
    test_paging.test_paging_returns_every_message_exactly_once(broken)


# (what the service gets wrong, the fault that does it, the contract test that guards against
# it, what that test's failure must say)
BREAKAGES: tuple[tuple[str, str, Callable[[Target], None], str], ...] = (
    (
        "undercharges-multipart",
        "undercharge-multipart",
        _credits_fall_by_credits_used,
        "but creditsUsed said",
    ),
    ("prices-ucs2-at-70", "ucs2-part-70", _credits_fall_by_credits_used, "the oracle says"),
    (
        "reports-ucs2-at-70",
        "ucs2-part-70",
        _ucs2_part_70_finding,
        "but charged by the vendor pricing page",
    ),
    ("sends-part-of-an-unpaid-batch", "partial-batch", _partial_batch, "credits: 201"),
    ("does-not-refund", "no-refund", _no_refund, "should cost 0 of its"),
    (
        "does-not-retry-reports",
        "no-webhook-retry",
        _no_webhook_retry,
        "one means the report was never retried",
    ),
    (
        "accepts-expired-tokens",
        "accept-expired-token",
        _accept_expired_token,
        "an expired token was accepted",
    ),
    ("ignores-skip", "ignore-skip", _ignore_skip, "repeated"),
)


@pytest.fixture
def broken(default_target: Target, request: pytest.FixtureRequest) -> Iterator[Target]:
    faults = frozenset({request.param})
    with open_target(replace(default_target.settings, faults=faults, depth=5)) as broken_target:
        yield broken_target


def _messages(error: BaseException) -> str:
    if isinstance(error, BaseExceptionGroup):
        return "\n".join(_messages(inner) for inner in error.exceptions)
    return f"{type(error).__name__}: {error}"


@pytest.mark.parametrize(
    ("broken", "guard", "evidence"),
    [pytest.param(fault, guard, evidence, id=slip) for slip, fault, guard, evidence in BREAKAGES],
    indirect=["broken"],
)
def test_the_suite_fails_against_a_service_that(
    broken: Target, guard: Callable[[Target], None], evidence: str
) -> None:
    (fault,) = broken.settings.faults
    try:
        guard(broken)
    except (AssertionError, pytest.fail.Exception, BaseExceptionGroup) as error:
        failure = _messages(error)
    else:
        pytest.fail(
            f"--break-contract {fault}: the contract test passed against the broken emulator"
        )
    assert evidence in failure, (
        f"--break-contract {fault} failed the test, but not with {evidence!r}:\n{failure}"
    )
