"""One object per run that says how to reach the service under test, whatever the target.

Tests ask the target for a generated ``smsworks`` client, a token per customer, and (emulator
only) a control client; they never branch on the target themselves.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx

from contract_tests.server import running_emulator
from contract_tests.settings import ContractSettings
from smsworks import AuthenticatedClient
from smsworks_emulator import EmulatorSettings, create_app, issue_token
from smsworks_emulator.asgi_transport import SyncASGITransport

# What the spec's server URL reduces to on a loopback or in-process emulator.
IN_PROCESS_ORIGIN = "http://emulator.invalid"
API_PREFIX = "/v1"
SECRET = "contract-suite-secret-of-at-least-32-bytes"
# Tokens outlive any run even though schedule tests move the emulator's clock weeks ahead.
TOKEN_TTL_SECONDS = 10 * 365 * 24 * 3600
# Enough that fuzzing never runs an account dry: a 402 for positive data would be a false alarm.
FUZZING_CREDITS = 1_000_000_000.0

NO_CONTROL_REASON = (
    "needs emulator control (clock, reset, balances, inbound injection, second customer); "
    "the sandbox target is the real service"
)
NO_SEND_REASON = (
    "costs credits; set SMSWORKS_ALLOW_SEND=1, SMSWORKS_TEST_DESTINATION and "
    "SMSWORKS_CREDIT_BUDGET to run it against the sandbox"
)


@dataclass
class Target:
    """A reachable service: the emulator in-process, the emulator over HTTP, or the sandbox."""

    settings: ContractSettings
    base_url: str
    """Base URL of the API, ``.../v1``."""
    app: Any | None = None
    """The ASGI application when in-process; requests then never touch a socket."""
    control: httpx.Client | None = None
    """Client on ``/_emulator`` endpoints; ``None`` for the sandbox."""
    _secret: str | None = None
    _fixed_token: str | None = None
    _closers: ExitStack = field(default_factory=ExitStack)

    @property
    def name(self) -> str:
        return self.settings.target

    def token(self, customer_id: str) -> str:
        """A token for ``customer_id``; the sandbox has one account, so one token."""
        if self._fixed_token is not None:
            return self._fixed_token
        assert self._secret is not None
        return issue_token(
            secret=self._secret, customer_id=customer_id, ttl_seconds=TOKEN_TTL_SECONDS
        )

    def new_customer(self) -> str:
        """A customer nobody has used yet: its state starts empty, whatever ran before."""
        if self._fixed_token is not None:
            return "sandbox-account"
        return f"cust-{uuid.uuid4().hex[:12]}"

    def client(self, customer_id: str) -> AuthenticatedClient:
        """The generated client for ``customer_id``, usable with both sync and async calls."""
        token = self.token(customer_id)
        client = AuthenticatedClient(
            base_url=self.base_url, token=token, raise_on_unexpected_status=True
        )
        if self.app is not None:
            headers = {"Authorization": token}
            sync_client = httpx.Client(
                transport=SyncASGITransport(self.app), base_url=self.base_url, headers=headers
            )
            client.set_httpx_client(self._closers.enter_context(sync_client))
            async_client = httpx.AsyncClient(
                transport=httpx.ASGITransport(app=self.app), base_url=self.base_url, headers=headers
            )
            client.set_async_httpx_client(async_client)
        return client

    def set_balance(self, customer_id: str, credits: float) -> None:
        assert self.control is not None, NO_CONTROL_REASON
        response = self.control.put(f"/customers/{customer_id}/balance", json={"credits": credits})
        response.raise_for_status()

    def advance_clock(self, seconds: float) -> None:
        assert self.control is not None, NO_CONTROL_REASON
        self.control.post("/clock", json={"advance_seconds": seconds}).raise_for_status()

    def now(self) -> datetime:
        """The emulator's clock."""
        assert self.control is not None, NO_CONTROL_REASON
        response = self.control.get("/clock")
        response.raise_for_status()
        return datetime.fromisoformat(response.json()["now"])

    def outbox(self, customer_id: str) -> list[dict[str, Any]]:
        """What the emulator handed to the (pretend) network for ``customer_id``."""
        assert self.control is not None, NO_CONTROL_REASON
        response = self.control.get("/outbox", params={"customer_id": customer_id})
        response.raise_for_status()
        body = response.json()
        assert isinstance(body, list)
        return body

    def close(self) -> None:
        self._closers.close()


def emulator_settings(settings: ContractSettings, *, db_path: str = ":memory:") -> EmulatorSettings:
    return EmulatorSettings(
        db_path=db_path,
        secret=SECRET,
        clock="controlled",
        initial_credits=FUZZING_CREDITS,
        delivery_delay_seconds=2.0,
        admin_key=None,
        seed=None,
        faults=settings.faults,
    )


_shared = ExitStack()
_shared_targets: dict[ContractSettings, Target] = {}


def shared_target(settings: ContractSettings) -> Target:
    """The run's one target, opened on first use (schemathesis needs it while collecting)."""
    if settings not in _shared_targets:
        _shared_targets[settings] = _shared.enter_context(open_target(settings))
    return _shared_targets[settings]


def close_shared_targets() -> None:
    _shared_targets.clear()
    _shared.close()


def open_target(settings: ContractSettings) -> AbstractContextManager[Target]:
    if settings.target == "emulator":
        return _in_process(settings)
    if settings.target == "emulator-http":
        return _over_http(settings)
    return _sandbox(settings)


@contextmanager
def _in_process(settings: ContractSettings) -> Iterator[Target]:
    app = create_app(emulator_settings(settings))
    with httpx.Client(
        transport=SyncASGITransport(app), base_url=IN_PROCESS_ORIGIN + "/_emulator"
    ) as control:
        target = Target(
            settings=settings,
            base_url=IN_PROCESS_ORIGIN + API_PREFIX,
            app=app,
            control=control,
            _secret=SECRET,
        )
        try:
            yield target
        finally:
            target.close()


@contextmanager
def _over_http(settings: ContractSettings) -> Iterator[Target]:
    credits = ["--initial-credits", repr(FUZZING_CREDITS)]
    with (
        running_emulator(secret=SECRET, faults=settings.faults, extra_args=credits) as server,
        httpx.Client(base_url=server.origin + "/_emulator", timeout=10.0) as control,
    ):
        target = Target(
            settings=settings,
            base_url=server.base_url,
            control=control,
            _secret=server.secret,
        )
        try:
            yield target
        finally:
            target.close()


@contextmanager
def _sandbox(settings: ContractSettings) -> Iterator[Target]:
    assert settings.base_url is not None
    assert settings.token is not None
    target = Target(settings=settings, base_url=settings.base_url, _fixed_token=settings.token)
    try:
        yield target
    finally:
        target.close()
