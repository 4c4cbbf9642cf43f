"""The layering docs/internals.md states, checked on the code's actual imports."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = ("smsworks", "smsworks_pipeline", "smsworks_emulator", "contract_tests", "bench")
# Only these emulator modules may import the generated client: they hand users a ready one.
EMULATOR_CLIENT_USERS = {"testing.py", "pytest_plugin.py"}


def imported_roots(path: Path) -> set[str]:
    """Our top-level packages a module imports (relative imports stay inside their package)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found |= {name.split(".")[0] for name in names if name.split(".")[0] in OURS}
    return found


def modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("path", modules("pipeline"), ids=str)
def test_the_pipeline_imports_nothing_of_ours(path: Path) -> None:
    assert imported_roots(path) <= {"smsworks_pipeline"}


@pytest.mark.parametrize("path", modules("generated/client/smsworks"), ids=str)
def test_the_generated_client_imports_only_itself(path: Path) -> None:
    assert imported_roots(path) <= {"smsworks"}


@pytest.mark.parametrize("path", modules("emulator"), ids=str)
def test_the_emulator_uses_the_client_only_in_its_test_helpers(path: Path) -> None:
    allowed = {"smsworks_emulator"} | (
        {"smsworks"} if path.name in EMULATOR_CLIENT_USERS else set()
    )
    assert imported_roots(path) <= allowed


def test_nothing_below_the_tests_imports_them() -> None:
    for folder in ("pipeline", "emulator", "generated/client"):
        for path in modules(folder):
            assert not imported_roots(path) & {"contract_tests", "bench"}, path
