"""Real servers on 127.0.0.1 for the drift proxy's tests: the emulator or a departing app as upstream, the proxy
in front of it.

Every server is the test helpers' :class:`LoopbackServer` (uvicorn on a free loopback port, in a thread);
a child process is used where the command line itself is under test (``test_cli.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp

from smsworks_emulator.proxy.forwarding import DriftProxy
from smsworks_emulator.proxy.server import SERVER_OPTIONS, ProxyOptions, build
from smsworks_emulator.proxy.watch import DriftWatch
from smsworks_emulator.testing import ServedEmulator, served, settings_for_tests
from smsworks_emulator.testing.loopback import LoopbackServer
from smsworks_emulator.testing.loopback import serving as serve_app

TOKEN_CUSTOMER = "drift-watch"
PHONE = "447700900123"
"""A full number a test sends; only ``+44…23`` of it may be kept."""
CONTENT = "Meet me at the old mill at nine, bring the blue folder"
"""Message text a test sends; only its length and encoding may be kept."""


@contextmanager
def serving(
    app: ASGIApp, certificate: tuple[str, str] | None = None, options: dict[str, Any] | None = None
) -> Iterator[LoopbackServer]:
    """``app`` on loopback (``lifespan`` on, a one-second graceful stop) while the block runs."""
    with serve_app(
        app,
        certificate=certificate,
        **{"lifespan": "on", "timeout_graceful_shutdown": 1, **(options or {})},
    ) as handle:
        yield handle


@dataclass
class Proxied:
    """A proxy in front of an upstream: ``http`` talks to the proxy, the token is the upstream's."""

    proxy: DriftProxy
    served: LoopbackServer
    http: httpx2.Client
    token: str

    @property
    def watch(self) -> DriftWatch:
        return self.proxy.watch

    @property
    def base_url(self) -> str:
        return self.served.origin + "/v1"

    def call(self, method: str, path: str, body: Any = None) -> httpx2.Response:
        kwargs: dict[str, Any] = {"headers": {"Authorization": self.token}}
        if body is not None:
            kwargs["json"] = body
        return self.http.request(method, "/v1" + path, **kwargs)

    def send(self, **fields: Any) -> httpx2.Response:
        body = {"sender": "Acme", "destination": PHONE, "content": CONTENT, **fields}
        return self.call("POST", "/message/send", body)

    def drift(self) -> dict[str, Any]:
        response = self.http.get("/_emulator/drift")
        assert response.status_code == 200, response.text
        document: dict[str, Any] = response.json()
        return document


@contextmanager
def proxied(upstream_url: str, token: str = "JWT none", **options: Any) -> Iterator[Proxied]:
    """The proxy app built as the command line builds it, served on loopback in front of ``upstream_url``."""
    app = build(ProxyOptions(upstream=upstream_url, **options))
    with (
        serving(app, options=SERVER_OPTIONS) as handle,
        httpx2.Client(base_url=handle.origin, timeout=30.0) as http,
    ):
        yield Proxied(app, handle, http, token)


@contextmanager
def emulator_behind_proxy(
    wire: str = "spec", proxy_options: dict[str, Any] | None = None, **settings: Any
) -> Iterator[tuple[ServedEmulator, Proxied]]:
    """The emulator (``settings``: of :class:`EmulatorSettings`) served in its ``wire`` form, behind the proxy."""
    with served(settings_for_tests(wire=wire, **settings)) as emulator:
        token = emulator.token(TOKEN_CUSTOMER)
        with proxied(emulator.base_url, token, **(proxy_options or {})) as proxy:
            yield emulator, proxy


HOSTILE = "<img src=x onerror=\"document.title='pwned'\">"
"""A value an upstream may send that a page must show as text."""


def departing_app(content_type_of_batch: str = "text/plain") -> Starlette:
    """An upstream that departs from the spec on purpose, one way per operation.

    - ``sendMessage``: ``status`` is a number (``type`` at ``/status``), ``credits`` is missing (``required``);
    - ``getCreditsBalance``: ``credits`` is text (``type`` at ``/credits``);
    - ``getCreditsForCountry``: the quote has no ``credits`` (``required`` at ``/credits``);
    - ``getMessageById``: answers 202, a status the operation does not declare (``undeclared-status``);
    - ``sendBatch``: a body that is not JSON under another content type (``content-type``, ``unparseable-body``).
    """

    async def send(request: Request) -> Response:
        await request.body()
        return Response(
            b'{"messageid":"m-1","status":7,"creditsUsed":1.0}',
            201,
            media_type="application/json;charset=UTF-8",
        )

    async def balance(request: Request) -> Response:
        return Response(b'{"credits":"12"}', 200, media_type="application/json;charset=UTF-8")

    async def quote(request: Request) -> Response:
        return Response(b'{"code":"GB","country":"United Kingdom"}', 200,
                        media_type="application/json;charset=UTF-8")  # fmt: skip

    async def message(request: Request) -> Response:
        return Response(b'{"queued":true}', 202, media_type="application/json;charset=UTF-8")

    async def batch(request: Request) -> Response:
        await request.body()
        return Response(b"OK, queued", 201, headers={"content-type": content_type_of_batch})

    return Starlette(
        routes=[
            Route("/v1/message/send", send, methods=["POST"]),
            Route("/v1/credits/balance", balance, methods=["GET"]),
            Route("/v1/credits/{countrycode}", quote, methods=["GET"]),
            Route("/v1/messages/{messageid}", message, methods=["GET"]),
            Route("/v1/batch/send", batch, methods=["POST"]),
        ]
    )
