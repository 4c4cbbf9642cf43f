"""The request limits the patched spec declares, read from generated/openapi.yaml."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

SPEC = Path(__file__).resolve().parents[2] / "generated" / "openapi.yaml"


@cache
def spec() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return document


def schema(name: str) -> dict[str, Any]:
    found: dict[str, Any] = spec()["components"]["schemas"][name]
    return found


def max_length(schema_name: str, field: str) -> int:
    value: int = schema(schema_name)["properties"][field]["maxLength"]
    return value


def max_items(schema_name: str, field: str) -> int:
    value: int = schema(schema_name)["properties"][field]["maxItems"]
    return value


def sized_fields(schema_name: str) -> dict[str, tuple[str, int]]:
    """Each string or list field with a declared limit: ``field -> ("maxLength"|"maxItems", n)``."""
    found: dict[str, tuple[str, int]] = {}
    for field, definition in schema(schema_name).get("properties", {}).items():
        for keyword in ("maxLength", "maxItems"):
            if keyword in definition:
                found[field] = (keyword, int(definition[keyword]))
    return found
