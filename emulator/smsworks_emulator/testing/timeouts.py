"""A pytest plugin: pytest-timeout's per-test limit, made to stop a hung test even inside a
hypothesis property.

Why pytest-timeout alone did not: its default ``signal`` method arms SIGALRM once and, when it
rings, calls ``pytest.fail`` in the main thread. hypothesis counts ``pytest.fail``'s ``Failed`` as
a failing example (``hypothesis.core.failure_exceptions_to_catch``): it catches it, then replays
and shrinks that example, which hangs again with no alarm left to ring. A property stuck in a
loop therefore ran for ever (a paging loop whose ``skip`` the service ignored was killed by hand
after 11.5 minutes). pytest-timeout's ``thread`` method does stop it, but with ``os._exit``: the
rest of the run and its JUnit report are lost.

Here the alarm raises :class:`PerTestTimeout`, a ``BaseException`` that hypothesis,
schemathesis and any ``except Exception`` let through: the test fails with a message naming the
limit, the next test runs, and the report is written. Should anything still swallow it (a bare
``except BaseException``, or a wait in C that no signal interrupts), a watchdog thread prints
every thread's stack and ends the process ``WATCHDOG_GRACE_SECONDS`` later, like the ``thread``
method: a CI run fails within minutes instead of burning its whole time limit.

A property that *fails* must also say so before the limit: hypothesis shrinks a failure for up to
five minutes, as long as the whole limit, so a slow target (a stateful machine replaying whole
sequences) could spend the test's time shrinking and end in a timeout that shows no example.
While a test runs, hypothesis' shrinking budget (``MAX_SHRINKING_SECONDS``, which hypothesis
documents as the knob to patch) is at most :data:`SHRINK_SHARE` of the test's limit; hypothesis
then reports the smallest sequence it reached and says it stopped shrinking early.

The hooks are pytest-timeout's own (``pytest_timeout_set_timer``), so the limit is still set by
``timeout`` in ``pyproject.toml``, ``--timeout`` or ``@pytest.mark.timeout``; a test that asks for
``method="thread"`` keeps pytest-timeout's behaviour. This repository's root ``conftest.py`` loads
it for ``tests/`` and ``contract_tests/``; another suite can with ``-p smsworks_emulator.testing.timeouts``.
"""

from __future__ import annotations

import faulthandler
import os
import signal
import sys
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

import pytest

WATCHDOG_GRACE_SECONDS = 30.0
SHRINK_SHARE = 0.3


class PerTestTimeout(BaseException):
    """The test ran past its timeout. Not an ``Exception``, so hypothesis cannot catch it."""


@pytest.hookimpl(tryfirst=True)
def pytest_timeout_set_timer(item: pytest.Item, settings: Any) -> bool | None:
    if settings.method != "signal" or threading.current_thread() is not threading.main_thread():
        return None  # pytest-timeout's own timer
    limit = float(settings.timeout)
    message = (
        f"Timeout: {item.nodeid} ran longer than {limit:g}s (pytest-timeout; raised as "
        f"{PerTestTimeout.__name__} so that hypothesis does not retry the hung example)"
    )

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise PerTestTimeout(message)

    watchdog = threading.Timer(limit + WATCHDOG_GRACE_SECONDS, _hard_stop, (item, limit))
    watchdog.name = f"per-test timeout watchdog {item.nodeid}"
    watchdog.daemon = True

    restore_shrinking = _bound_shrinking(limit * SHRINK_SHARE)

    def cancel() -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        watchdog.cancel()
        restore_shrinking()

    # pytest-timeout's pytest_timeout_cancel_timer calls item.cancel_timeout().
    setattr(item, "cancel_timeout", cancel)  # noqa: B010
    signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    watchdog.start()
    return True


def _bound_shrinking(seconds: float) -> Callable[[], None]:
    """Cap hypothesis' shrinking time at ``seconds``; returns what puts the old cap back."""
    try:
        from hypothesis.internal.conjecture import engine
    except ImportError:  # hypothesis is not installed: nothing to bound
        return lambda: None
    before = engine.MAX_SHRINKING_SECONDS
    engine.MAX_SHRINKING_SECONDS = min(before, max(1, int(seconds)))

    def restore() -> None:
        engine.MAX_SHRINKING_SECONDS = before

    return restore


def _hard_stop(item: pytest.Item, limit: float) -> None:
    try:
        # Output captured by pytest would vanish with the process: give the terminal back first.
        capture = item.config.pluginmanager.getplugin("capturemanager")
        if capture is not None:
            capture.suspend_global_capture(in_=True)
        sys.stdout.write(
            f"\n+++ {item.nodeid} is still running {WATCHDOG_GRACE_SECONDS:g}s after its {limit:g}s "
            "timeout was raised: something swallowed it. Stacks of every thread, then exit 1. +++\n"
        )
        sys.stdout.flush()
        faulthandler.dump_traceback(file=sys.stdout, all_threads=True)
        sys.stdout.flush()
    finally:
        os._exit(1)
