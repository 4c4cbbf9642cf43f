"""The request journal: accepted and refused requests, redacted, bounded, filtered."""

from __future__ import annotations

import contextlib
import json
import re
from typing import Any

import pytest

from .conftest import PROGRAM, Api, make_settings

KEYS = {"time", "customer", "operation", "method", "path", "status", "latency_ms", "body"}
ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)\Z")


def journal(api: Api, **params: Any) -> list[dict[str, Any]]:
    response = api.http.get("/_emulator/requests", params=params)
    assert response.status_code == 200, response.text
    entries: list[dict[str, Any]] = response.json()
    return entries


def test_an_accepted_request_is_journalled_with_its_body(api: Api) -> None:
    assert api.send(content="hello journal").status_code == 201
    [entry] = journal(api)
    assert set(entry) == KEYS
    assert ISO.match(entry["time"]), entry["time"]
    assert entry["customer"] == "alice"
    assert entry["operation"] == "sendMessage"
    assert (entry["method"], entry["path"], entry["status"]) == ("POST", "/v1/message/send", 201)
    assert isinstance(entry["latency_ms"], float)
    assert entry["latency_ms"] >= 0
    assert entry["body"] == {
        "sender": "Acme",
        "destination": "+44…77",
        "content": "hello journal",
    }


def test_refused_requests_are_journalled_too(api: Api) -> None:
    api.http.post("/v1/message/send", json={"content": "no token"})
    api.send(destination="not a number")
    api.call("GET", "/no/such/path")
    api.call("GET", "/messages/abc")
    newest_first = journal(api)
    assert [(e["status"], e["operation"], e["customer"]) for e in newest_first] == [
        (404, "getMessageById", "alice"),
        (404, None, "alice"),
        (400, "sendMessage", "alice"),
        (401, "sendMessage", None),
    ]
    assert newest_first[-1]["body"] == {"content": "no token"}
    assert newest_first[0]["body"] is None


def test_tokens_are_redacted(api: Api) -> None:
    token = api.headers("alice")["Authorization"]
    bare = token.removeprefix("JWT ")
    api.http.post(
        "/v1/otp/verify",
        json={"passcode": "123456", "token": "anything", "note": f"mine is {bare} ok"},
        headers=api.headers("alice"),
    )
    api.http.post(
        "/v1/message/send", content=f"Authorization: {token}", headers=api.headers("alice")
    )
    text_entry, json_entry = journal(api)
    assert json_entry["body"] == {
        "passcode": "123456",
        "token": "[redacted]",
        "note": "mine is [redacted] ok",
    }
    assert text_entry["body"] == "Authorization: [redacted]"
    assert bare not in str(journal(api))


def test_the_journal_is_a_bounded_ring() -> None:
    api = Api(make_settings(journal_size=3, journal_body_bytes=100))
    for number in range(5):
        api.send(content=f"message {number}")
    entries = journal(api)
    assert [entry["body"]["content"] for entry in entries] == [
        "message 4",
        "message 3",
        "message 2",
    ]
    long_body = json.dumps({"content": "x" * 200}).encode()
    api.http.post("/v1/message/send", content=long_body, headers=api.headers("alice"))
    assert journal(api)[0]["body"] == {"truncated_bytes": len(long_body)}


def test_size_zero_keeps_nothing() -> None:
    api = Api(make_settings(journal_size=0))
    api.send()
    assert journal(api) == []


def test_filters_by_customer_operation_and_status(api: Api) -> None:
    api.send("alice")
    api.send("bob")
    api.send("bob", destination="bad")
    api.call("GET", "/credits/balance", "bob")
    assert [e["customer"] for e in journal(api, customer="alice")] == ["alice"]
    assert [e["operation"] for e in journal(api, customer="bob")] == [
        "getCreditsBalance",
        "sendMessage",
        "sendMessage",
    ]
    assert [e["status"] for e in journal(api, customer="bob", operation="sendMessage")] == [
        400,
        201,
    ]
    assert [e["customer"] for e in journal(api, status=201)] == ["bob", "alice"]
    assert len(journal(api, limit=2)) == 2
    for params, field in (({"status": "x"}, "status:"), ({"operation": "nope"}, "operation:")):
        response = api.http.get("/_emulator/requests", params=params)
        assert response.status_code == 400
        assert response.json()["message"].startswith(field)


def test_control_calls_are_not_journalled_and_delete_clears(api: Api) -> None:
    api.send()
    api.http.get("/_emulator/outbox")
    api.http.get("/_emulator/requests")
    assert len(journal(api)) == 1
    assert api.http.delete("/_emulator/requests", headers=PROGRAM).status_code == 204
    assert journal(api) == []


@pytest.mark.parametrize(
    ("rule", "status"), [({"kind": "error", "status": 503}, 503), ({"kind": "reset"}, 0)]
)
def test_faulted_and_oversized_requests_are_journalled(rule: dict[str, Any], status: int) -> None:
    api = Api(make_settings(max_body_bytes=500))
    api.http.put("/_emulator/faults", json={"rules": [{**rule, "times": 1}]})
    with contextlib.suppress(ConnectionResetError):  # an in-process reset raises in the caller
        api.send()
    api.send(content="y" * 600)
    big, faulted = journal(api)
    assert (faulted["status"], faulted["operation"], faulted["customer"]) == (
        status,
        "sendMessage",
        "alice",
    )
    assert big["status"] == 413


def test_the_journal_needs_the_admin_key() -> None:
    api = Api(make_settings(admin_key="sesame"))
    api.send()
    assert api.http.get("/_emulator/requests").status_code == 401
    assert api.http.delete("/_emulator/requests", headers=PROGRAM).status_code == 401
    granted = api.http.get("/_emulator/requests", headers={"X-Emulator-Admin-Key": "sesame"})
    assert [entry["operation"] for entry in granted.json()] == ["sendMessage"]
