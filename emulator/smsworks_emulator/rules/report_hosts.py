"""Which hosts a delivery report may be POSTed to.

A served emulator POSTs each message's report to the URL its sender gave. On a developer's machine
that is their own app, wherever it runs (``None``: any host). A test run must reach nothing but
loopback: a report URL such as ``https://example.com/...`` drawn by a test would otherwise send a
DNS query and a POST off the machine, and leave the lookup running when the test's server stops.
"""

from __future__ import annotations

from collections.abc import Collection
from urllib.parse import urlsplit

from smsworks_emulator.rules.hosts import is_loopback_host

LOOPBACK = "loopback"
"""In an allow-list, every loopback address (127.0.0.0/8, ::1) and ``localhost``."""


def report_host_allowed(url: str, allowed: Collection[str] | None) -> bool:
    """Whether a report to ``url`` may be sent; ``allowed`` holds host names and/or :data:`LOOPBACK`."""
    if allowed is None:
        return True
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return True  # not a URL at all: the POST itself fails and says why
    if host in allowed:
        return True
    return LOOPBACK in allowed and is_loopback_host(host)
