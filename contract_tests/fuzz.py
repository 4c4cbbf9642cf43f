"""``make fuzz``: a deep schemathesis run over all 24 operations against a served emulator.

Starts ``smsworks-emulator serve --port 0 --initial-credits 1000000000`` (the emulator's own
test harness, ``child_process``), runs ``st run`` with the repository's schemathesis.toml (hooks and checks included, every
check enabled, positive and negative data, all phases) in one process per core, each as its own
customer with its own seed, and prints what they counted: requests by
operation and status, failures by check, server errors. Fails unless the run made at least
``--min-requests`` requests, reached every operation, and found no failure and no server error.

    python -m contract_tests.fuzz --max-examples 320                       # make fuzz
    python -m contract_tests.fuzz --max-examples 5 --min-requests 500      # make fuzz-short
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from contract_tests.settings import REPO_ROOT
from contract_tests.st_checks import COUNTS_ENV
from contract_tests.st_config import SPEC_PATH, cli_config, failed_checks, st_command
from contract_tests.targets import FUZZING_CREDITS
from smsworks_emulator.testing import ChildEmulator, child_process

_CASES_LINE = re.compile(r"^\s*(?P<generated>\d+) generated")


def operation_labels() -> set[str]:
    document = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    return {
        f"{method.upper()} {path}"
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if isinstance(operation, dict) and "operationId" in operation
    }


@dataclass
class Shard:
    """One ``st run`` process: its own customer, seed, reports and counts."""

    index: int
    workdir: Path
    process: subprocess.Popen[str] | None = None
    stdout: str = ""
    stderr: str = ""

    @property
    def counts_path(self) -> Path:
        return self.workdir / "counts.json"

    def start(self, server: ChildEmulator, max_examples: int, seed: int) -> None:
        self.workdir.mkdir()
        env = {
            **os.environ,
            "SMSWORKS_BASE_URL": server.base_url,
            "SMSWORKS_TOKEN": server.token(f"fuzz-{self.index}"),
            COUNTS_ENV: str(self.counts_path),
        }
        env.pop("SMSWORKS_TEST_DESTINATION", None)
        # No example database: with one, Hypothesis keeps a Pareto front of every case schemathesis
        # scores (it targets each operation's success rate), which doubles the cost of a request.
        command = st_command(
            "run",
            str(SPEC_PATH),
            "--max-examples",
            str(max_examples),
            "--workers",
            "1",
            "--seed",
            str(seed + self.index),
            "--no-color",
            config=cli_config(self.workdir, example_database=False),
        )
        self.process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def wait(self, timeout: float) -> int:
        assert self.process is not None
        try:
            self.stdout, self.stderr = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.stdout, self.stderr = self.process.communicate()
            self.stderr += f"\nkilled after {timeout:.0f}s"
        return self.process.returncode

    def counts(self) -> dict[str, int]:
        if not self.counts_path.exists():
            return {}
        loaded: dict[str, int] = json.loads(self.counts_path.read_text(encoding="utf-8"))
        return loaded


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=320)
    parser.add_argument("--min-requests", type=int, default=20_000)
    parser.add_argument(
        "--processes", type=int, default=2, help="st run processes side by side (one per core)"
    )
    parser.add_argument("--seed", type=int, default=20170719)
    parser.add_argument("--timeout", type=float, default=1800.0)
    args = parser.parse_args(argv)

    served = ["--initial-credits", repr(FUZZING_CREDITS), "--log-level", "warning"]
    with (
        tempfile.TemporaryDirectory(prefix="smsworks-fuzz-") as name,
        child_process(db=":memory:", controlled_clock=False, extra_args=served) as server,
    ):
        workdir = Path(name)
        shards = [Shard(index, workdir / f"shard-{index}") for index in range(args.processes)]
        started = time.monotonic()
        for shard in shards:
            shard.start(server, args.max_examples, args.seed)
        codes = [shard.wait(args.timeout) for shard in shards]
        elapsed = time.monotonic() - started
        counts: Counter[str] = Counter()
        for shard in shards:
            counts.update(shard.counts())
        return _report(shards, codes, counts, elapsed, args.min_requests)


def _report(
    shards: list[Shard],
    codes: list[int],
    counts: Counter[str],
    elapsed: float,
    minimum: int,
) -> int:
    by_operation: Counter[str] = Counter()
    by_status: Counter[int] = Counter()
    for key, count in counts.items():
        label, status = key.rsplit(" ", 1)
        by_operation[label] += count
        by_status[int(status)] += count
    requests = sum(by_operation.values())
    server_errors = sum(count for status, count in by_status.items() if status >= 500)
    failures: Counter[str] = Counter()
    generated = 0
    for shard in shards:
        failures.update(failed_checks(shard.stdout))
        for line in shard.stdout.splitlines():
            cases = _CASES_LINE.match(line)
            if cases:
                generated += int(cases["generated"])
    missing = sorted(operation_labels() - set(by_operation))

    print(f"requests: {requests} in {elapsed:.0f}s ({generated} test cases generated)")
    for label in sorted(by_operation):
        statuses = {
            int(key.rsplit(" ", 1)[1]): n
            for key, n in counts.items()
            if key.startswith(label + " ")
        }
        detail = ", ".join(f"{status}: {n}" for status, n in sorted(statuses.items()))
        print(f"  {label}: {by_operation[label]} ({detail})")
    print("statuses: " + ", ".join(f"{s}: {n}" for s, n in sorted(by_status.items())))
    print(f"server errors (5xx): {server_errors}")
    print(f"failures: {sum(failures.values())}")
    for check, count in sorted(failures.items()):
        print(f"  {check}: {count}")

    problems = []
    for shard, code in zip(shards, codes, strict=True):
        if code != 0:
            problems.append(f"st run #{shard.index} exited with {code}")
    if failures or server_errors:
        problems.append("failures or server errors")
    if requests < minimum:
        problems.append(f"{requests} requests, fewer than {minimum}")
    if missing:
        problems.append(f"operations never reached: {', '.join(missing)}")
    if problems:
        print("FAILED: " + "; ".join(problems))
        for shard in shards:
            print(f"--- st run #{shard.index} output (tail) ---")
            print(shard.stdout[-15000:])
            print(shard.stderr[-3000:])
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
