"""The suite can fail: run against an emulator server broken on purpose, it must report each defect.

Each case starts ``smsworks-emulator serve --break-contract NAME`` (through the ``emulator-http`` target),
runs the schemathesis suite on the operations the fault touches in a child pytest, and asserts
the run fails with the check that catches that defect; the same run on a healthy server passes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from contract_tests.settings import REPO_ROOT
from contract_tests.targets import Target

OPERATIONS = "sendMessage,getCreditsBalance"
# What schemathesis prints for the check that catches each fault.
EVIDENCE = {
    "ignore-auth": "API accepts requests without authentication",
    "wrong-status": "Response violates schema",
    "drop-field": "Response violates schema",
}


def run_suite(tmp_path: Path, fault: str | None) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "SMSWORKS_TARGET": "emulator-http",
        "SMSWORKS_EMULATOR_FAULTS": fault or "",
        "CONTRACT_OPERATIONS": OPERATIONS,
        "CONTRACT_DEPTH": "3",
        # The child's reports must not overwrite this run's.
        "CONTRACT_REPORTS_DIR": str(tmp_path / "reports"),
    }
    command = [
        sys.executable,
        "-m",
        "pytest",
        "contract_tests/test_schemathesis.py",
        "-p",
        "no:cacheprovider",
        "-q",
    ]
    return subprocess.run(
        command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=240, check=False
    )


@pytest.fixture
def default_target_only(target: Target) -> None:
    if target.name != "emulator":
        pytest.skip("proves the suite itself; runs once, with the default target")


@pytest.mark.usefixtures("default_target_only")
def test_a_healthy_emulator_passes(tmp_path: Path) -> None:
    result = run_suite(tmp_path, None)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert (tmp_path / "reports" / "contract-tests-junit.xml").is_file()


@pytest.mark.usefixtures("default_target_only")
@pytest.mark.parametrize("fault", sorted(EVIDENCE))
def test_a_broken_emulator_fails_the_suite(tmp_path: Path, fault: str) -> None:
    result = run_suite(tmp_path, fault)
    assert result.returncode == 1, result.stdout[-3000:] + result.stderr[-2000:]
    assert EVIDENCE[fault] in result.stdout
    junit = (tmp_path / "reports" / "contract-tests-junit.xml").read_text(encoding="utf-8")
    assert "<failure" in junit
    cassette = (tmp_path / "reports" / "schemathesis-cassette.yaml").read_text(encoding="utf-8")
    assert "interactions:" in cassette
