"""The layering docs/internals.md states, checked on the code's actual imports."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = ("smsworks", "smsworks_pipeline", "smsworks_emulator", "contract_tests", "bench")
EMULATOR = ROOT / "emulator" / "smsworks_emulator"

# What each part of the emulator may import of the emulator: only the layers below it.
LAYERS = ("rules", "store", "service", "http", "testing")
MAY_IMPORT: dict[str, set[str]] = {
    "rules": {"rules"},
    "store": {"rules", "store"},
    "service": {"rules", "store", "service", "settings"},
    "http": {"rules", "store", "service", "http", "settings"},
    "testing": {"rules", "store", "service", "http", "testing", "settings"},
    "settings": {"rules"},
    "drift": {"drift"},
    "proxy": {"rules", "http", "drift", "proxy"},
    "cli": {"http", "settings", "proxy"},
    "__main__": {"cli"},
    "__init__": {"http", "service", "settings"},
}
# Only these may import the generated client: the rules share its credit rule (through one
# module, which the rest of the emulator imports it from), and the test helpers hand users a
# ready client.
CLIENT_USERS = {"rules.segments", "testing"}
SQL_CALLS = {"execute", "executemany", "executescript"}


def imported_names(path: Path) -> list[str]:
    """Every absolute module name a file imports (``from a.b import c`` gives ``a.b`` and ``a.b.c``)."""
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def imported_roots(path: Path) -> set[str]:
    """Our top-level packages a module imports (relative imports stay inside their package)."""
    return {name.split(".")[0] for name in imported_names(path)} & set(OURS)


def modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def part_of(path: Path) -> str:
    """The emulator part a file belongs to: its subpackage, or its own name at the top."""
    relative = path.relative_to(EMULATOR)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def emulator_module(path: Path) -> str:
    relative = path.relative_to(EMULATOR.parent).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


EMULATOR_MODULES = {emulator_module(path): path for path in modules("emulator")}


def emulator_imports(path: Path) -> set[str]:
    """The emulator modules a file imports (a name that is not a module counts as its module)."""
    found = set()
    for name in imported_names(path):
        if name.split(".")[0] != "smsworks_emulator":
            continue
        while name not in EMULATOR_MODULES:
            name = name.rpartition(".")[0]
        found.add(name)
    return found


@pytest.mark.parametrize("path", modules("pipeline"), ids=str)
def test_the_pipeline_imports_nothing_of_ours(path: Path) -> None:
    assert imported_roots(path) <= {"smsworks_pipeline"}


@pytest.mark.parametrize("path", modules("generated/client/smsworks"), ids=str)
def test_the_generated_client_imports_only_itself(path: Path) -> None:
    assert imported_roots(path) <= {"smsworks"}


def test_the_emulator_is_in_layers() -> None:
    parts = {part_of(path) for path in modules("emulator")}
    assert parts == set(MAY_IMPORT), "a new part of the emulator needs its place in MAY_IMPORT"
    assert set(LAYERS) <= parts


@pytest.mark.parametrize("path", modules("emulator"), ids=str)
def test_each_emulator_part_imports_only_the_layers_below_it(path: Path) -> None:
    part = part_of(path)
    imported = {
        part_of(EMULATOR_MODULES[name])
        for name in emulator_imports(path)
        if name != "smsworks_emulator"
    }
    assert imported <= MAY_IMPORT[part], f"{part} may not import {imported - MAY_IMPORT[part]}"


@pytest.mark.parametrize("path", modules("emulator"), ids=str)
def test_only_the_rules_and_the_test_helpers_use_the_client(path: Path) -> None:
    users = {part_of(path), emulator_module(path).removeprefix("smsworks_emulator.")}
    allowed = {"smsworks_emulator"} | ({"smsworks"} if users & CLIENT_USERS else set())
    assert imported_roots(path) <= allowed


@pytest.mark.parametrize("path", modules("emulator"), ids=str)
def test_only_the_store_touches_sqlite(path: Path) -> None:
    if part_of(path) == "store":
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert not any(name.split(".")[0] == "sqlite3" for name in imported_names(path))
    calls = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in SQL_CALLS
    ]
    assert calls == [], f"SQL run outside the store, lines {calls}"


def test_the_emulator_has_no_import_circle() -> None:
    graph = {name: emulator_imports(path) - {name} for name, path in EMULATOR_MODULES.items()}
    done: set[str] = set()

    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            raise AssertionError(" -> ".join([*trail[trail.index(name) :], name]))
        if name in done:
            return
        for imported in sorted(graph[name]):
            visit(imported, [*trail, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])


def test_nothing_below_the_tests_imports_them() -> None:
    for folder in ("pipeline", "emulator", "generated/client"):
        for path in modules(folder):
            assert not imported_roots(path) & {"contract_tests", "bench"}, path


# httpx's successor: the old packages are not installed where the client and the emulator are.
OLD_HTTP_STACK = {"httpx", "httpcore"}
PYTHON_FOLDERS = (
    "pipeline",
    "frontdoor",
    "emulator",
    "contract_tests",
    "tests",
    "bench",
    "examples",
)


def test_nothing_imports_the_old_http_stack() -> None:
    paths = [ROOT / "conftest.py", *modules("generated/client")]
    paths += [path for folder in PYTHON_FOLDERS for path in modules(folder)]
    found = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in paths
        for name in imported_names(path)
        if name.split(".")[0] in OLD_HTTP_STACK
    ]
    assert found == [], "import httpx2 (httpcore2) instead"


# Service modules that may read every customer's rows (ANY_CUSTOMER): the lifecycle applies due
# work whoever it belongs to, and the control endpoints' views list everyone's. Every other one
# serves an API operation, for the one customer whose token came with the request.
UNSCOPED_SERVICE_MODULES = {"lifecycle", "inspection", "webhooks"}


@pytest.mark.parametrize("path", sorted((EMULATOR / "service").glob("*.py")), ids=str)
def test_the_api_s_service_modules_see_one_customer_only(path: Path) -> None:
    if path.stem in UNSCOPED_SERVICE_MODULES:
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    named = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    named |= {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert not named & {"ANY_CUSTOMER", "AnyCustomer"}, (
        f"{path.stem} serves the API: it may read only the requesting customer's rows"
    )
