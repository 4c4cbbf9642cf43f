"""``smsworks-emulator``: serve the emulator, print a token for it, or watch traffic for drift (``proxy``, ``drift check``)."""

from __future__ import annotations

import argparse
import gc
import importlib.util
import ipaddress
import logging
import os
import signal
import socket
import sys
from collections.abc import Sequence

from smsworks_emulator.http.auth import DEFAULT_TTL_SECONDS, issue_token
from smsworks_emulator.http.boundary import (
    CORS_ORIGINS_ENV,
    add_allowed_host_option,
    allowed_hosts,
    parse_names,
)
from smsworks_emulator.http.errors import STORE_EXIT_STATUS, StoreError
from smsworks_emulator.proxy.commands import add_commands as add_proxy_commands
from smsworks_emulator.proxy.commands import run as run_proxy_command
from smsworks_emulator.settings import (
    DEFAULT_DB_PATH,
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_SECRET,
    FAULTS,
    LOOPBACK,
    WIRE_FORMS,
    EmulatorSettings,
    parse_price,
)

SECRET_ENV = "SMSWORKS_EMULATOR_SECRET"
ADMIN_KEY_ENV = "SMSWORKS_EMULATOR_ADMIN_KEY"
DEFAULT_PORT = 8080
GRACE_SECONDS = 5
FULL_COLLECTION_THRESHOLD = 1000
"""Collections of the middle generation between two full ones (Python's default: 10)."""
EVENT_LOOPS = ("uvloop", "asyncio")
"""The faster first: ``auto`` takes the first one that is importable."""
HTTP_PARSERS = ("httptools", "h11")
DEFAULTS = EmulatorSettings()
"""Where the options' defaults come from: the settings' own."""
PUBLIC_OVERRIDE = "--allow-public-without-auth"
"""The one flag that serves a non-loopback address without an admin key or an own secret."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` only listens on this machine (127.0.0.0/8, ::1 or ``localhost``)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name other than localhost may resolve anywhere: treat it as exposed


def exposure_problem(host: str, admin_key: str | None, secret: str) -> str | None:
    """Why serving on ``host`` with these settings would let anyone on the network in, if so."""
    if is_loopback(host):
        return None
    missing = []
    if not admin_key:
        missing.append(
            f"--admin-key (env {ADMIN_KEY_ENV}), or anyone can reset the store and change balances"
        )
    if secret == DEFAULT_SECRET:
        missing.append(
            f"--secret (env {SECRET_ENV}) other than the public development key, or anyone can"
            " mint tokens"
        )
    if not missing:
        return None
    return (
        f"refusing to serve on {host or 'every interface'}, which is not a loopback address."
        f" It needs {'; and '.join(missing)}. Set {'them' if len(missing) > 1 else 'it'}, or"
        f" pass {PUBLIC_OVERRIDE} to serve it unprotected on purpose."
    )


def server_stack(loop: str = "auto", http: str = "auto") -> tuple[str, str]:
    """The event loop and HTTP parser to serve with: ``auto`` picks the fastest one installed.

    uvloop and httptools are the emulator's dependencies on Linux; elsewhere (or when they are
    missing) the server falls back to asyncio and h11, which always work. Naming one that is
    not installed is an error rather than a silent fallback.
    """
    return _pick("loop", loop, EVENT_LOOPS), _pick("http", http, HTTP_PARSERS)


def _pick(option: str, choice: str, candidates: tuple[str, ...]) -> str:
    if choice != "auto":
        if not _importable(choice):
            raise ValueError(f"{option}: {choice} is not installed")
        return choice
    return next(name for name in candidates if _importable(name))


def _importable(module: str) -> bool:
    return module in ("asyncio", "h11") or importlib.util.find_spec(module) is not None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="smsworks-emulator",
        description="A stateful emulator of The SMS Works API (https://api.thesmsworks.co.uk/v1).",
        epilog="Quick start: smsworks-emulator serve & TOKEN=$(smsworks-emulator token --customer me); "
        'curl -H "Authorization: $TOKEN" http://127.0.0.1:8080/v1/credits/balance',
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser(
        "serve", help="run the emulator as an HTTP server (Ctrl-C or SIGTERM stops it)"
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="interface to listen on (default: %(default)s)"
    )
    serve.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help="TCP port; 0 picks a free one (default: %(default)s)",
    )
    serve.add_argument(
        "--db",
        default=DEFAULT_DB_PATH,
        help="SQLite file, created if missing, or :memory: to keep nothing (default: %(default)s)",
    )
    _add_secret(serve)
    serve.add_argument(
        "--admin-key",
        default=os.environ.get(ADMIN_KEY_ENV),
        help=f"require this value in X-Emulator-Admin-Key on /_emulator endpoints (env {ADMIN_KEY_ENV})",
    )
    serve.add_argument(
        PUBLIC_OVERRIDE,
        action="store_true",
        help="serve a non-loopback --host even without --admin-key and an own --secret "
        "(refused otherwise: anyone who reaches it could mint tokens and reset the store)",
    )
    add_allowed_host_option(serve, "emulator")
    serve.add_argument(
        "--cors-origin",
        dest="cors_origins",
        action="append",
        metavar="ORIGIN",
        help="let pages of this origin (http://localhost:5173) call the emulator from a browser: "
        "CORS headers for it alone, and its control requests accepted; repeat for more "
        f"(env {CORS_ORIGINS_ENV}, comma-separated; default: none)",
    )
    serve.add_argument(
        "--wire",
        choices=WIRE_FORMS,
        default=DEFAULTS.wire,
        help="spec: answers as the spec declares them; live-like: with the known variants of the "
        "live service (numbers for destination, sparse records, JavaScript dates, the object "
        "schedule answer, the framework's 400 body; see docs/emulator.md) (default: %(default)s)",
    )
    serve.add_argument("--seed", type=int, default=None, help="make ids and passcodes repeatable")
    serve.add_argument(
        "--delivery-delay",
        type=float,
        default=DEFAULTS.delivery_delay_seconds,
        metavar="SECONDS",
        help="time from SENT to DELIVERED (default: %(default)s)",
    )
    serve.add_argument(
        "--initial-credits",
        type=float,
        default=DEFAULTS.initial_credits,
        help="balance of a new customer (default: %(default)s)",
    )
    serve.add_argument(
        "--price",
        dest="prices",
        action="append",
        default=[],
        metavar="COUNTRY=CREDITS",
        help="credits per SMS part to a country (ISO 3166-1 code), e.g. FR=1.5; repeat for more. "
        "What a send there is charged and GET /credits/{countrycode} quotes; UK numbers (+44) cost 1",
    )
    serve.add_argument(
        "--price-abroad",
        type=float,
        default=DEFAULTS.non_uk_multiplier,
        metavar="CREDITS",
        help="credits per SMS part to every other country outside the UK (default: %(default)s)",
    )
    serve.add_argument(
        "--clock",
        choices=("real", "controlled"),
        default="real",
        help="'controlled' stops time until POST /_emulator/clock moves it (default: %(default)s)",
    )
    serve.add_argument(
        "--break-contract",
        "--fault",  # the old name, kept as an alias
        dest="break_contract",
        action="append",
        default=[],
        choices=sorted(FAULTS),
        help="TEST-ONLY: break the API contract on purpose, to prove a contract suite can fail. "
        + "; ".join(f"{name}: {what}" for name, what in FAULTS.items()),
    )
    serve.add_argument(
        "--loop",
        choices=("auto", *EVENT_LOOPS),
        default="auto",
        help="event loop; auto: uvloop when it is installed, else asyncio (default: %(default)s)",
    )
    serve.add_argument(
        "--http",
        choices=("auto", *HTTP_PARSERS),
        default="auto",
        help="HTTP/1.1 parser; auto: httptools when it is installed, else h11 (default: %(default)s)",
    )
    serve.add_argument(
        "--inject-faults",
        metavar="JSON|@FILE",
        help="start with these faults (latency, error, reset, stall), as PUT /_emulator/faults "
        "takes them; see docs/faults.md",
    )
    serve.add_argument(
        "--max-body-bytes",
        type=int,
        default=DEFAULT_MAX_BODY_BYTES,
        help="refuse larger request bodies with 413 (default: %(default)s)",
    )
    serve.add_argument(
        "--journal-size",
        type=int,
        default=DEFAULTS.journal_size,
        help="requests kept by GET /_emulator/requests; 0 keeps none (default: %(default)s)",
    )
    serve.add_argument(
        "--webhook-host",
        dest="webhook_hosts",
        action="append",
        metavar="HOST",
        help=f"send delivery reports only to this host; repeat for more, '{LOOPBACK}' for any "
        "loopback address and localhost (default: any host); a report elsewhere is recorded "
        "as refused in GET /_emulator/webhooks",
    )
    serve.add_argument(
        "--log-level", default="info", choices=("critical", "error", "warning", "info", "debug")
    )

    token = commands.add_parser("token", help="print a token ('JWT eyJ...') for a customer")
    token.add_argument(
        "--customer", default="customer", help="customer id (the token's 'key' claim)"
    )
    token.add_argument(
        "--ttl",
        type=int,
        default=DEFAULT_TTL_SECONDS,
        help="seconds until it expires (default: %(default)s)",
    )
    _add_secret(token)
    add_proxy_commands(commands)
    return parser


def _add_secret(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--secret",
        default=os.environ.get(SECRET_ENV, DEFAULT_SECRET),
        help=f"HS256 key for tokens; serve and token must agree (env {SECRET_ENV}; default: a fixed development key)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "token":
            print(issue_token(secret=args.secret, customer_id=args.customer, ttl_seconds=args.ttl))
            return 0
        if args.command in ("proxy", "drift"):
            if args.command == "proxy" and not is_loopback(args.host):
                raise ValueError(
                    f"refusing to serve the proxy on {args.host or 'every interface'}: it forwards tokens "
                    "and shows what passes through it, so it listens on a loopback address only"
                )
            return run_proxy_command(args, *server_stack())
        return _serve(args)
    except ValueError as error:
        print(f"smsworks-emulator: {error}", file=sys.stderr)
        return 2
    except StoreError as error:
        # One line naming the file, what is wrong and what to do; never a traceback.
        print(f"smsworks-emulator: {error}", file=sys.stderr)
        return STORE_EXIT_STATUS.get(error.problem, STORE_EXIT_STATUS["unusable"])


def _country_prices(options: list[str]) -> dict[str, float]:
    """``--price`` options as a table; a country given twice is an error, not a silent override."""
    table: dict[str, float] = {}
    for option in options:
        code, price = parse_price(option)
        if code in table:
            raise ValueError(f"--price: {code} is given twice ({table[code]:g} and {price:g})")
        table[code] = price
    return table


def _stopped(signal_number: int, frame: object) -> None:
    """Nothing to do: uvicorn has already finished its graceful shutdown."""


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from smsworks_emulator.http.app import create_app, emulator_of
    from smsworks_emulator.http.faults import plan_from_text

    problem = exposure_problem(args.host, args.admin_key, args.secret)
    if problem is not None and not args.allow_public_without_auth:
        raise ValueError(problem)  # before anything binds
    settings = EmulatorSettings(
        db_path=args.db,
        secret=args.secret,
        clock=args.clock,
        initial_credits=args.initial_credits,
        non_uk_multiplier=args.price_abroad,
        country_prices=_country_prices(args.prices),
        delivery_delay_seconds=args.delivery_delay,
        admin_key=args.admin_key,
        seed=args.seed,
        faults=frozenset(args.break_contract),
        injected_faults=plan_from_text(args.inject_faults) if args.inject_faults else None,
        max_body_bytes=args.max_body_bytes,
        journal_size=args.journal_size,
        wire=args.wire,
        webhook_hosts=frozenset(h.lower() for h in args.webhook_hosts)
        if args.webhook_hosts
        else None,
        allowed_hosts=allowed_hosts(args),
        cors_origins=parse_names(args.cors_origins, os.environ.get(CORS_ORIGINS_ENV)),
    )
    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    if problem is not None:
        logging.getLogger("smsworks_emulator").warning(
            "%s given: serving %s unprotected", PUBLIC_OVERRIDE, args.host
        )
    if settings.faults:
        logging.getLogger("smsworks_emulator").warning(
            "TEST-ONLY contract breaks enabled: %s", ", ".join(sorted(settings.faults))
        )
    loop, http = server_stack(args.loop, args.http)
    app = create_app(settings)
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    # proto must say TCP: asyncio only sets TCP_NODELAY on accepted sockets whose proto is
    # IPPROTO_TCP, and without it every keep-alive response waits ~40 ms for a delayed ACK.
    listener = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((args.host, args.port))
    # Listening before the line below is printed: whoever reads it may connect at once (the
    # kernel queues the connection until uvicorn, starting, accepts it).
    listener.listen(2048)
    host, port = listener.getsockname()[:2]
    # A parent process (or a test) reads this line to find a port picked with --port 0.
    print(
        f"smsworks-emulator listening on http://{host}:{port}/v1 "
        f"(db: {settings.db_path}; event loop: {loop}, HTTP parser: {http})",
        flush=True,
    )
    # A stalled request (an injected fault) waits for its client; a stop waits at most this long.
    config = uvicorn.Config(
        app,
        log_level=args.log_level,
        lifespan="on",
        loop=loop,
        http=http,
        timeout_graceful_shutdown=GRACE_SECONDS,
    )
    server = uvicorn.Server(config)
    # uvicorn shuts down gracefully on SIGINT/SIGTERM, then raises the signal again for the handler
    # it found installed. Installing a no-op first makes a requested stop a clean exit (status 0).
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop_signal, _stopped)
    # What is built by now (the spec and its validators, the number metadata, every module) lives
    # as long as the process: frozen out of the collector's reach, a full collection no longer
    # walks it, and a request that triggers one no longer waits ~100 ms for it.
    gc.collect()
    gc.freeze()
    # A full collection still came every few seconds of load (the young objects that survive:
    # the journal's ring, caches), ~20 ms each; the young generations keep their thresholds and
    # still free the cycles of each request, while a full one waits for 100 times as many.
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_THRESHOLD)
    try:
        server.run(
            sockets=[listener]
        )  # uvicorn handles SIGINT and SIGTERM: finish requests, then stop
    finally:
        emulator_of(app).close()
    return 0
