"""Call an ASGI app from synchronous httpx2 code, with no socket.

httpx2's own ASGITransport is async-only. This transport runs it on a short-lived event loop in a
helper thread, one per request, and hands the finished response back to the calling thread, so a
plain ``httpx2.Client`` (and the generated client's sync functions) can talk to the emulator
in-process. Nothing outlives a request, so a client that is never closed cannot keep the
interpreter from exiting.

Why not anyio's blocking portal (as starlette's TestClient uses): an exception raised in the
calling thread while it waits for the portal to start (a per-test timeout's alarm, Ctrl-C) leaves
the portal's loop running with nobody to stop it, and the portal then waits for that thread for
ever. Here whatever interrupts the caller cancels the request's task and waits for the loop to
wind down, so the interruption propagates and no thread is left behind.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable, Coroutine
from typing import Any, Generic, TypeVar

import httpx2
from starlette.types import ASGIApp

T = TypeVar("T")


class SyncASGITransport(httpx2.BaseTransport):
    """An ``httpx2`` transport that sends each request to ``app`` on an event loop of its own."""

    def __init__(self, app: ASGIApp) -> None:
        self._transport = httpx2.ASGITransport(app=app)

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        request.read()  # a sync body stream cannot be consumed on the helper's loop

        async def send() -> httpx2.Response:
            response = await self._transport.handle_async_request(request)
            content = await response.aread()
            return httpx2.Response(
                response.status_code, headers=response.headers, content=content, request=request
            )

        return run_in_own_loop(send)


def run_in_own_loop(work: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run the coroutine ``work()`` to its end on a new event loop in a helper thread.

    The loop and the coroutine are made in the helper, so an interruption of the caller can never
    leave one half made. If the caller is interrupted while it waits, the coroutine is cancelled,
    the helper is waited for, and the interruption is raised.
    """
    request: _Request[T] = _Request()
    helper = threading.Thread(target=request.run, args=(work,), name="asgi-request", daemon=True)
    try:
        helper.start()
        return request.result()
    except BaseException:
        request.cancel()
        raise
    finally:
        # Not yet begun only when the interruption came inside start(): a helper that begins
        # after it finds the request cancelled and ends at once.
        if helper.ident is not None:
            helper.join()


class _Request(Generic[T]):
    """One coroutine on the helper's loop, its outcome, and what the caller needs to cancel it.

    The caller waits on a bare lock, not a ``Condition`` (as ``Future.result`` and ``Event.wait``
    do): an exception raised by a signal handler inside ``Condition.wait`` can leave the condition's
    lock released and turn the interruption into "cannot release un-acquired lock".
    """

    def __init__(self) -> None:
        self._finished = threading.Lock()
        self._finished.acquire()  # released by the helper once the outcome is set
        self._outcome: tuple[T] | BaseException | None = None
        self._lock = threading.Lock()
        self._cancelled = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[T] | None = None

    def result(self) -> T:
        self._finished.acquire()
        if isinstance(self._outcome, BaseException):
            raise self._outcome
        assert self._outcome is not None
        return self._outcome[0]

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._loop is not None and self._task is not None:
                # A loop already closed has nothing left to cancel.
                with contextlib.suppress(RuntimeError):
                    self._loop.call_soon_threadsafe(self._task.cancel)

    def run(self, work: Callable[[], Coroutine[Any, Any, T]]) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            with self._lock:
                if self._cancelled:
                    raise asyncio.CancelledError
                self._loop, self._task = loop, loop.create_task(work())
            self._outcome = (loop.run_until_complete(self._task),)
        except BaseException as error:  # handed to the caller, who raises it
            self._outcome = error
        finally:
            try:
                # What the request left running (asyncio.run does the same).
                remaining = asyncio.all_tasks(loop)
                for task in remaining:
                    task.cancel()
                loop.run_until_complete(asyncio.gather(*remaining, return_exceptions=True))
                loop.run_until_complete(loop.shutdown_asyncgens())
                loop.run_until_complete(loop.shutdown_default_executor())
            finally:
                asyncio.set_event_loop(None)
                loop.close()
                self._finished.release()
