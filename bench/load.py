"""A small closed-loop HTTP/1.1 load generator on raw asyncio streams.

Every target is driven by the same code, so the ratios compare the servers, not the clients. It is deliberately
cheaper per request than an HTTP client library: on a 2-core machine the load generator shares the CPU with the
server, and a heavy client would flatten every result to its own ceiling.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class LoadResult:
    """One measurement, whichever generator made it (this one or ``wrk``)."""

    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @classmethod
    def from_latencies(cls, errors: int, seconds: float, latencies_ms: list[float]) -> LoadResult:
        if not latencies_ms:
            return cls(0, errors, seconds, 0.0, 0.0)
        ordered = sorted(latencies_ms)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        return cls(len(ordered), errors, seconds, statistics.median(ordered), p99)


def build_request(
    method: str, host: str, port: int, path: str, headers: dict[str, str], body: bytes
) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}:{port}", f"Content-Length: {len(body)}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def _read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    chunked = False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        lowered = name.strip().lower()
        if lowered == b"content-length":
            length = int(value)
        elif lowered == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if chunked:
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status


async def _worker(
    host: str,
    port: int,
    make_request: Callable[[], bytes],
    deadline: float,
    ok: Callable[[int], bool],
    latencies: list[float],
    errors: list[int],
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            writer.write(make_request())
            status = await _read_response(reader)
            latencies.append((time.perf_counter() - started) * 1000)
            if not ok(status):
                errors.append(status)
    finally:
        writer.close()


async def run_load(
    host: str,
    port: int,
    make_request: Callable[[], bytes],
    *,
    seconds: float,
    concurrency: int,
    ok: Callable[[int], bool],
) -> LoadResult:
    latencies: list[float] = []
    errors: list[int] = []
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(
        *(
            _worker(host, port, make_request, deadline, ok, latencies, errors)
            for _ in range(concurrency)
        )
    )
    elapsed = time.perf_counter() - started
    return LoadResult.from_latencies(len(errors), elapsed, latencies)
