"""Wiring of the contract suite: settings, target, reports and the sandbox's guards."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from contextlib import nullcontext

import pytest
import schemathesis.pytest.plugin as schemathesis_pytest_plugin
from _pytest.junitxml import xml_key
from schemathesis import BaseSchema

from contract_tests.budget import (
    CHEAPEST_SEND,
    BudgetExceeded,
    CreditBudget,
    counted,
    read_balance,
)
from contract_tests.coverage.recorder import COVERAGE
from contract_tests.coverage.report import CoverageReport
from contract_tests.drift import RECORDER
from contract_tests.settings import ContractSettings, ContractSettingsError, read_settings
from contract_tests.skip_reasons import pytest_runtest_makereport  # noqa: F401  (a hook)
from contract_tests.st_config import schema_for
from contract_tests.step_summary import StepSummary, claim_step_summary
from contract_tests.targets import (
    NO_CONTROL_REASON,
    NO_SEND_REASON,
    Target,
    close_shared_targets,
    shared_target,
)
from smsworks_emulator.service.operations import CREDIT_SPENDING_OPERATIONS

_SETTINGS = pytest.StashKey[ContractSettings]()
_FINDINGS = pytest.StashKey[list[str]]()
_SENDING_TESTS = pytest.StashKey[dict[str, float]]()
_BUDGET = pytest.StashKey[CreditBudget]()


def _without_allure(label: str, writers: object) -> None:
    return None


# schemathesis 4.32.5 imports the optional allure_commons whenever any report (VCR, JUnit) is
# configured under pytest, and every test errors without it. Allure is not used here.
if importlib.util.find_spec("allure_commons") is None:
    schemathesis_pytest_plugin._register_allure_forwarder = _without_allure
JUNIT_REPORT_NAME = "contract-tests-junit.xml"


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    # Before any fixture or request: a wrong variable stops the run with one sentence naming it.
    try:
        settings = read_settings()
    except ContractSettingsError as error:
        raise pytest.UsageError(f"contract tests: {error}") from None
    config.stash[_SETTINGS] = settings
    config.stash[_FINDINGS] = []
    config.addinivalue_line(
        "markers",
        "emulator_only: an emulator promise the sandbox cannot be made to show; skipped there",
    )
    config.addinivalue_line(
        "markers",
        "first_send(credits): the credits of a sending test's cheapest send, held for it until it sends",
    )
    # Plain `pytest contract_tests` writes the JUnit report a CI keeps; --junitxml still wins.
    if not getattr(config.option, "xmlpath", None):
        settings.reports_dir.mkdir(parents=True, exist_ok=True)
        config.option.xmlpath = str(settings.reports_dir / JUNIT_REPORT_NAME)
    # In GitHub Actions (or wherever the variable names a file): the run's account on the CI's page.
    summary = claim_step_summary()
    if summary is not None:
        findings = config.stash[_FINDINGS]
        config.pluginmanager.register(
            StepSummary(
                summary, settings, RECORDER.log, findings, lambda: config.stash.get(_BUDGET, None)
            ),
            "smsworks-step-summary",
        )


EMULATOR_ONLY_REASON = (
    "emulator only: checks what the emulator promises (retries, token expiry), which the "
    "sandbox cannot be made to show"
)


def _first_send(item: pytest.Item) -> float:
    """The credits of a sending test's cheapest send: its ``first_send`` marker, or one text."""
    marker = item.get_closest_marker("first_send")
    return float(marker.kwargs["credits"]) if marker is not None else CHEAPEST_SEND


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The tests that send through `spend`: the budget holds one cheapest send for each.
    config.stash[_SENDING_TESTS] = {
        item.nodeid: _first_send(item)
        for item in items
        if (
            "spend" in getattr(item, "fixturenames", ())
            or item.get_closest_marker("first_send") is not None
        )
        and not item.get_closest_marker("skip")
    }
    if config.stash[_SETTINGS].target != "sandbox":
        return
    for item in items:
        if item.get_closest_marker("emulator_only"):
            item.add_marker(pytest.mark.skip(reason=EMULATOR_ONLY_REASON))


def pytest_report_header(config: pytest.Config) -> str:
    settings = config.stash[_SETTINGS]
    where = settings.base_url or "(started by the suite)"
    sending = (
        "allowed" if settings.may_spend_credits else "not allowed (nothing that costs credits runs)"
    )
    return f"smsworks target: {settings.target} {where}; depth {settings.depth}; sending {sending}"


@pytest.fixture(scope="session")
def contract_settings(pytestconfig: pytest.Config) -> ContractSettings:
    return pytestconfig.stash[_SETTINGS]


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    findings = config.stash.get(_FINDINGS, [])
    if findings:
        terminalreporter.section("smsworks contract findings")
        for line in findings:
            terminalreporter.write_line(line)
    budget = config.stash.get(_BUDGET, None)
    if budget is not None:
        terminalreporter.section("smsworks sandbox account")
        for line in budget.account_text():
            terminalreporter.write_line(line)
    report = _coverage_report(config)
    if report is not None:
        terminalreporter.section("smsworks contract coverage")
        for line in report.summary():
            terminalreporter.write_line(line)
        for line in report.failures():
            terminalreporter.write_line(f"FAIL {line}", red=True)
        terminalreporter.write_line(f"(reports/{COVERAGE_REPORT}: every status, field and rule)")
    log = RECORDER.log
    if log.checked:
        terminalreporter.section("smsworks drift findings")
        terminalreporter.write_line(
            f"{log.checked} responses checked against the spec: {len(log.unknown())} unknown "
            f"departures, {len(log.tolerated())} known wire variants (reports/{DRIFT_REPORT})"
        )
        for entry in log.unknown():
            terminalreporter.write_line(f"UNKNOWN {entry.describe()}", red=True)
        for entry in log.tolerated():
            terminalreporter.write_line(f"tolerated {entry.describe()}")


DRIFT_REPORT = "drift.md"
COVERAGE_REPORT = "coverage.md"


def _coverage_report(config: pytest.Config) -> CoverageReport | None:
    """The run's coverage, when it sent anything to its target."""
    if _SETTINGS not in config.stash or not COVERAGE.requests:
        return None
    settings = config.stash[_SETTINGS]
    excluded = (
        frozenset(CREDIT_SPENDING_OPERATIONS) if settings.target == "sandbox" else frozenset()
    )
    return CoverageReport(COVERAGE, settings.target, excluded)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Each test function's outcome, for the coverage report's rules (a rule counts where its test ran)."""
    if report.when != "call" and not (report.skipped or report.failed):
        return
    name = report.nodeid.rsplit("::", 1)[-1].split("[", 1)[0]
    if report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else "skipped"
        COVERAGE.ran(name, f"skipped: {reason}")
    else:
        COVERAGE.ran(name, report.outcome)


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Drift reports written; findings kept in the JUnit report; an unknown departure fails the run.

    ``tryfirst``: the JUnit report is written in the junitxml plugin's own sessionfinish, after this.
    """
    config = session.config
    report = _coverage_report(config)
    if report is not None:
        report.write(config.stash[_SETTINGS].reports_dir)
        if report.failures() and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
    log = RECORDER.log
    if not log.checked or _SETTINGS not in config.stash:
        return
    RECORDER.write_reports(config.stash[_SETTINGS].reports_dir)
    xml = config.stash.get(xml_key, None)
    if xml is not None:
        for index, entry in enumerate(log.entries()):
            state = "tolerated" if entry.tolerated else "unknown"
            xml.add_global_property(f"drift.{state}.{index}", entry.describe())
    if log.unknown() and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture
def report_finding(
    pytestconfig: pytest.Config, record_testsuite_property: Callable[[str, object], None]
) -> Callable[[str, str], None]:
    """Record what the target was found to do where our model and the vendor's word may differ.

    Printed in a section of its own at the end of the run and kept in the JUnit report as a
    property of the test suite (``finding.<name>``), whether the test passes or fails.
    """

    def report(name: str, text: str) -> None:
        target = pytestconfig.stash[_SETTINGS].target
        pytestconfig.stash[_FINDINGS].append(f"{name} [{target}]: {text}")
        record_testsuite_property(f"finding.{name}", text)

    return report


def pytest_unconfigure(config: pytest.Config) -> None:
    close_shared_targets()


@pytest.fixture(scope="session")
def target(contract_settings: ContractSettings) -> Target:
    return shared_target(contract_settings)


@pytest.fixture(scope="session")
def default_target(target: Target) -> Target:
    """The target, for the tests of the suite itself (its tools, wiring and power to fail): they
    prove it once, in the run against the default target, and skip in the others."""
    if target.name != "emulator":
        pytest.skip("proves the suite itself; runs once, with the default target")
    return target


@pytest.fixture(scope="session")
def st_schema(target: Target) -> BaseSchema:
    return schema_for(target)


def _say(config: pytest.Config, line: str) -> None:
    """A line on the terminal now, outside any test's captured output."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    capture = config.pluginmanager.get_plugin("capturemanager")
    if reporter is None:
        return
    # Said from a fixture's setup, whose output pytest captures down to the file descriptor.
    with capture.global_and_fixture_disabled() if capture is not None else nullcontext():
        reporter.write_line("")
        reporter.write_line(line)


@pytest.fixture(scope="session")
def credit_budget(target: Target, pytestconfig: pytest.Config) -> Iterator[CreditBudget | None]:
    """The sandbox's budget (``None`` on the emulator, whose credits are free).

    Its plan is printed before the first send, its account (in a section of the summary) after
    the run.
    """
    permission = target.settings.send
    if target.name != "sandbox" or permission is None:
        yield None
        return
    client = target.client(target.new_customer())
    budget = CreditBudget(
        limit=permission.credit_budget,
        opening_balance=read_balance(client),
        max_messages=permission.max_messages,
    )
    tests = pytestconfig.stash.get(_SENDING_TESTS, {})
    budget.plan(tests)
    pytestconfig.stash[_BUDGET] = budget
    _say(pytestconfig, budget.plan_text(permission.destination, len(tests)))
    yield budget
    budget.closing_balance = read_balance(client)
    spent = budget.verify(budget.closing_balance)
    print(f"\nsandbox credits spent: {spent:g} of SMSWORKS_CREDIT_BUDGET={budget.limit:g}")


@pytest.fixture
def control(target: Target) -> Target:
    """The target, for tests that need the emulator's control endpoints."""
    if target.control is None:
        pytest.skip(NO_CONTROL_REASON)
    return target


@pytest.fixture
def spend(
    target: Target, credit_budget: CreditBudget | None, request: pytest.FixtureRequest
) -> Callable[..., None]:
    """Call with a send's predicted cost (and its number of texts) before making it: skips when
    it is not allowed, saying how many sends the test made within the budget first."""
    if not target.settings.may_spend_credits:
        pytest.skip(NO_SEND_REASON)
    test = request.node.nodeid

    def reserve(cost: float, messages: int = 1) -> None:
        if credit_budget is None:
            return
        try:
            credit_budget.reserve(cost, messages, test=test)
        except BudgetExceeded as error:
            ran = credit_budget.ran.get(test, 0)
            before = f"ran {counted(ran, 'send')} within the budget, then " if ran else ""
            pytest.skip(f"{before}credit budget reached: {error}")

    return reserve
