"""``make fuzz``: a deep schemathesis run over all 23 operations against a served emulator.

Starts ``smsworks-emulator serve --port 0 --initial-credits 1000000000`` (reading the URL it
prints), runs ``st run`` with the repository's schemathesis.toml (hooks and checks included, every
check enabled, positive and negative data, all phases) and prints what it counted: requests by
operation and status, failures by check, server errors. Fails unless the run made at least
``--min-requests`` requests, reached every operation, and found no failure and no server error.

    python -m contract_tests.fuzz --max-examples 400          # make fuzz
    python -m contract_tests.fuzz --max-examples 20 --min-requests 1000   # make test's short form
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml

from contract_tests.st_checks import COUNTS_ENV
from smsworks_emulator import issue_token

REPO_ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = REPO_ROOT / "generated" / "openapi.yaml"
CONFIG_PATH = REPO_ROOT / "schemathesis.toml"
BIN = Path(sys.executable).parent
FUZZ_CREDITS = "1000000000"
SECRET = "fuzz-run-secret-of-at-least-thirty-two-bytes"
STARTUP_SECONDS = 30.0
_LISTENING = re.compile(r"listening on (http://\S+)")
_FAILURE_LINE = re.compile(r"^\s*❌\s+(?P<check>.+?):\s+(?P<count>\d+)\s*$")
_CASES_LINE = re.compile(r"^\s*(?P<generated>\d+) generated")


def operation_labels() -> set[str]:
    document = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    return {
        f"{method.upper()} {path}"
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if isinstance(operation, dict) and "operationId" in operation
    }


def _serve(workdir: Path) -> tuple[subprocess.Popen[str], str]:
    args = [
        str(BIN / "smsworks-emulator"),
        "serve",
        "--port",
        "0",
        "--db",
        ":memory:",
        "--secret",
        SECRET,
        "--initial-credits",
        FUZZ_CREDITS,
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
    )
    assert process.stdout is not None
    deadline = time.monotonic() + STARTUP_SECONDS
    seen: list[str] = []
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        seen.append(line)
        match = _LISTENING.search(line)
        if match:
            return process, match.group(1)
    process.kill()
    process.wait()
    raise SystemExit("smsworks-emulator did not print its URL:\n" + "".join(seen))


def _config(workdir: Path) -> Path:
    # The repository's toml with its reports moved out of the way of the contract suite's.
    text = CONFIG_PATH.read_text(encoding="utf-8").replace('"reports/', f'"{workdir}/')
    config = workdir / "schemathesis.toml"
    config.write_text(text, encoding="utf-8")
    return config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=400)
    parser.add_argument("--min-requests", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=20170719)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="smsworks-fuzz-") as name:
        workdir = Path(name)
        server, base_url = _serve(workdir)
        try:
            counts_path = workdir / "counts.json"
            env = {
                **os.environ,
                "SMSWORKS_BASE_URL": base_url,
                "SMSWORKS_TOKEN": issue_token(
                    secret=SECRET, customer_id="fuzz", ttl_seconds=24 * 3600
                ),
                COUNTS_ENV: str(counts_path),
            }
            env.pop("SMSWORKS_TEST_DESTINATION", None)
            started = time.monotonic()
            run = subprocess.run(
                [
                    str(BIN / "st"),
                    "--config-file",
                    str(_config(workdir)),
                    "run",
                    str(SPEC_PATH),
                    "--max-examples",
                    str(args.max_examples),
                    "--workers",
                    str(args.workers),
                    "--seed",
                    str(args.seed),
                    "--no-color",
                ],
                cwd=REPO_ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            elapsed = time.monotonic() - started
            counts: dict[str, int] = (
                json.loads(counts_path.read_text(encoding="utf-8")) if counts_path.exists() else {}
            )
        finally:
            server.terminate()
            server.wait(timeout=20)
    return _report(run, counts, elapsed, args.min_requests)


def _report(
    run: subprocess.CompletedProcess[str], counts: dict[str, int], elapsed: float, minimum: int
) -> int:
    by_operation: Counter[str] = Counter()
    by_status: Counter[int] = Counter()
    for key, count in counts.items():
        label, status = key.rsplit(" ", 1)
        by_operation[label] += count
        by_status[int(status)] += count
    requests = sum(by_operation.values())
    server_errors = sum(count for status, count in by_status.items() if status >= 500)
    failures: dict[str, int] = {}
    generated = 0
    for line in run.stdout.splitlines():
        failure = _FAILURE_LINE.match(line)
        if failure:
            failures[failure["check"]] = int(failure["count"])
        cases = _CASES_LINE.match(line)
        if cases:
            generated = int(cases["generated"])
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
    if run.returncode != 0:
        problems.append(f"st run exited with {run.returncode}")
    if failures or server_errors:
        problems.append("failures or server errors")
    if requests < minimum:
        problems.append(f"{requests} requests, fewer than {minimum}")
    if missing:
        problems.append(f"operations never reached: {', '.join(missing)}")
    if problems:
        print("FAILED: " + "; ".join(problems))
        print("--- st run output (tail) ---")
        print(run.stdout[-20000:])
        print(run.stderr[-3000:])
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
