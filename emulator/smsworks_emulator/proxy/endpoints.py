"""The proxy's own endpoints: ``GET /_emulator/drift`` (the findings), ``GET /_emulator/drift/exchanges`` (the
journal, newest first) and its web page at ``/_emulator/ui``, whose Drift tab reads them.

Everything they answer was redacted when it was recorded (:mod:`smsworks_emulator.proxy.redaction`). The page
is the proxy's own three files (``static/``) and the web inbox's style sheet, served with the inbox's security
headers: only its own script, no inline script, and every value put into it as text.
"""

from __future__ import annotations

from importlib import resources

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from smsworks_emulator.http.errors import guarded, http_error
from smsworks_emulator.http.ui import ASSETS, SECURITY_HEADERS, UI_PATH
from smsworks_emulator.http.wire import json_response, limit_param
from smsworks_emulator.proxy.forwarding import OWN_PREFIX
from smsworks_emulator.proxy.watch import DriftWatch
from smsworks_emulator.rules.errors import not_found

DRIFT_PATH = OWN_PREFIX + "/drift"
PAGE_ASSETS = {
    "index.html": "text/html; charset=utf-8",
    "drift.js": "text/javascript; charset=utf-8",
    "drift.css": "text/css; charset=utf-8",
}
SHARED_ASSETS = ("app.css",)
"""Files of the web inbox the page uses as they are."""


def page_assets() -> dict[str, tuple[bytes, str]]:
    """The page's files by name: their bytes and media type."""
    own = resources.files("smsworks_emulator.proxy").joinpath("static")
    shared = resources.files("smsworks_emulator.http").joinpath("static")
    assets = {name: (own.joinpath(name).read_bytes(), media) for name, media in PAGE_ASSETS.items()}
    assets.update(
        {name: (shared.joinpath(name).read_bytes(), ASSETS[name]) for name in SHARED_ASSETS}
    )
    return assets


def own_app(watch: DriftWatch) -> Starlette:
    """The app that answers ``/_emulator/...`` on the proxy."""
    assets = page_assets()

    async def drift(request: Request) -> Response:
        return json_response(200, watch.document())

    async def exchanges(request: Request) -> Response:
        return json_response(200, watch.recent(limit_param(request)))

    async def page(request: Request) -> Response:
        return _asset(assets, "index.html")

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in assets or name == "index.html":
            raise not_found(f"path: {request.url.path} is not a file of the drift page")
        return _asset(assets, name)

    async def slash(request: Request) -> Response:
        return RedirectResponse(UI_PATH, status_code=308)

    routes: list[BaseRoute] = [
        Route(DRIFT_PATH, guarded(drift), methods=["GET"]),
        Route(DRIFT_PATH + "/exchanges", guarded(exchanges), methods=["GET"]),
        Route(UI_PATH, page, methods=["GET"]),
        Route(UI_PATH + "/", slash, methods=["GET"]),
        Route(UI_PATH + "/{name}", guarded(asset), methods=["GET"]),
    ]
    return Starlette(routes=routes, exception_handlers={HTTPException: http_error})


def _asset(assets: dict[str, tuple[bytes, str]], name: str) -> Response:
    body, media = assets[name]
    return Response(body, media_type=media, headers=SECURITY_HEADERS)
