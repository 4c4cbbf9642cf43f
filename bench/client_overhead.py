"""What the front door costs per call, next to raw httpx2 and the generated functions, on the same calls.

GET is ``getCreditsBalance``, POST is ``sendMessage`` (the account needs about ``3 * calls`` credits). Each
of the three ways uses one keep-alive ``httpx2.Client``; they take turns in blocks, so a slow patch of the
machine falls on all three alike, and each figure is the median block's seconds per call.

``python -m bench.client_overhead [calls]`` runs the emulator as its own process on loopback (a SQLite file,
the account topped up) and prints the figures and the ratios.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx2

import smsworks
from bench.servers import CUSTOMER, HOST, SECRET, emulator, fund, issue_token
from smsworks.api.credits_ import get_credits_balance
from smsworks.api.messages import send_message
from smsworks.client import authorization_value
from smsworks.models import Message

BLOCK = 50
BODY = {"sender": "Bench", "destination": "447777777777", "content": "overhead"}


def measure(base_url: str, token: str, calls: int) -> dict[str, float]:
    """Seconds per call for each way of making the GET and the POST (keys ``<way>_<get|post>``)."""
    headers = {"Authorization": authorization_value(token)}
    raw = httpx2.Client(base_url=base_url, headers=headers, timeout=30)
    generated = smsworks.AuthenticatedClient(base_url=base_url, token=token)
    front = smsworks.SMSWorks(token, base_url=base_url)
    message = Message.from_dict(BODY)

    def httpx_get() -> None:
        raw.get("/credits/balance").raise_for_status()

    def httpx_post() -> None:
        raw.post("/message/send", json=BODY).raise_for_status()

    def generated_get() -> None:
        assert get_credits_balance.sync(client=generated) is not None

    def generated_post() -> None:
        assert send_message.sync(client=generated, body=message) is not None

    def front_door_get() -> None:
        front.get_credits_balance()

    def front_door_post() -> None:
        front.send_message(message)

    ways: dict[str, Callable[[], None]] = {
        "httpx_get": httpx_get,
        "generated_get": generated_get,
        "front_door_get": front_door_get,
        "httpx_post": httpx_post,
        "generated_post": generated_post,
        "front_door_post": front_door_post,
    }
    blocks: dict[str, list[float]] = {name: [] for name in ways}
    try:
        for call in ways.values():  # warm up connections and imports
            call()
        for _ in range(max(1, calls // BLOCK)):
            for name, call in ways.items():
                started = time.perf_counter()
                for _ in range(BLOCK):
                    call()
                blocks[name].append((time.perf_counter() - started) / BLOCK)
    finally:
        raw.close()
        generated.get_httpx_client().close()
        front.close()
    return {name: statistics.median(times) for name, times in blocks.items()}


def served(workdir: Path, calls: int) -> dict[str, float]:
    """:func:`measure` against an emulator served from a SQLite file in ``workdir``, topped up."""
    with emulator(workdir / "client.sqlite3", SECRET) as server:
        fund(server)
        base_url = f"http://{HOST}:{server.port}{server.base_path}"
        return measure(base_url, issue_token(SECRET, CUSTOMER), calls)


def main(argv: list[str]) -> int:
    calls = int(argv[0]) if argv else 1000
    with tempfile.TemporaryDirectory() as scratch:
        figures = served(Path(scratch), calls)
    for name, seconds in figures.items():
        print(f"{name:16} {seconds * 1e6:8.1f} µs/call")
    for verb in ("get", "post"):
        base = figures[f"httpx_{verb}"]
        for way in ("generated", "front_door"):
            print(f"{way}_{verb} / httpx_{verb}: {figures[f'{way}_{verb}'] / base:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
