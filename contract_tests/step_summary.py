"""A short Markdown account of a contract run, appended to ``$GITHUB_STEP_SUMMARY`` when it is set.

GitHub Actions shows that file on the run's own page: the outcome counts, the unknown departures
first (they fail the run), the failed tests by the names the JUnit report gives them, the known
wire variants, the readings found, what was not tried and why, and the sandbox budget spent. Any
CI that reads a Markdown file can point the variable at one.
"""

from __future__ import annotations

import os
import re
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from contract_tests.budget import CreditBudget
from contract_tests.settings import ContractSettings
from smsworks_emulator.drift import FindingLog

SUMMARY_VARIABLE = "GITHUB_STEP_SUMMARY"
MAX_LISTED = 15
"""Items shown per list; the rest are counted (the reports hold them all)."""

_OUTCOMES = ("passed", "failed", "error", "skipped", "xfailed", "xpassed")


@dataclass(frozen=True)
class Outcome:
    """One test's result as the summary needs it."""

    nodeid: str
    outcome: str
    reason: str
    """The skip reason, or the failure's last line; empty for a pass."""


@dataclass(frozen=True)
class RunFacts:
    target: str
    reports_dir: Path
    outcomes: Sequence[Outcome]
    drift: FindingLog
    findings: Sequence[str]
    budget: CreditBudget | None
    duration_seconds: float


def _listed(lines: Sequence[str]) -> list[str]:
    shown = [f"- {line}" for line in lines[:MAX_LISTED]]
    if len(lines) > MAX_LISTED:
        shown.append(f"- ... and {len(lines) - MAX_LISTED} more")
    return shown


def _code(text: str) -> str:
    return "`" + text.replace("`", "'") + "`"


def render(facts: RunFacts) -> str:
    """The summary's Markdown: a heading, the counts, then only the sections that have something."""
    counts = Counter(outcome.outcome for outcome in facts.outcomes)
    unknown, tolerated = facts.drift.unknown(), facts.drift.tolerated()
    failed = [o for o in facts.outcomes if o.outcome in ("failed", "error")]
    verdict = "failed" if failed or unknown else "passed"
    tally = ", ".join(f"{counts[name]} {name}" for name in _OUTCOMES if counts[name])
    lines = [
        f"## smsworks contract tests against `{facts.target}`: {verdict}",
        "",
        f"{tally or 'no tests'} in {facts.duration_seconds:.0f} s; "
        f"{facts.drift.checked} responses checked against the spec: "
        f"{len(unknown)} unknown departures, {len(tolerated)} known wire variants.",
    ]
    if unknown:
        lines += ["", "### Unknown departures (each fails the run)", ""]
        lines += _listed([entry.describe() for entry in unknown])
    if failed:
        lines += ["", "### Failed (file, test and operation, as in the JUnit report)", ""]
        lines += _listed(
            [f"{_code(o.nodeid)}: {o.reason}" if o.reason else _code(o.nodeid) for o in failed]
        )
    if tolerated:
        lines += ["", "### Known wire variants (tolerated)", ""]
        lines += _listed([entry.describe() for entry in tolerated])
    if facts.findings:
        lines += ["", "### Readings found", ""]
        lines += _listed(list(facts.findings))
    skipped = Counter(o.reason for o in facts.outcomes if o.outcome == "skipped")
    if skipped:
        lines += ["", "### Not tried", ""]
        lines += _listed(
            [
                f"{count} {'test' if count == 1 else 'tests'}: {reason}"
                for reason, count in skipped.most_common()
            ]
        )
    if facts.budget is not None:
        lines += ["", "### Sandbox budget", ""]
        account = facts.budget.account_text()
        lines += [account[0], "", *_listed([line.strip() for line in account[1:]])]
    reports = ", ".join(
        _code(str(facts.reports_dir / name))
        for name in ("drift.md", "contract-tests-junit.xml", "schemathesis-cassette.yaml")
    )
    lines += ["", f"Reports: {reports}.", ""]
    return "\n".join(lines) + "\n"


_CHECK = re.compile(r"^- (ST\d+ .+)$")
_EXCEPTION = re.compile(r"^(?:E\s+)?[\w.]*(?:Error|Exception|Failure|Drift)\w*: .+$")


def _first_cause(text: str) -> str:
    """What failed, in one line: schemathesis' check and its first sentence, or the exception."""
    lines = [line.lstrip(" |+").strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not set(line) <= set("-+=_ ")]
    for index, line in enumerate(lines):
        check = _CHECK.match(line)
        if check:
            detail = lines[index + 1] if index + 1 < len(lines) else ""
            return f"{check.group(1)}: {detail}" if detail else check.group(1)
    causes = [line for line in lines if _EXCEPTION.match(line)]
    return causes[0].removeprefix("E").strip() if causes else (lines[0] if lines else "")


def _reason(report: pytest.TestReport) -> str:
    """A skip's reason; a failure's cause in one line."""
    longrepr = report.longrepr
    if report.skipped and isinstance(longrepr, tuple):
        return str(longrepr[2]).removeprefix("Skipped: ")
    first = _first_cause(str(getattr(report, "longreprtext", "") or longrepr or ""))
    return first if len(first) <= 200 else first[:199] + "…"


def _name(report: pytest.TestReport) -> str:
    """The test's file and name, with the operation where schemathesis names one
    (``test_operation_honours_the_spec[POST /message/send]``), as the failure's heading shows it."""
    path = report.nodeid.split("::", 1)[0]
    head = report.head_line
    return f"{path}::{head}" if head else report.nodeid


def outcomes_of(stats: Mapping[str, Sequence[object]]) -> list[Outcome]:
    """The outcomes pytest's closing line counts, from the terminal reporter's ``stats``: a
    passing setup or teardown is not one; each subtest is."""
    return [
        Outcome(_name(report), outcome, "" if outcome == "passed" else _reason(report))
        for outcome in _OUTCOMES
        for report in stats.get(outcome, [])
        if isinstance(report, pytest.TestReport) and getattr(report, "count_towards_summary", True)
    ]


class StepSummary:
    """The pytest plugin: at the end of the run, :func:`render` appended to the named file."""

    def __init__(
        self,
        path: Path,
        settings: ContractSettings,
        drift: FindingLog,
        findings: Sequence[str],
        budget: Callable[[], CreditBudget | None],
    ) -> None:
        self.path, self.settings, self.drift = path, settings, drift
        self.findings, self.budget = findings, budget
        self.started = time.monotonic()

    @pytest.hookimpl(trylast=True)
    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        facts = RunFacts(
            target=self.settings.target,
            reports_dir=self.settings.reports_dir,
            outcomes=outcomes_of(terminalreporter.stats),
            drift=self.drift,
            findings=self.findings,
            budget=self.budget(),
            duration_seconds=time.monotonic() - self.started,
        )
        with self.path.open("a", encoding="utf-8") as summary:
            summary.write(render(facts))


def claim_step_summary() -> Path | None:
    """The file named by ``GITHUB_STEP_SUMMARY``, or ``None`` when the variable is unset or empty.

    The variable is taken out of this process's environment: the child pytest runs some tests
    start (against emulators broken on purpose) must not write their summaries to the CI's page.
    """
    value = os.environ.pop(SUMMARY_VARIABLE, "").strip()
    return Path(value) if value else None
