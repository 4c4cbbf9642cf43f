"""An opt-in per-request timeline: where each request's time went, and what ran beside it.

Set ``SMSWORKS_EMULATOR_TIMELINE`` to a file path and a served emulator records, for every API
request, when it entered the app and when its answer was sent, with the time spent in each step
(the due-work catch-up, the token check, the transaction, waiting for its COMMIT); and, for the
whole process, every span that holds the event loop or the machine: the COMMITs, the scheduler's
ticks, garbage collections, WAL checkpoints, and the process's CPU time at each request's start
and end (a request whose wall time exceeds the CPU the process got meanwhile waited for a core
or for the disk). The records are written as JSON lines when the server stops;
``bench/timeline.py`` reads them.

Nothing of this is installed unless the variable is set: the wrappers replace bound methods of
one app's objects, so an emulator without it runs exactly the code it always runs.
"""

from __future__ import annotations

import contextlib
import contextvars
import gc
import json
import os
import time
from collections.abc import Callable, Iterator
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from smsworks_emulator.service.emulator import Emulator

TIMELINE_ENV = "SMSWORKS_EMULATOR_TIMELINE"

_now = time.perf_counter_ns
_cpu = time.process_time_ns

# The current request's steps: name -> ns spent in it (added up when a step repeats).
_steps: contextvars.ContextVar[dict[str, int] | None] = contextvars.ContextVar(
    "smsworks_emulator_timeline_steps", default=None
)


class Timeline:
    """Requests and process-wide spans, kept in memory until :meth:`write`."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.requests: list[dict[str, Any]] = []
        self.spans: list[tuple[str, int, int, Any]] = []
        self._gc_started = 0

    # -- wrappers ----------------------------------------------------------------------------

    def step(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        """``function``, its time added to the current request's step ``name``."""

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = _now()
            try:
                return function(*args, **kwargs)
            finally:
                _add(name, _now() - started)

        return timed

    def async_step(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        async def timed(*args: Any, **kwargs: Any) -> Any:
            started = _now()
            try:
                return await function(*args, **kwargs)
            finally:
                _add(name, _now() - started)

        return timed

    def span(self, kind: str, function: Callable[..., Any]) -> Callable[..., Any]:
        """``function``, each call recorded as a process-wide span of ``kind``."""

        def spanned(*args: Any, **kwargs: Any) -> Any:
            started = _now()
            try:
                return function(*args, **kwargs)
            finally:
                self.spans.append((kind, started, _now(), None))

        return spanned

    def async_span(self, kind: str, function: Callable[..., Any]) -> Callable[..., Any]:
        async def spanned(*args: Any, **kwargs: Any) -> Any:
            started = _now()
            try:
                return await function(*args, **kwargs)
            finally:
                self.spans.append((kind, started, _now(), None))

        return spanned

    def _gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_started = _now()
        else:
            self.spans.append(
                (f"gc gen {info['generation']}", self._gc_started, _now(), info["collected"])
            )

    # -- installation ------------------------------------------------------------------------

    def install(self, emu: Emulator, customers: Any) -> None:
        """Wrap one emulator's steps (before its routes are built: they bind these methods)."""
        store, scheduler = emu.store, emu.scheduler
        scheduler.catch_up = self.step("catch-up", scheduler.catch_up)  # type: ignore[method-assign]
        customers.customer_for = self.step("auth", customers.customer_for)
        store.durable = self.async_step("waiting for COMMIT", store.durable)  # type: ignore[method-assign]
        store.commit_pending = self.span("COMMIT", store.commit_pending)  # type: ignore[method-assign]
        scheduler.run_due = self.async_span("due work (tick)", scheduler.run_due)  # type: ignore[method-assign]
        original_transaction = store.transaction
        lock = store.lock

        @contextlib.contextmanager
        def transaction() -> Iterator[Any]:
            started = _now()
            with lock:  # re-entrant: the store's own acquire inside is then free
                _add("write lock", _now() - started)
                entered = _now()
                try:
                    with original_transaction() as repository:
                        yield repository
                finally:
                    _add("transaction", _now() - entered)

        store.transaction = transaction  # type: ignore[method-assign]
        original_group_commits = store.group_commits

        def group_commits(loop: Any) -> None:
            original_group_commits(loop)
            checkpointer = store.checkpointer
            if checkpointer is not None:
                checkpointer._checkpoint = self.span("WAL checkpoint", checkpointer._checkpoint)  # type: ignore[method-assign]

        store.group_commits = group_commits  # type: ignore[method-assign]
        gc.callbacks.append(self._gc)

    def middleware(self, app: ASGIApp) -> ASGIApp:
        """The outermost ASGI layer: each API request's entry, answer and steps."""
        requests = self.requests

        async def recorded(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "http" or scope["path"].startswith("/_emulator"):
                await app(scope, receive, send)
                return
            steps: dict[str, int] = {}
            token = _steps.set(steps)
            record: dict[str, Any] = {"path": scope["path"], "start": _now(), "cpu0": _cpu()}

            async def sending(message: Any) -> None:
                if message["type"] == "http.response.start":
                    record["status"] = message["status"]
                elif not message.get("more_body", False):
                    record["end"], record["cpu1"] = _now(), _cpu()
                await send(message)

            try:
                await app(scope, receive, sending)
            finally:
                _steps.reset(token)
                record["steps"] = steps
                record.setdefault("end", _now())
                record.setdefault("cpu1", _cpu())
                requests.append(record)

        return recorded

    def write(self) -> None:
        with contextlib.suppress(ValueError):
            gc.callbacks.remove(self._gc)
        with open(self.path, "w", encoding="utf-8") as out:
            for request in self.requests:
                out.write(json.dumps({"request": request}) + "\n")
            for kind, start, end, detail in self.spans:
                out.write(
                    json.dumps(
                        {"span": {"kind": kind, "start": start, "end": end, "detail": detail}}
                    )
                    + "\n"
                )


def _add(name: str, ns: int) -> None:
    steps = _steps.get()
    if steps is not None:
        steps[name] = steps.get(name, 0) + ns


def from_environment() -> Timeline | None:
    """The timeline ``SMSWORKS_EMULATOR_TIMELINE`` asks for, or None (the usual case)."""
    path = os.environ.get(TIMELINE_ENV)
    return Timeline(path) if path else None
