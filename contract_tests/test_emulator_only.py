"""Emulator-only properties: what the emulator promises that the sandbox cannot be made to show.

A delivery report is retried when the receiver fails (the live service's retry policy is not
published, and the suite cannot make a receiver of the live service fail), and a token is refused
once it has expired (the sandbox's one token cannot be issued with a short life). Marked
``emulator_only``: against the sandbox they are skipped with that reason printed.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from contract_tests.coverage.rules import reach
from contract_tests.targets import CONTROL, Target
from contract_tests.unwrap import expect
from smsworks import AuthenticatedClient
from smsworks.api.credits_ import get_credits_balance
from smsworks.api.messages import send_message
from smsworks.client import authorization_value
from smsworks.errors import UnexpectedStatus
from smsworks.models import Message, MessageResponse, SendMessageResponse

pytestmark = pytest.mark.emulator_only

FAILURES_BEFORE_SUCCESS = 2
# One-second clock steps: the emulator's first retry comes after a second and doubles from there.
MAX_STEPS = 120


@dataclass
class Receiver:
    """A delivery-report endpoint on loopback that fails its first ``failures`` POSTs with 503."""

    failures: int
    url: str = ""
    posts: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, body: dict[str, Any]) -> int:
        with self.lock:
            status = 503 if len(self.posts) < self.failures else 200
            self.posts.append((status, body))
            return status

    def acknowledged(self) -> list[dict[str, Any]]:
        with self.lock:
            return [body for status, body in self.posts if status == 200]


@contextmanager
def report_receiver(failures: int = FAILURES_BEFORE_SUCCESS) -> Iterator[Receiver]:
    """A :class:`Receiver` listening on a free loopback port while the block runs."""
    state = Receiver(failures=failures)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            self.send_response(state.answer(body))
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/reports"
    thread = threading.Thread(
        target=server.serve_forever, args=(0.05,), name="report receiver", daemon=True
    )
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with report_receiver() as state:
        yield state


def test_a_failed_delivery_report_is_retried_until_received(
    control: Target, receiver: Receiver
) -> None:
    client = control.client(control.new_customer())
    message = Message(
        sender="Contract",
        destination="447712345678",
        content="Report me",
        deliveryreporturl=receiver.url,
    )
    sent = expect(send_message.sync(client=client, body=message), SendMessageResponse)
    for _ in range(MAX_STEPS):
        if receiver.acknowledged():
            break
        control.advance_clock(1.0)
    else:
        pytest.fail(
            f"no delivery report received in {MAX_STEPS}s of emulator time after "
            f"{FAILURES_BEFORE_SUCCESS} failed POSTs; receiver saw {len(receiver.posts)} POSTs "
            "(one means the report was never retried)"
        )
    report = MessageResponse.from_dict(receiver.acknowledged()[0])
    assert report.messageid == sent.messageid
    assert report.status == "DELIVERED"
    bodies = [body for _, body in receiver.posts]
    assert len(bodies) == FAILURES_BEFORE_SUCCESS + 1
    assert all(body == bodies[0] for body in bodies), "a retry posted a different report"
    if control.drift_watched:
        reach("report-retried")


def _balance(client: AuthenticatedClient) -> int:
    """The HTTP status of a balance read with ``client``'s token."""
    try:
        return int(get_credits_balance.sync_detailed(client=client).status_code)
    except UnexpectedStatus as error:
        return error.status_code


def test_a_token_is_refused_once_it_has_expired(control: Target) -> None:
    assert control.control is not None
    assert control.emulator is not None
    customer = control.new_customer()
    issued = control.control.post(
        f"{CONTROL}/tokens", json={"customer_id": customer, "ttl_seconds": 60}
    )
    issued.raise_for_status()
    client = control.emulator.client_with_token(
        authorization_value(issued.json()["token"]), raise_on_unexpected_status=True
    )
    assert _balance(client) == 200
    control.advance_clock(59)
    assert _balance(client) == 200, "refused a second before it expires"
    control.advance_clock(2)
    assert _balance(client) == 401, "an expired token was accepted"
