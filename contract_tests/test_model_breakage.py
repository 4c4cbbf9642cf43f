"""The model test fails, on its own, against an emulator broken by each ``--break-contract``
switch that changes an answer of the API; the switches that change none are named with why.

Each broken emulator runs in-process and the model's machine runs against it unshrunk and
derandomized (the same sequences every run), so a slip that the model cannot see fails here
instead of going unnoticed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from contract_tests.targets import Target, open_target
from contract_tests.test_model import ModelMismatch, run_model
from smsworks_emulator.settings import FAULTS

CHANGES_NO_ANSWER = {
    "no-webhook-retry": (
        "a delivery report is a request the service makes, not an answer it gives "
        "(test_a_failed_delivery_report_is_retried_until_received guards it)"
    ),
}
ANSWER_CHANGING = sorted(set(FAULTS) - set(CHANGES_NO_ANSWER))
BREAKAGE_DEPTH = 15


def test_every_switch_is_either_caught_or_named_as_changing_no_answer() -> None:
    assert set(CHANGES_NO_ANSWER) <= set(FAULTS)
    assert ANSWER_CHANGING, "no switch left to prove the model test with"


@pytest.fixture
def broken(default_target: Target, request: pytest.FixtureRequest) -> Iterator[Target]:
    faults = frozenset({request.param})
    with open_target(replace(default_target.settings, faults=faults)) as broken_target:
        yield broken_target


@pytest.mark.parametrize("broken", ANSWER_CHANGING, indirect=True)
def test_the_model_test_fails_against_an_emulator_with(broken: Target) -> None:
    (fault,) = broken.settings.faults
    try:
        run_model(broken, None, BREAKAGE_DEPTH, shrink=False)
    except ModelMismatch:
        return
    pytest.fail(f"--break-contract {fault} ({FAULTS[fault]}): the model test passed")
