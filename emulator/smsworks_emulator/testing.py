"""Handles on a running emulator for test suites: in-process (no socket) or a real loopback server.

The pytest plugin (:mod:`smsworks_emulator.pytest_plugin`) builds these; they work without pytest
too.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import httpx
import uvicorn
from starlette.applications import Starlette

from smsworks_emulator.app import create_app, emulator_of
from smsworks_emulator.asgi_transport import SyncASGITransport
from smsworks_emulator.auth import issue_token
from smsworks_emulator.control import ADMIN_HEADER
from smsworks_emulator.engine import Emulator
from smsworks_emulator.settings import EmulatorSettings

if TYPE_CHECKING:
    from smsworks import AuthenticatedClient

IN_PROCESS_ORIGIN = "http://emulator.test"
DEFAULT_CUSTOMER = "test-customer"
TOKEN_TTL_SECONDS = 10 * 366 * 24 * 3600
"""Long enough to survive any clock advance a test makes."""


class EmulatorHandle:
    """One emulator and the ways to talk to it."""

    def __init__(
        self, app: Starlette, settings: EmulatorSettings, origin: str, control: httpx.Client
    ) -> None:
        self.app = app
        self.settings = settings
        self.origin = origin
        self.base_url = origin + emulator_of(app).spec.base_path
        self.control = control
        self._clients: list[Any] = []

    @property
    def emulator(self) -> Emulator:
        return emulator_of(self.app)

    def token(self, customer_id: str = DEFAULT_CUSTOMER) -> str:
        """``"JWT eyJ..."`` for ``customer_id``, valid for ten years of emulator time."""
        return issue_token(
            secret=self.settings.secret,
            customer_id=customer_id,
            ttl_seconds=TOKEN_TTL_SECONDS,
            now=self.emulator.clock.now(),
        )

    def advance(self, seconds: float) -> None:
        """Move the controlled clock; due deliveries, schedules and webhooks are done on return."""
        response = self.control.post("/_emulator/clock", json={"advance_seconds": seconds})
        response.raise_for_status()

    def client(self, customer_id: str = DEFAULT_CUSTOMER) -> AuthenticatedClient:
        """A generated-client ``AuthenticatedClient`` for ``customer_id`` (sync and async calls)."""
        return self.client_with_token(self.token(customer_id))

    def client_with_token(self, token: str) -> AuthenticatedClient:
        """An ``AuthenticatedClient`` sending ``token`` as it is (to test what a bad one gets)."""
        from smsworks import AuthenticatedClient

        client = AuthenticatedClient(base_url=self.base_url, token=token)
        sync_client, async_client = self._transports(token)
        if sync_client is not None:
            client.set_httpx_client(sync_client)
        if async_client is not None:
            client.set_async_httpx_client(async_client)
        return client

    def _transports(self, token: str) -> tuple[httpx.Client | None, httpx.AsyncClient | None]:
        return None, None

    def close(self) -> None:
        for client in self._clients:
            client.close()
        self.control.close()


class InProcessEmulator(EmulatorHandle):
    """The ASGI app driven directly: :class:`SyncASGITransport` for sync calls, ASGITransport for async."""

    def __init__(self, settings: EmulatorSettings) -> None:
        app = create_app(settings)
        control = httpx.Client(
            transport=SyncASGITransport(app),
            base_url=IN_PROCESS_ORIGIN,
            headers=_admin_headers(settings),
        )
        super().__init__(app, settings, IN_PROCESS_ORIGIN, control)

    def _transports(self, token: str) -> tuple[httpx.Client | None, httpx.AsyncClient | None]:
        from smsworks.client import authorization_value

        headers = {"Authorization": authorization_value(token)}
        sync_client = httpx.Client(
            transport=SyncASGITransport(self.app), base_url=self.base_url, headers=headers
        )
        async_client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app), base_url=self.base_url, headers=headers
        )
        self._clients.append(sync_client)
        return sync_client, async_client

    def close(self) -> None:
        super().close()
        self.emulator.close()


class ServedEmulator(EmulatorHandle):
    """A real uvicorn server on a free 127.0.0.1 port, in a background thread."""

    def __init__(self, settings: EmulatorSettings) -> None:
        app = create_app(settings)
        # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only then (else ~40 ms per keep-alive call).
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        port = self._listener.getsockname()[1]
        self._server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [self._listener]},
            name="smsworks-emulator",
            daemon=True,
        )
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the emulator's uvicorn server did not start")
            time.sleep(0.01)
        origin = f"http://127.0.0.1:{port}"
        super().__init__(
            app, settings, origin, httpx.Client(base_url=origin, headers=_admin_headers(settings))
        )

    def close(self) -> None:
        super().close()
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._listener.close()
        self.emulator.close()


def _admin_headers(settings: EmulatorSettings) -> dict[str, str]:
    return {ADMIN_HEADER: settings.admin_key} if settings.admin_key else {}


@contextmanager
def in_process(settings: EmulatorSettings | None = None) -> Iterator[InProcessEmulator]:
    handle = InProcessEmulator(settings or EmulatorSettings(db_path=":memory:", clock="controlled"))
    try:
        yield handle
    finally:
        handle.close()


@contextmanager
def served(settings: EmulatorSettings | None = None) -> Iterator[ServedEmulator]:
    handle = ServedEmulator(settings or EmulatorSettings(db_path=":memory:", clock="controlled"))
    try:
        yield handle
    finally:
        handle.close()
