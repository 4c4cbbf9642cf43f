"""Call an ASGI app from synchronous httpx code, with no socket.

httpx's own ASGITransport is async-only. This transport runs it on an event loop in a helper thread
(an anyio blocking portal) and hands the finished response back to the calling thread, so a plain
``httpx.Client`` (and the generated client's sync functions) can talk to the emulator in-process.
"""

from __future__ import annotations

import contextlib

import anyio.from_thread
import httpx
from starlette.types import ASGIApp


class SyncASGITransport(httpx.BaseTransport):
    """An ``httpx`` transport that sends each request to ``app`` on a private event loop."""

    def __init__(self, app: ASGIApp) -> None:
        self._transport = httpx.ASGITransport(app=app)
        self._exit = contextlib.ExitStack()
        self._portal = self._exit.enter_context(anyio.from_thread.start_blocking_portal())

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()  # a sync body stream cannot be consumed on the portal's loop

        async def send() -> httpx.Response:
            response = await self._transport.handle_async_request(request)
            content = await response.aread()
            return httpx.Response(
                response.status_code, headers=response.headers, content=content, request=request
            )

        return self._portal.call(send)

    def close(self) -> None:
        self._exit.close()
