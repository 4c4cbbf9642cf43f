"""Every response-schema position of the patched spec, with a value valid for its schema.

Written from the spec alone (its own ``$ref``/``allOf`` reading, nothing of the checker or the
client), so the property tests of the drift checker and the client's normaliser have an oracle
that shares no code with either. Response schemas carry no enum, pattern or format
(docs/spec-rules.md), so a value of the declared type is valid.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

SPEC_PATH = Path(__file__).resolve().parents[1] / "generated" / "openapi.yaml"
REF = "#/components/schemas/"
SAMPLES: dict[str, Any] = {"string": "text", "integer": 7, "number": 1.5, "boolean": True}
METHODS = ("get", "put", "post", "delete", "patch")


@cache
def spec() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    return document


def table() -> list[dict[str, Any]]:
    """The spec's table of known wire variants, as written."""
    found: list[dict[str, Any]] = spec().get("x-smsworks-wire-variants", [])
    return found


def resolve(schema: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """``schema`` with its ``$ref`` followed (its component name) and ``allOf`` merged."""
    name = None
    while "$ref" in schema:
        name = str(schema["$ref"]).removeprefix(REF)
        schema = spec()["components"]["schemas"][name]
    if "allOf" in schema:
        merged: dict[str, Any] = {"properties": {}, "required": []}
        for part in schema["allOf"]:
            resolved, _ = resolve(part)
            merged.setdefault("type", resolved.get("type"))
            merged["properties"].update(resolved.get("properties", {}))
            merged["required"] += resolved.get("required", [])
        schema = merged
    return schema, name


@dataclass(frozen=True)
class Position:
    """One property inside a valid body: its JSON pointer, ``Schema.property`` and declared type."""

    pointer: tuple[str | int, ...]
    location: str
    declared: str
    required: bool
    nullable: bool
    inline: bool
    """Its schema is written in place, not a ``$ref`` (departures there carry ``Schema.property``)."""


def build(schema: dict[str, Any], at: tuple[str | int, ...] = ()) -> tuple[Any, list[Position]]:
    """A value valid for ``schema`` (every property present, one item per array), and its positions."""
    resolved, name = resolve(schema)
    kind = resolved.get("type") or ("object" if "properties" in resolved else None)
    if kind == "array":
        item, inside = build(resolved.get("items", {}), (*at, 0))
        return [item], inside
    if kind != "object":
        return SAMPLES.get(str(kind), "text"), []
    value: dict[str, Any] = {}
    positions: list[Position] = []
    required = set(resolved.get("required", []))
    for key, definition in resolved.get("properties", {}).items():
        inner, found = build(definition, (*at, key))
        value[key] = inner
        target, _ = resolve(definition)
        declared = target.get("type") or ("object" if "properties" in target else "")
        if name is not None and declared:
            positions.append(
                Position(
                    (*at, key),
                    f"{name}.{key}",
                    str(declared),
                    key in required,
                    bool(target.get("nullable")),
                    "$ref" not in definition,
                )
            )
        positions += found
    return value, positions


@dataclass(frozen=True)
class Answer:
    operation: str
    status: int
    media: str
    schema: dict[str, Any]


def answers() -> list[Answer]:
    """Every declared answer of every operation with a JSON body."""
    found = []
    for item in spec()["paths"].values():
        for method in METHODS:
            operation = item.get(method)
            if not isinstance(operation, dict):
                continue
            for code, response in operation.get("responses", {}).items():
                if not str(code).isdigit():
                    continue
                for media, content in (response.get("content") or {}).items():
                    if "json" in media and "schema" in content:
                        found.append(
                            Answer(operation["operationId"], int(code), media, content["schema"])
                        )
    return found


def put(value: Any, pointer: tuple[str | int, ...], new: Any) -> Any:
    """A copy of ``value`` with ``new`` at ``pointer``."""
    changed = copy.deepcopy(value)
    holder = changed
    for step in pointer[:-1]:
        holder = holder[step]
    holder[pointer[-1]] = new
    return changed


def drop(value: Any, pointer: tuple[str | int, ...]) -> Any:
    changed = copy.deepcopy(value)
    holder = changed
    for step in pointer[:-1]:
        holder = holder[step]
    del holder[pointer[-1]]
    return changed


def json_pointer(pointer: tuple[str | int, ...]) -> str:
    return "".join("/" + str(step).replace("~", "~0").replace("/", "~1") for step in pointer)


def json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"
