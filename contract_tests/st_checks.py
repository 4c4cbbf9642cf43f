"""schemathesis checks of this repository, registered on import (st_hooks imports this module).

``declared_status``: every answer's status is one its operation lists explicitly. schemathesis' own
``status_code_conformance`` accepts any status when an operation has a ``default`` response (every
operation of this spec has one), so it cannot tell that a client would get an undocumented error.

``RunCounts``: when ``SMSWORKS_FUZZ_COUNTS`` names a file, the run's responses are counted there,
by operation and status, for ``make fuzz`` to print.
"""

from __future__ import annotations

import json
import os
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import schemathesis

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
