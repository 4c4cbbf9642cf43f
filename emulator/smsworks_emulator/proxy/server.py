"""Running the drift proxy: the app built from options, served on loopback, its reports written when it stops."""

from __future__ import annotations

import logging
import signal
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from smsworks_emulator.drift import DriftChecker
from smsworks_emulator.http.boundary import Boundary, warn_if_open
from smsworks_emulator.http.spec import load_spec
from smsworks_emulator.proxy.endpoints import own_app
from smsworks_emulator.proxy.exits import EXIT_UNKNOWN, FAIL_ON
from smsworks_emulator.proxy.forwarding import DEFAULT_TIMEOUT_SECONDS, DriftProxy, Upstream
from smsworks_emulator.proxy.redaction import Redactor
from smsworks_emulator.proxy.reports import summary, write_reports
from smsworks_emulator.proxy.watch import DriftWatch

GRACE_SECONDS = 5
SERVER_OPTIONS: dict[str, Any] = {
    "access_log": False,  # the request line may carry what the journal redacts
    "server_header": False,  # the upstream's own Server and Date go back as they came
    "date_header": False,
}
"""How uvicorn serves the proxy (and a test serves it): nothing of its own added to an answer or the log."""


@dataclass(frozen=True)
class ProxyOptions:
    upstream: str
    upstream_ca: str | None = None
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS
    strict: bool = False
    keep_content: bool = False
    report_dir: str | None = None
    fail_on: str = "never"
    allowed_hosts: frozenset[str] = frozenset()
    """Host names answered besides this machine's (``--allowed-host``)."""

    def __post_init__(self) -> None:
        if self.fail_on not in FAIL_ON:
            raise ValueError(f"fail-on: one of {', '.join(FAIL_ON)}, not {self.fail_on!r}")


def spec_checker() -> DriftChecker:
    """A checker of the patched spec the emulator ships."""
    return DriftChecker(cast(dict[str, Any], load_spec().document))


def build(options: ProxyOptions, checker: DriftChecker | None = None) -> DriftProxy:
    """The proxy app; its :class:`DriftWatch` is ``app.watch``."""
    upstream = Upstream(options.upstream, options.upstream_ca, options.timeout_seconds)
    upstream.ssl_context()  # a CA file that cannot be read is an error before anything binds
    watch = DriftWatch(
        checker or spec_checker(),
        Redactor(keep_content=options.keep_content),
        mode="strict" if options.strict else "observe",
        upstream=options.upstream,
    )
    boundary = Boundary(options.allowed_hosts, server="proxy")
    warn_if_open(boundary)
    return DriftProxy(upstream, watch, own_app(watch), strict=options.strict, boundary=boundary)


def exit_status(watch: DriftWatch, fail_on: str) -> int:
    if fail_on == "unknown" and watch.has_unknown():
        return EXIT_UNKNOWN
    if fail_on == "unknown-response" and watch.has_unknown("response"):
        return EXIT_UNKNOWN
    return 0


def finish(watch: DriftWatch, options: ProxyOptions) -> int:
    """Reports written (when a folder is given), the summary printed; the exit status."""
    if options.report_dir:
        for path in write_reports(watch, options.report_dir):
            print(f"wrote {path}", file=sys.stderr)
    print(summary(watch), file=sys.stderr, flush=True)
    return exit_status(watch, options.fail_on)


CLIENT_LOGGERS = ("httpx2", "httpcore2")
"""HTTP clients' loggers: httpx2 logs each request's URL, query string and all, at INFO."""


def quiet_client_logs() -> None:
    """Only the client's warnings reach the proxy's log: a URL may carry what the journal redacts."""
    for name in CLIENT_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


def _stopped(signal_number: int, frame: object) -> None:
    """Nothing to do: uvicorn has already finished its graceful shutdown."""


def run(
    options: ProxyOptions,
    host: str = "127.0.0.1",
    port: int = 8090,
    *,
    loop: str = "auto",
    http: str = "auto",
    log_level: str = "info",
) -> int:
    """Serves until SIGINT or SIGTERM, then writes the reports; the exit status. ``host``: loopback only
    (the command line refuses any other)."""
    import uvicorn

    logging.basicConfig(level=log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    quiet_client_logs()
    app = build(options)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP: asyncio sets TCP_NODELAY only then (else ~40 ms per keep-alive answer).
    listener = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, port))
    listener.listen(2048)
    bound_host, bound_port = listener.getsockname()[:2]
    base = app.upstream.base_path.decode("latin-1")
    mode = "strict" if options.strict else "observe"
    # A parent process (or a test) reads this line to find a port picked with --port 0.
    print(
        f"smsworks-emulator proxy listening on http://{bound_host}:{bound_port}{base} "
        f"-> {options.upstream} ({mode}; reports: {options.report_dir or 'none'})",
        flush=True,
    )
    config = uvicorn.Config(
        app,
        log_level=log_level,
        lifespan="on",
        loop=loop,
        http=http,
        timeout_graceful_shutdown=GRACE_SECONDS,
        **SERVER_OPTIONS,
    )
    server = uvicorn.Server(config)
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop_signal, _stopped)
    try:
        server.run(sockets=[listener])
    finally:
        listener.close()
    return finish(app.watch, options)


def check_file(path: str, options: ProxyOptions) -> int:
    """``drift check FILE``: the recording through the checker, the report printed and written."""
    from smsworks_emulator.proxy.recordings import check_recording
    from smsworks_emulator.proxy.reports import markdown

    watch = DriftWatch(
        spec_checker(),
        Redactor(keep_content=options.keep_content),
        mode="offline",
        source=str(Path(path)),
    )
    check_recording(watch, path)
    print(markdown(watch), end="")
    return finish(watch, options)
