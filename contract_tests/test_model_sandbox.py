"""The model test's sandbox subset, run through the sandbox target against a served emulator.

The child run sees a real service: one account, one token, no control endpoints, sending only
to the permitted number and only within the credit budget. It must pass, spend no more than the
budget, text no other number, and report the readings it found.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest

from contract_tests.targets import Target
from contract_tests.test_sandbox_target import SANDBOX_CUSTOMER, run_sandbox
from smsworks_emulator.testing import ChildEmulator, child_process

PERMITTED = "447700900123"
BUDGET = 40.0
MODEL = ["contract_tests/test_model.py"]


@pytest.fixture(scope="module")
def served(default_target: Target) -> Iterator[ChildEmulator]:
    # A real clock, as the live service has: statuses move on their own, and nothing moves it.
    with child_process(controlled_clock=False) as server:
        yield server


def _balance(server: ChildEmulator) -> float:
    response = httpx2.get(
        server.base_url + "/credits/balance",
        headers={"Authorization": server.token(SANDBOX_CUSTOMER)},
    )
    response.raise_for_status()
    credits: float = response.json()["credits"]
    return credits


def _outbox(server: ChildEmulator) -> list[dict[str, object]]:
    response = httpx2.get(
        server.origin + "/_emulator/outbox", params={"customer_id": SANDBOX_CUSTOMER}
    )
    response.raise_for_status()
    sent: list[dict[str, object]] = response.json()
    return sent


def test_the_sandbox_subset_passes_within_its_budget(served: ChildEmulator, tmp_path: Path) -> None:
    env = {
        "SMSWORKS_BASE_URL": served.base_url,
        "SMSWORKS_TOKEN": served.token(SANDBOX_CUSTOMER),
        "SMSWORKS_ALLOW_SEND": "1",
        "SMSWORKS_TEST_DESTINATION": PERMITTED,
        "SMSWORKS_CREDIT_BUDGET": str(BUDGET),
    }
    before = _balance(served)
    result = run_sandbox(tmp_path, env, MODEL)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "1 passed" in result.stdout, result.stdout[-2000:]
    spent = before - _balance(served)
    assert 0 < spent <= BUDGET
    sent = _outbox(served)
    assert sent
    assert {entry["destination"] for entry in sent} == {PERMITTED}
    assert "ucs2-part-size [sandbox]" in result.stdout


def test_without_permission_the_model_test_is_skipped(
    served: ChildEmulator, tmp_path: Path
) -> None:
    env = {"SMSWORKS_BASE_URL": served.base_url, "SMSWORKS_TOKEN": served.token(SANDBOX_CUSTOMER)}
    result = run_sandbox(tmp_path, env, MODEL)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "costs credits; set SMSWORKS_ALLOW_SEND=1" in result.stdout
