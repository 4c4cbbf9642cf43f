"""What a test with the plugin's in-process emulator costs over an empty test.

Runs pytest in a child process on a generated suite of ``--tests`` tests (default 200), and of three
times as many: one where every test takes ``smsworks_emulator`` and one where every test is empty.
Prints the wall time of each (the best of ``--runs`` runs), the difference per test, and what each
further test adds once the one-time costs are paid.

    .venv/bin/python -m bench.per_test [--tests 200] [--runs 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EMULATOR_TEST = "def test_{n}(smsworks_emulator):\n    assert smsworks_emulator.base_url\n"
EMPTY_TEST = "def test_{n}():\n    assert True\n"


def _suite_seconds(folder: Path, body: str, tests: int, runs: int) -> float:
    path = folder / "test_suite.py"
    path.write_text("\n\n".join(body.format(n=n) for n in range(tests)))
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(path)],
            cwd=folder,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        best = min(best, time.perf_counter() - started)
    return best


def measure(tests: int, runs: int) -> dict[str, float]:
    """The best wall time of each suite at ``tests`` and at three times as many tests, and from them:

    - ``per_test_ms``: the difference per test at ``tests`` (what the suite pays, one-time costs
      included: importing the emulator, loading the spec, the first migration);
    - ``further_test_ms``: what each further test adds (the slope between the two sizes), the cost
      a large suite sees per test;
    - ``once_ms``: the one-time cost that leaves.
    """
    larger = tests * 3
    with tempfile.TemporaryDirectory(prefix="smsworks-per-test-") as workdir:
        folder = Path(workdir)
        (folder / "pytest.ini").write_text("[pytest]\n")
        emulator = _suite_seconds(folder, EMULATOR_TEST, tests, runs)
        empty = _suite_seconds(folder, EMPTY_TEST, tests, runs)
        emulator_larger = _suite_seconds(folder, EMULATOR_TEST, larger, runs)
        empty_larger = _suite_seconds(folder, EMPTY_TEST, larger, runs)
    further_ms = ((emulator_larger - emulator) - (empty_larger - empty)) / (larger - tests) * 1000
    return {
        "tests": float(tests),
        "emulator_s": emulator,
        "empty_s": empty,
        "per_test_ms": (emulator - empty) / tests * 1000,
        "emulator_larger_s": emulator_larger,
        "empty_larger_s": empty_larger,
        "further_test_ms": further_ms,
        "once_ms": (emulator - empty) * 1000 - further_ms * tests,
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
        f"{result['per_test_ms']:.1f} ms per test; each further test "
        f"{result['further_test_ms']:.1f} ms (measured at {args.tests * 3} tests), "
        f"once {result['once_ms']:.0f} ms"
    )


if __name__ == "__main__":
    main()
