"""The opt-in per-request timeline: a served emulator records what each request did and what ran beside it."""

from __future__ import annotations

import json
from pathlib import Path

import httpx2
import pytest

from smsworks_emulator.http.timeline import TIMELINE_ENV
from smsworks_emulator.testing import child_process

SEND = {"sender": "Timeline", "destination": "447911123456", "content": "hello"}


def _send_three(base_url: str, token: str) -> None:
    with httpx2.Client(base_url=base_url, headers={"Authorization": token}, timeout=30) as client:
        for _ in range(3):
            assert client.post("/message/send", json=SEND).status_code == 201


def test_a_served_emulator_records_each_request_and_the_spans_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "timeline.jsonl"
    monkeypatch.setenv(TIMELINE_ENV, str(path))
    with child_process(controlled_clock=False) as server:
        _send_three(server.base_url, server.token())
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    requests = [line["request"] for line in lines if "request" in line]
    spans = [line["span"] for line in lines if "span" in line]
    sends = [request for request in requests if request["path"] == "/v1/message/send"]
    assert len(sends) == 3
    for send in sends:
        assert send["status"] == 201
        assert send["end"] >= send["start"]
        assert {"catch-up", "auth", "transaction", "waiting for COMMIT"} <= set(send["steps"])
    assert "COMMIT" in {span["kind"] for span in spans}
