"""Each exchange through the proxy is checked against the patched spec: the emulator in its spec form gives no
finding, its live-like form only tolerated ones named by their variant, a departing upstream unknown ones."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from smsworks_emulator.rules.dates import format_iso
from smsworks_emulator.testing import ServedEmulator
from tests.proxy.servers import (
    CONTENT,
    PHONE,
    Proxied,
    departing_app,
    emulator_behind_proxy,
    proxied,
    serving,
)

TOLERATED_IN_LIVE_LIKE = {
    "number-for-string",
    "sparse-message-record",
    "schedule-answer-as-object",
    "schedule-status",
}
"""The variants the live-like form shows on the traffic below (names from the spec's table)."""


def traffic(emulator: ServedEmulator, proxy: Proxied) -> int:
    """A user's valid calls over most operations, each answered 2xx; how many exchanges they made."""
    later = format_iso(emulator.now() + timedelta(hours=1))
    calls: list[tuple[str, str, Any]] = [
        ("GET", "/utils/test", None),
        ("GET", "/credits/balance", None),
        ("GET", "/credits/GB", None),
        ("GET", "/credits/FR", None),
        ("POST", "/message/flash", {"sender": "Acme", "destination": PHONE, "content": CONTENT}),
        ("POST", "/messages", {"destination": PHONE}),
        ("POST", "/messages/inbox", {}),
        ("POST", "/messages/failed", {}),
        ("GET", "/messages/schedule", None),
        (
            "POST",
            "/message/schedule",
            {"sender": "Acme", "destination": PHONE, "content": CONTENT, "schedule": later},
        ),
        (
            "POST",
            "/batch/schedule",
            {"sender": "Acme", "destinations": [PHONE], "content": CONTENT, "schedule": later},
        ),
        ("POST", "/otp/send", {"destination": PHONE}),
    ]
    sent = proxy.send()
    assert sent.status_code == 201, sent.text
    message = proxy.call("GET", f"/messages/{sent.json()['messageid']}")
    assert message.status_code == 200, message.text
    batch = proxy.call(
        "POST",
        "/batch/send",
        {"sender": "Acme", "destinations": [PHONE, "447700900124"], "content": CONTENT},
    )
    assert batch.status_code == 201, batch.text
    listed = proxy.call("GET", f"/batch/{batch.json()['batchid']}")
    assert listed.status_code == 200, listed.text
    for method, path, body in calls:
        answer = proxy.call(method, path, body)
        assert 200 <= answer.status_code < 300, f"{method} {path}: {answer.text}"
    return 4 + len(calls)


def test_the_spec_form_gives_no_finding(spec_form: tuple[ServedEmulator, Proxied]) -> None:
    emulator, proxy = spec_form
    made = traffic(emulator, proxy)
    drift = proxy.drift()
    assert drift["exchanges"] == made
    assert drift["checked"] == made
    assert drift["not_operations"] == 0
    assert drift["unknown"] == []
    assert drift["tolerated"] == []


def test_the_live_like_form_gives_only_tolerated_findings_named_by_their_variant(
    live_like: tuple[ServedEmulator, Proxied],
) -> None:
    emulator, proxy = live_like
    made = traffic(emulator, proxy)
    drift = proxy.drift()
    assert drift["checked"] == made
    assert drift["unknown"] == [], [entry["example"] for entry in drift["unknown"]]
    seen = {entry["variant"] for entry in drift["tolerated"]}
    assert seen == TOLERATED_IN_LIVE_LIKE
    assert all(
        entry["tolerated"] and entry["direction"] == "response" for entry in drift["tolerated"]
    )
    destination = next(
        entry
        for entry in drift["tolerated"]
        if entry["operation"] == "getMessageById" and entry["pointer"] == "/destination"
    )
    assert (destination["kind"], destination["declared"], destination["seen"]) == (
        "type",
        "string",
        "integer",
    )
    assert destination["variant"] == "number-for-string"
    assert destination["count"] == 1
    assert destination["first_seen"] == destination["last_seen"]
    journal = proxy.http.get("/_emulator/drift/exchanges").json()
    example_id = int(destination["example"].split(":")[0].removeprefix("exchange "))
    assert next(entry for entry in journal if entry["id"] == example_id)["operation"] == (
        "getMessageById"
    )


def _findings(drift: dict[str, Any]) -> dict[tuple[str, str, str], dict[str, Any]]:
    return {(e["operation"], e["pointer"], e["kind"]): e for e in drift["unknown"]}


def test_a_departing_upstream_gives_unknown_findings_at_their_pointer() -> None:
    with serving(departing_app()) as upstream, proxied(upstream.origin + "/v1") as proxy:
        for _ in range(2):
            assert proxy.send().status_code == 201
        assert proxy.call("GET", "/credits/balance").json() == {"credits": "12"}
        assert proxy.call("GET", "/credits/GB").status_code == 200
        assert proxy.call("GET", "/messages/m-1").status_code == 202
        batch = proxy.call(
            "POST", "/batch/send", {"sender": "Acme", "destinations": [PHONE], "content": "x"}
        )
        assert batch.content == b"OK, queued"
        drift = proxy.drift()
    found = _findings(drift)
    assert set(found) == {
        ("sendMessage", "/status", "type"),
        ("sendMessage", "/credits", "required"),
        ("getCreditsBalance", "/credits", "type"),
        ("getCreditsForCountry", "/credits", "required"),
        ("getMessageById", "", "undeclared-status"),
        ("sendBatch", "", "content-type"),
        ("sendBatch", "", "unparseable-body"),
    }
    status = found[("sendMessage", "/status", "type")]
    assert (status["declared"], status["seen"], status["count"]) == ("string", "integer", 2)
    assert status["statuses"] == ["201"]
    assert status["first_seen"] <= status["last_seen"]
    assert status["example"] == "exchange 1: POST /v1/message/send"
    assert found[("getCreditsBalance", "/credits", "type")]["seen"] == "string"
    undeclared = found[("getMessageById", "", "undeclared-status")]
    assert undeclared["seen"] == "202"
    assert "200" in undeclared["declared"]
    assert found[("sendBatch", "", "content-type")]["seen"] == "text/plain"
    assert drift["tolerated"] == []
    assert all(not entry["tolerated"] and entry["variant"] is None for entry in drift["unknown"])


def test_a_request_that_breaks_the_spec_is_an_unknown_request_finding(
    spec_form: tuple[ServedEmulator, Proxied],
) -> None:
    _, proxy = spec_form
    answer = proxy.call("POST", "/message/send", {"sender": "Acme", "content": CONTENT})
    assert answer.status_code == 400  # the emulator refuses it, as the service does
    found = _findings(proxy.drift())
    request = found[("sendMessage", "/destination", "required")]
    assert request["direction"] == "request"


@pytest.mark.parametrize(
    ("fault", "finding"),
    [
        ("wrong-status", ("sendMessage", "", "undeclared-status")),
        ("drop-field", ("sendMessage", "/credits", "required")),
    ],
)
def test_each_contract_break_the_wire_shows_gives_the_finding_that_names_it(
    fault: str, finding: tuple[str, str, str]
) -> None:
    with emulator_behind_proxy(faults=frozenset({fault})) as (_, proxy):
        proxy.send()
        found = _findings(proxy.drift())
    assert set(found) == {finding}
