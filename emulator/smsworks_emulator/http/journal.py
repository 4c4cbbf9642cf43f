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
from smsworks_emulator.rules.numbers import mask_numbers, masked_number
from smsworks_emulator.service.emulator import Emulator

RAW_RECEIVE = "smsworks.raw_receive"
"""Scope key holding the server's own ``receive``, for middleware that must reach the connection."""
CONTROL_PREFIX = "/_emulator"
REDACTED = "[redacted]"
_JWT = re.compile(r"(?:JWT\s+)?eyJ[\w-]*\.[\w-]+\.[\w-]*")
_SECRET_KEYS = frozenset(
    {"authorization", "token", "jwt", "secret", "password", "admin_key", "api_key", "apikey"}
)


# An entry, as the request path writes it (a list: the cheapest record to build).
# [emulator ms, method, path, Authorization, body bytes kept, body size, status, seconds, view]
_Entry = list[Any]
_MS, _METHOD, _PATH, _AUTH, _BODY, _SIZE, _STATUS, _SECONDS, _VIEW = range(9)


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
        view: dict[str, Any] | None = entry[_VIEW]
        if view is None:
            view = entry[_VIEW] = {
                "time": format_iso(from_ms(entry[_MS])),
                "customer": self._customer(entry),
                "operation": self.matcher.operation_id(entry[_METHOD], entry[_PATH]),
                "method": entry[_METHOD],
                "path": mask_numbers(entry[_PATH]),
                "status": entry[_STATUS],
                "latency_ms": round(entry[_SECONDS] * 1000, 3),
                "body": self._body(entry),
            }
        return view

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
            return self.authenticator.customer_at(entry[_AUTH], entry[_MS] / 1000)
        except ApiError:
            return None

    def _body(self, entry: _Entry) -> Any:
        size, kept = entry[_SIZE], entry[_BODY]
        if size <= 0:
            return None
        if size > len(kept):
            return {"truncated_bytes": size}
        text = kept.decode("utf-8", errors="replace")
        try:
            return _masked(redact(json.loads(text)))
        except ValueError:
            return mask_numbers(_JWT.sub(REDACTED, text))


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


def _masked(value: Any) -> Any:
    """``value`` with every phone number in it masked: the journal never keeps a whole one."""
    if isinstance(value, str):
        return mask_numbers(value)
    if isinstance(value, dict):
        return {key: _masked(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_masked(item) for item in value]
    if isinstance(value, int) and not isinstance(value, bool) and len(str(abs(value))) >= 7:
        return masked_number(value)  # a number sent as a JSON number (the spec's own examples)
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
        log = self.log
        if path.startswith(CONTROL_PREFIX) or not log.size:
            await self.app(scope, receive, send)
            return
        length = -1
        auth = chunked = None
        for name, value in scope["headers"]:
            if name == b"content-length":
                length = int(value) if value.isdigit() else -1
            elif name == b"authorization":
                auth = value.decode("latin-1")
            elif name == b"transfer-encoding":
                chunked = True
        # [status, time the answer ended]; filled in by the send below.
        answer: list[Any] = [0, 0.0]

        async def recording_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                answer[0] = message["status"]
            elif not message.get("more_body", False):
                answer[1] = time.perf_counter()
            await send(message)

        entry: _Entry = [0, scope["method"], path, auth, b"", length, 0, 0.0, None]
        started = time.perf_counter()
        try:
            if chunked:
                await self.app(
                    scope, _Counter(receive, entry, log.body_bytes).receive, recording_send
                )
            elif 0 < length <= log.body_bytes:
                # Read a small body before the app does: a request refused before its body is
                # read (a 401, an injected fault) still shows what was sent.
                first = await receive()
                if first.get("more_body", False):
                    counter = _Counter(receive, entry, log.body_bytes)
                    counter.note(first)
                    await self.app(scope, counter.replaying(first), recording_send)
                else:
                    entry[_BODY] = first.get("body", b"")
                    await self.app(scope, _replaying(first, receive), recording_send)
            else:
                # No body, or one longer than the journal keeps: its length is all it shows.
                await self.app(scope, receive, recording_send)
        finally:
            entry[_MS] = log.emu.clock.now_ms()
            entry[_STATUS] = answer[0]
            entry[_SECONDS] = (answer[1] or time.perf_counter()) - started
            log.entries.append(entry)


def _replaying(first: Message, receive: Receive) -> Receive:
    """A ``receive`` that hands on ``first`` once, then asks the server."""
    pending = [first]

    async def replay() -> Message:
        return pending.pop() if pending else await receive()

    return replay


class _Counter:
    """Counts a body as the app reads it, keeping its first bytes (chunked or multi-part bodies)."""

    __slots__ = ("_receive", "entry", "room")

    def __init__(self, receive: Receive, entry: _Entry, room: int) -> None:
        self._receive = receive
        self.entry = entry
        self.room = room
        entry[_SIZE] = 0

    def note(self, message: Message) -> None:
        body = message.get("body")
        if body:
            self.entry[_SIZE] += len(body)
            if self.room > 0:
                kept = body[: self.room]
                self.entry[_BODY] += kept
                self.room -= len(kept)

    async def receive(self) -> Message:
        message = await self._receive()
        self.note(message)
        return message

    def replaying(self, first: Message) -> Receive:
        return _replaying(first, self.receive)


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
