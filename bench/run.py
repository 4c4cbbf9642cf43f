"""Run every benchmark and write bench/RESULTS.md.

Scenarios (each side by side, in one run, so the ratios are what to read):
1. sendMessage throughput: the emulator (SQLite file database) vs Prism mocking the same patched spec vs a bare
   Starlette endpoint on the same ASGI stack.
2. A filtered getMessages as the store grows from 10k to 1M messages: it should stay flat.
3. A 5000-message batch: the emulator (one transaction) vs Prism answering the same request.

Environment: BENCH_SECONDS (per throughput measurement, default 5), BENCH_CONCURRENCY (default 8),
BENCH_ROUNDS (sendMessage rounds per server, taken in turn, default 3), BENCH_SIZES (comma-separated
store sizes, default 10000,100000,1000000).
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from bench.load import LoadResult, build_request, run_load
from bench.servers import HOST, ROOT, Server, bare_starlette, emulator, issue_token, prism

SECRET = "bench-secret"
CUSTOMER = "bench"
SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "8"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "10000,100000,1000000").split(",")]
MARKER = "447911000001"  # the destination the filtered query looks for: always exactly MARKER_COUNT messages
MARKER_COUNT = 20
BATCH = 5000


def post(server: Server, path: str, body: Any, token: str) -> bytes:
    payload = json.dumps(body).encode()
    headers = {"Content-Type": "application/json", "Authorization": token}
    return build_request("POST", HOST, server.port, server.base_path + path, headers, payload)


def measure(server: Server, request: bytes, expected: int, seconds: float = SECONDS) -> LoadResult:
    def is_ok(status: int) -> bool:
        return status == expected

    asyncio.run(
        run_load(HOST, server.port, lambda: request, seconds=1.0, concurrency=CONCURRENCY, ok=is_ok)
    )
    return asyncio.run(
        run_load(
            HOST, server.port, lambda: request, seconds=seconds, concurrency=CONCURRENCY, ok=is_ok
        )
    )


def control(server: Server) -> httpx.Client:
    return httpx.Client(base_url=f"http://{HOST}:{server.port}", timeout=120)


def fund(server: Server) -> None:
    with control(server) as client:
        client.put(
            f"/_emulator/customers/{CUSTOMER}/balance", json={"credits": 1e12}
        ).raise_for_status()


@dataclass(frozen=True)
class Throughput:
    """One server's sendMessage rounds; the median round is the one reported."""

    name: str
    rounds: tuple[LoadResult, ...]

    @property
    def median(self) -> LoadResult:
        ordered = sorted(self.rounds, key=lambda result: result.per_second)
        return ordered[(len(ordered) - 1) // 2]

    @property
    def errors(self) -> int:
        return sum(result.errors for result in self.rounds)


def send_throughput(token: str, workdir: Path) -> list[Throughput]:
    """Each server in turn, ROUNDS times over: a slow spell of the machine hits all of them."""
    body = {"sender": "Bench", "destination": "447911123456", "content": "A benchmark message"}
    starters: list[tuple[str, Callable[[int], AbstractContextManager[Server]], bool]] = [
        (
            "smsworks emulator (SQLite file)",
            lambda round_: emulator(workdir / f"send-{round_}.sqlite3", SECRET),
            True,
        ),
        ("Prism 5.16 mock", lambda round_: prism(), False),
        ("bare Starlette endpoint", lambda round_: bare_starlette(), False),
    ]
    rounds: dict[str, list[LoadResult]] = {name: [] for name, _, _ in starters}
    for round_ in range(ROUNDS):
        for name, start, funded in starters:
            with start(round_) as server:
                if funded:
                    fund(server)
                request = post(server, "/message/send", body, token)
                rounds[name].append(measure(server, request, 201))
    return [Throughput(name, tuple(results)) for name, results in rounds.items()]


def batch_body(offset: int, size: int = BATCH) -> dict[str, Any]:
    destinations = [f"4479{(offset + i) % 10**8:08d}" for i in range(size)]
    return {"sender": "Bench", "content": "A batch benchmark message", "destinations": destinations}


def query_scaling(token: str, workdir: Path) -> list[tuple[int, float, LoadResult, LoadResult]]:
    rows = []
    headers = {"Authorization": token}
    with (
        emulator(workdir / "scale.sqlite3", SECRET, controlled_clock=True) as server,
        control(server) as client,
    ):
        fund(server)
        for _ in range(MARKER_COUNT):
            message = {"sender": "Bench", "destination": MARKER, "content": "marker"}
            client.post("/v1/message/send", json=message, headers=headers).raise_for_status()
        stored = MARKER_COUNT
        by_destination = post(
            server, "/messages", {"destination": MARKER, "limit": MARKER_COUNT}, token
        )
        by_status = post(server, "/messages", {"status": "SENT", "limit": 100}, token)
        for size in sorted(SIZES):
            started = time.perf_counter()
            while stored < size:
                count = min(BATCH, size - stored)
                response = client.post(
                    "/v1/batch/send", json=batch_body(stored, count), headers=headers
                )
                response.raise_for_status()
                stored += count
            seeding = time.perf_counter() - started
            rows.append(
                (
                    size,
                    seeding,
                    measure(server, by_destination, 200, 3),
                    measure(server, by_status, 200, 3),
                )
            )
    return rows


def batch_latency(token: str, workdir: Path) -> list[tuple[str, list[float]]]:
    results = []
    for name, context in (
        ("smsworks emulator (SQLite file)", emulator(workdir / "batch.sqlite3", SECRET)),
        ("Prism 5.16 mock", prism()),
    ):
        with context as server, control(server) as client:
            if server.base_path:
                fund(server)
            timings = []
            for run in range(5):
                started = time.perf_counter()
                response = client.post(
                    server.base_path + "/batch/send",
                    json=batch_body(run * BATCH),
                    headers={"Authorization": token},
                )
                timings.append(time.perf_counter() - started)
                if response.status_code != 201:
                    raise RuntimeError(
                        f"{name}: batch answered {response.status_code}: {response.text[:200]}"
                    )
            results.append((name, timings))
    return results


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()} {platform.release()}"


def report(
    sends: list[Throughput],
    scaling: list[tuple[int, float, LoadResult, LoadResult]],
    batches: list[tuple[str, list[float]]],
) -> str:
    emulator_rate = sends[0].median.per_second
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Machine: {machine()}.",
        f"Closed-loop load from `bench/load.py` on the same machine: {CONCURRENCY} connections, {SECONDS:g} s per "
        "measurement after 1 s of warm-up. Servers run as separate processes on 127.0.0.1, one worker each.",
        "",
        "## sendMessage throughput",
        "",
        f"{ROUNDS} rounds: each round measures every server in turn, so a slow spell of the machine hits all of "
        "them; the median round is reported, with the range of all rounds.",
        "",
        "| server | requests/s (median round) | all rounds | p50 ms | p99 ms | errors | emulator ÷ this |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for server in sends:
        result = server.median
        ratio = emulator_rate / result.per_second if result.per_second else float("nan")
        spread = " ".join(f"{round_.per_second:,.0f}" for round_ in server.rounds)
        lines.append(
            f"| {server.name} | {result.per_second:,.0f} | {spread} | {result.p50_ms:.1f} | {result.p99_ms:.1f} | "
            f"{server.errors} | {ratio:.2f} |"
        )
    lines += [
        "",
        "Goals: the emulator at least Prism's throughput (ratio ≥ 1 on Prism's row) and at least half the bare stack's "
        "(ratio ≥ 0.5 on its row), while it validates against the spec, checks the JWT, charges credits and commits "
        "each message to SQLite before answering.",
        "",
        "## A filtered getMessages as the store grows",
        "",
        f"POST /messages filtered by destination (matching {MARKER_COUNT} messages) and by status with limit 100, "
        "one customer holding every message.",
        "",
        "| stored messages | seeding s (batches of 5000) | by destination req/s | p50 ms | by status, limit 100 req/s | p50 ms |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for size, seeding, by_destination, by_status in scaling:
        lines.append(
            f"| {size:,} | {seeding:.1f} | {by_destination.per_second:,.0f} | {by_destination.p50_ms:.1f} | "
            f"{by_status.per_second:,.0f} | {by_status.p50_ms:.1f} |"
        )
    if len(scaling) > 1:
        first, last = scaling[0], scaling[-1]
        lines += [
            "",
            f"Largest ÷ smallest store, requests/s: by destination {last[2].per_second / first[2].per_second:.2f}, "
            f"by status {last[3].per_second / first[3].per_second:.2f} (1.00 is flat).",
        ]
    lines += [
        "",
        "## A 5000-message batch (POST /batch/send)",
        "",
        "| server | median s | min s | max s | messages/s (median) |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, timings in batches:
        median = statistics.median(timings)
        lines.append(
            f"| {name} | {median:.3f} | {min(timings):.3f} | {max(timings):.3f} | {BATCH / median:,.0f} |"
        )
    lines += [
        "",
        "Goal: the emulator well under a second for 5000 messages, written in one transaction.",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        workdir = Path(scratch)
        token = issue_token(SECRET, CUSTOMER)
        print("sendMessage throughput ...", flush=True)
        sends = send_throughput(token, workdir)
        print("getMessages scaling ...", flush=True)
        scaling = query_scaling(token, workdir)
        print("5000-message batch ...", flush=True)
        batches = batch_latency(token, workdir)
    text = report(sends, scaling, batches)
    (ROOT / "bench" / "RESULTS.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
