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
    p999_ms: float = 0.0
    distribution: tuple[tuple[float, float], ...] = ()
    """(percentile, ms) points of the latency distribution, for the plot."""

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @classmethod
    def from_latencies(cls, errors: int, seconds: float, latencies_ms: list[float]) -> LoadResult:
        if not latencies_ms:
            return cls(0, errors, seconds, 0.0, 0.0)
        ordered = sorted(latencies_ms)

        def at(percent: float) -> float:
            return ordered[min(len(ordered) - 1, int(len(ordered) * percent / 100))]

        return cls(
            len(ordered),
            errors,
            seconds,
            statistics.median(ordered),
            at(99),
            at(99.9),
            tuple((percent, at(percent)) for percent in PERCENTILES),
        )


PERCENTILES = (1, 10, 25, 50, 75, 90, 95, 98, 99, 99.5, 99.8, 99.9, 99.95, 99.99)
"""Where the latency distribution is read (bench/post.lua reads wrk's at the same points)."""


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
