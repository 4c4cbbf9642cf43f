"""What a server on loopback refuses: a ``Host`` it does not answer to, and cross-site control requests.

Binding to 127.0.0.1 keeps other machines out, but every web page open in the developer's browser
can still send requests to it. Two defences, in one ASGI middleware that both the emulator and the
drift proxy put in front of everything:

- **Host**: a page on a name the attacker re-points at 127.0.0.1 (DNS rebinding) is same-origin
  with the server and could read every answer. The browser still sends that name as ``Host``, so a
  request naming any host but this machine's (``rules/hosts.py``) or one the user allowed gets 403.
- **Cross-site**: a page on another origin cannot read answers, but can *send* "simple" requests
  (a form, a ``no-cors`` fetch) without asking. Every request that changes state under
  ``/_emulator`` must come from the server's own origin (``Origin``, ``Sec-Fetch-Site``) and carry
  what no page can send cross-site without a CORS preflight: ``Content-Type: application/json`` or
  the header :data:`INTENT_HEADER`. No CORS header is ever sent unless origins are given.
"""

from __future__ import annotations

import argparse
import logging
import os
from collections.abc import Collection
from dataclasses import dataclass

from starlette.types import ASGIApp, Receive, Scope, Send

from smsworks_emulator.http.control import PREFIX as CONTROL_PREFIX
from smsworks_emulator.http.errors import error_response
from smsworks_emulator.rules.errors import ApiError
from smsworks_emulator.rules.hosts import ANY_HOST, host_allowed, host_name

logger = logging.getLogger("smsworks_emulator")

INTENT_HEADER = "X-Smsworks-Emulator"
"""Sent with any value, it says "a program, not a web page, sent this" (a page cannot add it to a
cross-site request without a preflight the server never grants)."""
ALLOWED_HOSTS_ENV = "SMSWORKS_EMULATOR_ALLOWED_HOSTS"
CORS_ORIGINS_ENV = "SMSWORKS_EMULATOR_CORS_ORIGINS"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
FOREIGN_FETCH_SITES = frozenset({"cross-site", "same-site"})
"""``same-site`` too: another port of localhost is another origin, and another page."""
_KNOWN_HOSTS_KEPT = 256


@dataclass(frozen=True)
class Boundary:
    """Who may reach the server: the names it answers to and the origins it shares answers with."""

    allowed_hosts: frozenset[str] = frozenset()
    """Names besides this machine's; ``*`` for any."""
    cors_origins: frozenset[str] = frozenset()
    """Origins (``http://localhost:5173``) whose pages may call it; no CORS header otherwise."""
    server: str = "emulator"
    """What the refusals call the server."""

    def host_refusal(self, host: str, own: str | None) -> ApiError | None:
        name = host_name(host)
        if host_allowed(name, self.allowed_hosts, own):
            return None
        return ApiError(
            403,
            f"Host: {host!r} is not a name this {self.server} answers to (a web page on a name that"
            f" resolves to this machine could read it); to allow it, start with --allowed-host"
            f" {name or host} (env {ALLOWED_HOSTS_ENV})",
            status="FORBIDDEN",
        )

    def cross_site_refusal(
        self, scheme: str, host: str | None, origin: str | None, fetch_site: str | None
    ) -> ApiError | None:
        """Why a state-changing control request from this origin is refused, if it is."""
        if origin is not None and origin.lower() in self.cors_origins:
            return None
        if origin is not None and (host is None or origin.lower() != f"{scheme}://{host}".lower()):
            return self._forbidden(
                f"Origin: {origin!r} is not this {self.server}'s own: a page on another origin may"
                f" not change its state (allow one with --cors-origin {origin}, env"
                f" {CORS_ORIGINS_ENV})"
            )
        if fetch_site in FOREIGN_FETCH_SITES:
            return self._forbidden(
                f"Sec-Fetch-Site: {fetch_site!r}: a page on another origin may not change this"
                f" {self.server}'s state"
            )
        return None

    def _forbidden(self, message: str) -> ApiError:
        return ApiError(403, message, status="FORBIDDEN")


def intent_refusal(content_type: str | None, intent: str | None) -> ApiError | None:
    """Why a state-changing control request is refused for lack of a sign that a program sent it."""
    if intent is not None:
        return None
    if (
        content_type is not None
        and content_type.split(";")[0].strip().lower() == "application/json"
    ):
        return None
    return ApiError(
        403,
        f"Content-Type: a control request that changes state needs application/json (with or"
        f" without a body) or the header {INTENT_HEADER}: 1, which a web page cannot send to"
        f" another site without asking; got {content_type or 'none'}",
        status="FORBIDDEN",
    )


class BoundaryGuard:
    """The ASGI middleware: refuses what :class:`Boundary` refuses, before the app sees anything."""

    def __init__(self, app: ASGIApp, boundary: Boundary) -> None:
        self.app = app
        self.boundary = boundary
        # Hosts already answered for, by the address they arrived on: the common case costs a
        # set lookup. Only allowed names enter, and at most a few hundred of them.
        self._known: set[tuple[bytes, str | None]] = set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            refusal = self.refusal(scope)
            if refusal is not None:
                await error_response(refusal)(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def refusal(self, scope: Scope) -> ApiError | None:
        headers = _headers(scope)
        host = headers.get(b"host")
        if host is not None:
            server = scope.get("server")
            own = str(server[0]) if server else None
            if (host, own) not in self._known:
                refusal = self.boundary.host_refusal(host.decode("latin-1"), own)
                if refusal is not None:
                    return refusal
                if len(self._known) < _KNOWN_HOSTS_KEPT:
                    self._known.add((host, own))
        path: str = scope["path"]
        if scope["method"] in SAFE_METHODS or not (
            path == CONTROL_PREFIX or path.startswith(CONTROL_PREFIX + "/")
        ):
            return None
        text = {name: value.decode("latin-1") for name, value in headers.items()}
        return self.boundary.cross_site_refusal(
            scope.get("scheme", "http"),
            text.get(b"host"),
            text.get(b"origin"),
            text.get(b"sec-fetch-site"),
        ) or intent_refusal(text.get(b"content-type"), text.get(INTENT_HEADER.lower().encode()))


def _headers(scope: Scope) -> dict[bytes, bytes]:
    """The request's headers by lower-case name (ASGI servers give them lower case); the first wins."""
    found: dict[bytes, bytes] = {}
    for name, value in scope["headers"]:
        found.setdefault(name, value)
    return found


def warn_if_open(boundary: Boundary) -> None:
    """The one log line that says the Host check is off."""
    if ANY_HOST in boundary.allowed_hosts:
        logger.warning(
            "--allowed-host '*' given: any Host is answered, so a web page on a name that resolves to"
            " this machine (DNS rebinding) can read and change the %s's state",
            boundary.server,
        )


def parse_names(values: Collection[str] | None, env: str | None) -> frozenset[str]:
    """Names from repeated options and a comma-separated environment variable, lower case."""
    names = [*(values or ()), *(env or "").split(",")]
    return frozenset(name.strip().lower() for name in names if name.strip())


def add_allowed_host_option(parser: argparse.ArgumentParser, server: str) -> None:
    parser.add_argument(
        "--allowed-host",
        dest="allowed_hosts",
        action="append",
        metavar="NAME",
        help=f"answer requests whose Host is NAME too (a docker-compose service, a dev container; "
        f".NAME for it and its subdomains; '*' for any, which lets a web page on a rebound name "
        f"in); repeat for more (env {ALLOWED_HOSTS_ENV}, comma-separated). Always answered: "
        f"loopback addresses, localhost and the address the {server} listens on",
    )


def allowed_hosts(args: argparse.Namespace) -> frozenset[str]:
    """The ``--allowed-host`` names and the environment's."""
    return parse_names(args.allowed_hosts, os.environ.get(ALLOWED_HOSTS_ENV))
