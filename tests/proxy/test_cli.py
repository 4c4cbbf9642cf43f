"""``smsworks-emulator proxy`` as a user runs it: a child process, stopped with SIGTERM (or Ctrl-C), writing its
reports on the way out, its exit status non-zero under ``--fail-on unknown`` when an unknown departure was seen."""

from __future__ import annotations

import json
import queue
import re
import signal
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

import httpx2
import pytest

from smsworks_emulator.proxy.exits import EXIT_UNKNOWN
from smsworks_emulator.testing import served, settings_for_tests
from smsworks_emulator.testing.harness import command
from tests.proxy.servers import CONTENT, PHONE, departing_app, serving

START_SECONDS = 30.0
STOP_SECONDS = 30.0
_LISTENING = re.compile(r"proxy listening on (http://\S+?)/v1 ")


@dataclass
class ProxyProcess:
    process: subprocess.Popen[str]
    origin: str
    lines: list[str] = field(default_factory=list)

    def stop(self, stop_signal: signal.Signals = signal.SIGTERM) -> int:
        self.process.send_signal(stop_signal)
        return self.process.wait(timeout=STOP_SECONDS)

    @property
    def output(self) -> str:
        return "".join(self.lines)


@contextmanager
def proxy_process(*args: str) -> Iterator[ProxyProcess]:
    """``smsworks-emulator proxy --port 0 ARGS``; its origin read from the line it prints first."""
    process = subprocess.Popen(
        [*command(), "proxy", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
    )
    lines: list[str] = []
    first: queue.Queue[str] = queue.Queue()

    def drain() -> None:  # keeps reading, so that the child never blocks on a full pipe
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            first.put(line)
        first.put("")

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        origin = None
        while origin is None:  # bounded: every line, or the end of the output, within START_SECONDS
            line = first.get(timeout=START_SECONDS)
            if not line:
                raise RuntimeError(f"the proxy exited: {''.join(lines)}")
            found = _LISTENING.search(line)
            origin = found.group(1) if found else None
        handle = ProxyProcess(process, origin, lines)
        yield handle
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=STOP_SECONDS)
        reader.join(timeout=STOP_SECONDS)
        if process.stdout is not None:
            process.stdout.close()  # Popen leaves its pipe open: a ResourceWarning when it is collected


def _send(origin: str, token: str) -> httpx2.Response:
    body = {"sender": "Acme", "destination": PHONE, "content": CONTENT}
    return httpx2.post(
        origin + "/v1/message/send", json=body, headers={"Authorization": token}, timeout=30
    )


def test_fail_on_unknown_exits_1_after_an_unknown_departure_and_writes_the_reports(
    tmp_path: Path,
) -> None:
    reports = tmp_path / "drift"
    with serving(departing_app()) as upstream:
        args = ["--upstream", upstream.origin + "/v1", "--report-dir", str(reports)]
        with proxy_process(*args, "--fail-on", "unknown") as proxy:
            assert _send(proxy.origin, "JWT x").status_code == 201
            status = proxy.stop()
    assert status == EXIT_UNKNOWN, proxy.output
    assert {path.name for path in reports.iterdir()} == {
        "drift.md",
        "drift.json",
        "drift-junit.xml",
    }
    document = json.loads((reports / "drift.json").read_text(encoding="utf-8"))
    assert {(e["operation"], e["pointer"], e["kind"]) for e in document["unknown"]} == {
        ("sendMessage", "/status", "type"),
        ("sendMessage", "/credits", "required"),
    }
    markdown = (reports / "drift.md").read_text(encoding="utf-8")
    assert "| sendMessage | response | 201 | `/status` | type | string | integer |" in markdown
    suite = ElementTree.fromstring((reports / "drift-junit.xml").read_text(encoding="utf-8"))
    cases = {(case.get("classname"), case.get("name")) for case in suite.iter("testcase")}
    assert cases == {("drift.sendMessage", "type"), ("drift.sendMessage", "required")}
    assert suite.get("failures") == "2"
    assert "1 exchanges, 1 checked: 2 unknown departures" in proxy.output


def test_without_fail_on_the_same_run_exits_0(tmp_path: Path) -> None:
    with (
        serving(departing_app()) as upstream,
        proxy_process("--upstream", upstream.origin + "/v1") as proxy,
    ):
        _send(proxy.origin, "JWT x")
        status = proxy.stop(signal.SIGINT)  # Ctrl-C
    assert status == 0, proxy.output
    assert "2 unknown departures" in proxy.output


@pytest.mark.parametrize("wire", ["spec", "live-like"])
def test_fail_on_unknown_exits_0_when_only_known_variants_were_seen(
    wire: str, tmp_path: Path
) -> None:
    reports = tmp_path / "drift"
    with served(settings_for_tests(wire=wire)) as emulator:
        token = emulator.token("cli")
        args = ["--upstream", emulator.base_url, "--report-dir", str(reports)]
        with proxy_process(*args, "--fail-on", "unknown", "--log-level", "debug") as proxy:
            sent = _send(proxy.origin, token)
            assert sent.status_code == 201, sent.text
            record = httpx2.get(
                f"{proxy.origin}/v1/messages/{sent.json()['messageid']}",
                headers={"Authorization": token},
                timeout=30,
            )
            assert CONTENT in record.text
            status = proxy.stop()
    assert status == 0, proxy.output
    document = json.loads((reports / "drift.json").read_text(encoding="utf-8"))
    assert document["unknown"] == []
    assert bool(document["tolerated"]) == (wire == "live-like")
    # The whole log of the command (at debug level) and its reports keep no token, number or text.
    kept = [proxy.output, *(path.read_text(encoding="utf-8") for path in reports.iterdir())]
    signature = token.rsplit(".", 1)[1]
    for secret in (signature, PHONE, PHONE[2:], CONTENT):
        assert all(secret not in text for text in kept), secret


def test_a_non_loopback_host_is_refused(tmp_path: Path) -> None:
    run = subprocess.run(
        [*command(), "proxy", "--host", "0.0.0.0", "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 2
    assert "loopback address only" in run.stderr


def test_fail_on_unknown_response_ignores_what_the_clients_sent_on_purpose() -> None:
    """A suite that sends invalid requests on purpose fails the run under ``unknown``, not under
    ``unknown-response``, as long as every answer matched the spec."""
    statuses = {}
    with served(settings_for_tests()) as emulator:
        token = emulator.token("cli")
        for fail_on in ("unknown", "unknown-response"):
            args = ["--upstream", emulator.base_url, "--fail-on", fail_on]
            with proxy_process(*args) as proxy:
                invalid = httpx2.post(
                    proxy.origin + "/v1/message/send",
                    json={"sender": "Acme"},
                    headers={"Authorization": token},
                    timeout=30,
                )
                assert invalid.status_code == 400
                statuses[fail_on] = proxy.stop()
    assert statuses == {"unknown": EXIT_UNKNOWN, "unknown-response": 0}


def test_fail_on_unknown_response_fails_on_the_upstreams_departure() -> None:
    with (
        serving(departing_app()) as upstream,
        proxy_process(
            "--upstream", upstream.origin + "/v1", "--fail-on", "unknown-response"
        ) as proxy,
    ):
        _send(proxy.origin, "JWT x")
        status = proxy.stop()
    assert status == EXIT_UNKNOWN, proxy.output
