"""Run every benchmark and write bench/RESULTS.md (``python -m bench``), or a brief smoke run.

Scenarios (each side by side, in one run, so the ratios are what to read):
1. sendMessage throughput: the emulator (SQLite file database) vs Prism mocking the same patched
   spec vs a bare Starlette endpoint, the emulator and the bare endpoint each on uvloop + httptools
   and on asyncio + h11; then a profile of the emulator's send path, sends driven in process
   (bench/hotspots.py).
2. A filtered getMessages as the store grows from 10k to 1M messages (it should stay flat), with
   the emulator's resident memory at each size.
3. A 5000-message batch: the emulator (one transaction) vs Prism answering the same request, and a
   profile of the emulator's batch path, the same way.
4. Cold start to the first answer and idle memory: the emulator vs Prism; the spec's load in a
   first start and in a second one (its cache).
5. The generated client's time per call vs raw httpx2.
   Then what the slowest sends wait for: a per-request timeline recorded in the emulator
   (bench/timeline.py), and the latency distribution as a picture (bench/latency.svg).
6. The web inbox at 10k and 1M stored messages: its per-second reads, and a sender's p99 with and
   without a page-like poller (bench/inbox.py).
7. What a test with the plugin's in-process emulator costs over an empty test (bench/per_test.py).
8. The drift proxy against the same emulator straight (bench/proxy.py, when it is there).

Environment: BENCH_SECONDS (per throughput measurement, default 5), BENCH_CONCURRENCY (default 8),
BENCH_ROUNDS (sendMessage rounds per server, taken in turn, default 3), BENCH_SIZES (comma-separated
store sizes, default 10000,100000,1000000), BENCH_INBOX_SIZES (the web inbox's store sizes, default
10000,1000000), BENCH_GENERATOR (auto, wrk or python; see bench/generator.py).

``python -m bench --smoke`` runs every scenario for a moment with tiny sizes, writes nothing to
RESULTS.md, and fails only when a scenario did not run or produced no numbers: it never judges a
speed.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import math
import os
import tempfile
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import client_overhead as front_door_overhead
from bench import generator, inbox, per_test, timeline
from bench.generator import Request, json_post
from bench.hotspots import Profile, profile_requests
from bench.load import LoadResult
from bench.plot import latency_svg
from bench.report import BARE, EMULATOR, PRISM, ClientCalls, Results, Scaled, Throughput, render
from bench.servers import (
    CUSTOMER,
    ROOT,
    SECRET,
    STACKS,
    Server,
    bare_starlette,
    control,
    emulator,
    fund,
    issue_token,
    prism,
)
from bench.startup import (
    ColdStart,
    cold_start,
    import_profile,
    resident_mb,
    spec_first_and_second_ms,
)
from smsworks_emulator.cli import server_stack

MARKER = "447911000001"  # the destination the filtered query looks for: always exactly MARKER_COUNT messages
MARKER_COUNT = 20


@dataclass(frozen=True)
class Config:
    seconds: float
    warmup: float
    concurrency: int
    rounds: int
    sizes: tuple[int, ...]
    batch: int
    batch_runs: int
    cold_runs: int
    client_calls: int
    batch_profile_runs: int
    send_profile_runs: int
    smoke: bool
    inbox_sizes: tuple[int, ...] = (10_000, 1_000_000)
    inbox_calls: int = 200
    per_test_tests: int = 200
    per_test_runs: int = 3

    @classmethod
    def from_env(cls, *, smoke: bool) -> Config:
        if smoke:
            return cls(
                1.0, 0.0, 4, 1, (100, 300), 100, 2, 1, 50, 1, 20, smoke=True,
                inbox_sizes=(100, 300), inbox_calls=10, per_test_tests=5, per_test_runs=1,
            )  # fmt: skip
        sizes = os.environ.get("BENCH_SIZES", "10000,100000,1000000")
        inbox_sizes = os.environ.get("BENCH_INBOX_SIZES", "10000,1000000")
        return cls(
            inbox_sizes=tuple(sorted(int(size) for size in inbox_sizes.split(","))),
            seconds=float(os.environ.get("BENCH_SECONDS", "5")),
            warmup=1.0,
            concurrency=int(os.environ.get("BENCH_CONCURRENCY", "8")),
            rounds=int(os.environ.get("BENCH_ROUNDS", "3")),
            sizes=tuple(sorted(int(size) for size in sizes.split(","))),
            batch=5000,
            batch_runs=7,
            cold_runs=5,
            client_calls=1000,
            batch_profile_runs=3,
            send_profile_runs=2000,
            smoke=False,
        )


def measure(config: Config, server: Server, request: Request, seconds: float) -> LoadResult:
    return generator.measure(
        server.port,
        request,
        seconds=seconds,
        concurrency=config.concurrency,
        warmup=config.warmup,
    )


def stack_label(stack: str) -> str:
    loop, http = server_stack() if stack == "auto" else STACKS[stack]
    return f"{loop} + {http}"


SEND_BODY = {"sender": "Bench", "destination": "447911123456", "content": "A benchmark message"}


def send_throughput(config: Config, token: str, workdir: Path) -> list[Throughput]:
    """Each server in turn, ``rounds`` times over: a slow spell of the machine hits all of them."""
    stacks = ["auto"] if server_stack() == STACKS["plain"] else ["auto", "plain"]
    Starter = Callable[[int], AbstractContextManager[Server]]

    def ours(stack: str) -> Starter:
        return lambda round_: emulator(
            workdir / f"send-{stack}-{round_}.sqlite3", SECRET, stack=stack
        )

    def bare(stack: str) -> Starter:
        return lambda round_: bare_starlette(stack)

    starters: list[tuple[str, str, Starter]] = [
        (EMULATOR, stack_label(stack), ours(stack)) for stack in stacks
    ]
    starters.append((PRISM, "Node.js", lambda round_: prism()))
    starters += [(BARE, stack_label(stack), bare(stack)) for stack in stacks]
    rounds: dict[tuple[str, str], list[LoadResult]] = {(name, s): [] for name, s, _ in starters}
    for round_ in range(config.rounds):
        for name, stack, start in starters:
            with start(round_) as server:
                if server.base_path and name == EMULATOR:
                    fund(server)
                request = json_post(server.base_path + "/message/send", SEND_BODY, token, 201)
                rounds[(name, stack)].append(measure(config, server, request, config.seconds))
    return [Throughput(name, stack, tuple(results)) for (name, stack), results in rounds.items()]


def batch_body(offset: int, size: int) -> dict[str, Any]:
    destinations = [f"4479{(offset + i) % 10**8:08d}" for i in range(size)]
    return {"sender": "Bench", "content": "A batch benchmark message", "destinations": destinations}


def query_scaling(config: Config, token: str, workdir: Path) -> list[Scaled]:
    rows = []
    headers = {"Authorization": token}
    query_seconds = max(1.0, config.seconds * 0.6)
    with (
        emulator(workdir / "scale.sqlite3", SECRET, controlled_clock=True) as server,
        control(server) as client,
    ):
        fund(server)
        for _ in range(MARKER_COUNT):
            message = {"sender": "Bench", "destination": MARKER, "content": "marker"}
            client.post("/v1/message/send", json=message, headers=headers).raise_for_status()
        stored = MARKER_COUNT
        by_destination = json_post(
            "/v1/messages", {"destination": MARKER, "limit": MARKER_COUNT}, token, 200
        )
        by_status = json_post("/v1/messages", {"status": "SENT", "limit": 100}, token, 200)
        for size in config.sizes:
            started = time.perf_counter()
            while stored < size:
                count = min(config.batch, size - stored)
                response = client.post(
                    "/v1/batch/send", json=batch_body(stored, count), headers=headers
                )
                response.raise_for_status()
                stored += count
            seeding = time.perf_counter() - started
            rss = resident_mb(server.pid)
            rows.append(
                Scaled(
                    size,
                    seeding,
                    rss,
                    measure(config, server, by_destination, query_seconds),
                    measure(config, server, by_status, query_seconds),
                )
            )
    return rows


def batch_latency(config: Config, token: str, workdir: Path) -> list[tuple[str, list[float]]]:
    results = []
    for name, context in (
        (EMULATOR, emulator(workdir / "batch.sqlite3", SECRET)),
        (PRISM, prism()),
    ):
        with context as server, control(server) as client:
            if server.base_path:
                fund(server)
            timings = []
            for run in range(config.batch_runs + 1):  # the first warms the connection up
                started = time.perf_counter()
                response = client.post(
                    server.base_path + "/batch/send",
                    json=batch_body(run * config.batch, config.batch),
                    headers={"Authorization": token},
                )
                elapsed = time.perf_counter() - started
                if response.status_code != 201:
                    raise RuntimeError(
                        f"{name}: batch answered {response.status_code}: {response.text[:200]}"
                    )
                if run:
                    timings.append(elapsed)
            results.append((name, timings))
    return results


def cold_starts(config: Config, token: str, workdir: Path) -> list[ColdStart]:
    counter = iter(range(10**6))
    return [
        cold_start(
            EMULATOR,
            lambda: emulator(workdir / f"cold-{next(counter)}.sqlite3", SECRET),
            token,
            config.cold_runs,
        ),
        cold_start(PRISM, prism, token, config.cold_runs),
    ]


def run(config: Config, workdir: Path) -> Results:
    token = issue_token(SECRET, CUSTOMER)

    clock = [time.perf_counter(), 0.0]

    def step(title: str) -> None:
        now = time.perf_counter()
        if clock[1]:
            print(f"{now - clock[0]:.1f} s", flush=True)
        print(f"{title} ...", end=" ", flush=True)
        clock[0], clock[1] = now, 1.0

    step("sendMessage throughput")
    sends = send_throughput(config, token, workdir)
    step("sendMessage profile")
    send_profile = profile_requests(
        "/message/send", SEND_BODY, workdir, runs=config.send_profile_runs, top=10
    )
    step("what the slowest sends wait for")
    tail = timeline.measure(config.seconds, config.concurrency)
    step("getMessages scaling")
    scaling = query_scaling(config, token, workdir)
    step("sendBatch latency")
    batches = batch_latency(config, token, workdir)
    step("sendBatch profile")
    batch_profile = profile_requests(
        "/batch/send", batch_body(0, config.batch), workdir, runs=config.batch_profile_runs, top=10
    )
    step("cold start")
    starts = cold_starts(config, token, workdir)
    imports = import_profile()
    spec_first_ms, spec_ms = spec_first_and_second_ms(workdir)
    step("client per call")
    calls = ClientCalls(front_door_overhead.served(workdir, config.client_calls))
    step("web inbox")
    inbox_rows = inbox.measure(
        workdir,
        config.inbox_sizes,
        seconds=config.seconds,
        concurrency=config.concurrency,
        calls=config.inbox_calls,
    )
    step("a test with the in-process emulator")
    per_test_figures = per_test.measure(config.per_test_tests, config.per_test_runs)
    proxy_text = None
    if importlib.util.find_spec("bench.proxy") is not None:
        step("drift proxy")
        proxy_text = drift_proxy(config)
    step("writing the results")
    print(flush=True)
    return Results(
        generator=generator.describe(),
        seconds=config.seconds,
        concurrency=config.concurrency,
        rounds=config.rounds,
        batch=config.batch,
        marker_count=MARKER_COUNT,
        sends=sends,
        scaling=scaling,
        batches=batches,
        send_profile=send_profile,
        batch_profile=batch_profile,
        cold_starts=starts,
        imports=imports,
        spec_ms=spec_ms,
        spec_first_ms=spec_first_ms,
        client_calls=calls,
        inbox=inbox_rows,
        per_test=per_test_figures,
        proxy=proxy_text,
        timeline=tail,
        plot=None if config.smoke else PLOT,
    )


PLOT = "latency.svg"
"""The latency distribution's picture, beside RESULTS.md."""


def plot_text(results: Results) -> str:
    """The sendMessage latency distribution of the emulator, Prism and the bare endpoint."""
    chosen = []
    for name in (EMULATOR, PRISM, BARE):
        server = next((found for found in results.sends if found.name == name), None)
        if server is not None:
            label = name if name == PRISM else f"{name.split(' (')[0]}, {server.stack}"
            chosen.append((label, server.median))
    return latency_svg(
        f"sendMessage latency, {results.concurrency} connections (median round)", chosen
    )


def drift_proxy(config: Config) -> str:
    """bench/proxy.py's section of RESULTS.md (its own module: it names its figures)."""
    module: Any = importlib.import_module("bench.proxy")
    rounds = 1 if config.smoke else 3
    seconds = 0.5 if config.smoke else 1.5
    return str(module.render(module.measure(seconds, rounds, config.concurrency)))


SCENARIOS = (
    "sendMessage",
    "getMessages",
    "sendBatch",
    "cold start",
    "client per call",
    "web inbox",
    "per test",
    "slowest sends",
)


def smoke_problems(results: Results) -> dict[str, list[str]]:
    """What each scenario of a smoke run lacks: figures at all, or figures that are numbers."""
    problems: dict[str, list[str]] = {scenario: [] for scenario in SCENARIOS}

    def check(scenario: str, what: str, value: float, *, positive: bool = True) -> None:
        if not math.isfinite(value) or (positive and value <= 0):
            problems[scenario].append(f"{what}: {value!r} is not a figure")

    def answered(scenario: str, what: str, result: LoadResult) -> None:
        check(scenario, f"{what} requests/s", result.per_second)
        if result.errors:
            problems[scenario].append(f"{what}: {result.errors} unexpected answers")

    def profiled(scenario: str, profile: Profile) -> None:
        check(scenario, "in-process ms per request", profile.plain_ms)
        check(scenario, "profiled ms per request", profile.total_ms)
        if not profile.hotspots:
            problems[scenario].append("the profile names no function")

    for server in results.sends:
        for result in server.rounds:
            answered("sendMessage", f"{server.name} ({server.stack})", result)
    if not results.sends:
        problems["sendMessage"].append("no server measured")
    profiled("sendMessage", results.send_profile)
    if not results.scaling:
        problems["getMessages"].append("no store size measured")
    for row in results.scaling:
        check("getMessages", f"seeding {row.size} s", row.seeding_s, positive=False)
        check("getMessages", f"RSS at {row.size}", row.rss_mb)
        answered("getMessages", f"by destination at {row.size}", row.by_destination)
        answered("getMessages", f"by status at {row.size}", row.by_status)
    for name, timings in results.batches:
        if not timings:
            problems["sendBatch"].append(f"{name}: no timings")
        for timing in timings:
            check("sendBatch", f"{name} seconds", timing)
    profiled("sendBatch", results.batch_profile)
    for start in results.cold_starts:
        for seconds in start.seconds:
            check("cold start", f"{start.name} seconds", seconds)
        for rss in start.rss_mb:
            check("cold start", f"{start.name} idle RSS", rss)
    if not results.imports:
        problems["cold start"].append("no import profile")
    check("cold start", "spec load ms", results.spec_ms)
    check("cold start", "spec load ms in a first start", results.spec_first_ms)
    if not results.inbox:
        problems["web inbox"].append("no store size measured")
    for at in results.inbox:
        for what, latency in (
            ("customers", at.customers),
            ("balance", at.balance),
            ("page", at.page),
        ):
            check("web inbox", f"{what} p50 ms at {at.size}", latency.p50_ms)
        answered("web inbox", f"send alone at {at.size}", at.send_alone)
        answered("web inbox", f"send polled at {at.size}", at.send_polled)
        if not at.polls:
            problems["web inbox"].append(f"the poller never polled at {at.size}")
    if results.timeline is None or not results.timeline.requests:
        problems["slowest sends"].append("the timeline recorded no send")
    elif not results.timeline.causes:
        problems["slowest sends"].append("the timeline named nothing the sends spent time on")
    for key in ("emulator_s", "empty_s"):
        check("per test", key, results.per_test.get(key, float("nan")))
    for key in ("per_test_ms", "median_over_empty_ms", "once_ms"):
        check("per test", key, results.per_test.get(key, float("nan")), positive=False)
    for key in CLIENT_CALLS:
        if key not in results.client_calls.per_call:
            problems["client per call"].append(f"no {key}")
    for key, seconds in results.client_calls.per_call.items():
        check("client per call", key, seconds)
    return problems


CLIENT_CALLS = tuple(
    f"{way}_{verb}" for way in ("httpx", "generated", "front_door") for verb in ("get", "post")
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--smoke", action="store_true", help="every scenario briefly; no RESULTS.md"
    )
    args = parser.parse_args(argv)
    config = Config.from_env(smoke=args.smoke)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        results = run(config, Path(scratch))
    text = render(results)
    if config.smoke:
        # The figures of a smoke run mean nothing: kept in a file, printed only when a scenario failed.
        report = ROOT / "reports" / "bench-smoke.md"
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(text, encoding="utf-8")
        problems = smoke_problems(results)
        if any(problems.values()):
            print(text)
        print(f"bench-smoke: the rendered results are in {report.relative_to(ROOT)}")
        for scenario, found in problems.items():
            for problem in found:
                print(f"bench-smoke: {scenario}: {problem}")
        failed = sum(1 for found in problems.values() if found)
        print(f"bench-smoke: every scenario ran in {time.perf_counter() - started:.1f} s")
        # Scenarios, not tests: worded so that no test-count reader takes this for the suite's total.
        print(
            f"bench-smoke: {len(problems) - failed} of {len(problems)} scenarios produced figures"
        )
        return 1 if failed else 0
    (ROOT / "bench" / PLOT).write_text(plot_text(results), encoding="utf-8")
    (ROOT / "bench" / "RESULTS.md").write_text(text, encoding="utf-8")
    print(text)
    print(f"bench: {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
