"""The run's observations: each request's operation, status and field kinds, the rules reached, the readings.

One :data:`COVERAGE` per process. Requests reach :meth:`Coverage.observe_request` from the one hook
every contract request passes through on its way back to a test (``contract_tests/drift.py`` for
the generated client, ``contract_tests/st_checks.py`` for schemathesis); rules reach
:meth:`Coverage.reach` from the check that held the target to them.
"""

from __future__ import annotations

import json
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from contract_tests.coverage.fields import Spec, patched_spec


@dataclass
class Reading:
    followed: str
    decided_by: str
    """The first answer that told the readings apart (or, where one is documented, confirmed it)."""


@dataclass
class Coverage:
    lock: threading.Lock = field(default_factory=threading.Lock)
    requests: Counter[str] = field(default_factory=Counter)
    statuses: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    kinds: defaultdict[str, defaultdict[str, set[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(set))
    )
    reached: Counter[str] = field(default_factory=Counter)
    readings: dict[str, Reading] = field(default_factory=dict)
    outcomes: dict[str, str] = field(default_factory=dict)
    """Test function name -> its worst outcome in this run (``passed``, ``failed``, ``skipped: why``)."""

    @property
    def spec(self) -> Spec:
        return patched_spec()

    def observe_request(self, method: str, url: str, body: bytes | None, status: int) -> None:
        """One request the suite sent and the status it got; a path outside the spec is left out."""
        parts = urlsplit(url)
        operation = self.spec.operation_for(method, parts.path)
        if operation is None:
            return
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        try:
            value = json.loads(body) if body else None
        except (ValueError, UnicodeDecodeError):
            value = None  # not JSON: schemathesis' negative data; the status still counts
        found = operation.classify(query, value)
        with self.lock:
            self.requests[operation.operation_id] += 1
            self.statuses[operation.operation_id][str(status)] += 1
            kinds = self.kinds[operation.operation_id]
            for name, drawn in found.items():
                kinds[name] |= drawn

    def reach(self, rule: str) -> None:
        """The target was held to ``rule`` once more (a name of :mod:`.rules`)."""
        with self.lock:
            self.reached[rule] += 1

    def decide(self, question: str, followed: str, answer: str) -> None:
        """A reading now followed, and the answer that decided it; the first decision is kept."""
        with self.lock:
            known = self.readings.get(question)
            if known is None or known.followed != followed:
                self.readings[question] = Reading(followed, answer[:300])

    def ran(self, test: str, outcome: str) -> None:
        with self.lock:
            worse = {"failed": 3, "passed": 2}
            before = self.outcomes.get(test)
            if before is None or worse.get(outcome, 1) > worse.get(before, 1):
                self.outcomes[test] = outcome

    def drawn(self, operation: str, name: str) -> set[str]:
        with self.lock:
            return set(self.kinds[operation][name]) if operation in self.kinds else set()


COVERAGE = Coverage()
