"""The proxy's ASGI application: every request forwarded to the upstream as it came, its answer returned as it
came, and the exchange handed to the :class:`DriftWatch`.

What is changed on the way, and only that: the hop-by-hop headers (``Connection`` and those it names,
``Keep-Alive``, ``TE``, ``Trailer``, ``Transfer-Encoding``, ``Upgrade``, ``Proxy-*``) are dropped both ways,
``Host`` is the upstream's, and a body's ``Content-Length`` is that of the bytes sent (``0`` for a body-less
POST, PUT or PATCH). The answer's body bytes are returned undecoded, ``Content-Encoding`` and all. The requests
go out on :mod:`.upstream`'s keep-alive connections.

No answer from the upstream within the timeout is answered 504, a failure to reach it or a broken answer 502,
both with the spec's error model (``{"message", "errorCode", "status", "permanent": false}``). With ``strict``
an answer with an unknown departure from the spec is answered 502 naming the departures. ``/_emulator/...`` is
the proxy's own (the drift endpoints and the page); everything else goes to the upstream.
"""

from __future__ import annotations

import contextlib
import json
import logging
import ssl
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from functools import cached_property

import httpx2
from starlette.types import ASGIApp, Receive, Scope, Send

from smsworks_emulator.http.boundary import Boundary, BoundaryGuard
from smsworks_emulator.http.wire import JSON_RESPONSE_TYPE
from smsworks_emulator.proxy.upstream import UpstreamClient, UpstreamFailure, UpstreamTimeout
from smsworks_emulator.proxy.watch import Checked, DriftWatch, Exchange, Outcome
from smsworks_emulator.rules.errors import ApiError

logger = logging.getLogger("smsworks_emulator.proxy")

OWN_PREFIX = "/_emulator"
DEFAULT_TIMEOUT_SECONDS = 30.0
HOP_BY_HOP = frozenset(
    {
        b"connection",
        b"keep-alive",
        b"proxy-authenticate",
        b"proxy-authorization",
        b"proxy-connection",
        b"te",
        b"trailer",
        b"transfer-encoding",
        b"upgrade",
    }
)
_NO_BODY_STATUSES = frozenset({204, 304})
_FRAMED_METHODS = frozenset({"POST", "PUT", "PATCH"})
"""A body-less request of these says ``Content-Length: 0``, as HTTP clients send it."""


@dataclass(frozen=True)
class Upstream:
    """Where requests go: ``https://api.thesmsworks.co.uk/v1``, its CA file, how long to wait."""

    url: str
    ca_file: str | None = None
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS

    def __post_init__(self) -> None:
        parsed = httpx2.URL(self.url)
        if parsed.scheme not in ("http", "https") or not parsed.host:
            raise ValueError(f"upstream: {self.url!r} is not an http:// or https:// URL")
        if parsed.query or parsed.fragment:
            raise ValueError(f"upstream: {self.url!r} must have no query or fragment")
        if self.timeout_seconds <= 0:
            raise ValueError(f"upstream timeout: must be > 0 seconds, not {self.timeout_seconds}")

    @cached_property
    def _parsed(self) -> httpx2.URL:
        return httpx2.URL(self.url)

    @cached_property
    def base_path(self) -> bytes:
        """The upstream's path, ``/v1``: the proxy serves the same one."""
        return self._parsed.raw_path.split(b"?", 1)[0].rstrip(b"/")

    @cached_property
    def origin(self) -> str:
        return f"{self._parsed.scheme}://{self._parsed.netloc.decode('ascii')}"

    @cached_property
    def host_header(self) -> bytes:
        """What ``Host`` says to the upstream: its host, and its port when it is not the scheme's."""
        return self._parsed.netloc

    def target(self, raw_path: bytes, query: bytes) -> bytes:
        """The request target at the upstream, as bytes: the same path when it is under the upstream's, else
        the path under it; the query string as it came."""
        base = self.base_path
        path = (
            raw_path
            if not base or raw_path == base or raw_path.startswith(base + b"/")
            else base + raw_path
        )
        return path + (b"?" + query if query else b"")

    def ssl_context(self) -> ssl.SSLContext:
        """The system's trust store as httpx2 reads it (``SSL_CERT_FILE`` and ``SSL_CERT_DIR`` when set), and
        ``ca_file`` besides when given (a private CA)."""
        context = httpx2.create_ssl_context()
        if self.ca_file:
            try:
                context.load_verify_locations(cafile=self.ca_file)
            except (OSError, ssl.SSLError) as error:
                raise ValueError(f"upstream CA: cannot read {self.ca_file}: {error}") from error
        return context

    def client(self) -> UpstreamClient:
        parsed = self._parsed
        context = self.ssl_context() if parsed.scheme == "https" else None
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        return UpstreamClient(parsed.host, port, context, self.timeout_seconds)


class DriftProxy:
    """The ASGI app: ``own`` answers ``/_emulator/...``; the rest is forwarded and watched."""

    def __init__(
        self,
        upstream: Upstream,
        watch: DriftWatch,
        own: ASGIApp,
        *,
        strict: bool = False,
        boundary: Boundary | None = None,
    ) -> None:
        self.upstream = upstream
        self.watch = watch
        # Its answers carry what passes through it (tokens refused, numbers redacted, but findings
        # and the journal): a page on a rebound name must not read them, nor use it to reach the API.
        self.own = own
        self._guarded = BoundaryGuard(self._route, boundary or Boundary(server="proxy"))
        self.strict = strict
        self._client: UpstreamClient | None = None
        self._checker_base = watch.checker.base_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return  # websockets: not part of the API; the server closes the connection
        # Its answers carry what passes through it (findings, the journal: redacted, but still
        # the traffic): a page on a rebound name must not read them, nor use it to reach the API.
        await self._guarded(scope, receive, send)

    async def _route(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope["path"]
        if path == OWN_PREFIX or path.startswith(OWN_PREFIX + "/"):
            await self.own(scope, receive, send)
            return
        await self._forward(scope, receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self._client = self.upstream.client()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if self._client is not None:
                    await self._client.aclose()
                await send({"type": "lifespan.shutdown.complete"})
                return

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """The upstream client open, for driving the app without a server's lifespan."""
        self._client = self.upstream.client()
        try:
            yield
        finally:
            await self._client.aclose()

    async def _forward(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        body = await _read_body(receive)
        method: str = scope["method"]
        raw_path: bytes = scope.get("raw_path") or scope["path"].encode("utf-8")
        target = self.upstream.target(raw_path.split(b"?", 1)[0], scope.get("query_string", b""))
        headers, request_type, has_length = _request_headers(scope["headers"])
        headers.insert(0, (b"Host", self.upstream.host_header))
        if not has_length and (body or method in _FRAMED_METHODS):
            headers.append((b"Content-Length", str(len(body)).encode("ascii")))
        exchange_path = target.decode("latin-1")
        checked_path = self._checker_base + exchange_path[len(self.upstream.base_path) :]
        status: int | None = None
        answer_headers: list[tuple[bytes, bytes]] = []
        answer = b""
        failure: tuple[Outcome, int, str] | None = None
        upstream_started = time.perf_counter()
        try:
            assert self._client is not None, "the proxy's lifespan has not started"
            got = await self._client.request(method, target, headers, body)
            status, answer_headers, answer = got.status, got.headers, got.body
        except UpstreamTimeout as error:
            failure = (
                "timeout",
                504,
                f"upstream: no answer from {self.upstream.origin} within "
                f"{self.upstream.timeout_seconds:g} s ({error})",
            )
        except UpstreamFailure as error:
            failure = ("upstream-error", 502, f"upstream: {self.upstream.origin} failed: {error}")
        upstream_ms = (time.perf_counter() - upstream_started) * 1000
        exchange = Exchange(
            method,
            checked_path,
            request_type,
            body,
            status,
            _header(answer_headers, b"content-type"),
            answer,
            _header(answer_headers, b"content-encoding"),
        )
        if failure is not None:
            outcome, code, message = failure
            await _send_error(send, code, message)
            self._record(
                exchange, self.watch.check(exchange), outcome, code, started, upstream_ms, message
            )
            return
        assert status is not None
        if self.strict:
            checked = self.watch.check(exchange)
            departures = checked.unknown_response
            if departures:
                message = "upstream answer departs from the spec: " + "; ".join(
                    finding.describe() for finding in departures
                )
                await _send_error(send, 502, message)
                self._record(exchange, checked, "refused", 502, started, upstream_ms, message)
                return
            await _send_answer(send, method, status, answer_headers, answer)
            self._record(exchange, checked, "forwarded", status, started, upstream_ms)
            return
        await _send_answer(send, method, status, answer_headers, answer)
        # Observe mode checks after answering: the check adds nothing to the client's wait. It runs to its
        # end without awaiting, so a request that comes after this answer sees its findings.
        self._record(
            exchange, self.watch.check(exchange), "forwarded", status, started, upstream_ms
        )

    def _record(
        self,
        exchange: Exchange,
        checked: Checked,
        outcome: Outcome,
        answered: int,
        started: float,
        upstream_ms: float,
        message: str | None = None,
    ) -> None:
        try:
            self.watch.record(
                exchange,
                checked,
                outcome=outcome,
                answered=answered,
                latency_ms=(time.perf_counter() - started) * 1000,
                upstream_ms=upstream_ms,
                message=message,
            )
        except Exception:
            logger.exception("recording an exchange failed")


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _request_headers(
    raw: list[tuple[bytes, bytes]],
) -> tuple[list[tuple[bytes, bytes]], str | None, bool]:
    """The headers to forward, the request's Content-Type, and whether it said a Content-Length."""
    named = _connection_names(raw)
    kept: list[tuple[bytes, bytes]] = []
    content_type = None
    has_length = False
    for name, value in raw:
        lowered = name.lower()
        if lowered in HOP_BY_HOP or lowered in named or lowered == b"host":
            continue
        if lowered == b"content-type":
            content_type = value.decode("latin-1")
        elif lowered == b"content-length":
            has_length = True
        kept.append((name, value))
    return kept, content_type, has_length


def _connection_names(raw: list[tuple[bytes, bytes]]) -> frozenset[bytes]:
    return frozenset(
        token.strip().lower()
        for name, value in raw
        if name.lower() == b"connection"
        for token in value.split(b",")
    )


def _header(raw: list[tuple[bytes, bytes]], wanted: bytes) -> str | None:
    for name, value in raw:
        if name.lower() == wanted:
            return value.decode("latin-1")
    return None


async def _send_answer(
    send: Send, method: str, status: int, raw: list[tuple[bytes, bytes]], body: bytes
) -> None:
    named = _connection_names(raw)
    headers = [
        (name, value)
        for name, value in raw
        if (lowered := name.lower()) not in HOP_BY_HOP
        and lowered not in named
        and (lowered != b"content-length" or method == "HEAD")
    ]
    if method != "HEAD" and status not in _NO_BODY_STATUSES and status >= 200:
        headers.append((b"content-length", str(len(body)).encode("ascii")))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body if method != "HEAD" else b""})


async def _send_error(send: Send, status: int, message: str) -> None:
    body = ApiError(status, message, status="FAILED", permanent=False).body()
    payload = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    headers = [
        (b"content-type", JSON_RESPONSE_TYPE.encode("ascii")),
        (b"content-length", str(len(payload)).encode("ascii")),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})
