"""Retries, timeouts and connection failures, against a loopback server that misbehaves on purpose."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx2
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

import smsworks
from smsworks.errors import error_for, retry_after_seconds

from .loopback import serve

JWT = "eyJhbGciOiJIUzI1NiJ9.eyJrZXkiOiJrIn0.c2lnbmF0dXJl"
BALANCE = {"credits": 42}
SENT = {"messageid": "m1", "status": "SENT", "credits": 41, "creditsUsed": 1, "messageparts": 1}
BUSY = {"message": "Too many requests", "errorCode": 429, "status": "ERROR", "permanent": False}
FAST = smsworks.Retry(attempts=3, wait_initial=0.01, wait_max=0.02, wait_jitter=0.0)


class Script:
    """Answers 429 with ``Retry-After: 1`` to the first request of each path, then success."""

    def __init__(self) -> None:
        self.arrivals: dict[str, list[float]] = {}

    def app(self) -> Starlette:
        async def balance(request: Request) -> Response:
            return self._answer(request.url.path, JSONResponse(BALANCE))

        async def send(request: Request) -> Response:
            return self._answer(request.url.path, JSONResponse(SENT, status_code=201))

        async def stall(request: Request) -> Response:
            await asyncio.sleep(3)
            return JSONResponse(BALANCE)

        async def down(request: Request) -> Response:
            self.arrivals.setdefault(request.url.path, []).append(time.monotonic())
            return Response("<html>upstream down</html>", status_code=503)

        return Starlette(
            routes=[
                Route("/down/v1/credits/balance", down, methods=["GET"]),
                Route("/v1/credits/balance", balance, methods=["GET"]),
                Route("/v1/message/send", send, methods=["POST"]),
                Route("/stalled/v1/credits/balance", stall, methods=["GET"]),
                Route("/stalled/v1/message/send", stall, methods=["POST"]),
            ]
        )

    def _answer(self, path: str, success: Response) -> Response:
        arrivals = self.arrivals.setdefault(path, [])
        arrivals.append(time.monotonic())
        if len(arrivals) == 1:
            return JSONResponse(BUSY, status_code=429, headers={"Retry-After": "1"})
        return success


@pytest.fixture
def script() -> Iterator[tuple[Script, str]]:
    state = Script()
    with serve(state.app()) as origin:
        yield state, origin


def test_a_read_waits_for_retry_after_and_succeeds(script: tuple[Script, str]) -> None:
    state, origin = script
    with smsworks.SMSWorks(JWT, base_url=origin + "/v1") as client:
        started = time.monotonic()
        balance = client.get_credits_balance()
        elapsed = time.monotonic() - started
    assert balance.credits_ == 42
    first, second = state.arrivals["/v1/credits/balance"]
    assert second - first >= 1.0
    assert elapsed >= 1.0


def test_a_send_is_never_repeated_after_it_reached_the_server(script: tuple[Script, str]) -> None:
    state, origin = script
    client = smsworks.SMSWorks(JWT, base_url=origin + "/v1", retry=FAST)
    with client, pytest.raises(smsworks.RateLimitError) as caught:
        client.send_message(sender="Acme", destination="447777777777", content="once")
    assert len(state.arrivals["/v1/message/send"]) == 1
    assert caught.value.retry_after == 1.0
    assert "send_message: HTTP 429" in str(caught.value)


def test_async_read_is_retried_too(script: tuple[Script, str]) -> None:
    state, origin = script

    async def run() -> float:
        async with smsworks.AsyncSMSWorks(JWT, base_url=origin + "/v1") as client:
            return (await client.get_credits_balance()).credits_

    assert asyncio.run(run()) == 42
    assert len(state.arrivals["/v1/credits/balance"]) == 2


def test_a_stalled_server_trips_the_timeout(script: tuple[Script, str]) -> None:
    _, origin = script
    with smsworks.SMSWorks(JWT, base_url=origin + "/stalled/v1", timeout=0.5) as client:
        started = time.monotonic()
        with pytest.raises(smsworks.APITimeoutError) as caught:
            client.send_message(sender="Acme", destination="447777777777", content="x")
        assert time.monotonic() - started < 5
        assert caught.value.reached_server
        assert "send_message" in str(caught.value)
    with (
        smsworks.SMSWorks(JWT, base_url=origin + "/stalled/v1", timeout=0.3, retry=False) as reader,
        pytest.raises(smsworks.APITimeoutError),
    ):
        reader.get_credits_balance()


def test_a_failing_read_is_tried_attempts_times_then_raises_server_error(
    script: tuple[Script, str],
) -> None:
    state, origin = script
    client = smsworks.SMSWorks(JWT, base_url=origin + "/down/v1", retry=FAST)
    with client, pytest.raises(smsworks.ServerError) as caught:
        client.get_credits_balance()
    assert len(state.arrivals["/down/v1/credits/balance"]) == FAST.attempts
    assert caught.value.status_code == 503
    assert caught.value.body is None
    assert "upstream down" in caught.value.message


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_refused_connection_is_retried_even_for_a_send() -> None:
    port = _closed_port()
    tried: list[str] = []
    own = httpx2.Client(event_hooks={"request": [lambda request: tried.append(request.url.path)]})
    with (
        own,
        smsworks.SMSWorks(
            JWT, base_url=f"http://127.0.0.1:{port}/v1", retry=FAST, httpx_client=own
        ) as client,
    ):
        started = time.monotonic()
        with pytest.raises(smsworks.APIConnectionError) as caught:
            client.send_message(sender="Acme", destination="447777777777", content="x")
    assert tried == ["/v1/message/send"] * FAST.attempts
    assert not caught.value.reached_server
    assert isinstance(caught.value.__cause__, Exception)
    assert time.monotonic() - started < 5


def test_retry_after_reads_seconds_and_http_dates() -> None:
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    date = httpx2.Response(429, headers={"Retry-After": "Thu, 01 Jan 2026 12:00:03 GMT"})
    assert retry_after_seconds(date, now=now) == 3.0
    assert retry_after_seconds(httpx2.Response(429, headers={"Retry-After": "2"})) == 2.0
    assert retry_after_seconds(httpx2.Response(429, headers={"Retry-After": "soon"})) is None
    assert retry_after_seconds(httpx2.Response(429)) is None


def test_a_non_json_error_body_still_gives_an_api_error() -> None:
    error = error_for("get_messages", httpx2.Response(502, text="<html>Bad gateway</html>"))
    assert isinstance(error, smsworks.ServerError)
    assert error.body is None
    assert "Bad gateway" in error.message
    assert str(error).startswith("get_messages: HTTP 502")
