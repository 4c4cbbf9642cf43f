"""The command line of the drift proxy: ``smsworks-emulator proxy`` and ``smsworks-emulator drift check FILE``.

Only argparse here (and the exit rules of :mod:`.exits`, which import nothing): the proxy's modules are
imported when a command runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from smsworks_emulator.http.boundary import add_allowed_host_option, allowed_hosts
from smsworks_emulator.proxy.exits import EXIT_REPORT_DIR, FAIL_ON

DEFAULT_PORT = 8090
DEFAULT_UPSTREAM = "https://api.thesmsworks.co.uk/v1"


def add_commands(commands: Any) -> None:
    """Adds ``proxy`` and ``drift`` to the subparsers of ``smsworks-emulator``."""
    proxy = commands.add_parser(
        "proxy",
        help="watch real traffic for drift from the spec: forward to --upstream, check every exchange",
        description="Forwards every request to the upstream as it came and its answer back as it came, "
        "checking each exchange against the patched spec. Findings: GET /_emulator/drift, the Drift tab "
        "of /_emulator/ui, and on exit (Ctrl-C, SIGTERM) drift.md, drift.json and drift-junit.xml in "
        "--report-dir. See docs/drift.md.",
    )
    proxy.add_argument(
        "--upstream",
        default=DEFAULT_UPSTREAM,
        help="the API to forward to, with its base path (default: %(default)s)",
    )
    proxy.add_argument(
        "--host",
        default="127.0.0.1",
        help="loopback interface to listen on; no other is allowed (default: %(default)s)",
    )
    proxy.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help="TCP port; 0 picks a free one (default: %(default)s)",
    )
    add_allowed_host_option(proxy, "proxy")
    proxy.add_argument(
        "--upstream-ca",
        metavar="FILE",
        help="PEM file of a private CA to trust for the upstream, besides the system's trust store",
    )
    proxy.add_argument(
        "--upstream-timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="wait this long for the upstream, then answer 504 (default: %(default)s)",
    )
    _add_report_options(proxy, fail_on_default="never")
    proxy.add_argument(
        "--strict",
        action="store_true",
        help="answer an upstream answer with an unknown departure with 502 naming it (default: observe, "
        "never change traffic)",
    )
    proxy.add_argument(
        "--log-level", default="info", choices=("critical", "error", "warning", "info", "debug")
    )

    drift = commands.add_parser("drift", help="check recorded traffic for drift from the spec")
    actions = drift.add_subparsers(dest="drift_command", required=True, metavar="ACTION")
    check = actions.add_parser(
        "check",
        help="check a schemathesis cassette (VCR YAML) or a HAR file, printing the drift report",
    )
    check.add_argument("file", metavar="FILE", help="the recording")
    _add_report_options(check, fail_on_default="unknown")


def _add_report_options(parser: argparse.ArgumentParser, fail_on_default: str) -> None:
    parser.add_argument(
        "--report-dir",
        metavar="DIR",
        help="write drift.md, drift.json and drift-junit.xml here (created when missing)",
    )
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default=fail_on_default,
        help="unknown: exit with status 1 when any unknown departure was seen; unknown-response: only "
        "when the upstream's answers departed, not the requests (default: %(default)s)",
    )
    parser.add_argument(
        "--keep-content",
        action="store_true",
        help="keep message content in findings, journal and reports (default: its length and encoding only; "
        "tokens and phone numbers are never kept)",
    )


def report_dir_problem(report_dir: str | None) -> str | None:
    """Why the reports could not be written to ``report_dir`` at the end of a run, if they could not."""
    if not report_dir:
        return None
    folder = Path(report_dir)
    if folder.exists() and not folder.is_dir():
        return f"--report-dir {report_dir}: is a file, not a folder; give a folder for the reports"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return f"--report-dir {report_dir}: cannot be created ({error.strerror}); give a writable folder"
    if not os.access(folder, os.W_OK | os.X_OK):
        return (
            f"--report-dir {report_dir}: is not writable; make it writable or give another folder"
        )
    return None


def run(args: argparse.Namespace, loop: str, http: str) -> int:
    """Runs ``proxy`` (served with ``loop`` and ``http``) or ``drift check``; the exit status."""
    from smsworks_emulator.proxy.server import ProxyOptions, check_file
    from smsworks_emulator.proxy.server import run as serve_proxy

    problem = report_dir_problem(args.report_dir)
    if problem is not None:
        # One line naming the folder, what is wrong and what to do; found before a run, not after.
        print(f"smsworks-emulator: {problem}", file=sys.stderr)
        return EXIT_REPORT_DIR
    if args.command == "drift":
        options = ProxyOptions(
            upstream="",
            report_dir=args.report_dir,
            fail_on=args.fail_on,
            keep_content=args.keep_content,
        )
        return check_file(args.file, options)
    options = ProxyOptions(
        upstream=args.upstream,
        upstream_ca=args.upstream_ca,
        timeout_seconds=args.upstream_timeout,
        strict=args.strict,
        keep_content=args.keep_content,
        report_dir=args.report_dir,
        fail_on=args.fail_on,
        allowed_hosts=allowed_hosts(args),
    )
    return serve_proxy(
        options, args.host, args.port, loop=loop, http=http, log_level=args.log_level
    )
