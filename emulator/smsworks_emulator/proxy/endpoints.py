"""The proxy's own endpoints: ``GET /_emulator/drift`` (the findings), ``GET /_emulator/drift/exchanges`` (the
journal, newest first) and the web inbox page, whose Drift tab reads them.

Everything they answer was redacted when it was recorded (:mod:`smsworks_emulator.proxy.redaction`).
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from smsworks_emulator.http.errors import guarded, http_error
from smsworks_emulator.http.ui import ui_routes
from smsworks_emulator.http.wire import json_response, limit_param
from smsworks_emulator.proxy.forwarding import OWN_PREFIX
from smsworks_emulator.proxy.watch import DriftWatch

DRIFT_PATH = OWN_PREFIX + "/drift"


def own_app(watch: DriftWatch) -> Starlette:
    """The app that answers ``/_emulator/...`` on the proxy."""

    async def drift(request: Request) -> Response:
        return json_response(200, watch.document())

    async def exchanges(request: Request) -> Response:
        return json_response(200, watch.recent(limit_param(request)))

    routes: list[BaseRoute] = [
        Route(DRIFT_PATH, guarded(drift), methods=["GET"]),
        Route(DRIFT_PATH + "/exchanges", guarded(exchanges), methods=["GET"]),
        *ui_routes(),
    ]
    return Starlette(routes=routes, exception_handlers={HTTPException: http_error})
