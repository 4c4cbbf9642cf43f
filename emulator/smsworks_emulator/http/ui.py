"""The web inbox at ``/_emulator/ui`` and the read-only control endpoints it reads.

The page is three static files shipped in this package (``static/``): no build step, nothing
fetched from elsewhere. It holds no data; it reads JSON from the control endpoints with
``fetch``, sending the admin key (when the emulator has one) as ``X-Emulator-Admin-Key``. So the
page itself is served without the key, and every endpoint that answers with data checks it.
"""

from __future__ import annotations

from importlib import resources

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from smsworks_emulator.http.control import PREFIX, ControlEndpoint
from smsworks_emulator.http.errors import guarded
from smsworks_emulator.http.wire import json_response, limit_param, query_param
from smsworks_emulator.rules.errors import not_found
from smsworks_emulator.service.emulator import Emulator

UI_PATH = PREFIX + "/ui"
ASSETS = {
    "index.html": "text/html; charset=utf-8",
    "app.js": "text/javascript; charset=utf-8",
    "app.css": "text/css; charset=utf-8",
}
SECURITY_HEADERS = {
    # Only this page's own script and style; no inline script, no frames, no other origin.
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


async def list_customers(emu: Emulator, request: Request) -> Response:
    emu.scheduler.advance_state()  # refunds that fell due count: the page reads balances here
    return json_response(200, emu.inspection.customers())


async def get_balance(emu: Emulator, request: Request) -> Response:
    emu.scheduler.advance_state()  # refunds that fell due count
    return json_response(200, emu.inspection.balance(request.path_params["customer_id"]))


async def list_inbound(emu: Emulator, request: Request) -> Response:
    limit = limit_param(request)
    return json_response(200, emu.inspection.inbound(query_param(request, "customer_id"), limit))


async def list_otps(emu: Emulator, request: Request) -> Response:
    limit = limit_param(request)
    customer = query_param(request, "customer_id")
    return json_response(200, emu.inspection.otps(customer, limit, emu.clock.now_ms()))


READ_ROUTES: tuple[tuple[str, str, ControlEndpoint], ...] = (
    ("GET", "/customers", list_customers),
    ("GET", "/customers/{customer_id}/balance", get_balance),
    ("GET", "/inbound", list_inbound),
    ("GET", "/otps", list_otps),
)


def ui_routes() -> list[Route]:
    """The page and its assets (the data endpoints are :data:`READ_ROUTES`, behind the admin key)."""
    files = resources.files("smsworks_emulator.http").joinpath("static")
    assets = {name: files.joinpath(name).read_bytes() for name in ASSETS}

    async def page(request: Request) -> Response:
        return _asset(assets, "index.html")

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in assets:
            raise not_found(f"path: {request.url.path} is not a file of the web inbox")
        return _asset(assets, name)

    async def slash(request: Request) -> Response:
        return RedirectResponse(UI_PATH, status_code=308)

    return [
        Route(UI_PATH, page, methods=["GET"]),
        Route(UI_PATH + "/", slash, methods=["GET"]),
        Route(UI_PATH + "/{name}", guarded(asset), methods=["GET"]),
    ]


def _asset(assets: dict[str, bytes], name: str) -> Response:
    return Response(assets[name], media_type=ASSETS[name], headers=SECURITY_HEADERS)
