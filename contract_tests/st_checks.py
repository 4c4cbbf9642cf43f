"""schemathesis checks of this repository, registered on import (st_hooks imports this module).

``declared_status``: every answer's status is one its operation lists explicitly. schemathesis' own
``status_code_conformance`` accepts any status when an operation has a ``default`` response (every
operation of this spec has one), so it cannot tell that a client would get an undocumented error.

``wire_drift``: every answer goes through the drift checker (contract_tests/drift.py), whose findings
the session reports. schemathesis' own ``response_schema_conformance`` is wrapped so that an answer
whose every departure is a known wire variant of the spec's table passes it: the tolerated drift
findings stand in for its failure there; any other answer meets the original check.
``declared_status`` likewise accepts a status a known variant names for its operation.

``RunCounts``: when ``SMSWORKS_FUZZ_COUNTS`` names a file, the run's responses are counted there,
by operation and status, for ``make fuzz`` to print.
"""

from __future__ import annotations

import json
import os
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import schemathesis
from schemathesis.checks import CHECKS, load_all_checks

from contract_tests.coverage.recorder import COVERAGE
from contract_tests.drift import RECORDER
from smsworks_emulator.drift import Finding

COUNTS_ENV = "SMSWORKS_FUZZ_COUNTS"


def declared_statuses(status_codes: tuple[str, ...] | list[str]) -> set[int]:
    """The statuses a ``responses`` keys list names, ``2XX`` ranges expanded, ``default`` left out."""
    allowed: set[int] = set()
    for code in status_codes:
        text = str(code).upper()
        if text == "DEFAULT":
            continue
        if text.endswith("XX"):
            start = int(text[0]) * 100
            allowed.update(range(start, start + 100))
        else:
            allowed.add(int(text))
    return allowed


def _content_type(response: Any) -> str | None:
    for name, values in response.headers.items():
        if name.lower() == "content-type" and values:
            return str(values[0])
    return None


def _parts(response: Any) -> tuple[str, str, int, str | None, bytes]:
    """Method, path, status, content type and body of a schemathesis response."""
    request = response.request
    path = str(request.path_url).split("?", 1)[0]
    status: int = response.status_code
    return str(request.method), path, status, _content_type(response), response.content


def _drift(response: Any) -> list[Finding]:
    return RECORDER.check(*_parts(response))


def only_known_variants(findings: list[Finding]) -> bool:
    return bool(findings) and all(finding.tolerated for finding in findings)


@schemathesis.check
def wire_drift(
    ctx: schemathesis.CheckContext, response: Any, case: schemathesis.Case[Any]
) -> bool | None:
    """Logs the answer's drift findings; the session fails on unknown ones, with their text.

    Also where schemathesis' requests reach the coverage report (every check sees every answer).
    """
    request = response.request
    body = request.body.encode() if isinstance(request.body, str) else request.body
    COVERAGE.observe_request(str(request.method), str(request.url), body, response.status_code)
    RECORDER.observe(*_parts(response))
    return None


load_all_checks()
# schemathesis' own function, kept to call; the registry then holds the wrapper under its name.
_schema_conformance = cast(
    Callable[[Any, Any, Any], bool | None], CHECKS.get_one("response_schema_conformance")
)


def response_schema_conformance(
    ctx: schemathesis.CheckContext, response: Any, case: schemathesis.Case[Any]
) -> bool | None:
    """schemathesis' check, but for an answer whose departures are all known wire variants."""
    if only_known_variants(_drift(response)):
        return None
    return _schema_conformance(ctx, response, case)


CHECKS.register(response_schema_conformance)


@schemathesis.check
def declared_status(
    ctx: schemathesis.CheckContext, response: Any, case: schemathesis.Case[Any]
) -> bool | None:
    """The response's status is declared on its operation (``default`` does not count)."""
    if response.request.method != case.operation.method.upper():
        # unsupported_method's probes (TRACE on a POST path): 405 is their expected answer.
        return None
    codes = tuple(case.operation.responses.status_codes)
    allowed = declared_statuses(codes)
    if response.status_code not in allowed:
        statuses = [f for f in _drift(response) if f.kind == "undeclared-status"]
        if only_known_variants(statuses):
            return None
        raise AssertionError(
            f"{case.operation.label} answered {response.status_code}, which it does not declare "
            f"(it declares {', '.join(sorted(str(code) for code in codes))})"
        )
    return None


@schemathesis.check
class RunCounts:
    """Counts every response of the run by ``operation status``; written after the run."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counts: Counter[str] = Counter()

    def after_response(
        self, ctx: schemathesis.CheckContext, response: Any, case: schemathesis.Case[Any]
    ) -> None:
        if COUNTS_ENV not in os.environ:
            return
        with self.lock:
            self.counts[f"{case.operation.label} {response.status_code}"] += 1

    def after_run(self, ctx: schemathesis.CheckContext) -> None:
        target = os.environ.get(COUNTS_ENV)
        if not target:
            return
        with self.lock:
            Path(target).write_text(json.dumps(dict(self.counts), sort_keys=True), encoding="utf-8")
