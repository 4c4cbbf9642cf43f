"""The generated client's cost per call over raw httpx, against the same running server.

Each way of calling makes the same request (a GET of the balance, a POST of one message) on its
own keep-alive connection; the ways take turns in short blocks, so a slow spell of the machine
hits all of them alike. The server's own time is in every figure, so the difference between two
rows is what the client adds.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import httpx

from smsworks import AuthenticatedClient
from smsworks.api.credits_ import get_credits_balance
from smsworks.api.messages import send_message
from smsworks.client import authorization_value
from smsworks.models import CreditsResponse, Message, SendMessageResponse

BLOCK = 50
"""Calls in one turn of one way of calling."""

MESSAGE = {"sender": "Bench", "destination": "447911123456", "content": "A client call"}


def measure(base_url: str, token: str, calls: int) -> dict[str, float]:
    """Median seconds per call of each way, over about ``calls`` calls each (keys as ``WAYS``)."""
    headers = {"Authorization": authorization_value(token)}
    with (
        httpx.Client(base_url=base_url, headers=headers) as raw,
        AuthenticatedClient(base_url=base_url, token=token) as generated,
    ):
        message = Message.from_dict(MESSAGE)

        def httpx_get() -> None:
            raw.get("/credits/balance").raise_for_status()

        def httpx_post() -> None:
            raw.post("/message/send", json=MESSAGE).raise_for_status()

        def generated_get() -> None:
            answer = get_credits_balance.sync(client=generated)
            if not isinstance(answer, CreditsResponse):
                raise RuntimeError(f"getCreditsBalance answered {answer!r}")

        def generated_post() -> None:
            answer = send_message.sync(client=generated, body=message)
            if not isinstance(answer, SendMessageResponse):
                raise RuntimeError(f"sendMessage answered {answer!r}")

        ways: dict[str, Callable[[], None]] = {
            "httpx_get": httpx_get,
            "httpx_post": httpx_post,
            "generated_get": generated_get,
            "generated_post": generated_post,
        }
        return _interleaved(ways, calls)


def _interleaved(ways: dict[str, Callable[[], None]], calls: int) -> dict[str, float]:
    for call in ways.values():  # connect and warm up every way first
        for _ in range(min(BLOCK, calls)):
            call()
    blocks: dict[str, list[float]] = {name: [] for name in ways}
    block = min(BLOCK, calls)
    for _ in range(max(1, calls // block)):
        for name, call in ways.items():
            started = time.perf_counter()
            for _ in range(block):
                call()
            blocks[name].append((time.perf_counter() - started) / block)
    return {name: statistics.median(times) for name, times in blocks.items()}
