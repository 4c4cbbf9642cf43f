"""The suite can fail: run against an emulator server broken on purpose, it must report each defect.

Each case starts ``smsworks-emulator serve --break-contract NAME`` (through the ``emulator-http`` target),
runs the schemathesis suite on the operations the fault touches in a child pytest, and asserts
the run fails with the check that catches that defect; the same run on a healthy server passes.
The children run side by side: each one's start-up (imports, a server) is most of its time.
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


HEALTHY = ""
CHILD_TIMEOUT_SECONDS = 240


def start_suite(reports: Path, fault: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "SMSWORKS_TARGET": "emulator-http",
        "SMSWORKS_EMULATOR_FAULTS": fault,
        "CONTRACT_OPERATIONS": OPERATIONS,
        "CONTRACT_DEPTH": "3",
        # The child's reports must not overwrite this run's.
        "CONTRACT_REPORTS_DIR": str(reports),
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
    return subprocess.Popen(
        command,
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.fixture(scope="module")
def runs(
    default_target: Target, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[int, str, Path]]:
    """Every child run at once (their start-up is most of their time): (exit code, output, reports)."""
    folders = {fault: tmp_path_factory.mktemp(fault or "healthy") for fault in [HEALTHY, *EVIDENCE]}
    children = {fault: start_suite(folder / "reports", fault) for fault, folder in folders.items()}
    results: dict[str, tuple[int, str, Path]] = {}
    try:
        for fault, child in children.items():
            output, _ = child.communicate(timeout=CHILD_TIMEOUT_SECONDS)
            results[fault] = (child.returncode, output, folders[fault] / "reports")
    finally:
        for child in children.values():
            if child.poll() is None:
                child.kill()
                child.communicate()
    return results


def test_a_healthy_emulator_passes(runs: dict[str, tuple[int, str, Path]]) -> None:
    code, output, reports = runs[HEALTHY]
    assert code == 0, output[-5000:]
    assert (reports / "contract-tests-junit.xml").is_file()


@pytest.mark.parametrize("fault", sorted(EVIDENCE))
def test_a_broken_emulator_fails_the_suite(
    runs: dict[str, tuple[int, str, Path]], fault: str
) -> None:
    code, output, reports = runs[fault]
    assert code == 1, output[-5000:]
    assert EVIDENCE[fault] in output
    junit = (reports / "contract-tests-junit.xml").read_text(encoding="utf-8")
    assert "<failure" in junit
    cassette = (reports / "schemathesis-cassette.yaml").read_text(encoding="utf-8")
    assert "interactions:" in cassette
