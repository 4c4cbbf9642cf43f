"""The per-test timeout fires: a hung test fails within its limit, and the run goes on.

Each case runs a small pytest session in a child process with a 2-second timeout and tests that
hang the ways a test of this repository can: a hypothesis property looping on requests to the in-process
emulator (the transport runs each request on an event loop in a helper thread), and a coroutine
that never ends under ``asyncio.run``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from smsworks_emulator.testing import timeouts

CHILD_TIMEOUT_SECONDS = 2
# The child's own start-up (importing hypothesis and the emulator) dominates on a busy machine.
WALL_LIMIT_SECONDS = 120

HANGING_TESTS = """
import asyncio

import httpx2
from hypothesis import given, settings, strategies as st

from smsworks_emulator import EmulatorSettings, create_app
from smsworks_emulator.testing.asgi_transport import SyncASGITransport


def test_a_property_that_pages_for_ever():
    app = create_app(EmulatorSettings(db_path=":memory:"))
    client = httpx2.Client(transport=SyncASGITransport(app), base_url="http://emulator.invalid")

    @settings(max_examples=5, deadline=None, database=None)
    @given(st.integers())
    def check(skip):
        for _ in range(10**9):
            client.get("/v1/utils/test", params={"skip": skip})

    check()


def test_an_event_loop_that_never_finishes():
    async def wait():
        for _ in range(10**9):
            await asyncio.sleep(3600)

    asyncio.run(wait())


def test_the_run_goes_on():
    pass
"""

SWALLOWING_TEST = """
import time


def test_a_loop_that_swallows_everything():
    for _ in range(10**9):
        try:
            time.sleep(3600)
        except BaseException:
            pass
"""

# Every example fails and takes a tenth of a second: hypothesis' own cap would let shrinking run
# for five minutes, far past the test's limit.
SLOW_SHRINKING_TEST = """
import time

from hypothesis import given, settings, strategies as st


@settings(max_examples=5, deadline=None, database=None)
@given(st.lists(st.integers(), min_size=30, max_size=30))
def test_a_property_whose_failure_shrinks_slowly(numbers):
    time.sleep(0.1)
    assert sum(numbers) == -1
"""

WATCHDOG_CONFTEST = """
import smsworks_emulator.testing.timeouts

smsworks_emulator.testing.timeouts.WATCHDOG_GRACE_SECONDS = 1.0
"""


def _start(
    folder: Path, test_source: str, conftest: str = "", timeout: float = CHILD_TIMEOUT_SECONDS
) -> subprocess.Popen[str]:
    folder.mkdir()
    (folder / "test_hang.py").write_text(test_source, encoding="utf-8")
    (folder / "conftest.py").write_text(conftest, encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "pytest",
        "test_hang.py",
        "-p",
        "smsworks_emulator.testing.timeouts",
        "-p",
        "no:cacheprovider",
        # Plugins the hanging tests do not use, to keep the child's start-up short.
        "-p",
        "no:schemathesis",
        "-p",
        "no:smsworks",
        f"--timeout={timeout:g}",
        "--junitxml=junit.xml",
        "-v",
    ]
    env = {**os.environ, "PYTHONPATH": str(folder)}
    return subprocess.Popen(
        command, cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def _finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    try:
        output, _ = process.communicate(timeout=WALL_LIMIT_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
        pytest.fail(f"the child run was still going after {WALL_LIMIT_SECONDS}s:\n{output[-3000:]}")
    return process.returncode, output


def test_this_repository_uses_the_timeout_hypothesis_cannot_swallow(
    pytestconfig: pytest.Config,
) -> None:
    hook = pytestconfig.pluginmanager.hook.pytest_timeout_set_timer
    implementations = {impl.function for impl in hook.get_hookimpls()}
    assert timeouts.pytest_timeout_set_timer in implementations
    assert pytestconfig.getini("timeout"), "pyproject.toml sets no per-test timeout"


def test_a_hung_test_fails_at_its_timeout_and_the_run_goes_on(tmp_path: Path) -> None:
    started = time.monotonic()
    # Both children at once: their start-up is most of the time.
    hanging = _start(tmp_path / "hanging", HANGING_TESTS)
    swallowing = _start(tmp_path / "swallowing", SWALLOWING_TEST, WATCHDOG_CONFTEST)

    code, output = _finish(hanging)
    assert code == 1, output[-3000:]
    for name in ("test_a_property_that_pages_for_ever", "test_an_event_loop_that_never_finishes"):
        assert f"test_hang.py::{name} FAILED" in output, output[-3000:]
    assert "test_hang.py::test_the_run_goes_on PASSED" in output, output[-3000:]
    assert output.count(f"ran longer than {CHILD_TIMEOUT_SECONDS}s") >= 2, output[-3000:]
    junit = (tmp_path / "hanging" / "junit.xml").read_text(encoding="utf-8")
    assert junit.count("<failure") == 2
    assert "PerTestTimeout" in junit

    # A test that catches even the timeout: the watchdog ends the run, printing every stack.
    code, output = _finish(swallowing)
    assert code == 1, output[-3000:]
    assert "something swallowed it" in output, output[-3000:]
    assert "test_a_loop_that_swallows_everything" in output
    assert time.monotonic() - started < WALL_LIMIT_SECONDS


def test_a_failing_property_reports_its_example_before_the_timeout(tmp_path: Path) -> None:
    # 8 s: hypothesis may shrink for 2.4 s (SHRINK_SHARE), then replays the example it reached.
    code, output = _finish(_start(tmp_path / "slow", SLOW_SHRINKING_TEST, timeout=8))
    assert code == 1, output[-3000:]
    example = "Failing test case: test_a_property_whose_failure_shrinks_slowly("
    assert example in output, output[-3000:]
    assert "stopped because it is making very slow progress" in output, output[-3000:]
    assert "ran longer than" not in output, output[-3000:]
