"""Start and stop the servers under test, each a real process listening on a free loopback port."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx2

from smsworks_emulator import issue_token as sign_token
from smsworks_emulator.testing import child_process

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
SECRET = "bench-secret-long-enough-for-hs256-keys"  # 32+ bytes: no key-length warning
"""Signs the tokens of every emulator the benchmarks start."""
CUSTOMER = "bench"


@dataclass(frozen=True)
class Server:
    name: str
    port: int
    base_path: str  # what precedes the spec's paths: "/v1" for ours, "" for Prism (it serves the paths as written)
    pid: int = 0  # the server's process, for its resident memory


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def wait_until_listening(
    port: int, process: subprocess.Popen[bytes], timeout: float = 60.0
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=0.5):
            return
        time.sleep(0.01)  # fine-grained: cold start is measured through this wait
    raise TimeoutError(f"nothing listens on {HOST}:{port} after {timeout} s")


@contextlib.contextmanager
def running(command: list[str], port: int) -> Iterator[int]:
    log = open(os.devnull, "wb")  # noqa: SIM115 - closed below, after the process
    process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=log)
    try:
        wait_until_listening(port, process)
        yield process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@contextlib.contextmanager
def emulator(
    db: Path, secret: str, *, controlled_clock: bool = False, stack: str = "auto"
) -> Iterator[Server]:
    # As quiet as the others (Prism -v error, bare --log-level warning): no access log line per request.
    quiet = ["--log-level", "warning", *stack_options(stack)]
    with child_process(
        secret=secret, db=str(db), controlled_clock=controlled_clock, extra_args=quiet
    ) as server:
        yield Server("smsworks emulator", server.port, "/v1", server.pid)


@contextlib.contextmanager
def prism() -> Iterator[Server]:
    binary = ROOT / "bench" / "node_modules" / ".bin" / "prism"
    if not binary.exists():
        raise RuntimeError(
            "Prism is not installed: run `make bench` (it runs `npm ci --prefix bench` first)"
        )
    port = free_port()
    spec = ROOT / "generated" / "openapi.yaml"
    command = [str(binary), "mock", "-h", HOST, "-p", str(port), "-v", "error", str(spec)]
    with running(command, port) as pid:
        yield Server("Prism 5.16 mock", port, "", pid)


@contextlib.contextmanager
def bare_starlette(stack: str = "auto") -> Iterator[Server]:
    port = free_port()
    command = [
        str(BIN / "python"),
        "-m",
        "uvicorn",
        "bench.bare_app:app",
        "--host",
        HOST,
        "--port",
        str(port),
    ]
    command += ["--no-access-log", "--log-level", "warning", *stack_options(stack)]
    with running(command, port) as pid:
        yield Server("bare Starlette endpoint", port, "/v1", pid)


STACKS = {"auto": ("auto", "auto"), "plain": ("asyncio", "h11")}
"""Server settings by name: event loop and HTTP parser, the same options for uvicorn and our CLI."""


def stack_options(stack: str) -> list[str]:
    loop, http = STACKS[stack]
    return ["--loop", loop, "--http", http]


def issue_token(secret: str, customer: str) -> str:
    return sign_token(secret=secret, customer_id=customer)


def control(server: Server) -> httpx2.Client:
    return httpx2.Client(base_url=f"http://{HOST}:{server.port}", timeout=120)


def fund(server: Server) -> None:
    """Credits enough for any benchmark on CUSTOMER's account (an emulator's control endpoint)."""
    with control(server) as client:
        client.put(
            f"/_emulator/customers/{CUSTOMER}/balance", json={"credits": 1e12}
        ).raise_for_status()
