"""The request journal: every API request, accepted or refused, in a bounded ring buffer.

The middleware keeps only what it must on the request path (method, path, the Authorization
header, the first bytes of the body, status, latency, the emulator clock's time); who the customer
was, which operation it was, and the redacted body are worked out when the journal is read, once
per entry. Requests to the control endpoints (``/_emulator/...``) are the test's own, and are not
journalled: a page polling the journal would otherwise push out what it wants to show.

``GET /_emulator/requests`` answers newest first; entries are exactly::

    {"time": ISO text, "customer": str|null, "operation": str|null, "method": str, "path": str,
     "status": int, "latency_ms": float, "body": any}

``status`` is 0 when no answer went out (an injected reset or stall). ``body`` is the parsed JSON
(or the text, when it is not JSON), with tokens redacted; null when there was none; a body longer
than the journal keeps is replaced by ``{"truncated_bytes": N}``.
"""

from __future__ import annotations

import json
import re
import time
from collections import deque
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from smsworks_emulator.http.auth import Authenticator
from smsworks_emulator.http.matching import OperationMatcher
from smsworks_emulator.http.wire import json_response
from smsworks_emulator.rules.dates import format_iso, from_ms
from smsworks_emulator.rules.errors import ApiError, bad_request
from smsworks_emulator.service.emulator import Emulator

RAW_RECEIVE = "smsworks.raw_receive"
"""Scope key holding the server's own ``receive``, for middleware that must reach the connection."""
CONTROL_PREFIX = "/_emulator"
REDACTED = "[redacted]"
_JWT = re.compile(r"(?:JWT\s+)?eyJ[\w-]*\.[\w-]+\.[\w-]*")
_SECRET_KEYS = frozenset(
    {"authorization", "token", "jwt", "secret", "password", "admin_key", "api_key", "apikey"}
)


class _Entry:
    __slots__ = ("auth", "body", "latency_ms", "method", "now_ms", "path", "size", "status", "view")

    def __init__(
        self,
        now_ms: int,
        method: str,
        path: str,
        auth: str | None,
        body: bytes,
        size: int,
        status: int,
        latency_ms: float,
    ) -> None:
        self.now_ms = now_ms
        self.method = method
        self.path = path
        self.auth = auth
        self.body = body
        self.size = size
        self.status = status
        self.latency_ms = latency_ms
        self.view: dict[str, Any] | None = None


class JournalLog:
    """The ring buffer and how its entries read."""

    def __init__(
        self, emu: Emulator, matcher: OperationMatcher, authenticator: Authenticator
    ) -> None:
        self.emu = emu
        self.authenticator = authenticator
        self.size = emu.settings.journal_size
        self.body_bytes = emu.settings.journal_body_bytes
        self.entries: deque[_Entry] = deque(maxlen=self.size)
        self.matcher = matcher

    def clear(self) -> None:
        self.entries.clear()

    def view(self, entry: _Entry) -> dict[str, Any]:
        if entry.view is None:
            entry.view = {
                "time": format_iso(from_ms(entry.now_ms)),
                "customer": self._customer(entry),
                "operation": self.matcher.operation_id(entry.method, entry.path),
                "method": entry.method,
                "path": entry.path,
                "status": entry.status,
                "latency_ms": entry.latency_ms,
                "body": self._body(entry),
            }
        return entry.view

    def select(
        self, customer: str | None, operation: str | None, status: int | None, limit: int | None
    ) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for entry in reversed(list(self.entries)):
            view = self.view(entry)
            if customer is not None and view["customer"] != customer:
                continue
            if operation is not None and view["operation"] != operation:
                continue
            if status is not None and view["status"] != status:
                continue
            found.append(view)
            if limit is not None and len(found) >= limit:
                break
        return found

    def _customer(self, entry: _Entry) -> str | None:
        # The customer the token proved at the time of the request (as the emulator's clock said).
        try:
            return self.authenticator.customer_at(entry.auth, entry.now_ms / 1000)
        except ApiError:
            return None

    def _body(self, entry: _Entry) -> Any:
        if entry.size == 0:
            return None
        if entry.size > len(entry.body):
            return {"truncated_bytes": entry.size}
        text = entry.body.decode("utf-8", errors="replace")
        try:
            return redact(json.loads(text))
        except ValueError:
            return _JWT.sub(REDACTED, text)


def redact(value: Any) -> Any:
    """``value`` with tokens replaced by ``[redacted]``: JWTs anywhere, and secret-named fields."""
    if isinstance(value, str):
        return _JWT.sub(REDACTED, value) if "eyJ" in value else value
    if isinstance(value, dict):
        return {
            key: REDACTED if str(key).lower() in _SECRET_KEYS else redact(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [redact(item) for item in value]
    return value


class Journal:
    """ASGI middleware recording each API request into a :class:`JournalLog`."""

    def __init__(self, app: ASGIApp, log: JournalLog) -> None:
        self.app = app
        self.log = log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope[RAW_RECEIVE] = receive
        path: str = scope["path"]
        if path.startswith(CONTROL_PREFIX) or self.log.size == 0:
            await self.app(scope, receive, send)
            return
        recorder = _Recorder(receive, send, self.log.body_bytes)
        started = time.perf_counter()
        try:
            await self.app(scope, recorder.receive, recorder.send)
        finally:
            ended = recorder.ended or time.perf_counter()
            auth = None
            for name, value in scope["headers"]:
                if name == b"authorization":
                    auth = value.decode("latin-1")
                    break
            self.log.entries.append(
                _Entry(
                    self.log.emu.clock.now_ms(),
                    scope["method"],
                    path,
                    auth,
                    b"".join(recorder.chunks),
                    recorder.size,
                    recorder.status,
                    round((ended - started) * 1000, 3),
                )
            )


class _Recorder:
    __slots__ = ("_receive", "_send", "chunks", "ended", "room", "size", "status")

    def __init__(self, receive: Receive, send: Send, room: int) -> None:
        self._receive = receive
        self._send = send
        self.chunks: list[bytes] = []
        self.room = room
        self.size = 0
        self.status = 0
        self.ended = 0.0

    async def receive(self) -> Message:
        message = await self._receive()
        body = message.get("body")
        if body:
            self.size += len(body)
            if self.room > 0:
                kept = body[: self.room]
                self.chunks.append(kept)
                self.room -= len(kept)
        return message

    async def send(self, message: Message) -> None:
        kind = message["type"]
        if kind == "http.response.start":
            self.status = message["status"]
        elif kind == "http.response.body" and not message.get("more_body", False):
            self.ended = time.perf_counter()
        await self._send(message)


def journal_routes(log: JournalLog) -> list[tuple[str, str, Any]]:
    """``GET`` and ``DELETE /_emulator/requests``, as control endpoints ``(emu, request)``."""

    async def read(emu: Emulator, request: Request) -> Response:
        params = request.query_params
        status = _int_param(params.get("status"), "status")
        limit = _int_param(params.get("limit"), "limit")
        operation = params.get("operation") or None
        if operation is not None and operation not in log.matcher.operation_ids:
            raise bad_request(f"operation: {operation!r} is not an operationId of the spec")
        return json_response(
            200, log.select(params.get("customer") or None, operation, status, limit)
        )

    async def clear(emu: Emulator, request: Request) -> Response:
        log.clear()
        return Response(status_code=204)

    return [("GET", "/requests", read), ("DELETE", "/requests", clear)]


def _int_param(raw: str | None, name: str) -> int | None:
    if raw is None or raw == "":
        return None
    if not raw.isdigit():
        raise bad_request(f"{name}: must be a whole number, not {raw!r}")
    return int(raw)
