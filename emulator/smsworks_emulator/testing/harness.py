"""Handles on a running emulator for test suites and benchmarks, in three modes.

- :func:`in_process`: the ASGI app driven directly, no socket;
- :func:`served`: a real uvicorn server on a free 127.0.0.1 port, in a thread of this process;
- :func:`child_process`: ``smsworks-emulator serve --port 0`` in a child process, exactly what a
  user starts from the command line; its URL is read from the line the command prints.

Each hands out clients (httpx2 and the generated ``smsworks`` client) and closes them all when the
handle closes. The pytest plugin (:mod:`smsworks_emulator.testing.pytest_plugin`) builds these.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx2
from starlette.applications import Starlette

from smsworks_emulator.http.app import create_app, emulator_of
from smsworks_emulator.http.auth import issue_token
from smsworks_emulator.http.boundary import INTENT_HEADER
from smsworks_emulator.http.control import ADMIN_HEADER, PREFIX
from smsworks_emulator.rules.report_hosts import LOOPBACK
from smsworks_emulator.service.emulator import Emulator
from smsworks_emulator.settings import EmulatorSettings
from smsworks_emulator.testing.asgi_transport import SyncASGITransport, run_in_own_loop
from smsworks_emulator.testing.loopback import HOST, STARTUP_TIMEOUT_SECONDS, LoopbackServer
from smsworks_emulator.testing.test_api import DEFAULT_CUSTOMER, TestApi

if TYPE_CHECKING:
    from smsworks import AuthenticatedClient

IN_PROCESS_ORIGIN = "http://emulator.test"
"""Where an in-process emulator pretends to be (no request ever leaves the process)."""
API_PATH = "/v1"
SECRET = "smsworks-emulator-test-secret-of-32-bytes-or-more"
"""Signs the tokens of every emulator the harness starts."""
TOKEN_TTL_SECONDS = 10 * 366 * 24 * 3600
"""Ten years of emulator time: long enough to survive any clock advance a test makes."""
_LISTENING = re.compile(r"listening on (http://\S+?)/v1 ")


def settings_for_tests(**overrides: Any) -> EmulatorSettings:
    """Settings for a test: an in-memory database, a controlled clock, the harness's secret, and
    delivery reports to loopback only (a test reaches nothing off the machine)."""
    values: dict[str, Any] = {
        "db_path": ":memory:",
        "clock": "controlled",
        "secret": SECRET,
        "webhook_hosts": frozenset({LOOPBACK}),
        **overrides,
    }
    return EmulatorSettings(**values)


class EmulatorHandle(TestApi):
    """One emulator, the ways to talk to it, and the test API (:class:`TestApi`)."""

    def __init__(self, origin: str, secret: str, admin_key: str | None) -> None:
        self.origin = origin
        self.base_url = origin + API_PATH
        self.secret = secret
        self.admin_key = admin_key
        self._sync_clients: list[httpx2.Client] = []
        self._async_clients: list[httpx2.AsyncClient] = []
        self.control = self.http_client(_admin_headers(admin_key))
        """An httpx2 client on the origin, with the admin key: ``control.post("/_emulator/reset")``."""

    # -- what each mode provides ----------------------------------------------------------

    def now(self) -> datetime:
        """The emulator's clock."""
        response = self.control.get(PREFIX + "/clock")
        response.raise_for_status()
        return datetime.fromisoformat(response.json()["now"])

    def _transport(self) -> httpx2.BaseTransport | None:
        return None

    def _async_transport(self) -> httpx2.AsyncBaseTransport | None:
        return None

    def transport(self) -> httpx2.BaseTransport:
        """The httpx2 transport that reaches this emulator (in process: ASGI, no socket)."""
        return self._transport() or httpx2.HTTPTransport()

    def async_transport(self) -> httpx2.AsyncBaseTransport:
        """The async httpx2 transport that reaches this emulator."""
        return self._async_transport() or httpx2.AsyncHTTPTransport()

    # -- clients --------------------------------------------------------------------------

    def http_client(self, headers: dict[str, str] | None = None) -> httpx2.Client:
        """A plain httpx2 client on the origin, closed with the handle."""
        client = httpx2.Client(
            transport=self._transport(), base_url=self.origin, headers=headers, timeout=30.0
        )
        self._sync_clients.append(client)
        return client

    def async_http_client(self, headers: dict[str, str] | None = None) -> httpx2.AsyncClient:
        """A plain ``httpx2.AsyncClient`` on the origin, closed with the handle."""
        # No pooled connections: nothing stays bound to the event loop of the test that used it.
        client = httpx2.AsyncClient(
            transport=self._async_transport(),
            base_url=self.origin,
            headers=headers,
            timeout=30.0,
            limits=httpx2.Limits(max_keepalive_connections=0),
        )
        self._async_clients.append(client)
        return client

    def token(self, customer_id: str = DEFAULT_CUSTOMER) -> str:
        """``"JWT eyJ..."`` for ``customer_id``, valid for ten years of emulator time."""
        return issue_token(
            secret=self.secret,
            customer_id=customer_id,
            ttl_seconds=TOKEN_TTL_SECONDS,
            now=self.now(),
        )

    def client(self, customer_id: str = DEFAULT_CUSTOMER, **options: Any) -> AuthenticatedClient:
        """A generated-client ``AuthenticatedClient`` for ``customer_id`` (sync and async calls)."""
        return self.client_with_token(self.token(customer_id), **options)

    def client_with_token(self, token: str, **options: Any) -> AuthenticatedClient:
        """An ``AuthenticatedClient`` sending ``token`` as it is (to test what a bad one gets).

        ``options`` go to ``AuthenticatedClient`` (e.g. ``raise_on_unexpected_status=True``).
        """
        from smsworks import AuthenticatedClient
        from smsworks.client import authorization_value
        from smsworks.wire import AsyncReadingTransport, ReadingTransport

        client = AuthenticatedClient(base_url=self.base_url, token=token, **options)
        headers = {"Authorization": authorization_value(token)}
        # The client's reading transports, as on an AuthenticatedClient built alone: the answers of the
        # live-like wire form reach the models in their declared types.
        sync_client = httpx2.Client(
            transport=ReadingTransport(self.transport()),
            base_url=self.base_url,
            headers=headers,
            timeout=30.0,
        )
        # No pooled connections: nothing stays bound to the event loop of the test that used it,
        # so the handle can close the client from any thread.
        no_pool = httpx2.Limits(max_keepalive_connections=0)
        async_client = httpx2.AsyncClient(
            transport=AsyncReadingTransport(
                self._async_transport() or httpx2.AsyncHTTPTransport(limits=no_pool)
            ),
            base_url=self.base_url,
            headers=headers,
            timeout=30.0,
            limits=httpx2.Limits(max_keepalive_connections=0),
        )
        self._sync_clients.append(sync_client)
        self._async_clients.append(async_client)
        client.set_httpx_client(sync_client)
        client.set_async_httpx_client(async_client)
        return client

    def close(self) -> None:
        for client in self._sync_clients:
            client.close()
        self._sync_clients.clear()
        pending = [client for client in self._async_clients if not client.is_closed]
        self._async_clients.clear()
        if pending:

            async def close_all() -> None:
                for async_client in pending:
                    await async_client.aclose()

            run_in_own_loop(close_all)


class _AppHandle(EmulatorHandle):
    """An emulator whose app lives in this process."""

    def __init__(self, app: Starlette, settings: EmulatorSettings, origin: str) -> None:
        self.app = app
        self.settings = settings
        super().__init__(origin, settings.secret, settings.admin_key)

    @property
    def emulator(self) -> Emulator:
        return emulator_of(self.app)

    def now(self) -> datetime:
        return self.emulator.clock.now()


class InProcessEmulator(_AppHandle):
    """The ASGI app driven directly: :class:`SyncASGITransport` for sync calls, ASGITransport for async."""

    def __init__(self, settings: EmulatorSettings) -> None:
        super().__init__(create_app(settings), settings, IN_PROCESS_ORIGIN)

    def _transport(self) -> httpx2.BaseTransport:
        return SyncASGITransport(self.app)

    def _async_transport(self) -> httpx2.AsyncBaseTransport:
        return httpx2.ASGITransport(app=self.app)

    def close(self) -> None:
        super().close()
        self.emulator.close()


class ServedEmulator(_AppHandle):
    """A real uvicorn server on a free 127.0.0.1 port, in a background thread."""

    def __init__(self, settings: EmulatorSettings) -> None:
        app = create_app(settings)
        self._server = LoopbackServer(app, name="smsworks-emulator", lifespan="on")
        super().__init__(app, settings, self._server.origin)

    def close(self) -> None:
        super().close()
        # Only once the server has stopped: closing the store under it would fail its requests
        # and its ticker (close raises if it will not stop, and the store is left open).
        self._server.close()
        self.emulator.close()


class ChildEmulator(EmulatorHandle):
    """``smsworks-emulator serve --port 0`` in a child process, stopped (SIGTERM) on close.

    ``cwd`` and ``env`` go to the child as :class:`subprocess.Popen` takes them (default: this
    process's own).
    """

    def __init__(
        self,
        args: list[str],
        secret: str,
        admin_key: str | None,
        *,
        cwd: str | os.PathLike[str] | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        self.process = subprocess.Popen(
            args,
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
        )
        self.pid = self.process.pid
        self._output: list[str] = []
        origin = self._read_origin()
        # Keep reading, so that a chatty server never blocks on a full pipe.
        self._drain = threading.Thread(target=self._keep_output, daemon=True)
        self._drain.start()
        super().__init__(origin, secret, admin_key)
        self.port = int(origin.rsplit(":", 1)[1])

    def _read_origin(self) -> str:
        assert self.process.stdout is not None
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        # readline blocks, but the command prints this line before anything else, or exits.
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                self.process.wait(timeout=10)
                self._stop()
                raise RuntimeError(
                    f"smsworks-emulator exited with {self.process.returncode}:\n{self.output()}"
                )
            self._output.append(line)
            found = _LISTENING.search(line)
            if found:
                return found.group(1)
        self._stop()
        raise RuntimeError(f"smsworks-emulator printed no URL in time:\n{self.output()}")

    def _keep_output(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._output.append(line)
            del self._output[:-200]

    def output(self) -> str:
        """The last lines the server printed."""
        return "".join(self._output)[-4000:]

    def _stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()

    def close(self) -> None:
        super().close()
        self._stop()


def _admin_headers(admin_key: str | None) -> dict[str, str]:
    """A control client's headers: the admin key, and the sign that a program (no page) sends them."""
    return {INTENT_HEADER: "1", **({ADMIN_HEADER: admin_key} if admin_key else {})}


def command() -> list[str]:
    """How to run ``smsworks-emulator``: the script next to this interpreter, else on PATH."""
    script = Path(sys.executable).with_name("smsworks-emulator")
    if script.exists():
        return [str(script)]
    found = shutil.which("smsworks-emulator")
    if found is None:
        return [sys.executable, "-m", "smsworks_emulator"]
    return [found]


def in_process(settings: EmulatorSettings | None = None) -> closing[InProcessEmulator]:
    """An in-process emulator (default: :func:`settings_for_tests`), closed on exit."""
    return closing(InProcessEmulator(settings or settings_for_tests()))


def served(settings: EmulatorSettings | None = None) -> closing[ServedEmulator]:
    """An emulator served in a thread (default: :func:`settings_for_tests`), closed on exit."""
    return closing(ServedEmulator(settings or settings_for_tests()))


@contextmanager
def child_process(
    *,
    secret: str = SECRET,
    db: str | None = None,
    controlled_clock: bool = True,
    faults: Iterable[str] = (),
    admin_key: str | None = None,
    extra_args: Iterable[str] = (),
) -> Iterator[ChildEmulator]:
    """``smsworks-emulator serve`` on a free loopback port; a fresh database unless ``db`` is given."""
    with tempfile.TemporaryDirectory(prefix="smsworks-emulator-") as workdir:
        args = [*command(), "serve", "--host", HOST, "--port", "0", "--secret", secret]
        args += ["--db", db or os.path.join(workdir, "emulator.sqlite3")]
        if controlled_clock:
            args += ["--clock", "controlled"]
        args += ["--webhook-host", LOOPBACK]
        if admin_key is not None:
            args += ["--admin-key", admin_key]
        for fault in sorted(faults):
            args += ["--break-contract", fault]
        args += list(extra_args)
        with closing(ChildEmulator(args, secret, admin_key)) as handle:
            yield handle
