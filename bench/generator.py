"""The load generator every throughput figure comes from: ``wrk`` when installed, else bench/load.py.

wrk (C, one thread) costs the shared CPU far less per request than any Python client, so the
server under test keeps more of it; bench/load.py is the fallback that needs nothing installed.
``BENCH_GENERATOR`` forces one (``wrk`` or ``python``); the default ``auto`` prefers wrk.
Every server of a run is driven by the same generator, so the ratios compare servers.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bench.load import LoadResult, build_request, run_load
from bench.servers import HOST

LUA_SCRIPT = Path(__file__).resolve().parent / "post.lua"
WRK_THREADS = 1
"""One wrk thread drives every connection: it needs a fraction of a core for these rates."""


@dataclass(frozen=True)
class Request:
    """One HTTP request that a measurement repeats, and the one status that counts as success."""

    method: str
    path: str
    token: str
    body: bytes | None
    expected: int

    def raw(self, port: int) -> bytes:
        headers = {"Authorization": self.token}
        if self.body is not None:
            headers["Content-Type"] = "application/json"
        return build_request(self.method, HOST, port, self.path, headers, self.body or b"")


def json_post(path: str, body: object, token: str, expected: int) -> Request:
    return Request("POST", path, token, json.dumps(body).encode(), expected)


@cache
def wrk_path() -> str | None:
    """The wrk binary this run uses, or None for the Python generator."""
    choice = os.environ.get("BENCH_GENERATOR", "auto")
    if choice not in ("auto", "wrk", "python"):
        raise ValueError(f"BENCH_GENERATOR: must be auto, wrk or python, not {choice!r}")
    found = shutil.which("wrk")
    if choice == "wrk" and found is None:
        raise RuntimeError("BENCH_GENERATOR=wrk, but wrk is not installed (apt-get install wrk)")
    return None if choice == "python" else found


@cache
def describe() -> str:
    """The generator's name and version, for RESULTS.md."""
    binary = wrk_path()
    if binary is None:
        return "`bench/load.py` (Python asyncio, on the same cores as the servers)"
    banner = subprocess.run([binary, "-v"], capture_output=True, text=True, check=False)
    version = (banner.stdout or banner.stderr).split("[")[0].strip() or "wrk"
    return f"`{version}` ({WRK_THREADS} thread, script `bench/post.lua`)"


def measure(
    port: int, request: Request, *, seconds: float, concurrency: int, warmup: float
) -> LoadResult:
    """Closed-loop load on ``port`` for ``seconds`` after ``warmup`` seconds that do not count."""
    if wrk_path() is None:
        return _measure_python(port, request, seconds, concurrency, warmup)
    if warmup > 0:
        _run_wrk(port, request, warmup, concurrency)
    return _run_wrk(port, request, seconds, concurrency)


def _measure_python(
    port: int, request: Request, seconds: float, concurrency: int, warmup: float
) -> LoadResult:
    raw = request.raw(port)

    def is_ok(status: int) -> bool:
        return status == request.expected

    def load(duration: float) -> LoadResult:
        return asyncio.run(
            run_load(HOST, port, lambda: raw, seconds=duration, concurrency=concurrency, ok=is_ok)
        )

    if warmup > 0:
        load(warmup)
    return load(seconds)


def _run_wrk(port: int, request: Request, seconds: float, concurrency: int) -> LoadResult:
    binary = wrk_path()
    assert binary is not None
    with tempfile.NamedTemporaryFile(suffix=".json") as body:
        body.write(request.body or b"")
        body.flush()
        env = {
            **os.environ,
            "BENCH_METHOD": request.method,
            "BENCH_PATH": request.path,
            "BENCH_AUTHORIZATION": request.token,
            "BENCH_BODY_FILE": body.name if request.body is not None else "",
            "BENCH_EXPECT": str(request.expected),
        }
        # wrk takes whole seconds.
        duration = max(1, math.ceil(seconds))
        command = [binary, f"-t{WRK_THREADS}", f"-c{concurrency}", f"-d{duration}s"]
        command += ["--timeout", "30s", "-s", str(LUA_SCRIPT), f"http://{HOST}:{port}"]
        output = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    for line in output.stdout.splitlines():
        if line.startswith("BENCH-RESULT "):
            figures = json.loads(line.removeprefix("BENCH-RESULT "))
            return LoadResult(
                requests=int(figures["requests"]),
                errors=int(figures["errors"]),
                seconds=float(figures["seconds"]),
                p50_ms=float(figures["p50_ms"]),
                p99_ms=float(figures["p99_ms"]),
                p999_ms=float(figures["p999_ms"]),
                distribution=tuple((float(p), float(ms)) for p, ms in figures["distribution"]),
            )
    raise RuntimeError(
        f"wrk gave no result (exit {output.returncode}): {output.stderr.strip() or output.stdout}"
    )
