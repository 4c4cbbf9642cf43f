"""docs/testing.md's way for a user's tests that mocked httpx with respx: ``httpx2.MockTransport`` answers,
through ``smsworks.intercept`` (no change to the application) or a client of one's own."""

from __future__ import annotations

import json

import httpx2
import pytest

import smsworks
from smsworks.wire import ReadingTransport


def balance_of_the_account() -> float:
    """Application code, as it stands: it builds its own client from the environment."""
    with smsworks.SMSWorks() as client:
        return client.get_credits_balance().credits


def answer(request: httpx2.Request) -> httpx2.Response:
    """What the service would say, per route: the mock's one function."""
    if request.method == "GET" and request.url.path == "/v1/credits/balance":
        return httpx2.Response(200, json={"credits": 42})
    if request.method == "POST" and request.url.path == "/v1/message/send":
        sent = json.loads(request.content)
        return httpx2.Response(
            201,
            json={"messageid": "m-1", "status": "SENT", "credits": 1, "to": sent["destination"]},
        )
    return httpx2.Response(404, json={"message": "no such route", "errorCode": 404})


def test_intercept_carries_an_applications_calls_to_a_mock_transport(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SMSWORKS_TOKEN", "JWT eyJhbGciOiJIUzI1NiJ9.e30.c2ln")
    with smsworks.intercept(transport=httpx2.MockTransport(answer)):
        assert balance_of_the_account() == 42


def test_a_client_of_ones_own_on_a_mock_transport() -> None:
    seen: list[httpx2.Request] = []

    def recording(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return answer(request)

    # ReadingTransport reads the service's wire variants the way the client's own transport does.
    transport = ReadingTransport(httpx2.MockTransport(recording))
    with (
        httpx2.Client(transport=transport) as http,
        smsworks.SMSWorks("JWT eyJhbGciOiJIUzI1NiJ9.e30.c2ln", httpx_client=http) as client,
    ):
        sent = client.send_message(sender="Shop", destination="447700900123", content="Hello")
    assert sent.messageid == "m-1"
    assert json.loads(seen[0].content)["content"] == "Hello"
    assert seen[0].headers["Authorization"].startswith("JWT ")
