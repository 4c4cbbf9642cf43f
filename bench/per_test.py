"""What a test with the plugin's in-process emulator costs over an empty test.

Runs pytest in a child process on a generated suite of ``--tests`` tests (default 200): one where
every test takes ``smsworks_emulator`` and one where every test is empty, ``--runs`` times each.
Prints, for the best run of each:

- the wall time of each suite and the difference per test, which carries the start-up noise of a
  child process (both suites load the plugin, so both pay for importing the emulator);
- from pytest's own timing of each test (setup, call and teardown, each report's ``duration``, written
  by a conftest of the generated suite: a JUnit report rounds to the millisecond), what a test
  with the emulator costs over an empty one (median against median), and what the first use of
  the fixture pays once more (loading the spec, migrating the database the later tests copy).

    .venv/bin/python -m bench.per_test [--tests 200] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

EMULATOR_TEST = "def test_{n}(smsworks_emulator):\n    assert smsworks_emulator.base_url\n"
EMPTY_TEST = "def test_{n}():\n    assert True\n"
# Each test's setup, call and teardown durations added up, in run order, written at the end.
TIMING_CONFTEST = """
import json, os

_seconds = {}


def pytest_runtest_logreport(report):
    _seconds[report.nodeid] = _seconds.get(report.nodeid, 0.0) + report.duration


def pytest_sessionfinish(session):
    with open(os.environ["SMSWORKS_PER_TEST_TIMES"], "w") as out:
        json.dump(list(_seconds.values()), out)
"""


@dataclass(frozen=True)
class SuiteRun:
    wall_s: float
    first_ms: float
    """The first test, which pays what a run does once."""
    median_ms: float
    """The median of the other tests."""


def _suite(folder: Path, body: str, tests: int, runs: int) -> SuiteRun:
    path = folder / "test_suite.py"
    path.write_text("\n\n".join(body.format(n=n) for n in range(tests)))
    times_file = folder / "times.json"
    best: SuiteRun | None = None
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(path)],
            cwd=folder,
            env={**os.environ, "SMSWORKS_PER_TEST_TIMES": str(times_file)},
            check=True,
            stdout=subprocess.DEVNULL,
        )
        wall = time.perf_counter() - started
        times = [seconds * 1000 for seconds in json.loads(times_file.read_text())]
        run = SuiteRun(wall, times[0], statistics.median(times[1:] or times))
        if best is None or run.wall_s < best.wall_s:
            best = run
    assert best is not None
    return best


def measure(tests: int, runs: int) -> dict[str, float]:
    """The best run of each suite: ``emulator_s``, ``empty_s``, ``per_test_ms`` (the wall-time
    difference per test), ``median_over_empty_ms`` (median test over median test) and ``once_ms`` (the
    emulator suite's first test over its median one)."""
    with tempfile.TemporaryDirectory(prefix="smsworks-per-test-") as workdir:
        folder = Path(workdir)
        (folder / "pytest.ini").write_text("[pytest]\n")
        (folder / "conftest.py").write_text(TIMING_CONFTEST)
        emulator = _suite(folder, EMULATOR_TEST, tests, runs)
        empty = _suite(folder, EMPTY_TEST, tests, runs)
    return {
        "tests": float(tests),
        "emulator_s": emulator.wall_s,
        "empty_s": empty.wall_s,
        "per_test_ms": (emulator.wall_s - empty.wall_s) / tests * 1000,
        "median_over_empty_ms": emulator.median_ms - empty.median_ms,
        "once_ms": emulator.first_ms - emulator.median_ms,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    result = measure(args.tests, args.runs)
    print(
        f"{args.tests} tests with smsworks_emulator: {result['emulator_s']:.2f} s; "
        f"{args.tests} empty: {result['empty_s']:.2f} s; "
        f"{result['per_test_ms']:.1f} ms per test; the median test "
        f"{result['median_over_empty_ms']:.2f} ms over an empty one, once {result['once_ms']:.0f} ms"
    )


if __name__ == "__main__":
    main()
