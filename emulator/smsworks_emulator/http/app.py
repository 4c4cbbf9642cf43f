"""The ASGI application: the spec's operations under its base path, plus the control endpoints.

To add routes, extend the list :func:`create_app` builds; to add a middleware, append it to
``middleware``. Both are built here, once per app.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import BaseRoute

from smsworks_emulator.http.auth import Authenticator, Customers
from smsworks_emulator.http.boundary import INTENT_HEADER, Boundary, BoundaryGuard, warn_if_open
from smsworks_emulator.http.control import ADMIN_HEADER, control_routes
from smsworks_emulator.http.errors import http_error
from smsworks_emulator.http.faults import FaultInjector, Faults, fault_routes
from smsworks_emulator.http.journal import Journal, JournalLog, journal_routes
from smsworks_emulator.http.limits import BodyLimit
from smsworks_emulator.http.matching import OperationMatcher
from smsworks_emulator.http.routing import api_routes
from smsworks_emulator.http.spec import Spec, load_spec
from smsworks_emulator.http.timeline import from_environment
from smsworks_emulator.http.ui import READ_ROUTES, ui_routes
from smsworks_emulator.service.emulator import Emulator
from smsworks_emulator.settings import EmulatorSettings
from smsworks_emulator.store import StorageFault

logger = logging.getLogger("smsworks_emulator")


def create_app(settings: EmulatorSettings | None = None, *, spec: Spec | None = None) -> Starlette:
    """A ready emulator. The spec is loaded and its validators compiled once per process."""
    settings = settings or EmulatorSettings()
    spec = spec or load_spec()
    emu = Emulator(settings)
    authenticator = Authenticator(settings.secret)
    customers = Customers(
        authenticator,
        emu.accounts,
        ignore_auth="ignore-auth" in settings.faults,
        accept_expired="accept-expired-token" in settings.faults,
    )
    timeline = from_environment()  # None unless SMSWORKS_EMULATOR_TIMELINE is set
    if timeline is not None:
        timeline.install(emu, customers)
    routes: list[BaseRoute] = []
    routes.extend(api_routes(emu, spec, customers))
    matcher = OperationMatcher(spec)
    journal = JournalLog(emu, matcher, authenticator)
    faults = FaultInjector(emu, matcher, authenticator)
    if settings.injected_faults is not None:
        faults.configure(settings.injected_faults)  # FaultError (a ValueError) names the field
    routes.extend(
        control_routes(emu, [*journal_routes(journal), *fault_routes(faults), *READ_ROUTES])
    )
    routes.extend(ui_routes())
    boundary = Boundary(settings.allowed_hosts, settings.cors_origins)
    warn_if_open(boundary)
    # Outermost first. A request from a rebound name or a cross-site page touches nothing, not even
    # the journal; the journal sees every other answer, 413s and injected faults included.
    middleware: list[Middleware] = [Middleware(BoundaryGuard, boundary=boundary)]
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=sorted(settings.cors_origins),
                allow_methods=["GET", "POST", "PUT", "DELETE"],
                allow_headers=["Authorization", "Content-Type", ADMIN_HEADER, INTENT_HEADER],
            )
        )
    middleware += [
        Middleware(Journal, log=journal),
        Middleware(BodyLimit, max_bytes=settings.max_body_bytes),
        Middleware(Faults, injector=faults),
    ]
    if timeline is not None:
        middleware.insert(0, Middleware(timeline.middleware))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Schedules that fell due while the emulator was down go out now, then on every tick.
        await emu.scheduler.run_due()
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
            if timeline is not None:
                timeline.write()

    app = Starlette(
        routes=routes,
        middleware=middleware,
        lifespan=lifespan,
        exception_handlers={HTTPException: http_error},
    )
    app.state.emulator = emu
    app.state.spec = spec
    app.state.journal = journal
    app.state.faults = faults
    return app


def emulator_of(app: Starlette) -> Emulator:
    """The :class:`Emulator` behind an app made by :func:`create_app`."""
    emu = app.state.emulator
    assert isinstance(emu, Emulator)
    return emu


def spec_of(app: Starlette) -> Spec:
    """The patched spec an app made by :func:`create_app` serves."""
    spec = app.state.spec
    assert isinstance(spec, Spec)
    return spec


async def _tick_forever(emu: Emulator) -> None:
    while True:
        await asyncio.sleep(emu.settings.tick_seconds)
        try:
            await emu.scheduler.run_due()
        except StorageFault:
            pass  # the store logged it once; the next tick tries again
        except Exception:
            logger.exception("processing due work failed; will retry on the next tick")
