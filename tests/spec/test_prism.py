"""Prism, a stock mock server that knows nothing of this repository, enforces the spec's rules.

Started on ``generated/openapi.yaml`` alone, it must refuse the malformed senders and destinations
the emulator refuses, and accept the well-formed ones: the rules live in the spec, not in code.
Prism comes from the benchmark's npm install (``cd bench && npm ci``); without it the test is
skipped, saying so.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest

from smsworks_emulator.testing import EmulatorHandle, in_process, settings_for_tests

ROOT = Path(__file__).resolve().parents[2]
PRISM = ROOT / "bench" / "node_modules" / ".bin" / "prism"
SPEC = ROOT / "generated" / "openapi.yaml"
STARTUP_SECONDS = 60.0

GOOD = {"sender": "Shop", "destination": "447777777777", "content": "Hello"}
BAD_SENDERS = ["", "My Shop", "Shop!", "ABCDEFGHIJKL", "1234567890123456", "+", "Café"]
BAD_DESTINATIONS = ["", "hello", "+", "12", "447777777777x", "+0447777777777", "4477777777770000"]
GOOD_SENDERS = ["Shop", "ABCDEFGHIJK", "123456789012345", "+447777777777"]
GOOD_DESTINATIONS = ["447777777777", "+447777777777", "33612345678"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def prism() -> Iterator[str]:
    if not PRISM.exists() or shutil.which("node") is None:
        pytest.skip(f"Prism is not installed ({PRISM}); run `cd bench && npm ci`")
    port = _free_port()
    process = subprocess.Popen(
        [str(PRISM), "mock", "--host", "127.0.0.1", "--port", str(port), str(SPEC)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    origin = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    try:
        while True:
            if process.poll() is not None:
                output = process.stdout.read().decode() if process.stdout else ""
                pytest.fail(f"prism exited with {process.returncode}:\n{output[-3000:]}")
            try:
                httpx2.get(origin + "/utils/test", timeout=1.0)
                break
            except httpx2.TransportError:
                if time.monotonic() > deadline:
                    pytest.fail(f"prism did not answer on {origin} within {STARTUP_SECONDS}s")
                time.sleep(0.2)
        yield origin
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorHandle]:
    settings = settings_for_tests()
    with in_process(settings) as handle:
        yield handle


def _send_to_prism(origin: str, body: dict[str, Any]) -> int:
    # Prism serves the spec's paths at its root; it checks only that the API key is present.
    response = httpx2.post(
        origin + "/message/send", json=body, headers={"Authorization": "JWT x"}, timeout=10
    )
    return response.status_code


def _send_to_emulator(emulator: EmulatorHandle, body: dict[str, Any]) -> int:
    # The generated client's own httpx2 client: the emulator's transport and the token, no model.
    client = emulator.client().get_httpx_client()
    with client:
        return client.post("/message/send", json=body).status_code


CASES = [
    *[pytest.param({**GOOD, "sender": s}, False, id=f"sender={s!r}") for s in BAD_SENDERS],
    *[pytest.param({**GOOD, "destination": d}, False, id=f"dest={d!r}") for d in BAD_DESTINATIONS],
    *[pytest.param({**GOOD, "sender": s}, True, id=f"sender={s!r}") for s in GOOD_SENDERS],
    *[pytest.param({**GOOD, "destination": d}, True, id=f"dest={d!r}") for d in GOOD_DESTINATIONS],
]


@pytest.mark.parametrize(("body", "accepted"), CASES)
def test_prism_and_the_emulator_agree_on_senders_and_destinations(
    prism: str, emulator: EmulatorHandle, body: dict[str, Any], accepted: bool
) -> None:
    from_emulator = _send_to_emulator(emulator, body)
    from_prism = _send_to_prism(prism, body)
    if accepted:
        assert from_emulator == 201, body
        assert 200 <= from_prism < 300, body
    else:
        assert from_emulator == 400, body
        assert 400 <= from_prism < 500, (body, from_prism)
        assert from_prism != 401, body
