"""Any ASGI app on a real uvicorn server on a free 127.0.0.1 port, in a thread of this process.

The one way the test helpers serve an app in-process: the served emulator, and the upstreams and
receivers test suites stand up beside it. Stopping waits for the server's thread to end: a thread
still inside the event loop's C code when the interpreter exits can crash the process.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn
from starlette.types import ASGIApp

HOST = "127.0.0.1"
STARTUP_TIMEOUT_SECONDS = 30.0
STOP_TIMEOUT_SECONDS = 10.0
"""How long a graceful stop may take before connections are dropped, and how long that may take."""


class LoopbackServer:
    """``app`` served on ``origin`` until :meth:`close`; ``certificate`` (cert, key files) serves HTTPS.

    ``options`` go to :class:`uvicorn.Config` (for example ``lifespan="off"``).
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        certificate: tuple[str, str] | None = None,
        name: str = "loopback server",
        **options: Any,
    ) -> None:
        # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only then (else ~40 ms per keep-alive call).
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind((HOST, 0))
        self.port: int = self._listener.getsockname()[1]
        if certificate is not None:
            options.update(ssl_certfile=certificate[0], ssl_keyfile=certificate[1])
        options.setdefault("log_level", "warning")
        self._server = uvicorn.Server(uvicorn.Config(app, **options))
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._listener]}, name=name, daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        while not self._server.started:  # a readiness poll, bounded
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.close()
                raise RuntimeError(f"the {name} did not start in {STARTUP_TIMEOUT_SECONDS:g}s")
            time.sleep(0.01)
        scheme = "https" if certificate is not None else "http"
        self.origin = f"{scheme}://{HOST}:{self.port}"

    def close(self) -> None:
        """Stop serving; raises :class:`RuntimeError` if the server's thread will not end."""
        self._server.should_exit = True
        self._thread.join(timeout=STOP_TIMEOUT_SECONDS)
        if self._thread.is_alive():  # open connections: uvicorn's second Ctrl-C
            self._server.force_exit = True
            self._thread.join(timeout=STOP_TIMEOUT_SECONDS)
        self._listener.close()
        if self._thread.is_alive():
            raise RuntimeError(
                f"the {self._thread.name} did not stop in {2 * STOP_TIMEOUT_SECONDS:g}s"
            )


@contextmanager
def serving(
    app: ASGIApp, *, certificate: tuple[str, str] | None = None, **options: Any
) -> Iterator[LoopbackServer]:
    """A :class:`LoopbackServer` for the duration of the block."""
    server = LoopbackServer(app, certificate=certificate, **options)
    try:
        yield server
    finally:
        server.close()
