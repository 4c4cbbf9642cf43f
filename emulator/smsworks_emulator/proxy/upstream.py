"""The proxy's HTTP/1.1 client to its one upstream: keep-alive connections on asyncio streams, framed by h11.

httpx's pool does work for every pooled connection on each request and slows down as connections are added
(encode/httpx#3215); a proxy to one origin needs none of it. httpcore2's pool, measured against this client
in ``bench/proxy_clients.py``, still carries about half the exchanges per second at 16 connections. This client keeps idle connections in a stack and
drops one the upstream has closed, or that has been idle longer than :data:`IDLE_SECONDS`, before it is reused.
A request that finds a reused connection closed before any byte of an answer came is sent again on a new one
only when its method is safe (GET, HEAD, OPTIONS): a send is never repeated. What it sends and returns are
bytes: the headers as given (names in their case), the body undecoded (``Content-Encoding`` and all; h11
removes only the chunked framing).
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections import deque
from dataclasses import dataclass

import h11

READ_BYTES = 65536
MAX_IDLE = 64
IDLE_SECONDS = 2.0
"""An idle connection older than this is closed rather than reused: servers close theirs after a few seconds
(uvicorn 5 s), and one closing just as a request is written would fail it."""
RETRIED_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class UpstreamTimeout(Exception):
    """No whole answer within the timeout."""


class UpstreamFailure(Exception):
    """The upstream could not be reached or broke off its answer; the message says how."""


@dataclass(frozen=True)
class Answer:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


@dataclass
class _Connection:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    protocol: h11.Connection
    idle_since: float = 0.0
    answered: bool = False
    """Whether any byte of the current answer has come."""

    def usable(self, now: float) -> bool:
        """Whether it may carry another request: recently used, and not closed by the upstream since."""
        if now - self.idle_since > IDLE_SECONDS:
            return False
        return not (self.reader.at_eof() or self.writer.is_closing())

    def close(self) -> None:
        self.writer.close()


class UpstreamClient:
    """Requests to ``host:port`` (TLS with ``context``), each answered within ``timeout_seconds`` or not at all."""

    def __init__(
        self,
        host: str,
        port: int,
        context: ssl.SSLContext | None,
        timeout_seconds: float,
        max_idle: int = MAX_IDLE,
    ) -> None:
        self.host = host
        self.port = port
        self.context = context
        self.timeout_seconds = timeout_seconds
        self.max_idle = max_idle
        self._idle: deque[_Connection] = deque()

    async def request(
        self, method: str, target: bytes, headers: list[tuple[bytes, bytes]], body: bytes
    ) -> Answer:
        """Sends the request as given (``headers`` must hold Host and the body's framing); the answer."""
        try:
            async with asyncio.timeout(self.timeout_seconds):
                connection, answer, reusable = await self._attempt(method, target, headers, body)
        except TimeoutError as error:
            raise UpstreamTimeout("ReadTimeout") from error
        except (OSError, h11.ProtocolError, asyncio.IncompleteReadError) as error:
            raise UpstreamFailure(_describe(error)) from error
        if reusable and len(self._idle) < self.max_idle:
            connection.protocol.start_next_cycle()
            connection.idle_since = time.monotonic()
            self._idle.append(connection)
        else:
            connection.close()
        return answer

    async def _attempt(
        self, method: str, target: bytes, headers: list[tuple[bytes, bytes]], body: bytes
    ) -> tuple[_Connection, Answer, bool]:
        reused = self._reused()
        if reused is not None:
            try:
                answer, reusable = await self._on(reused, method, target, headers, body)
                return reused, answer, reusable
            except (OSError, h11.ProtocolError, UpstreamFailure):
                if reused.answered or method not in RETRIED_METHODS:
                    raise
                # The upstream closed the idle connection as the request went out: once more, anew.
        connection = await self._connect()
        answer, reusable = await self._on(connection, method, target, headers, body)
        return connection, answer, reusable

    async def _on(
        self,
        connection: _Connection,
        method: str,
        target: bytes,
        headers: list[tuple[bytes, bytes]],
        body: bytes,
    ) -> tuple[Answer, bool]:
        """One exchange on ``connection``, closed when it fails."""
        try:
            return await self._exchange(connection, method, target, headers, body)
        except BaseException:
            connection.close()
            raise

    def _reused(self) -> _Connection | None:
        now = time.monotonic()
        while self._idle:
            # The most recently used: the least likely to have been closed.
            connection = self._idle.pop()
            if connection.usable(now):
                return connection
            connection.close()
        return None

    async def _connect(self) -> _Connection:
        reader, writer = await asyncio.open_connection(
            self.host,
            self.port,
            ssl=self.context,
            server_hostname=self.host if self.context is not None else None,
            limit=READ_BYTES,
        )
        return _Connection(reader, writer, h11.Connection(h11.CLIENT))

    async def _exchange(
        self,
        connection: _Connection,
        method: str,
        target: bytes,
        headers: list[tuple[bytes, bytes]],
        body: bytes,
    ) -> tuple[Answer, bool]:
        protocol = connection.protocol
        connection.answered = False
        outgoing = protocol.send(h11.Request(method=method, target=target, headers=headers)) or b""
        if body:
            outgoing += protocol.send(h11.Data(data=body)) or b""
        outgoing += protocol.send(h11.EndOfMessage()) or b""
        connection.writer.write(outgoing)
        await connection.writer.drain()
        status = 0
        answer_headers: list[tuple[bytes, bytes]] = []
        chunks: list[bytes] = []
        while True:
            event = protocol.next_event()
            if event is h11.NEED_DATA:
                data = await connection.reader.read(READ_BYTES)
                connection.answered = connection.answered or bool(data)
                if not data and protocol.their_state is h11.SEND_RESPONSE:
                    raise UpstreamFailure(
                        "RemoteProtocolError: the upstream closed the connection without answering"
                    )
                protocol.receive_data(data)
            elif isinstance(event, h11.Response):
                status = event.status_code
                answer_headers = [(name, value) for name, value in event.headers.raw_items()]
            elif isinstance(event, h11.Data):
                chunks.append(bytes(event.data))
            elif isinstance(event, h11.EndOfMessage):
                break
            elif isinstance(event, h11.ConnectionClosed):
                raise UpstreamFailure(
                    "RemoteProtocolError: the upstream closed the connection mid-answer"
                )
            # h11.InformationalResponse (1xx): not passed on; the final answer follows
        reusable = protocol.our_state is h11.DONE and protocol.their_state is h11.DONE
        return Answer(status, answer_headers, b"".join(chunks)), reusable

    async def aclose(self) -> None:
        while self._idle:
            self._idle.pop().close()


def _describe(error: BaseException) -> str:
    """``ConnectError: [Errno 111] Connection refused``: what kind of failure, and the system's words."""
    if isinstance(error, ssl.SSLError):
        kind = "TLSError"
    elif isinstance(error, ConnectionRefusedError | ConnectionResetError | ConnectionAbortedError):
        kind = "ConnectError" if isinstance(error, ConnectionRefusedError) else "ReadError"
    elif isinstance(error, h11.ProtocolError | asyncio.IncompleteReadError):
        kind = "RemoteProtocolError"
    else:
        kind = "NetworkError"
    return f"{kind}: {error}".rstrip(": ")
