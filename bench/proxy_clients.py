"""The drift proxy's upstream client: its own HTTP/1.1 client (``proxy/upstream.py``) against httpcore2's pool.

The proxy has its own client because httpx's pool slowed down as connections were added (encode/httpx#3215).
This measures whether that still holds for httpcore2: two proxies in front of one emulator, one as shipped and
one whose upstream requests go through ``httpcore2.AsyncConnectionPool`` (this module, run as the proxy's
command, swaps the class in before the CLI starts), each workload in alternating rounds at one connection and
at ``--concurrency`` connections.

    .venv/bin/python -m bench.proxy_clients [--seconds 0.8] [--rounds 3] [--concurrency 16]
"""

from __future__ import annotations

import argparse
import contextlib
import ssl
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpcore2

from bench import generator
from bench.proxy import Comparison, compare, workloads
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
from smsworks_emulator.proxy import forwarding
from smsworks_emulator.proxy.upstream import MAX_IDLE, Answer, UpstreamFailure, UpstreamTimeout
from smsworks_emulator.testing.harness import command


class PoolUpstreamClient:
    """``UpstreamClient``'s interface over ``httpcore2.AsyncConnectionPool``: the same timeout and errors."""

    def __init__(
        self,
        host: str,
        port: int,
        context: ssl.SSLContext | None,
        timeout_seconds: float,
        max_idle: int = MAX_IDLE,
    ) -> None:
        self.scheme = b"https" if context is not None else b"http"
        self.host = host.encode("ascii")
        self.port = port
        self.timeout = {key: timeout_seconds for key in ("connect", "read", "write", "pool")}
        self.pool = httpcore2.AsyncConnectionPool(
            ssl_context=context, max_connections=None, max_keepalive_connections=max_idle
        )

    async def request(
        self, method: str, target: bytes, headers: list[tuple[bytes, bytes]], body: bytes
    ) -> Answer:
        url = httpcore2.URL(scheme=self.scheme, host=self.host, port=self.port, target=target)
        try:
            response = await self.pool.request(
                method, url, headers=headers, content=body, extensions={"timeout": self.timeout}
            )
        except httpcore2.TimeoutException as error:
            raise UpstreamTimeout(type(error).__name__) from error
        except (httpcore2.NetworkError, httpcore2.ProtocolError) as error:
            raise UpstreamFailure(f"{type(error).__name__}: {error}") from error
        return Answer(response.status, list(response.headers), response.content)

    async def aclose(self) -> None:
        await self.pool.aclose()


@contextlib.contextmanager
def proxy_in_front(upstream: Server, pool: bool) -> Iterator[Server]:
    """A proxy on a free port forwarding to ``upstream``: as shipped, or on httpcore2's pool."""
    port = free_port()
    start = [sys.executable, "-m", "bench.proxy_clients", "--serve-proxy"] if pool else command()
    args = [*start, "proxy", "--host", HOST, "--port", str(port)]
    args += ["--upstream", f"http://{HOST}:{upstream.port}/v1", "--log-level", "warning"]
    with running(args, port) as pid:
        yield Server("drift proxy", port, "/v1", pid)


def measure(seconds: float, rounds: int, concurrency: int) -> list[Comparison]:
    """Each workload at one connection and at ``concurrency``: own client ("direct") against the pool."""
    token = issue_token(SECRET, CUSTOMER)
    results = []
    with (
        tempfile.TemporaryDirectory(prefix="bench-proxy-clients-") as folder,
        emulator(Path(folder) / "emulator.sqlite3", SECRET) as upstream,
    ):
        fund(upstream)
        with proxy_in_front(upstream, False) as own, proxy_in_front(upstream, True) as pool:
            for name, request in workloads(token):
                for connections in (1, concurrency):
                    results.append(
                        compare(
                            own,
                            pool,
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
        f"Drift proxy's upstream client, same emulator, loopback; generator: {generator.describe()}",
        "",
        "| workload | connections | own client req/s | httpcore2 pool req/s | pool ÷ own "
        "| own p50 | pool p50 | own p99 | pool p99 | errors |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.workload} | {r.concurrency} | {r.direct.per_second:,.0f} "
            f"| {r.proxied.per_second:,.0f} | {r.throughput_ratio:.2f} "
            f"| {r.direct.p50_ms:.2f} ms | {r.proxied.p50_ms:.2f} ms "
            f"| {r.direct.p99_ms:.2f} ms | {r.proxied.p99_ms:.2f} ms "
            f"| {r.direct.errors + r.proxied.errors} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--serve-proxy"]:
        from smsworks_emulator import cli

        forwarding.UpstreamClient = PoolUpstreamClient  # type: ignore[attr-defined, assignment]
        return cli.main(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=0.8, help="per round and side")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args(argv)
    results = measure(args.seconds, args.rounds, args.concurrency)
    print(render(results))
    return 1 if sum(r.direct.errors + r.proxied.errors for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
