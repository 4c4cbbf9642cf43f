"""The request body limit: a body above ``max_body_bytes`` gets 413 before it is read whole.

- A ``Content-Length`` above the limit is refused from the headers alone; nothing is buffered.
- A chunked body (no length) is read up to the limit; one chunk more and it is refused. A body
  within the limit is handed on as it was read, so the app sees the same bytes.

The 413 carries the spec's ExtendedErrorModel and ``Connection: close``. A client that asked for
``Expect: 100-continue`` gets it at once and never sends the body. Other clients usually write the
whole body before they read the answer, and a server that closes a socket with unread data in it
makes the kernel send a reset, which can destroy the answer on its way. So the 413 goes out first,
then what follows of the body is read and dropped (never kept), up to :data:`DRAIN_BYTES` or
:data:`DRAIN_SECONDS`, and only then is the answer finished and the connection closed.
"""

from __future__ import annotations

import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from smsworks_emulator.http.errors import error_response
from smsworks_emulator.rules.errors import ApiError

DRAIN_BYTES = 1 << 30
"""Most bytes of a refused body read (and dropped) so the 413 reaches the client intact."""
DRAIN_SECONDS = 30.0
"""Most time spent reading a refused body."""


class BodyLimit:
    """ASGI middleware: 413 for request bodies above ``max_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = b""
        chunked = expect_continue = False
        for name, value in scope["headers"]:
            if name == b"content-length":
                length = value
            elif name == b"transfer-encoding":
                chunked = b"chunked" in value.lower()
            elif name == b"expect":
                expect_continue = value.lower() == b"100-continue"
        if not chunked:
            # The server hands on at most Content-Length bytes, so a length within the limit is enough.
            if length.isdigit() and int(length) > self.max_bytes:
                declared = f"Content-Length {int(length)}"
                await self._refuse(declared, receive, send, drain=not expect_continue)
                return
            await self.app(scope, receive, send)
            return
        await self._chunked(scope, receive, send)

    async def _chunked(self, scope: Scope, receive: Receive, send: Send) -> None:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away before its body was complete
            body = message.get("body", b"")
            size += len(body)
            if size > self.max_bytes:
                seen = f"more than {self.max_bytes} bytes of a chunked body"
                await self._refuse(seen, receive, send, drain=message.get("more_body", False))
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        replay: list[Message] = [
            {"type": "http.request", "body": b"".join(chunks), "more_body": False}
        ]

        async def replayed() -> Message:
            return replay.pop() if replay else await receive()

        await self.app(scope, replayed, send)

    async def _refuse(self, seen: str, receive: Receive, send: Send, *, drain: bool) -> None:
        response = error_response(
            ApiError(
                413,
                f"body: too large ({seen}); at most {self.max_bytes} bytes are accepted "
                "(smsworks-emulator serve --max-body-bytes)",
            )
        )
        # Sent by hand, not by the response itself: the body stays open while the rest is drained.
        headers = [*response.raw_headers, (b"connection", b"close")]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": response.body, "more_body": drain})
        if not drain:
            return
        dropped = 0
        deadline = time.monotonic() + DRAIN_SECONDS
        while dropped < DRAIN_BYTES and time.monotonic() < deadline:
            message = await receive()
            if message["type"] != "http.request":
                break
            dropped += len(message.get("body", b""))
            if not message.get("more_body", False):
                break
        await send({"type": "http.response.body", "body": b"", "more_body": False})
