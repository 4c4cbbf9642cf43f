"""The suite's drift reporting: the run's clients are watched, and an unknown departure fails a run
with its text in the output and in reports/drift.md, while the same run on a healthy server passes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx2
import pytest

from contract_tests.drift import RECORDER, DriftRecorder, WireDrift, watch_client
from contract_tests.settings import REPO_ROOT
from contract_tests.targets import Target
from smsworks.api.credits_ import get_credits_balance

CHILD_TIMEOUT_SECONDS = 240


def test_the_runs_clients_report_what_they_read(target: Target) -> None:
    before = RECORDER.log.checked
    client = target.client(target.new_customer())
    get_credits_balance.sync(client=client)
    assert RECORDER.log.checked == before + 1


def test_an_unknown_departure_stops_the_call_with_its_text(default_target: Target) -> None:
    recorder = DriftRecorder()
    assert default_target.emulator is not None
    client = watch_client(default_target.emulator.client(default_target.new_customer()), recorder)
    http = client.get_httpx_client()
    # The emulator's 404 for an unknown batch is declared: no finding.
    assert http.get("/batch/no-such-batch").status_code == 404
    assert recorder.log.checked == 1
    assert recorder.log.entries() == []
    request = httpx2.Request("GET", default_target.base_url + "/credits/balance")
    odd = httpx2.Response(200, json={"credits": "plenty"}, request=request)
    (hook,) = http.event_hooks["response"]
    with pytest.raises(
        WireDrift, match=r"getCreditsBalance response 200 /credits: type: declared number"
    ):
        hook(odd)
    assert [entry.kind for entry in recorder.log.unknown()] == ["type"]


def _child(reports: Path, fault: str) -> subprocess.CompletedProcess[str]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SMSWORKS_", "CONTRACT_"))},
        "SMSWORKS_TARGET": "emulator-http",
        "SMSWORKS_EMULATOR_FAULTS": fault,
        "CONTRACT_DEPTH": "2",
        "CONTRACT_REPORTS_DIR": str(reports),
    }
    command = [
        sys.executable,
        "-m",
        "pytest",
        "contract_tests/test_outcomes.py::test_a_message_reaches_a_final_status_charged_by_the_refund_rule",
        "-p",
        "no:cacheprovider",
        "-q",
    ]
    return subprocess.run(
        command,
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_SECONDS,
        check=False,
    )


def test_a_wrong_status_is_an_unknown_finding_that_fails_the_run(
    default_target: Target, tmp_path: Path
) -> None:
    result = _child(tmp_path / "reports", "wrong-status")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-4000:]
    assert "sendMessage response 200 (body): undeclared-status" in output
    assert "KeyError:" not in output
    assert "TypeError:" not in output
    report = json.loads((tmp_path / "reports" / "drift.json").read_text(encoding="utf-8"))
    assert [(e["operation"], e["kind"]) for e in report["unknown"]] == [
        ("sendMessage", "undeclared-status")
    ]
    assert "undeclared-status" in (tmp_path / "reports" / "drift.md").read_text(encoding="utf-8")
    junit = (tmp_path / "reports" / "contract-tests-junit.xml").read_text(encoding="utf-8")
    assert 'name="drift.unknown.0"' in junit
