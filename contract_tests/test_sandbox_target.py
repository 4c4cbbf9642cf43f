"""The sandbox target's wiring, proven against an emulator server on loopback (the only service
this machine reaches): bad settings stop the run before any request, nothing that costs credits
runs without permission, and with permission the run stays inside its credit budget.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest

from contract_tests.settings import REPO_ROOT
from contract_tests.targets import Target
from smsworks_emulator.testing import ChildEmulator, child_process

SANDBOX_CUSTOMER = "sandbox-account"
OPENING_BALANCE = 100.0
USAGE_ERROR = 4  # pytest's exit code for a usage error
SUITE = ["contract_tests/test_credits.py", "contract_tests/test_batches.py"]


@pytest.fixture(scope="module")
def sandbox_server(default_target: Target) -> Iterator[ChildEmulator]:
    with child_process() as server:
        yield server


def _token(server: ChildEmulator) -> str:
    return server.token(SANDBOX_CUSTOMER)


def _balance(server: ChildEmulator) -> float:
    response = httpx2.get(
        server.base_url + "/credits/balance", headers={"Authorization": _token(server)}
    )
    response.raise_for_status()
    credits: float = response.json()["credits"]
    return credits


def _outbox(server: ChildEmulator) -> list[object]:
    response = httpx2.get(
        server.origin + "/_emulator/outbox", params={"customer_id": SANDBOX_CUSTOMER}
    )
    response.raise_for_status()
    sent: list[object] = response.json()
    return sent


def run_sandbox(
    tmp_path: Path, extra_env: dict[str, str], files: list[str]
) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SMSWORKS_", "CONTRACT_"))
    }
    env.update(
        SMSWORKS_TARGET="sandbox",
        CONTRACT_DEPTH="3",
        CONTRACT_REPORTS_DIR=str(tmp_path / "reports"),
        **extra_env,
    )
    command = [sys.executable, "-m", "pytest", *files, "-p", "no:cacheprovider", "-q", "-rs"]
    return subprocess.run(
        command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=240, check=False
    )


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({}, "SMSWORKS_BASE_URL"),
        ({"SMSWORKS_BASE_URL": "{base}"}, "SMSWORKS_TOKEN"),
        ({"SMSWORKS_BASE_URL": "{base}", "SMSWORKS_TOKEN": "not-a-jwt"}, "SMSWORKS_TOKEN"),
        (
            {
                "SMSWORKS_BASE_URL": "{base}",
                "SMSWORKS_TOKEN": "{token}",
                "SMSWORKS_ALLOW_SEND": "1",
            },
            "SMSWORKS_TEST_DESTINATION",
        ),
        (
            {
                "SMSWORKS_BASE_URL": "{base}",
                "SMSWORKS_TOKEN": "{token}",
                "SMSWORKS_ALLOW_SEND": "1",
                "SMSWORKS_TEST_DESTINATION": "447700900123",
            },
            "SMSWORKS_CREDIT_BUDGET",
        ),
    ],
)
def test_bad_settings_stop_the_run_before_any_request(
    sandbox_server: ChildEmulator, tmp_path: Path, env: dict[str, str], named: str
) -> None:
    filled = {
        key: value.format(base=sandbox_server.base_url, token=_token(sandbox_server))
        for key, value in env.items()
    }
    before = _balance(sandbox_server)
    result = run_sandbox(tmp_path, filled, SUITE)
    assert result.returncode == USAGE_ERROR, result.stdout[-2000:] + result.stderr[-2000:]
    assert named in result.stderr
    assert _balance(sandbox_server) == before


def test_without_permission_nothing_that_costs_credits_runs(
    sandbox_server: ChildEmulator, tmp_path: Path
) -> None:
    env = {
        "SMSWORKS_BASE_URL": sandbox_server.base_url,
        "SMSWORKS_TOKEN": _token(sandbox_server),
        # sendMessage is asked for and must still be left out: fuzzing it would text strangers.
        "CONTRACT_OPERATIONS": "sendMessage,getCreditsBalance,testCredentials,getMessageVolume",
    }
    before = _balance(sandbox_server)
    files = [*SUITE, "contract_tests/test_schedules.py", "contract_tests/test_schemathesis.py"]
    result = run_sandbox(tmp_path, env, files)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "costs credits; set SMSWORKS_ALLOW_SEND=1" in result.stdout
    assert "needs emulator control" in result.stdout
    assert _balance(sandbox_server) == before
    assert _outbox(sandbox_server) == []


def test_with_permission_the_run_stays_inside_its_budget(
    sandbox_server: ChildEmulator, tmp_path: Path
) -> None:
    budget = 5.0
    env = {
        "SMSWORKS_BASE_URL": sandbox_server.base_url,
        "SMSWORKS_TOKEN": _token(sandbox_server),
        "SMSWORKS_ALLOW_SEND": "1",
        "SMSWORKS_TEST_DESTINATION": "07700 900123",
        "SMSWORKS_CREDIT_BUDGET": str(budget),
    }
    before = _balance(sandbox_server)
    result = run_sandbox(tmp_path, env, SUITE)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    spent = before - _balance(sandbox_server)
    assert 0 < spent <= budget
    assert "credit budget reached" in result.stdout
    # The plan comes before the first test's result, the account after the last.
    plan = result.stdout.find("sandbox plan: at most")
    assert 0 <= plan < result.stdout.find("[100%]"), result.stdout[:3000]
    assert "all to +447700900123" in result.stdout
    assert result.stdout.find("sandbox account:") > plan
    sent = _outbox(sandbox_server)
    assert sent
    assert all("447700900123" in repr(entry) for entry in sent)
