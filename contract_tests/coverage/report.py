"""``coverage.md`` and ``coverage.json`` of one run, the terminal's summary, and what fails the run.

The run fails, naming each, on a documented rule whose test ran but never reached it, and (when
the tests that send every operation ran) on a declared status never seen or a request field never
drawn, except where :data:`UNSEEN` or a rule's ``not_on`` explains why this target cannot.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contract_tests.coverage.recorder import Coverage
from contract_tests.coverage.rules import FUZZ, MODEL, NO_SEND, RULES, Rule

MARKDOWN_REPORT = "coverage.md"
JSON_REPORT = "coverage.json"
ANY = "*"
UNSEEN: dict[tuple[str, str, str], str] = {
    (ANY, "deleteMessage", "400"): (
        "declared by the vendor's spec, but no request of it can be malformed: it has no body and "
        "its one parameter is any text; the docs give no 400 for it"
    ),
}
"""Declared statuses a target's run cannot be made to answer, with why."""


@dataclass(frozen=True)
class RuleState:
    rule: Rule
    state: str
    """``reached``, ``not reached``, ``explained``, ``not run``, ``no check``."""
    why: str = ""
    missing: tuple[str, ...] = ()


def _unseen_reason(target: str, operation: str, status: str) -> str | None:
    for key in ((target, operation, status), (ANY, operation, status), (target, ANY, status)):
        if key in UNSEEN:
            return UNSEEN[key]
    return None


class CoverageReport:
    def __init__(self, coverage: Coverage, target: str, excluded: frozenset[str]) -> None:
        self.c = coverage
        self.target = target
        self.excluded = excluded
        """Operations schemathesis left out against this target (credit-spending ones on the sandbox)."""

    @property
    def whole_run(self) -> bool:
        """Both tests that send every operation and field ran and passed: the gates apply."""
        return self.c.outcomes.get(FUZZ) == "passed" and self.c.outcomes.get(MODEL) == "passed"

    def rule_states(self) -> list[RuleState]:
        states = []
        for rule in RULES:
            missing = tuple(
                f"{op} {name} {kind}"
                for op, name, kind in rule.drawn
                if kind not in self.c.drawn(op, name)
            )
            reached = (not rule.event or self.c.reached[rule.name] > 0) and not missing
            outcomes = {t: self.c.outcomes.get(t) for t in rule.tests}
            unrun = {t: o for t, o in outcomes.items() if o != "passed"}
            if not rule.check:
                states.append(RuleState(rule, "no check"))
            elif reached:
                states.append(RuleState(rule, "reached", f"{self.c.reached[rule.name]} times"))
            elif self.target in rule.not_on:
                states.append(RuleState(rule, "explained", rule.not_on[self.target]))
            elif missing and all(m.split(" ", 1)[0] in self.excluded for m in missing):
                states.append(RuleState(rule, "explained", f"{NO_SEND} ({', '.join(missing)})"))
            elif unrun:
                why = "; ".join(f"{t}: {o or 'not run'}" for t, o in unrun.items())
                states.append(RuleState(rule, "not run", why))
            else:
                states.append(RuleState(rule, "not reached", "", missing))
        return states

    def statuses(self) -> list[tuple[str, str, str, str]]:
        """(operation, status, seen count or 0, why unseen) for every declared and every seen status."""
        rows = []
        for operation in self.c.spec.operations.values():
            seen: dict[str, int] = dict(self.c.statuses.get(operation.operation_id, {}))
            for code in sorted(set(operation.declared) | set(seen)):
                count = seen.get(code, 0)
                why = ""
                if not count:
                    why = _unseen_reason(self.target, operation.operation_id, code) or (
                        f"{NO_SEND}; the model sends it only valid, affordable requests"
                        if operation.operation_id in self.excluded
                        else ""
                    )
                declared = "declared" if code in operation.declared else "UNDECLARED"
                rows.append((operation.operation_id, code, f"{count} ({declared})", why))
        return rows

    def fields(self) -> list[tuple[str, str, list[str], list[str]]]:
        """(operation, field, kinds drawn, kinds not drawn) for every request field."""
        rows = []
        for operation in self.c.spec.operations.values():
            for name, spec_field in operation.fields.items():
                drawn = self.c.drawn(operation.operation_id, name)
                rows.append(
                    (
                        operation.operation_id,
                        name,
                        [k for k in spec_field.kinds if k in drawn],
                        [k for k in spec_field.kinds if k not in drawn],
                    )
                )
        return rows

    def failures(self) -> list[str]:
        found = [
            f"documented rule {s.rule.name} ({s.rule.source}): {s.state}"
            + (f", missing {', '.join(s.missing)}" if s.missing else "")
            for s in self.rule_states()
            if s.state in ("not reached", "no check")
        ]
        if not self.whole_run:
            return found
        for operation, code, seen, why in self.statuses():
            if seen.startswith("0 ") and not why:
                found.append(f"{operation} never answered its declared {code}")
        for operation, name, drawn, _ in self.fields():
            if "present" not in drawn and operation not in self.excluded:
                found.append(f"{operation} request field {name} was never drawn")
        return found

    # -- output --------------------------------------------------------------------------------
    def summary(self) -> list[str]:
        states = self.rule_states()
        count = {s: sum(1 for r in states if r.state == s) for s in {r.state for r in states}}
        rows = self.statuses()
        unseen = sum(1 for r in rows if r[2].startswith("0 "))
        explained = sum(1 for r in rows if r[2].startswith("0 ") and r[3])
        fields = self.fields()
        never = [f"{op} {name}" for op, name, drawn, _ in fields if "present" not in drawn]
        kinds = sum(len(d) for _, _, d, _ in fields)
        total = kinds + sum(len(n) for _, _, _, n in fields)
        lines = [
            f"{len(self.c.spec.operations)} operations, {sum(self.c.requests.values())} requests; "
            f"declared statuses: {len(rows) - unseen} seen, {explained} explained, "
            f"{unseen - explained} unseen",
            f"request fields: {len(fields) - len(never)} of {len(fields)} drawn; "
            f"kinds: {kinds} of {total}",
            "documented rules: "
            + ", ".join(f"{n} {s}" for s, n in sorted(count.items()))
            + f" (of {len(states)})",
        ]
        lines += [
            f"reading {name}: {r.followed} (decided by {r.decided_by[:120]})"
            for name, r in sorted(self.c.readings.items())
        ]
        return lines

    def to_json(self) -> str:
        document: dict[str, Any] = {
            "target": self.target,
            "whole_run": self.whole_run,
            "tests": self.c.outcomes,
            "operations": {
                op.operation_id: {
                    "requests": self.c.requests.get(op.operation_id, 0),
                    "declared": list(op.declared),
                    "seen": dict(self.c.statuses.get(op.operation_id, {})),
                    "fields": {
                        name: {
                            "drawn": [
                                k for k in f.kinds if k in self.c.drawn(op.operation_id, name)
                            ],
                            "not_drawn": [
                                k for k in f.kinds if k not in self.c.drawn(op.operation_id, name)
                            ],
                        }
                        for name, f in op.fields.items()
                    },
                }
                for op in self.c.spec.operations.values()
            },
            "unseen_statuses": [
                {"operation": o, "status": c, "why": w}
                for o, c, s, w in self.statuses()
                if s.startswith("0 ")
            ],
            "rules": [
                {
                    "name": s.rule.name,
                    "source": s.rule.source,
                    "text": s.rule.text,
                    "check": s.rule.check,
                    "state": s.state,
                    "why": s.why,
                    "missing": list(s.missing),
                }
                for s in self.rule_states()
            ],
            "readings": {
                name: {"followed": r.followed, "decided_by": r.decided_by}
                for name, r in self.c.readings.items()
            },
            "failures": self.failures(),
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

    def to_markdown(self) -> str:
        out = [f"# Contract coverage ({self.target})", ""]
        out += [f"- {line}" for line in self.summary()]
        failures = self.failures()
        out += ["", "## Failures", ""]
        out += [f"- {line}" for line in failures] or ["none"]
        out += [
            "",
            "## Status codes by operation",
            "",
            "| operation | status | seen | why unseen |",
            "|---|---|---|---|",
        ]
        out += [f"| {o} | {c} | {s} | {w} |" for o, c, s, w in self.statuses()]
        out += [
            "",
            "## Request fields",
            "",
            "| operation | field | kinds drawn | not drawn |",
            "|---|---|---|---|",
        ]
        out += [
            f"| {o} | `{n}` | {' '.join(d) or self._never(o)} | {' '.join(m)} |"
            for o, n, d, m in self.fields()
        ]
        out += [
            "",
            "## Documented rules",
            "",
            "| rule | source | checked by | state | |",
            "|---|---|---|---|---|",
        ]
        out += [
            f"| {s.rule.name}: {s.rule.text} | {s.rule.source} | {s.rule.check} | **{s.state}** | "
            f"{s.why}{'missing ' + ', '.join(s.missing) if s.missing else ''} |"
            for s in self.rule_states()
        ]
        out += ["", "## Readings", "", "| question | followed | decided by |", "|---|---|---|"]
        out += [
            f"| {n} | {r.followed} | `{r.decided_by.replace('|', '/')}` |"
            for n, r in sorted(self.c.readings.items())
        ] or ["none decided"]
        return "\n".join(out) + "\n"

    def _never(self, operation: str) -> str:
        if operation in self.excluded:
            return f"never: {NO_SEND}; the model sends only what a live run may"
        return "**never**"

    def write(self, directory: Path) -> tuple[Path, Path]:
        directory.mkdir(parents=True, exist_ok=True)
        markdown, document = directory / MARKDOWN_REPORT, directory / JSON_REPORT
        markdown.write_text(self.to_markdown(), encoding="utf-8")
        document.write_text(self.to_json(), encoding="utf-8")
        return markdown, document
