"""The ASGI application: the spec's operations under its base path, plus the control endpoints."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from smsworks_emulator.api import operation_endpoint
from smsworks_emulator.control import control_routes
from smsworks_emulator.engine import Emulator
from smsworks_emulator.errors import ApiError
from smsworks_emulator.settings import EmulatorSettings
from smsworks_emulator.spec import Spec
from smsworks_emulator.wire import error_response

logger = logging.getLogger("smsworks_emulator")
Endpoint = Callable[[Request], Awaitable[Response]]


def create_app(settings: EmulatorSettings | None = None, *, spec: Spec | None = None) -> Starlette:
    """A ready emulator. The spec is loaded and its validators compiled here, once."""
    emu = Emulator(settings or EmulatorSettings(), spec)
    routes = _api_routes(emu)
    routes.extend(control_routes(emu))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Schedules that fell due while the emulator was down go out now, then on every tick.
        await emu.run_due()
        # Served: requests that run in the same turn of this loop share a COMMIT.
        emu.store.group_commits(asyncio.get_running_loop())
        ticker = asyncio.create_task(_tick_forever(emu))
        try:
            yield
        finally:
            ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await ticker
            emu.store.stop_group_commits()

    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={HTTPException: _http_error},
    )
    app.state.emulator = emu
    return app


def emulator_of(app: Starlette) -> Emulator:
    """The :class:`Emulator` behind an app made by :func:`create_app`."""
    emu = app.state.emulator
    assert isinstance(emu, Emulator)
    return emu


async def _http_error(request: Request, exc: Exception) -> Response:
    # Unknown routes and wrong methods, in the same JSON shape as every other error.
    assert isinstance(exc, HTTPException)
    if exc.status_code == 405:
        message = f"method: {request.method} is not allowed on {request.url.path}"
    elif exc.status_code == 404:
        message = f"path: {request.url.path} is not an operation of the API"
    else:
        message = str(exc.detail)
    response = error_response(ApiError(exc.status_code, message))
    if exc.headers:
        response.headers.update(exc.headers)
    return response


def _api_routes(emu: Emulator) -> list[Route]:
    """One route per path, so that a 405's Allow header lists every method the spec documents."""
    by_path: dict[str, dict[str, Endpoint]] = {}
    for operation in emu.spec.operations.values():
        by_path.setdefault(operation.path, {})[operation.method] = operation_endpoint(
            emu, operation
        )
    # /messages/schedule must win over /messages/{messageid}, as OpenAPI path matching says.
    ordered = sorted(by_path.items(), key=lambda item: "{" in item[0])
    return [
        Route(emu.spec.base_path + path, _by_method(endpoints), methods=list(endpoints))
        for path, endpoints in ordered
    ]


def _by_method(endpoints: dict[str, Endpoint]) -> Endpoint:
    if len(endpoints) == 1:
        return next(iter(endpoints.values()))

    async def dispatch(request: Request) -> Response:
        method = "GET" if request.method == "HEAD" else request.method
        return await endpoints[method](request)

    return dispatch


async def _tick_forever(emu: Emulator) -> None:
    while True:
        await asyncio.sleep(emu.settings.tick_seconds)
        try:
            await emu.run_due()
        except Exception:
            logger.exception("processing due work failed; will retry on the next tick")
