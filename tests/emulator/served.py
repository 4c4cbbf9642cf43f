"""``smsworks-emulator serve`` in a child process on a free loopback port, for tests that need its
process (its memory, a raw socket to it)."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from smsworks_emulator import issue_token

from .conftest import SECRET


@dataclass(frozen=True)
class Served:
    pid: int
    host: str
    port: int

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    def token(self, customer: str = "alice") -> str:
        return issue_token(secret=SECRET, customer_id=customer)

    def rss_kib(self) -> int:
        """Resident memory of the server process (``VmRSS``), in KiB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise AssertionError(f"/proc/{self.pid}/status has no VmRSS line")


@contextmanager
def serve(*args: str) -> Iterator[Served]:
    process = subprocess.Popen(
        [
            *(
                sys.executable,
                "-m",
                "smsworks_emulator",
                "serve",
                "--port",
                "0",
                "--db",
                ":memory:",
            ),
            *("--secret", SECRET, "--log-level", "warning", *args),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.search(r"listening on http://([\d.]+):(\d+)/v1", line)
        assert match, f"the server did not say where it listens: {line!r}"
        served = Served(process.pid, match.group(1), int(match.group(2)))
        # The port is bound before the line is printed; it accepts once the app has started.
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection((served.host, served.port), timeout=1):
                    break
            except OSError:
                assert time.monotonic() < deadline, "the server never accepted a connection"
                time.sleep(0.05)
        yield served
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        deadline = time.monotonic() + 5
        while process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
