"""``smsworks-emulator drift check FILE``: the proxy's checker over a recording, without a proxy: a cassette
that schemathesis (``st run``) wrote, and a HAR file, giving the same report as the proxy."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx2

from smsworks_emulator.proxy.exits import EXIT_UNKNOWN
from smsworks_emulator.proxy.recordings import CASSETTE, HAR, load
from smsworks_emulator.testing import served, settings_for_tests
from smsworks_emulator.testing.harness import command
from tests.proxy.servers import CONTENT, PHONE, departing_app, proxied, serving

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "generated" / "openapi.yaml"
ST = Path(sys.executable).with_name("st")


def drift_check(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*command(), "drift", "check", str(path), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_cassette_st_run_wrote_against_the_live_like_form_has_only_tolerated_findings(
    tmp_path: Path,
) -> None:
    cassette = tmp_path / "cassette.yaml"
    (tmp_path / "empty.toml").write_text("", encoding="utf-8")  # not the repository's toml
    with served(settings_for_tests(wire="live-like", initial_credits=1000.0)) as emulator:
        token = emulator.token("st")
        run = subprocess.run(
            [
                str(ST),
                "--config-file",
                str(tmp_path / "empty.toml"),
                "run",
                str(SPEC),
                "--url",
                emulator.base_url,
                "-H",
                f"Authorization: {token}",
                "--include-operation-id",
                "getCreditsBalance",
                "--include-operation-id",
                "sendMessage",
                "--max-examples",
                "3",
                "--seed",
                "1",
                "--report",
                "vcr",
                "--report-vcr-path",
                str(cassette),
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
        )
    assert cassette.is_file(), run.stdout[-3000:] + run.stderr[-2000:]
    kind, exchanges = load(cassette)
    assert kind == CASSETTE
    assert len(exchanges) > 5
    assert any(not exchange.check_request for exchange in exchanges)  # st's negative cases
    reports = tmp_path / "drift"
    check = drift_check(cassette, "--report-dir", str(reports))
    assert check.returncode == 0, check.stdout + check.stderr  # --fail-on unknown is the default
    document = json.loads((reports / "drift.json").read_text(encoding="utf-8"))
    assert document["mode"] == "offline"
    assert document["source"] == str(cassette)
    assert document["checked"] > 0
    assert document["unknown"] == [], [entry["example"] for entry in document["unknown"]]
    assert check.stdout.startswith("# Drift findings")
    signature = token.rsplit(".", 1)[1]
    for path in reports.iterdir():
        assert signature not in path.read_text(encoding="utf-8")
    assert signature not in check.stdout + check.stderr


def har_entry(response: httpx2.Response) -> dict[str, Any]:
    """One exchange as a browser's HAR export writes it (the answer's text base64, as for a binary body)."""
    request = response.request
    return {
        "startedDateTime": "2026-12-03T10:00:00.000Z",
        "time": 1.0,
        "request": {
            "method": request.method,
            "url": str(request.url),
            "httpVersion": "HTTP/1.1",
            "headers": [{"name": k, "value": v} for k, v in request.headers.items()],
            "queryString": [],
            "postData": {
                "mimeType": request.headers.get("content-type", ""),
                "text": request.content.decode("utf-8"),
            },
        },
        "response": {
            "status": response.status_code,
            "statusText": response.reason_phrase,
            "httpVersion": "HTTP/1.1",
            "headers": [{"name": k, "value": v} for k, v in response.headers.items()],
            "content": {
                "size": len(response.content),
                "mimeType": response.headers.get("content-type", ""),
                "text": base64.b64encode(response.content).decode("ascii"),
                "encoding": "base64",
            },
        },
    }


def departing_traffic(base_url: str) -> list[httpx2.Response]:
    body = {"sender": "Acme", "destination": PHONE, "content": CONTENT}
    headers = {"Authorization": "JWT x"}
    with httpx2.Client(base_url=base_url, headers=headers, timeout=30) as client:
        return [
            client.post("/message/send", json=body),
            client.get("/credits/balance"),
            client.get("/messages/m-1"),
            client.post("/batch/send", json={**body, "destinations": [PHONE]}),
        ]


def _keys(entries: list[dict[str, Any]]) -> set[tuple[str, str, str, str]]:
    return {(e["operation"], e["direction"], e["pointer"], e["kind"]) for e in entries}


def test_a_har_file_gives_the_findings_the_proxy_gives_for_the_same_traffic(tmp_path: Path) -> None:
    with serving(departing_app()) as upstream:
        recorded = departing_traffic(upstream.origin + "/v1")
        with proxied(upstream.origin + "/v1") as proxy:
            departing_traffic(proxy.base_url)
            watched = proxy.drift()
    har = tmp_path / "traffic.har"
    entries = [har_entry(response) for response in recorded]
    har.write_text(json.dumps({"log": {"version": "1.2", "entries": entries}}), encoding="utf-8")
    assert load(har)[0] == HAR
    reports = tmp_path / "drift"
    check = drift_check(har, "--report-dir", str(reports))
    assert check.returncode == EXIT_UNKNOWN, check.stdout + check.stderr
    document = json.loads((reports / "drift.json").read_text(encoding="utf-8"))
    assert document["checked"] == watched["checked"] == 4
    assert _keys(document["unknown"]) == _keys(watched["unknown"])
    assert len(document["unknown"]) == 6
    assert "| sendMessage | response | 201 | `/status` | type |" in check.stdout
    assert drift_check(har, "--fail-on", "never").returncode == 0
    for path in reports.iterdir():
        text = path.read_text(encoding="utf-8")
        assert PHONE not in text
        assert CONTENT not in text


def test_a_file_that_is_no_recording_is_named_with_what_is_wrong(tmp_path: Path) -> None:
    other = tmp_path / "notes.yaml"
    other.write_text("just: a mapping\n", encoding="utf-8")
    check = drift_check(other)
    assert check.returncode == 2
    assert "neither a schemathesis cassette" in check.stderr
