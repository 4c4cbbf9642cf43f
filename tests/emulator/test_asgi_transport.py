"""SyncASGITransport: plain sync httpx2 calls reach an ASGI app in-process, bodies and headers intact."""

from __future__ import annotations

import asyncio
import signal
import sys
import threading

import httpx2
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from smsworks_emulator.testing.asgi_transport import SyncASGITransport


async def echo(request: Request) -> JSONResponse:
    return JSONResponse(
        {
            "method": request.method,
            "path": request.url.path,
            "query": dict(request.query_params),
            "body": (await request.body()).decode(),
            "header": request.headers.get("x-test"),
            "thread": threading.current_thread().name,
        },
        status_code=207,
        headers={"x-answer": "42"},
    )


APP = Starlette(routes=[Route("/echo", echo, methods=["GET", "POST", "DELETE"])])


def test_a_request_round_trips_through_the_app() -> None:
    with httpx2.Client(transport=SyncASGITransport(APP), base_url="http://app.test") as client:
        response = client.post("/echo?x=1", content="é body", headers={"x-test": "yes"})
    assert response.status_code == 207
    assert response.headers["x-answer"] == "42"
    payload = response.json()
    assert payload["method"] == "POST"
    assert payload["path"] == "/echo"
    assert payload["query"] == {"x": "1"}
    assert payload["body"] == "é body"
    assert payload["header"] == "yes"
    # The app runs on the transport's own event loop, not on the caller's thread.
    assert payload["thread"] != threading.current_thread().name


def test_many_calls_share_one_loop_and_unknown_routes_answer() -> None:
    with httpx2.Client(transport=SyncASGITransport(APP), base_url="http://app.test") as client:
        assert [client.delete("/echo").status_code for _ in range(20)] == [207] * 20
        assert client.get("/nowhere").status_code == 404


def test_no_thread_outlives_a_request() -> None:
    # The threads this request ran on, held by object: other tests' threads starting or ending
    # meanwhile change nothing here (a thread count before and after would see them).
    serving: list[threading.Thread] = []

    async def record(request: Request) -> JSONResponse:
        serving.append(threading.current_thread())
        return JSONResponse({})

    app = Starlette(routes=[Route("/record", record)])
    client = httpx2.Client(transport=SyncASGITransport(app), base_url="http://app.test")
    assert client.get("/record").status_code == 200
    (thread,) = serving
    assert thread is not threading.current_thread()
    # Never closed, the client still cannot block interpreter exit: the request's thread is gone.
    assert not thread.is_alive(), f"{thread.name} outlived its request"


class Interrupted(BaseException):
    """What a signal handler raises in the caller: a per-test timeout's alarm, or Ctrl-C."""


def test_an_interrupted_caller_gets_its_interruption_and_the_request_is_cancelled() -> None:
    main = threading.main_thread()
    assert threading.current_thread() is main, "signal handlers run in the main thread only"
    main_id = main.ident
    assert main_id is not None
    seen: dict[str, object] = {}

    async def hang(request: Request) -> JSONResponse:
        seen["thread"] = threading.current_thread()
        # Until the caller waits for the answer (a bounded wait, not a timing assumption).
        for _ in range(10_000):
            if sys._current_frames()[main_id].f_code.co_name == "result":
                break
            await asyncio.sleep(0.001)
        signal.pthread_kill(main_id, signal.SIGUSR1)
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            seen["cancelled"] = True
            raise
        return JSONResponse({})

    def interrupt(signum: int, frame: object) -> None:
        raise Interrupted

    app = Starlette(routes=[Route("/hang", hang)])
    before = signal.signal(signal.SIGUSR1, interrupt)
    try:
        client = httpx2.Client(transport=SyncASGITransport(app), base_url="http://app.test")
        with client, pytest.raises(Interrupted):
            client.get("/hang")
    finally:
        signal.signal(signal.SIGUSR1, before)
    assert seen.get("cancelled") is True, "the request's task was not cancelled"
    thread = seen["thread"]
    assert isinstance(thread, threading.Thread)
    assert not thread.is_alive(), f"{thread.name} outlived the interrupted request"
