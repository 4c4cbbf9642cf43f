"""One object per run that says how to reach the service under test, whatever the target.

Tests ask the target for a generated ``smsworks`` client, a token per customer, and (emulator
only) a control client; they never branch on the target themselves.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx2

from contract_tests.drift import watch_client
from contract_tests.settings import ContractSettings
from smsworks import AuthenticatedClient
from smsworks_emulator.testing import EmulatorHandle, child_process, in_process, settings_for_tests

CONTROL = "/_emulator"
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
    emulator: EmulatorHandle | None = None
    """The emulator under test (its harness handle); ``None`` for the sandbox."""
    _fixed_token: str | None = None
    drift_watched: bool = False
    """Whether its clients' answers go into the run's drift log: the run's own target's do, those of
    a target broken on purpose (``test_*_breakage``) do not (the tests that break it judge them)."""

    @property
    def name(self) -> str:
        return self.settings.target

    @property
    def app(self) -> Any | None:
        """The ASGI application when in-process; requests then never touch a socket."""
        return getattr(self.emulator, "app", None)

    @property
    def control(self) -> httpx2.Client | None:
        """Client on the emulator's origin, for its ``/_emulator`` endpoints; ``None`` for the sandbox."""
        return None if self.emulator is None else self.emulator.control

    def token(self, customer_id: str) -> str:
        """A token for ``customer_id``; the sandbox has one account, so one token."""
        if self._fixed_token is not None:
            return self._fixed_token
        assert self.emulator is not None
        return self.emulator.token(customer_id)

    def new_customer(self) -> str:
        """A customer nobody has used yet: its state starts empty, whatever ran before."""
        if self._fixed_token is not None:
            return "sandbox-account"
        return f"cust-{uuid.uuid4().hex[:12]}"

    def client(self, customer_id: str) -> AuthenticatedClient:
        """The generated client for ``customer_id``, usable with both sync and async calls."""
        if self.emulator is not None:
            client = self.emulator.client(customer_id, raise_on_unexpected_status=True)
        else:
            client = AuthenticatedClient(
                base_url=self.base_url,
                token=self.token(customer_id),
                raise_on_unexpected_status=True,
            )
        # Every answer the suite reads is checked for drift from the spec (contract_tests/drift.py).
        return watch_client(client) if self.drift_watched else client

    def _control(self) -> httpx2.Client:
        assert self.control is not None, NO_CONTROL_REASON
        return self.control

    def set_balance(self, customer_id: str, credits: float) -> None:
        response = self._control().put(
            f"{CONTROL}/customers/{customer_id}/balance", json={"credits": credits}
        )
        response.raise_for_status()

    def advance_clock(self, seconds: float) -> None:
        assert self.emulator is not None, NO_CONTROL_REASON
        self.emulator.advance(seconds)

    def now(self) -> datetime:
        """The emulator's clock."""
        assert self.emulator is not None, NO_CONTROL_REASON
        return self.emulator.now()

    def outbox(self, customer_id: str) -> list[dict[str, Any]]:
        """What the emulator handed to the (pretend) network for ``customer_id``."""
        response = self._control().get(f"{CONTROL}/outbox", params={"customer_id": customer_id})
        response.raise_for_status()
        body = response.json()
        assert isinstance(body, list)
        return body


_shared = ExitStack()
_shared_targets: dict[ContractSettings, Target] = {}


def shared_target(settings: ContractSettings) -> Target:
    """The run's one target, opened on first use (schemathesis needs it while collecting)."""
    if settings not in _shared_targets:
        target = _shared.enter_context(open_target(settings))
        target.drift_watched = True
        _shared_targets[settings] = target
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
    emulator_settings = settings_for_tests(initial_credits=FUZZING_CREDITS, faults=settings.faults)
    with in_process(emulator_settings) as emulator:
        yield Target(settings=settings, base_url=emulator.base_url, emulator=emulator)


@contextmanager
def _over_http(settings: ContractSettings) -> Iterator[Target]:
    credits = ["--initial-credits", repr(FUZZING_CREDITS)]
    with child_process(faults=settings.faults, extra_args=credits) as emulator:
        yield Target(settings=settings, base_url=emulator.base_url, emulator=emulator)


@contextmanager
def _sandbox(settings: ContractSettings) -> Iterator[Target]:
    assert settings.base_url is not None
    assert settings.token is not None
    yield Target(settings=settings, base_url=settings.base_url, _fixed_token=settings.token)
