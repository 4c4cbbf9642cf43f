"""What the slowest sends wait for: the emulator's per-request timeline, recorded in process under load.

The emulator is served with ``SMSWORKS_EMULATOR_TIMELINE`` set (see
``smsworks_emulator/http/timeline.py``), loaded with sendMessage like the throughput figures,
and stopped; then every request at or above the 99th percentile of its own in-app time is set
beside what ran meanwhile: its own steps, the process-wide spans overlapping it (the scheduler's
ticks, COMMITs, garbage collections, WAL checkpoints), and the wall time the process got no CPU
for (a core taken by another process, or a wait for the disk).

    .venv/bin/python -m bench.timeline [--seconds 5] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import generator
from bench.generator import json_post
from bench.servers import CUSTOMER, SECRET, emulator, fund, issue_token

SEND_BODY = {"sender": "Bench", "destination": "447911123456", "content": "A timeline message"}
ENV = "SMSWORKS_EMULATOR_TIMELINE"
OFF_CPU = "no CPU for the process (other processes, or the disk)"


@dataclass(frozen=True)
class Cause:
    what: str
    slow_share: float
    """Share of the slow requests it overlapped (or, for a step, took part in)."""
    slow_ms: float
    """Mean ms of it per slow request."""
    all_ms: float
    """Mean ms of it per request, all of them."""


@dataclass(frozen=True)
class Attribution:
    requests: int
    p50_ms: float
    p99_ms: float
    p999_ms: float
    slow: int
    causes: tuple[Cause, ...]
    slow_mean_ms: float = 0.0
    """Mean in-app time of the slow requests (what the causes' ms add up against)."""


def record(path: Path, *, seconds: float, concurrency: int, workdir: Path) -> None:
    token = issue_token(SECRET, CUSTOMER)
    os.environ[ENV] = str(path)
    try:
        with emulator(workdir / "timeline.sqlite3", SECRET) as server:
            fund(server)
            request = json_post("/v1/message/send", SEND_BODY, token, 201)
            generator.measure(
                server.port, request, seconds=seconds, concurrency=concurrency, warmup=1.0
            )
    finally:
        del os.environ[ENV]


def _percentile(ordered: list[float], fraction: float) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] if ordered else 0.0


def attribute(path: Path) -> Attribution:
    requests: list[dict[str, Any]] = []
    spans: list[dict[str, Any]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if "request" in item:
            requests.append(item["request"])
        else:
            spans.append(item["span"])
    # The first second is the warm-up's: leave it out.
    if requests:
        first = min(request["start"] for request in requests) + 1_000_000_000
        requests = [request for request in requests if request["start"] >= first]
    latencies = sorted((r["end"] - r["start"]) / 1e6 for r in requests)
    p99 = _percentile(latencies, 0.99)
    spans.sort(key=lambda span: span["start"])

    def causes_of(request: dict[str, Any]) -> dict[str, float]:
        found: dict[str, float] = defaultdict(float)
        for step, ns in request["steps"].items():
            found[f"own step: {step}"] += ns / 1e6
        start, end = request["start"], request["end"]
        for span in spans:
            if span["start"] >= end:
                break
            overlap = min(end, span["end"]) - max(start, span["start"])
            if overlap > 0:
                found[f"beside it: {span['kind']}"] += overlap / 1e6
        off = (end - start) - (request["cpu1"] - request["cpu0"])
        if off > 0:
            found[OFF_CPU] += off / 1e6
        return found

    everyone = [causes_of(request) for request in requests]
    slow = [
        causes
        for request, causes in zip(requests, everyone, strict=True)
        if (request["end"] - request["start"]) / 1e6 >= p99
    ]
    slow_latencies = [
        (request["end"] - request["start"]) / 1e6
        for request in requests
        if (request["end"] - request["start"]) / 1e6 >= p99
    ]
    kinds = sorted({kind for causes in everyone for kind in causes})
    rows = []
    for kind in kinds:
        in_slow = [causes.get(kind, 0.0) for causes in slow]
        in_all = [causes.get(kind, 0.0) for causes in everyone]
        rows.append(
            Cause(
                kind,
                sum(1 for value in in_slow if value > 0) / len(slow) if slow else 0.0,
                sum(in_slow) / len(slow) if slow else 0.0,
                sum(in_all) / len(in_all) if in_all else 0.0,
            )
        )
    rows.sort(key=lambda cause: -cause.slow_ms)
    return Attribution(
        len(latencies),
        _percentile(latencies, 0.5),
        p99,
        _percentile(latencies, 0.999),
        len(slow),
        tuple(rows),
        sum(slow_latencies) / len(slow_latencies) if slow_latencies else 0.0,
    )


def measure(seconds: float, concurrency: int) -> Attribution:
    with tempfile.TemporaryDirectory(prefix="smsworks-timeline-") as scratch:
        workdir = Path(scratch)
        path = workdir / "timeline.jsonl"
        record(path, seconds=seconds, concurrency=concurrency, workdir=workdir)
        if os.environ.get("BENCH_TIMELINE_KEEP"):
            import shutil

            shutil.copy(path, os.environ["BENCH_TIMELINE_KEEP"])
        return attribute(path)


def describe(found: Attribution) -> list[str]:
    lines = [
        f"{found.requests:,} sends timed inside the app (from the ASGI call to the answer's last byte): "
        f"p50 {found.p50_ms:.2f} ms, p99 {found.p99_ms:.2f} ms, p99.9 {found.p999_ms:.2f} ms. "
        f"The {found.slow:,} at or above the p99, beside every send:",
        "",
        "| what | share of the slow sends | ms per slow send | ms per send (all) |",
        "|---|---:|---:|---:|",
    ]
    for cause in found.causes:
        lines.append(
            f"| {cause.what} | {cause.slow_share:.0%} | {cause.slow_ms:.2f} | {cause.all_ms:.2f} |"
        )
    off = next((cause.slow_ms for cause in found.causes if cause.what == OFF_CPU), 0.0)
    if found.slow_mean_ms > 0:
        lines += [
            "",
            f"What bounds the tail: a slow send spent {found.slow_mean_ms:.1f} ms in the app on average, "
            f"{off / found.slow_mean_ms:.0%} of it ({off:.1f} ms) with no thread of the process running "
            "(waiting for a core another process held, or for the disk); the rest is the steps and spans "
            "above.",
        ]
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args(argv)
    print("\n".join(describe(measure(args.seconds, args.concurrency))))


if __name__ == "__main__":
    main()
