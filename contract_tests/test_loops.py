"""No loop in the contract suite can run for ever: each one has a bound and fails past it.

A service that ignores ``skip`` or never reaches a final status must fail a test, not hang it.
"""

from __future__ import annotations

import ast
from pathlib import Path

SUITE = Path(__file__).resolve().parent


def _endless(node: ast.AST) -> bool:
    if isinstance(node, ast.While):
        return isinstance(node.test, ast.Constant) and bool(node.test.value)
    if isinstance(node, ast.For | ast.AsyncFor) and isinstance(node.iter, ast.Call):
        function = node.iter.func
        name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
        # itertools.count(), itertools.cycle(...), iter(callable, sentinel)
        return name in ("count", "cycle") or (name == "iter" and len(node.iter.args) == 2)
    return False


def test_no_endless_loop_in_the_suite() -> None:
    offences = [
        f"{path.name}:{getattr(node, 'lineno', '?')}"
        for path in sorted(SUITE.glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if _endless(node)
    ]
    assert not offences, f"loops with no bound: {', '.join(offences)}"


def test_the_check_finds_an_endless_loop() -> None:
    for source in ("while True:\n    pass", "for _ in itertools.count():\n    pass"):
        assert any(_endless(node) for node in ast.walk(ast.parse(source))), source
    assert not any(_endless(node) for node in ast.walk(ast.parse("while n:\n    n -= 1")))
