"""Where a client takes what it was not given: the environment, and transports test tooling installs.

``SMSWorks()`` with no token reads ``SMSWORKS_TOKEN``; with no ``base_url``, ``SMSWORKS_BASE_URL`` (else the spec's
server). Explicit arguments win. :func:`intercept` lets a test suite (the emulator's pytest plugin, say) make every
client built while it is active talk through given transports, with no change to the application's code.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import httpx2

TOKEN_VARIABLE = "SMSWORKS_TOKEN"
BASE_URL_VARIABLE = "SMSWORKS_BASE_URL"

_lock = threading.Lock()
_installed: list[tuple[httpx2.BaseTransport | None, httpx2.AsyncBaseTransport | None]] = []


class MissingTokenError(ValueError):
    """No token was passed and ``SMSWORKS_TOKEN`` is not set."""


def token_from(token: str | None) -> str:
    """``token``, or ``SMSWORKS_TOKEN`` when it is ``None``; an error naming the variable when neither is there."""
    if token is not None:
        return token
    found = os.environ.get(TOKEN_VARIABLE, "")
    if not found.strip():
        raise MissingTokenError(
            f"token: none was passed and {TOKEN_VARIABLE} is not set; pass the token from your account page "
            f"or set {TOKEN_VARIABLE}"
        )
    return found


def base_url_from(base_url: str | None, default: str) -> str:
    """``base_url``, else ``SMSWORKS_BASE_URL``, else ``default``."""
    if base_url is not None:
        return base_url
    return os.environ.get(BASE_URL_VARIABLE, "").strip() or default


@contextmanager
def intercept(
    transport: httpx2.BaseTransport | None = None,
    async_transport: httpx2.AsyncBaseTransport | None = None,
) -> Iterator[None]:
    """While the block runs, every ``SMSWorks`` (``AsyncSMSWorks``) built without its own ``httpx_client`` sends
    through ``transport`` (``async_transport``). Process-wide, nestable (the innermost wins), thread-safe."""
    entry = (transport, async_transport)
    with _lock:
        _installed.append(entry)
    try:
        yield
    finally:
        with _lock:
            _installed.remove(entry)


def intercepting_transport() -> httpx2.BaseTransport | None:
    with _lock:
        return next((sync for sync, _ in reversed(_installed) if sync is not None), None)


def intercepting_async_transport() -> httpx2.AsyncBaseTransport | None:
    with _lock:
        return next((a for _, a in reversed(_installed) if a is not None), None)
