"""Cold start to first answer, resident memory, and where a cold start spends its time."""

from __future__ import annotations

import http.client
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from bench.servers import HOST, Server
from smsworks_emulator.http.spec import CACHE_ENV

POLL_SECONDS = 0.005
TIMEOUT_SECONDS = 60.0


def resident_mb(pid: int) -> float:
    """The process's resident set (VmRSS), in MiB."""
    status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    if match is None:
        raise RuntimeError(f"no VmRSS for process {pid}")
    return int(match.group(1)) / 1024


def first_answer(server: Server, path: str, token: str, launched: float) -> float:
    """Seconds from ``launched`` (before the process started) to the first 200 for GET ``path``."""
    deadline = launched + TIMEOUT_SECONDS
    while time.perf_counter() < deadline:
        connection = http.client.HTTPConnection(HOST, server.port, timeout=5)
        try:
            connection.request("GET", server.base_path + path, headers={"Authorization": token})
            response = connection.getresponse()
            response.read()
            if response.status == 200:
                return time.perf_counter() - launched
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(POLL_SECONDS)
    raise TimeoutError(f"{server.name} gave no 200 for GET {path} in {TIMEOUT_SECONDS} s")


@dataclass(frozen=True)
class ColdStart:
    name: str
    seconds: tuple[float, ...]
    rss_mb: tuple[float, ...]
    """Resident memory right after the first answer: the server idle."""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def cold_start(
    name: str, start: Callable[[], AbstractContextManager[Server]], token: str, runs: int
) -> ColdStart:
    """Start the server ``runs`` times; each time, from launch to the first answered balance."""
    timings = []
    memory = []
    for _ in range(runs):
        launched = time.perf_counter()
        with start() as server:
            timings.append(first_answer(server, "/credits/balance", token, launched))
            memory.append(resident_mb(server.pid))
    return ColdStart(name, tuple(timings), tuple(memory))


IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)")


def import_profile(top: int = 8) -> list[tuple[str, float]]:
    """Where importing ``serve``'s modules goes (``python -X importtime``): own ms per package.

    Each module's own time (not counting what it imports) is added to its top-level package,
    so the figures add up to the whole import and name the packages that cost it.
    """
    code = "import uvicorn, smsworks_emulator.cli, smsworks_emulator.http.app"
    output = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        check=True,
    )
    totals: dict[str, float] = {}
    for line in output.stderr.splitlines():
        match = IMPORT_LINE.match(line)
        if match:
            package = match.group(4).split(".")[0]
            totals[package] = totals.get(package, 0.0) + int(match.group(1)) / 1000
    return sorted(totals.items(), key=lambda item: -item[1])[:top]


def spec_load_ms(cache_dir: Path | None = None) -> float:
    """Parsing the patched spec and compiling its validators, in a fresh process, in ms.

    With ``cache_dir``, the spec's cache lives there (an empty folder: what a first start pays;
    the same folder again: a second start); otherwise wherever the emulator keeps it.
    """
    code = (
        "import time\n"
        "from smsworks_emulator.http import spec\n"
        "started = time.perf_counter(); spec.load_spec()\n"
        "print((time.perf_counter() - started) * 1000)\n"
    )
    env = dict(os.environ)
    if cache_dir is not None:
        env[CACHE_ENV] = str(cache_dir)
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    return float(output.stdout.strip())


def spec_first_and_second_ms(workdir: Path) -> tuple[float, float]:
    """The spec's load in a first start (no cache yet) and in a second one (the cache it wrote)."""
    folder = workdir / "spec-cache"
    first = spec_load_ms(folder)
    return first, spec_load_ms(folder)
