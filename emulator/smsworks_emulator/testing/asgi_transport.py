"""Call an ASGI app from synchronous httpx code, with no socket.

httpx's own ASGITransport is async-only. This transport runs it on a short-lived event loop in a
helper thread (an anyio blocking portal, one per request, as starlette's TestClient does) and hands
the finished response back to the calling thread, so a plain ``httpx.Client`` (and the generated
client's sync functions) can talk to the emulator in-process. Nothing outlives a request, so a
client that is never closed cannot keep the interpreter from exiting.
"""

from __future__ import annotations

import anyio.from_thread
import httpx
from starlette.types import ASGIApp


class SyncASGITransport(httpx.BaseTransport):
    """An ``httpx`` transport that sends each request to ``app`` on an event loop of its own."""

    def __init__(self, app: ASGIApp) -> None:
        self._transport = httpx.ASGITransport(app=app)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()  # a sync body stream cannot be consumed on the portal's loop

        async def send() -> httpx.Response:
            response = await self._transport.handle_async_request(request)
            content = await response.aread()
            return httpx.Response(
                response.status_code, headers=response.headers, content=content, request=request
            )

        with anyio.from_thread.start_blocking_portal() as portal:
            return portal.call(send)
