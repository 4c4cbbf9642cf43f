"""What the web inbox costs as the store grows: its per-second reads, and a sender's latency beside it.

The store is built directly through the store layer (rows inserted in bulk, as the emulator's own
writes would store them), not over HTTP, so a million messages take seconds. Then the emulator is
served on that file, and:

- ``GET /_emulator/customers`` and ``GET /_emulator/customers/{id}/balance`` are each timed,
  sequentially from one keep-alive client, for their median and 99th percentile;
- sendMessage is loaded (the same generator as the throughput figures) once alone and once while a
  page-like poller reads, every second, everything the open inbox page reads (clock, customers,
  and the watched customer's outbox, reports, inbound messages, OTPs and request journal, the
  newest 200 of each).

    .venv/bin/python -m bench.inbox [--sizes 10000,1000000] [--seconds 5]
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx2

from bench import generator
from bench.generator import json_post
from bench.load import LoadResult
from bench.servers import CUSTOMER, HOST, SECRET, emulator, fund, issue_token
from smsworks_emulator.rules.statuses import MessageKind, MessageStatus
from smsworks_emulator.store import NewMessage, Store

CHUNK = 20_000
"""Rows per transaction while building a store."""
POLL_SECONDS = 1.0
"""The page's refresh period (POLL_MS in the page's app.js)."""
PAGE_LIMIT = 200
"""How many of the newest rows the page reads per tab (LIMIT in app.js)."""
SEND_BODY = {"sender": "Bench", "destination": "447911123456", "content": "An inbox bench message"}


@dataclass(frozen=True)
class Latency:
    p50_ms: float
    p99_ms: float
    calls: int

    @classmethod
    def of(cls, seconds: list[float]) -> Latency:
        ordered = sorted(seconds)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        return cls(statistics.median(ordered) * 1000, p99 * 1000, len(ordered))


@dataclass(frozen=True)
class InboxAt:
    """The inbox's reads and a sender's latency at one store size."""

    size: int
    build_s: float
    customers: Latency
    balance: Latency
    page: Latency
    """One whole refresh of the page (all its reads, one after the other)."""
    send_alone: LoadResult
    send_polled: LoadResult
    polls: int


def build_store(path: Path, size: int, customer: str = CUSTOMER) -> float:
    """A store file holding ``size`` outgoing messages of ``customer`` (delivered); seconds taken."""
    started = time.perf_counter()
    store = Store(str(path))
    try:
        now_ms = int(time.time() * 1000)
        with store.transaction() as repository:
            repository.ensure_customer(customer, 10**15, now_ms)
        written = 0
        while written < size:
            count = min(CHUNK, size - written)
            rows = [_row(customer, written + index, now_ms) for index in range(count)]
            with store.transaction() as repository:
                repository.insert_messages(rows, [])
                repository.count_sent(customer, count)
            written += count
    finally:
        store.close()
    return time.perf_counter() - started


def _row(customer: str, index: int, now_ms: int) -> NewMessage:
    # The columns of the store's NewMessage, in its order (see store/repository.py).
    return (
        str(uuid.UUID(int=index + 1)), customer, None, str(MessageKind.SMS), "Bench",
        f"4479{index % 10**8:08d}", "A stored message", "GSM", 16, 1, 1000,
        str(MessageStatus.DELIVERED), "", None, now_ms, now_ms, None, None, 2880, None,
        None, None, None,
    )  # fmt: skip


def page_paths(customer: str) -> list[str]:
    """What the open page reads on each refresh, watching ``customer`` (see static/app.js)."""
    own = f"customer_id={customer}&limit={PAGE_LIMIT}"
    return [
        "/_emulator/clock",
        "/_emulator/customers",
        f"/_emulator/outbox?{own}",
        f"/_emulator/webhooks?{own}",
        f"/_emulator/inbound?{own}",
        f"/_emulator/otps?{own}",
        f"/_emulator/requests?customer={customer}&limit={PAGE_LIMIT}",
    ]


def _timed(client: httpx2.Client, path: str, calls: int) -> Latency:
    timings = []
    for _ in range(calls):
        started = time.perf_counter()
        response = client.get(path)
        timings.append(time.perf_counter() - started)
        response.raise_for_status()
    return Latency.of(timings)


def _page(client: httpx2.Client, calls: int) -> Latency:
    timings = []
    for _ in range(calls):
        started = time.perf_counter()
        for path in page_paths(CUSTOMER):
            client.get(path).raise_for_status()
        timings.append(time.perf_counter() - started)
    return Latency.of(timings)


class Poller:
    """A thread reading what the page reads, once a second, until stopped."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.polls = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Poller:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        with httpx2.Client(base_url=f"http://{HOST}:{self.port}", timeout=60) as client:
            while not self._stop.is_set():
                started = time.perf_counter()
                for path in page_paths(CUSTOMER):
                    client.get(path).raise_for_status()
                self.polls += 1
                self._stop.wait(max(0.0, POLL_SECONDS - (time.perf_counter() - started)))


def measure_at(
    workdir: Path, size: int, *, seconds: float, concurrency: int, calls: int
) -> InboxAt:
    db = workdir / f"inbox-{size}.sqlite3"
    build_s = build_store(db, size)
    token = issue_token(SECRET, CUSTOMER)
    send = json_post("/v1/message/send", SEND_BODY, token, 201)
    with emulator(db, SECRET) as server:
        fund(server)
        with httpx2.Client(base_url=f"http://{HOST}:{server.port}", timeout=60) as client:
            _timed(client, "/_emulator/customers", 5)  # warm the connection and the page cache
            customers = _timed(client, "/_emulator/customers", calls)
            balance = _timed(client, f"/_emulator/customers/{CUSTOMER}/balance", calls)
            page = _page(client, max(5, calls // 10))

        def load() -> LoadResult:
            return generator.measure(
                server.port, send, seconds=seconds, concurrency=concurrency, warmup=0.5
            )

        alone = load()
        with Poller(server.port) as poller:
            polled = load()
    return InboxAt(size, build_s, customers, balance, page, alone, polled, poller.polls)


def measure(
    workdir: Path, sizes: tuple[int, ...], *, seconds: float, concurrency: int, calls: int
) -> list[InboxAt]:
    return [
        measure_at(workdir, size, seconds=seconds, concurrency=concurrency, calls=calls)
        for size in sizes
    ]


def describe(rows: list[InboxAt]) -> list[str]:
    lines = [
        "| stored messages | build s | customers p50 / p99 ms | balance p50 / p99 ms | "
        "whole page refresh p50 ms | send p99 alone ms | send p99 polled ms | polled ÷ alone |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        ratio = row.send_polled.p99_ms / row.send_alone.p99_ms if row.send_alone.p99_ms else 0.0
        lines.append(
            f"| {row.size:,} | {row.build_s:.1f} | {row.customers.p50_ms:.2f} / {row.customers.p99_ms:.2f} | "
            f"{row.balance.p50_ms:.2f} / {row.balance.p99_ms:.2f} | {row.page.p50_ms:.1f} | "
            f"{row.send_alone.p99_ms:.1f} | {row.send_polled.p99_ms:.1f} | {ratio:.2f} |"
        )
    return lines


def main(argv: list[str] | None = None) -> None:
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,1000000")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--calls", type=int, default=200)
    args = parser.parse_args(argv)
    sizes = tuple(int(size) for size in args.sizes.split(","))
    with tempfile.TemporaryDirectory(prefix="smsworks-inbox-") as workdir:
        rows = measure(
            Path(workdir),
            sizes,
            seconds=args.seconds,
            concurrency=args.concurrency,
            calls=args.calls,
        )
    print("\n".join(describe(rows)))


if __name__ == "__main__":
    main()
