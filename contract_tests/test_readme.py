"""The README's table lists every property of the suite, with where it runs."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SUITE = Path(__file__).resolve().parent
# The modules whose tests are properties of a service (not of the suite itself).
PROPERTY_MODULES = (
    "test_batches.py",
    "test_credits.py",
    "test_emulator_only.py",
    "test_isolation.py",
    "test_model.py",
    "test_outcomes.py",
    "test_paging.py",
    "test_readback.py",
    "test_schedules.py",
    "test_schemathesis.py",
    "test_stateful.py",
)
TARGETS = 3  # emulator, emulator-http, sandbox


def _tests(module: str) -> list[str]:
    tree = ast.parse((SUITE / module).read_text(encoding="utf-8"))
    return [
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    ]


def test_every_property_has_a_row_saying_where_it_runs() -> None:
    readme = (SUITE / "README.md").read_text(encoding="utf-8")
    rows = {
        match.group(1): [cell.strip() for cell in match.group(2).split("|")]
        for match in re.finditer(r"^\| `(test_\w+)` \|(.*)\|$", readme, flags=re.MULTILINE)
    }
    missing = [name for module in PROPERTY_MODULES for name in _tests(module) if name not in rows]
    assert not missing, f"contract_tests/README.md has no row for {', '.join(missing)}"
    for module in PROPERTY_MODULES:
        for name in _tests(module):
            promise, *targets = rows[name]
            assert promise, f"the row of {name} says no promise"
            assert len(targets) == TARGETS, f"the row of {name} needs {TARGETS} target columns"
            assert all(targets), f"the row of {name} leaves a target empty"
