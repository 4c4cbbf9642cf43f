"""Where one kind of request spends its time in the emulator: cProfile of the app, driven in process.

The emulator runs on a SQLite file as when served, built by its in-process test harness, and each
request goes through the whole ASGI app (routing, auth, JSON, validation, pricing, the
transaction), only without a socket. Time is taken inside the app alone, so the in-process client
that drives it (httpx2 building the request, reading the answer) counts in no figure. The same
requests are also timed without the profiler, which slows every Python call: that time, not the
profiled one, is the emulator's own cost per request.
"""

from __future__ import annotations

import asyncio
import cProfile
import pstats
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2
from starlette.types import ASGIApp, Receive, Scope, Send

from smsworks_emulator.settings import EmulatorSettings
from smsworks_emulator.testing import in_process

CUSTOMER = "profiled"


@dataclass(frozen=True)
class Hotspot:
    function: str
    own_ms: float
    """Own time per request, under the profiler."""
    calls: float
    """Calls per request."""


@dataclass(frozen=True)
class Profile:
    runs: int
    plain_ms: float
    """Wall time per request inside the app, without the profiler."""
    total_ms: float
    """Time per request inside the app under the profiler: every function's own time added up."""
    hotspots: tuple[Hotspot, ...]


class _Inside:
    """The app, with the wall time spent inside it added up, and profiled while ``profiler`` is set."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.seconds = 0.0
        self.profiler: cProfile.Profile | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        profiler = self.profiler
        started = time.perf_counter()
        if profiler is not None:
            profiler.enable()
        try:
            await self.app(scope, receive, send)
        finally:
            if profiler is not None:
                profiler.disable()
            self.seconds += time.perf_counter() - started


def profile_requests(
    path: str, body: dict[str, Any], workdir: Path, *, runs: int, top: int
) -> Profile:
    """POST ``body`` to ``path``: once to warm up, ``runs`` times timed, ``runs`` times profiled.

    Every request must answer 201. Returns the per-request figures and the ``top`` functions with
    the most own time.
    """
    name = path.strip("/").replace("/", "-")
    settings = EmulatorSettings(
        db_path=str(workdir / f"profile-{name}.sqlite3"), clock="controlled"
    )
    with in_process(settings) as handle:
        handle.control.put(
            f"/_emulator/customers/{CUSTOMER}/balance", json={"credits": 1e12}
        ).raise_for_status()
        inside = _Inside(handle.app)
        # The harness's own async client, but through the timing wrapper; the async transport runs
        # the app on this thread, where cProfile sees it.
        harness_client = handle.client(CUSTOMER).get_async_httpx_client()
        client = httpx2.AsyncClient(
            transport=httpx2.ASGITransport(app=inside),
            base_url=harness_client.base_url,
            headers=harness_client.headers,
        )

        async def send() -> None:
            response = await client.post(path, json=body)
            if response.status_code != 201:
                raise RuntimeError(f"{path} answered {response.status_code}: {response.text[:200]}")

        async def session() -> float:
            async with client:
                await send()
                inside.seconds = 0.0
                for _ in range(runs):
                    await send()
                plain = inside.seconds
                inside.profiler = cProfile.Profile()
                for _ in range(runs):
                    await send()
            return plain

        plain_s = asyncio.run(session())
    assert inside.profiler is not None
    stats = pstats.Stats(inside.profiler)
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]  # pstats keeps it untyped
    rows = []
    for (filename, line, function), (_, calls, own, _, _) in raw.items():
        where = Path(filename).name if filename != "~" else ""
        label = f"{where}:{line} {function}" if where else function
        rows.append(Hotspot(label, own * 1000 / runs, calls / runs))
    rows.sort(key=lambda hotspot: -hotspot.own_ms)
    total = stats.total_tt * 1000 / runs  # type: ignore[attr-defined]
    return Profile(runs, plain_s * 1000 / runs, total, tuple(rows[:top]))
