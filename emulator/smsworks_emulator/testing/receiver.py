"""A delivery-report endpoint for tests: a real HTTP server on loopback that records each POST
and answers with the statuses it is told, so a test can see reports arrive and make them fail.

>>> from smsworks_emulator.testing import report_receiver
>>> with report_receiver([503, 200]) as receiver:   # fails the first POST, then accepts
...     ...  # send with deliveryreporturl=receiver.url, then read receiver.reports
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from smsworks_emulator.testing.loopback import HOST


class ReportReceiver:
    """What the endpoint received, as ``(status answered, JSON body)`` pairs in arrival order."""

    def __init__(self, statuses: Sequence[int]) -> None:
        if not statuses:
            raise ValueError("statuses: give at least one status to answer with")
        self._statuses = list(statuses)
        self._lock = threading.Lock()
        self.posts: list[tuple[int, dict[str, Any]]] = []
        self.url = ""

    def answer(self, body: dict[str, Any]) -> int:
        """Record a POST and choose its status: the statuses in turn, the last one repeating."""
        with self.lock:
            status = self._statuses[min(len(self.posts), len(self._statuses) - 1)]
            self.posts.append((status, body))
            return status

    @property
    def lock(self) -> threading.Lock:
        return self._lock

    @property
    def reports(self) -> list[dict[str, Any]]:
        """Every body received, accepted or not."""
        with self.lock:
            return [body for _, body in self.posts]

    def acknowledged(self) -> list[dict[str, Any]]:
        """The bodies answered with a 2xx status."""
        with self.lock:
            return [body for status, body in self.posts if 200 <= status < 300]


@contextmanager
def report_receiver(statuses: Sequence[int] = (200,)) -> Iterator[ReportReceiver]:
    """A :class:`ReportReceiver` listening on a free loopback port while the block runs."""
    state = ReportReceiver(statuses)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            status = state.answer(json.loads(self.rfile.read(length) or b"{}"))
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            return None

    server = ThreadingHTTPServer((HOST, 0), Handler)
    state.url = f"http://{HOST}:{server.server_address[1]}/reports"
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
