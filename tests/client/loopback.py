"""A Starlette app served by uvicorn on 127.0.0.1 (a free port), in a thread, for the duration of a block."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from starlette.types import ASGIApp

from smsworks_emulator.testing.loopback import serving


@contextmanager
def serve(app: ASGIApp) -> Iterator[str]:
    """Serve ``app`` (no lifespan, a one-second graceful stop); yields its origin (``http://127.0.0.1:<port>``)."""
    with serving(app, lifespan="off", timeout_graceful_shutdown=1) as server:
        yield server.origin
