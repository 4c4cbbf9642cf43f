"""Every documented rule has an entry in the coverage report's registry, and every entry a check.

A row of docs/spec-rules.md's two tables or of docs/emulator.md's behaviour table with no rule in
``contract_tests/coverage/rules.py`` fails here, naming the row; so does a rule whose check never
reports reaching it (no ``reach``/``hit`` of its name in the suite) or whose source names no row.
"""

from __future__ import annotations

import re
from pathlib import Path

from contract_tests.coverage.rules import RULES
from contract_tests.settings import REPO_ROOT

DOCS = REPO_ROOT / "docs"


def _first_cells(path: Path, after: str, before: str | None = None) -> list[str]:
    """The first cell of each body row of the tables between two headings, backticks dropped."""
    text = path.read_text(encoding="utf-8")
    text = text.split(after, 1)[1]
    if before is not None:
        text = text.split(before, 1)[0]
    cells = []
    for line in text.splitlines():
        if line.startswith("| ") and not line.startswith("|---"):
            cells.append(line.split("|")[1].strip().replace("`", ""))
    return [c for c in cells if c not in ("rule", "area")]


SPEC_ROWS = _first_cells(DOCS / "spec-rules.md", "## Rules the spec states", "## Check the spec")
BEHAVIOUR_ROWS = _first_cells(DOCS / "emulator.md", "## Behaviour", "## The live-like")
SECTIONS = ["tokens and customers"]


def _spec_rows_of(source: str) -> list[str]:
    words = source.removeprefix("spec-rules.md: ").replace("`", "")
    return [row for row in SPEC_ROWS if row.startswith(words)]


def test_every_row_of_the_docs_has_a_rule() -> None:
    sources = [rule.source for rule in RULES]
    missing = [
        row
        for row in SPEC_ROWS
        if not any(s.startswith("spec-rules.md: ") and row in _spec_rows_of(s) for s in sources)
    ]
    missing += [row for row in BEHAVIOUR_ROWS if f"emulator.md: {row}" not in sources]
    assert not missing, f"documented rules with no entry in coverage/rules.py: {missing}"


def test_every_rule_names_a_row_and_a_check_that_reaches_it() -> None:
    code = "\n".join(
        p.read_text(encoding="utf-8") for p in (REPO_ROOT / "contract_tests").glob("*.py")
    )
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    for rule in RULES:
        assert rule.check, f"{rule.name} has no check"
        if rule.source.startswith("spec-rules.md: "):
            assert _spec_rows_of(rule.source), f"{rule.name}: no row {rule.source!r}"
        else:
            area = rule.source.removeprefix("emulator.md: ")
            assert area in BEHAVIOUR_ROWS + SECTIONS, f"{rule.name}: no row {rule.source!r}"
        if rule.event:
            assert re.search(
                rf"""(?:hit|reach)\((?:[^)]*)["']{re.escape(rule.name)}["']""", code
            ), f"{rule.name}: no check reports reaching it"
        assert rule.event or rule.drawn or rule.tests, rule.name
