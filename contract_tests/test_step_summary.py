"""``GITHUB_STEP_SUMMARY``: a contract run appends its account to the named file, as GitHub Actions asks.

A child pytest runs a small slice of the suite against a served emulator that drops a required
field (``--break-contract drop-field``), with the variable pointing at a file: the summary must
count what pytest counted, put the unknown departure first, name the failed test by its file,
test and operation as the JUnit report does, and say what was not tried.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from contract_tests.budget import CreditBudget
from contract_tests.settings import REPO_ROOT
from contract_tests.step_summary import Outcome, RunFacts, render
from contract_tests.targets import Target
from smsworks_emulator.drift import Finding, FindingLog

CHILD_TIMEOUT_SECONDS = 240
EARLIER_STEP = "## an earlier step's summary\n"
SLICE = [
    "contract_tests/test_schemathesis.py",
    "contract_tests/test_loops.py",
    # Skipped outside the default target: what was not tried, with its reason.
    "contract_tests/test_drift.py",
]


@pytest.fixture(scope="module")
def broken_run(
    default_target: Target, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, str, Path]:
    """(pytest's output, the summary file's text, the reports folder) of the child run."""
    folder = tmp_path_factory.mktemp("step-summary")
    summary = folder / "summary.md"
    summary.write_text(EARLIER_STEP, encoding="utf-8")
    env = {
        **os.environ,
        "GITHUB_STEP_SUMMARY": str(summary),
        "SMSWORKS_TARGET": "emulator-http",
        "SMSWORKS_EMULATOR_FAULTS": "drop-field",
        "CONTRACT_OPERATIONS": "sendMessage,getCreditsBalance",
        "CONTRACT_DEPTH": "3",
        "CONTRACT_REPORTS_DIR": str(folder / "reports"),
    }
    child = subprocess.run(
        [sys.executable, "-m", "pytest", *SLICE, "-p", "no:cacheprovider", "-q"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_SECONDS,
        check=False,
    )
    assert child.returncode == 1, child.stdout[-5000:] + child.stderr[-2000:]
    return child.stdout, summary.read_text(encoding="utf-8"), folder / "reports"


def test_the_summary_is_appended_with_pytests_counts(broken_run: tuple[str, str, Path]) -> None:
    output, summary, _ = broken_run
    assert summary.startswith(EARLIER_STEP), "the file is appended to, never replaced"
    closing = output.strip().splitlines()[-1]
    counts = dict(
        (name, int(n)) for n, name in re.findall(r"(\d+) (passed|failed|skipped)", closing)
    )
    assert counts["failed"] == 1, closing
    assert counts["skipped"] == 2, closing
    assert "smsworks contract tests against `emulator-http`: failed" in summary
    tally = f"{counts['passed']} passed, 1 failed, 2 skipped in "
    assert tally in summary, summary


def test_unknown_departures_come_first(broken_run: tuple[str, str, Path]) -> None:
    _, summary, _ = broken_run
    sections = re.findall(r"^### (.+)$", summary, flags=re.MULTILINE)
    assert sections[0] == "Unknown departures (each fails the run)", sections
    unknown = summary.split("### Unknown departures", 1)[1].split("###", 1)[0]
    assert "sendMessage response /credits: required: declared required, seen absent" in unknown


def test_a_failure_is_named_as_the_junit_report_names_it(broken_run: tuple[str, str, Path]) -> None:
    _, summary, reports = broken_run
    failed = summary.split("### Failed", 1)[1].split("###", 1)[0]
    listed = re.findall(r"^- `([^`]+)`: (.+)$", failed, flags=re.MULTILINE)
    assert listed == [
        (
            "contract_tests/test_schemathesis.py::test_operation_honours_the_spec[POST /message/send]",
            'ST108 Response violates schema: "credits" is a required property',
        )
    ], failed
    junit = ElementTree.parse(reports / "contract-tests-junit.xml")
    failing = [case for case in junit.iter("testcase") if case.find("failure") is not None]
    assert [(case.get("classname"), case.get("name")) for case in failing] == [
        ("contract_tests.test_schemathesis", "test_operation_honours_the_spec")
    ]
    failure = failing[0].find("failure")
    assert failure is not None
    assert "POST /message/send" in (failure.get("message") or "")


def test_what_was_not_tried_is_said_with_its_reason(broken_run: tuple[str, str, Path]) -> None:
    _, summary, _ = broken_run
    not_tried = summary.split("### Not tried", 1)[1].split("###", 1)[0]
    assert "- 2 tests: proves the suite itself; runs once, with the default target" in not_tried


def test_a_sandbox_run_shows_its_variants_readings_and_budget() -> None:
    """The sections a live run adds, rendered from the suite's own log and budget types."""
    drift = FindingLog()
    variant = Finding(
        operation="getCreditsBalance",
        direction="response",
        status="200",
        pointer="/credits",
        kind="type",
        declared="number",
        seen="string",
        variant="number-as-string",
        tolerated=True,
    )
    drift.add([variant], example="GET /v1/credits/balance -> 200")
    budget = CreditBudget(limit=10, opening_balance=100, max_messages=5)
    budget.plan(
        {"contract_tests/test_credits.py::test_a": 1.0, "contract_tests/test_x.py::test_b": 1.0}
    )
    budget.reserve(1.0, test="contract_tests/test_credits.py::test_a")
    budget.closing_balance = 99
    facts = RunFacts(
        target="sandbox",
        reports_dir=Path("reports/sandbox"),
        outcomes=[
            Outcome("contract_tests/test_credits.py::test_a", "passed", ""),
            Outcome("contract_tests/test_x.py::test_b", "skipped", "credit budget reached: ..."),
        ],
        drift=drift,
        findings=["ucs2-part-size [sandbox]: 67 characters per part"],
        budget=budget,
        duration_seconds=42,
    )
    summary = render(facts)
    sections = re.findall(r"^### (.+)$", summary, flags=re.MULTILINE)
    assert sections == [
        "Known wire variants (tolerated)",
        "Readings found",
        "Not tried",
        "Sandbox budget",
    ]
    assert ": passed" in summary.splitlines()[0]
    assert "1 passed, 1 skipped in 42 s; 1 responses checked" in summary
    assert "getCreditsBalance response /credits: type" in summary
    assert "1 message sent, 1 credits reserved; the balance fell by 1 (100 -> 99)" in summary
    assert "not run contract_tests/test_x.py::test_b" in summary
