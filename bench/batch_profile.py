"""Where a 5000-message sendBatch spends its time: cProfile of the request, driven in process.

The emulator runs on a SQLite file as when served, and the request goes through the whole ASGI
app (routing, auth, JSON, validation, pricing, the transaction), only without a socket; the
profile's total is therefore a little less than the end-to-end figure.
"""

from __future__ import annotations

import asyncio
import cProfile
import pstats
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from smsworks_emulator.settings import EmulatorSettings
from smsworks_emulator.testing import in_process

CUSTOMER = "profiled"


@dataclass(frozen=True)
class Hotspot:
    function: str
    own_ms: float
    calls: int


@dataclass(frozen=True)
class BatchProfile:
    total_ms: float
    hotspots: tuple[Hotspot, ...]


def profile_batch(body: dict[str, Any], workdir: Path, *, runs: int, top: int) -> BatchProfile:
    """Profile ``runs`` sendBatch requests of ``body`` (after one unprofiled) and name the ``top``."""
    settings = EmulatorSettings(db_path=str(workdir / "profile.sqlite3"), clock="controlled")
    with in_process(settings) as handle:
        handle.control.put(
            f"/_emulator/customers/{CUSTOMER}/balance", json={"credits": 1e12}
        ).raise_for_status()
        # The async transport runs the app on this thread, where cProfile sees it.
        client = handle.client(CUSTOMER).get_async_httpx_client()
        profiler = cProfile.Profile()

        async def send(profiled: bool) -> None:
            if profiled:
                profiler.enable()
            response = await client.post("/batch/send", json=body)
            if profiled:
                profiler.disable()
            response.raise_for_status()

        async def session() -> None:
            async with client:
                await send(profiled=False)
                for _ in range(runs):
                    await send(profiled=True)

        asyncio.run(session())
    stats = pstats.Stats(profiler)
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]  # pstats keeps it untyped
    rows = []
    for (filename, line, name), (_, calls, own, _, _) in raw.items():
        where = Path(filename).name if filename != "~" else ""
        label = f"{where}:{line} {name}" if where else name
        rows.append(Hotspot(label, own * 1000 / runs, calls // runs))
    rows.sort(key=lambda hotspot: -hotspot.own_ms)
    total = stats.total_tt * 1000 / runs  # type: ignore[attr-defined]
    return BatchProfile(total, tuple(rows[:top]))
