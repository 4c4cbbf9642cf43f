"""What the emulator and the contract suite already cover, read from their source as data.

The pipeline sits below both in the layering (it imports nothing of ours), so it never imports them: it parses the
emulator's operation table (``OPERATIONS`` in ``service/operations.py``: its keys are operationIds) and the contract
model's driver (the ``smsworks.api`` modules it imports: one per operation it calls) with :mod:`ast`.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from smsworks_pipeline.diff import RESPONSE, WORDING, SpecDiff
from smsworks_pipeline.loading import load_document

EMULATOR_OPERATIONS = Path("emulator/smsworks_emulator/service/operations.py")
CONTRACT_MODEL_DRIVER = Path("contract_tests/model/driver.py")
PATCHED_SPEC = Path("generated/openapi.yaml")


def snake(operation_id: str) -> str:
    """``getMessageById`` as the generated client names its module: ``get_message_by_id``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", operation_id).lower()


def emulator_operations(source: Path) -> set[str] | None:
    """The keys of the ``OPERATIONS`` mapping literal in ``source``, or None when it cannot be read."""
    if not source.is_file():
        return None
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        if isinstance(value, ast.Dict) and any(
            isinstance(target, ast.Name) and target.id == "OPERATIONS" for target in targets
        ):
            return {
                key.value
                for key in value.keys
                if isinstance(key, ast.Constant) and isinstance(key.value, str)
            }
    return None


def contract_model_operations(source: Path) -> set[str] | None:
    """The operation modules (snake_case operationIds) the contract model imports from ``smsworks.api``."""
    if not source.is_file():
        return None
    found: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("smsworks.api."):
            found |= {alias.name for alias in node.names}
    return found


def patched_operation_ids(spec: Path) -> dict[str, str]:
    """``METHOD /path`` to operationId in the committed patched spec (the overlays name what upstream does not)."""
    if not spec.is_file():
        return {}
    document: Any = load_document(spec)
    return {
        f"{method.upper()} {path}": operation["operationId"]
        for path, item in (document.get("paths") or {}).items()
        for method, operation in item.items()
        if isinstance(operation, dict) and "operationId" in operation
    }


@dataclass(frozen=True)
class Coverage:
    """One operation the diff touches, and what the emulator and contract model have of it."""

    operation: str
    operation_id: str
    emulator: str
    contract_model: str

    def as_json(self) -> dict[str, str]:
        return {
            "operation": self.operation,
            "operationId": self.operation_id,
            "emulator": self.emulator,
            "contract_model": self.contract_model,
        }


def coverage(diff: SpecDiff, root: Path) -> list[Coverage]:
    """For each added or changed operation, what the emulator and the contract suite do not cover yet."""
    emulator = emulator_operations(root / EMULATOR_OPERATIONS)
    model = contract_model_operations(root / CONTRACT_MODEL_DRIVER)
    known_ids = patched_operation_ids(root / PATCHED_SPEC)
    rows: list[Coverage] = []
    response_changed = {
        change.operation
        for change in diff.changes
        if change.where.startswith(f"{RESPONSE} ") and change.impact != WORDING
    }
    for key in [*diff.added, *diff.changed_operations]:
        operation_id = diff.operation_ids.get(key) or known_ids.get(key, "")
        rows.append(
            Coverage(
                key,
                operation_id or "(none)",
                _emulator_says(emulator, operation_id, key in response_changed),
                _model_says(model, operation_id),
            )
        )
    rows += [
        Coverage(
            key,
            diff.operation_ids.get(key) or known_ids.get(key, "(none)"),
            "remove its entry from the operation table",
            "remove its calls from the model",
        )
        for key in diff.removed
    ]
    return rows


def _emulator_says(table: set[str] | None, operation_id: str, response_changed: bool) -> str:
    if table is None:
        return "unknown (no operation table found)"
    if not operation_id or operation_id not in table:
        return "missing: no entry in the operation table"
    if response_changed:
        return "review: its handler answers the old response"
    return "covered (requests are validated against the regenerated spec)"


def _model_says(model: set[str] | None, operation_id: str) -> str:
    if model is None:
        return "unknown (no contract model found)"
    if not operation_id or snake(operation_id) not in model:
        return "missing: the contract model never calls it"
    return "covered: review the model's expectations"
