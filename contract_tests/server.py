"""The emulator as a real server: `smsworks-emulator serve` in a child process on a free loopback port.

Used by the ``emulator-http`` target and by the tests that prove the suite fails against a broken
emulator, so both exercise exactly what a user starts from the command line.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

HOST = "127.0.0.1"
STARTUP_TIMEOUT_SECONDS = 20.0


class EmulatorServerError(RuntimeError):
    """The emulator server did not start; the message carries its output."""


@dataclass(frozen=True)
class EmulatorServer:
    origin: str
    """``http://127.0.0.1:<port>``: control endpoints live under ``/_emulator``."""
    secret: str
    """Signs the tokens this server accepts."""
    admin_key: str | None
    pid: int

    @property
    def base_url(self) -> str:
        """The API's base URL, as the spec's server declares it (``.../v1``)."""
        return self.origin + "/v1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def _command() -> list[str]:
    # Next to the interpreter first, so a virtualenv's script wins over anything on PATH.
    script = Path(sys.executable).with_name("smsworks-emulator")
    if script.exists():
        return [str(script)]
    found = shutil.which("smsworks-emulator")
    if found is None:
        raise EmulatorServerError("smsworks-emulator: command not found; run `make venv`")
    return [found]


@contextmanager
def running_emulator(
    *,
    secret: str = "contract-suite-secret-of-at-least-32-bytes",
    faults: Iterable[str] = (),
    admin_key: str | None = None,
    extra_args: Iterable[str] = (),
) -> Iterator[EmulatorServer]:
    """Start a server with a fresh database and a controlled clock; stop it on exit."""
    with tempfile.TemporaryDirectory(prefix="smsworks-contract-") as workdir:
        port = free_port()
        args = [
            *_command(),
            "serve",
            "--host",
            HOST,
            "--port",
            str(port),
            "--db",
            os.path.join(workdir, "emulator.sqlite3"),
            "--secret",
            secret,
            "--clock",
            "controlled",
            *extra_args,
        ]
        if admin_key is not None:
            args += ["--admin-key", admin_key]
        for fault in sorted(faults):
            args += ["--fault", fault]
        log_path = os.path.join(workdir, "server.log")
        with open(log_path, "wb") as log:
            process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
        origin = f"http://{HOST}:{port}"
        try:
            _wait_until_listening(origin, process, log_path)
            yield EmulatorServer(origin=origin, secret=secret, admin_key=admin_key, pid=process.pid)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_listening(origin: str, process: subprocess.Popen[bytes], log_path: str) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise EmulatorServerError(
                f"smsworks-emulator exited with {process.returncode}:\n{_read(log_path)}"
            )
        try:
            # Any HTTP answer (a 401 included) means uvicorn is serving.
            httpx.get(origin + "/v1/utils/test", timeout=1.0)
            return
        except httpx.TransportError:
            time.sleep(0.05)
    raise EmulatorServerError(
        f"smsworks-emulator did not answer on {origin} within {STARTUP_TIMEOUT_SECONDS}s:\n"
        f"{_read(log_path)}"
    )


def _read(path: str) -> str:
    return Path(path).read_text(encoding="utf-8", errors="replace")[-4000:]
