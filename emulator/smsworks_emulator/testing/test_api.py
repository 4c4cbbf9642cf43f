"""The test API every emulator handle has: what an application's tests assert on.

Everything goes through the control endpoints, so an in-process, served or child-process
emulator behaves the same::

    app.signup("07700 900123")
    emulator.assert_sent(to="+447700900123", containing="code", count=1)
    code = emulator.otp_for("07700900123")
    with emulator.faults.fail("sendMessage", status=503):
        ...  # every send answers 503 inside the block
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from smsworks_emulator.http.control import PREFIX
from smsworks_emulator.rules.numbers import stored_form

if TYPE_CHECKING:
    import httpx2

DEFAULT_CUSTOMER = "test-customer"
PENDING_STATUS = "SENT"
"""A message in this status has a status change still to come."""
DELIVER_STEP_SECONDS = 1.0
DELIVER_MAX_STEPS = 600
""":meth:`TestApi.deliver_all` moves the clock at most ten minutes, a second at a time."""


def _number(raw: str) -> str:
    # The emulator's one rule for when two texts are one number.
    return stored_form(raw)


@dataclass(frozen=True)
class SentMessage:
    """One message in the outbox, as the emulator stored it."""

    id: str
    to: str
    sender: str
    content: str
    parts: int
    credits: float
    status: str
    tag: str | None
    metadata: list[dict[str, Any]] | None
    kind: str
    batch: str | None
    customer_id: str
    history: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> SentMessage:
        return cls(
            id=body["messageid"],
            to=body["destination"],
            sender=body["sender"],
            content=body["content"],
            parts=body["parts"],
            credits=body["credits"],
            status=body["status"],
            tag=body.get("tag"),
            metadata=body.get("metadata"),
            kind=body["kind"],
            batch=body.get("batchid"),
            customer_id=body["customer_id"],
            history=list(body.get("history", [])),
        )


@dataclass(frozen=True)
class WebhookAttempt:
    """One POST of a delivery report (or its failure) to a report URL."""

    message_id: str
    customer_id: str
    url: str
    attempt: int
    status_code: int | None
    error: str | None
    at: str
    payload: dict[str, Any]


class Outbox(Sequence[SentMessage]):
    """The messages sent, oldest first, read afresh on each use (``len()``, index, iteration)."""

    def __init__(self, control: httpx2.Client) -> None:
        self._control = control
        self._after = 0

    def _all(self) -> list[SentMessage]:
        response = self._control.get(PREFIX + "/outbox")
        response.raise_for_status()
        return [SentMessage.from_json(body) for body in response.json()][self._after :]

    def __len__(self) -> int:
        return len(self._all())

    def __getitem__(self, index: int) -> SentMessage:  # type: ignore[override]
        return self._all()[index]

    def __iter__(self) -> Iterator[SentMessage]:
        return iter(self._all())

    def to(self, number: str) -> list[SentMessage]:
        """The messages sent to ``number``, in any form the spec accepts (``07…``, ``+44…``, ``0044…``)."""
        wanted = _number(number)
        return [message for message in self._all() if _number(message.to) == wanted]

    def last(self) -> SentMessage:
        """The newest message; AssertionError when none was sent."""
        messages = self._all()
        if not messages:
            raise AssertionError("no message was sent")
        return messages[-1]

    def clear(self) -> None:
        """Forget what was sent so far (the emulator keeps it; this outbox starts after it)."""
        response = self._control.get(PREFIX + "/outbox")
        response.raise_for_status()
        self._after = len(response.json())


class Faults:
    """Faults for the operations named, in force inside a ``with`` block."""

    def __init__(self, control: httpx2.Client) -> None:
        self._control = control

    @contextmanager
    def fail(self, *operations: str, status: int = 503, times: int | None = None) -> Iterator[None]:
        """Answer ``status`` (500, 502, 503 or 429) to the operations (operationIds) named."""
        rule: dict[str, Any] = {"kind": "error", "status": status}
        if operations:
            rule["operations"] = list(operations)
        if times is not None:
            rule["times"] = times
        response = self._control.put(PREFIX + "/faults", json={"rules": [rule]})
        response.raise_for_status()
        try:
            yield
        finally:
            self._control.delete(PREFIX + "/faults").raise_for_status()


class TestApi:
    """Mixed into every emulator handle; needs ``control`` (an httpx2 client on the origin)."""

    __test__ = False  # not a pytest test class
    control: httpx2.Client
    _outbox: Outbox | None = None

    @property
    def outbox(self) -> Outbox:
        """The messages sent, oldest first."""
        if self._outbox is None:
            self._outbox = Outbox(self.control)
        return self._outbox

    def otp_for(self, number: str) -> str:
        """The passcode most recently sent to ``number``; AssertionError when none was."""
        response = self.control.get(PREFIX + "/otps")
        response.raise_for_status()
        wanted = _number(number)
        found = [otp for otp in response.json() if _number(otp["destination"]) == wanted]
        if not found:
            raise AssertionError(f"no passcode was sent to {number}")
        return str(found[-1]["passcode"])

    def receive(
        self, from_: str, to: str, content: str, *, customer_id: str = DEFAULT_CUSTOMER
    ) -> dict[str, Any]:
        """An inbound message from ``from_`` to ``to``, as the inbox will show it."""
        response = self.control.post(
            PREFIX + "/inbound",
            json={"customer_id": customer_id, "from": from_, "to": to, "content": content},
        )
        response.raise_for_status()
        body: dict[str, Any] = response.json()
        return body

    @property
    def balance(self) -> float:
        """The credits of the default customer."""
        return self.balance_of(DEFAULT_CUSTOMER)

    def balance_of(self, customer_id: str) -> float:
        response = self.control.get(f"{PREFIX}/customers/{customer_id}/balance")
        response.raise_for_status()
        return float(response.json()["credits"])

    def set_balance(self, credits: float, customer_id: str = DEFAULT_CUSTOMER) -> None:
        response = self.control.put(
            f"{PREFIX}/customers/{customer_id}/balance", json={"credits": credits}
        )
        response.raise_for_status()

    def advance(self, seconds: float) -> None:
        """Move the controlled clock; due deliveries, schedules and webhooks are done on return."""
        response = self.control.post(PREFIX + "/clock", json={"advance_seconds": seconds})
        response.raise_for_status()

    def deliver_all(self) -> None:
        """Every pending status change, now: the clock moves a second at a time until none is left."""
        for _ in range(DELIVER_MAX_STEPS):
            response = self.control.get(PREFIX + "/outbox")
            response.raise_for_status()
            if not any(body["status"] == PENDING_STATUS for body in response.json()):
                return
            self.advance(DELIVER_STEP_SECONDS)
        raise AssertionError("messages still pending after ten minutes of emulator time")

    @property
    def webhooks(self) -> list[WebhookAttempt]:
        """The delivery-report attempts, oldest first."""
        response = self.control.get(PREFIX + "/webhooks")
        response.raise_for_status()
        return [
            WebhookAttempt(
                message_id=body["messageid"],
                customer_id=body["customer_id"],
                url=body["url"],
                attempt=body["attempt"],
                status_code=body["status_code"],
                error=body["error"],
                at=body["at"],
                payload=body["payload"],
            )
            for body in response.json()
        ]

    @property
    def faults(self) -> Faults:
        return Faults(self.control)

    def assert_sent(
        self, *, to: str | None = None, containing: str | None = None, count: int | None = None
    ) -> list[SentMessage]:
        """The messages matching; AssertionError listing what was sent when none (or not ``count``)."""
        sent = list(self.outbox)
        matching = [
            message
            for message in sent
            if (to is None or _number(message.to) == _number(to))
            and (containing is None or containing in message.content)
        ]
        if (count is None and matching) or (count is not None and len(matching) == count):
            return matching
        wanted = f"{'at least 1' if count is None else count} message(s)"
        if to is not None:
            wanted += f" to {to}"
        if containing is not None:
            wanted += f" containing {containing!r}"
        lines = [f"  to {message.to}: {message.content!r}" for message in sent] or ["  nothing"]
        raise AssertionError(
            f"expected {wanted}, found {len(matching)}; sent:\n" + "\n".join(lines)
        )
