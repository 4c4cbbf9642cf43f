"""What the drift proxy adds: requests through ``smsworks-emulator proxy`` and straight to the same emulator,
side by side.

One emulator (``serve``, a child process) and one proxy in front of it (``proxy --upstream``, another child
process), each on a free loopback port. Each workload runs in alternating rounds — direct, proxied, direct,
proxied — so both sides see the same machine; the figures are the median over the rounds. Latency comes from
one connection (the added latency per exchange, p50 and p99); throughput from ``--concurrency`` connections
(exchanges per second through one proxy process, and its ratio to the direct rate). The load generator is
bench/generator.py's, as for every other figure.

    .venv/bin/python -m bench.proxy [--seconds 0.8] [--rounds 3] [--concurrency 16] [--json FILE]

About 30 s with the defaults. The issue's goals: p50 added within 2 ms, >= 1,000 exchanges/s.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from bench import generator
from bench.generator import Request, json_post
from bench.load import LoadResult
from bench.servers import (
    CUSTOMER,
    HOST,
    SECRET,
    Server,
    emulator,
    free_port,
    fund,
    issue_token,
    running,
)
from smsworks_emulator.testing.harness import command

WARMUP_SECONDS = 0.3


@dataclass(frozen=True)
class Side:
    """One workload on one side: medians over the rounds."""

    per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


@dataclass(frozen=True)
class Comparison:
    workload: str
    concurrency: int
    direct: Side
    proxied: Side

    @property
    def added_p50_ms(self) -> float:
        return self.proxied.p50_ms - self.direct.p50_ms

    @property
    def added_p99_ms(self) -> float:
        return self.proxied.p99_ms - self.direct.p99_ms

    @property
    def throughput_ratio(self) -> float:
        return self.proxied.per_second / self.direct.per_second if self.direct.per_second else 0.0


@contextlib.contextmanager
def proxy_in_front(upstream: Server) -> Iterator[Server]:
    """``smsworks-emulator proxy`` on a free port, forwarding to ``upstream`` (observe mode, no reports)."""
    port = free_port()
    args = [*command(), "proxy", "--host", HOST, "--port", str(port)]
    args += ["--upstream", f"http://{HOST}:{upstream.port}/v1", "--log-level", "warning"]
    with running(args, port) as pid:
        yield Server("drift proxy", port, "/v1", pid)


def workloads(token: str) -> list[tuple[str, Request]]:
    """A read (one response checked) and a send (request and response checked)."""
    send = {"sender": "Bench", "destination": "447700900123", "content": "Your code is 123456"}
    return [
        ("GET /credits/balance", Request("GET", "/v1/credits/balance", token, None, 200)),
        ("POST /message/send", json_post("/v1/message/send", send, token, 201)),
    ]


def _side(results: list[LoadResult]) -> Side:
    return Side(
        per_second=statistics.median(result.per_second for result in results),
        p50_ms=statistics.median(result.p50_ms for result in results),
        p99_ms=statistics.median(result.p99_ms for result in results),
        errors=sum(result.errors for result in results),
    )


def compare(
    direct: Server,
    proxied: Server,
    name: str,
    request: Request,
    *,
    concurrency: int,
    seconds: float,
    rounds: int,
) -> Comparison:
    sides: dict[str, list[LoadResult]] = {"direct": [], "proxied": []}
    for _ in range(rounds):
        for label, server in (("direct", direct), ("proxied", proxied)):
            sides[label].append(
                generator.measure(
                    server.port,
                    request,
                    seconds=seconds,
                    concurrency=concurrency,
                    warmup=WARMUP_SECONDS,
                )
            )
    return Comparison(name, concurrency, _side(sides["direct"]), _side(sides["proxied"]))


def measure(seconds: float, rounds: int, concurrency: int) -> list[Comparison]:
    """Every workload at one connection and at ``concurrency``, direct against proxied."""
    token = issue_token(SECRET, CUSTOMER)
    results = []
    with (
        tempfile.TemporaryDirectory(prefix="bench-proxy-") as folder,
        emulator(Path(folder) / "emulator.sqlite3", SECRET) as upstream,
    ):
        fund(upstream)
        with proxy_in_front(upstream) as proxy:
            for name, request in workloads(token):
                for connections in (1, concurrency):
                    results.append(
                        compare(
                            upstream,
                            proxy,
                            name,
                            request,
                            concurrency=connections,
                            seconds=seconds,
                            rounds=rounds,
                        )
                    )
    return results


def render(results: list[Comparison]) -> str:
    lines = [
        f"Drift proxy vs. direct, same emulator, loopback; generator: {generator.describe()}",
        "",
        "| workload | connections | direct req/s | proxied req/s | ratio | direct p50 | proxied p50 "
        "| added p50 | direct p99 | proxied p99 | added p99 | errors |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.workload} | {r.concurrency} | {r.direct.per_second:,.0f} | {r.proxied.per_second:,.0f} "
            f"| {r.throughput_ratio:.2f} | {r.direct.p50_ms:.2f} ms | {r.proxied.p50_ms:.2f} ms "
            f"| {r.added_p50_ms:+.2f} ms | {r.direct.p99_ms:.2f} ms | {r.proxied.p99_ms:.2f} ms "
            f"| {r.added_p99_ms:+.2f} ms | {r.direct.errors + r.proxied.errors} |"
        )
    return "\n".join(lines)


def to_json(results: list[Comparison]) -> list[dict[str, object]]:
    return [
        {
            **asdict(result),
            "added_p50_ms": result.added_p50_ms,
            "added_p99_ms": result.added_p99_ms,
            "throughput_ratio": result.throughput_ratio,
        }
        for result in results
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=0.8, help="per round and side")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    results = measure(args.seconds, args.rounds, args.concurrency)
    print(render(results))
    if args.json:
        Path(args.json).write_text(json.dumps(to_json(results), indent=2) + "\n", encoding="utf-8")
    errors = sum(r.direct.errors + r.proxied.errors for r in results)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
