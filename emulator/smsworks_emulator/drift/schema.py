"""A small walker of the spec's schemas that names each departure of a value: its kind and JSON pointer.

It reads the OpenAPI 3.0 subset the spec uses: ``$ref`` (local), ``allOf``, ``type`` (with ``nullable``),
``required``, ``properties``, ``items``, ``enum`` and ``pattern``. Every schema reached through
``#/components/schemas/Name`` carries that name, so a departure knows its ``Name.property`` location, which is
how the wire variants are written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

SCHEMA_REF = "#/components/schemas/"


@dataclass(frozen=True)
class Departure:
    """One place a value leaves its schema; ``location`` is ``Schema.property`` when the spec names one."""

    pointer: str
    kind: str
    declared: str
    seen: str
    location: str | None


def json_type(value: object) -> str:
    """The JSON Schema type name of a parsed JSON value."""
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
    if isinstance(value, list):
        return "array"
    return "object"


def type_matches(declared: str, value: object) -> bool:
    seen = json_type(value)
    if declared == "number":
        return seen in ("number", "integer")
    if declared == "integer" and isinstance(value, float):
        return value.is_integer()
    return seen == declared


def escape(token: str) -> str:
    """A JSON pointer reference token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


class SchemaWalker:
    """Walks a value against a schema of one spec document and lists its departures."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.schemas: dict[str, Any] = document.get("components", {}).get("schemas", {})

    def resolve(
        self, schema: dict[str, Any], name: str | None
    ) -> tuple[dict[str, Any], str | None]:
        """Follow ``$ref`` to the named component schema (bounded: a chain of refs longer than the spec is an error)."""
        for _ in range(len(self.schemas) + 1):
            ref = schema.get("$ref")
            if not isinstance(ref, str):
                return schema, name
            if not ref.startswith(SCHEMA_REF):
                raise ValueError(f"only local schema references are read, not {ref}")
            name = ref.removeprefix(SCHEMA_REF)
            schema = self.schemas[name]
        raise ValueError(f"a cycle of references at {name}")

    def walk(
        self, schema: dict[str, Any], value: object, pointer: str = "", name: str | None = None
    ) -> list[Departure]:
        schema, name = self.resolve(schema, name)
        found: list[Departure] = []
        for part in schema.get("allOf", []):
            found += self.walk(part, value, pointer, name)
        declared = schema.get("type")
        if value is None and schema.get("nullable"):
            return found
        if isinstance(declared, str) and not type_matches(declared, value):
            kind = "shape" if {declared, json_type(value)} == {"array", "object"} else "type"
            found.append(
                Departure(pointer, kind, declared, json_type(value), self._location(name, pointer))
            )
            return found
        if "enum" in schema and value not in schema["enum"]:
            declared_values = ", ".join(str(item) for item in schema["enum"])
            found.append(
                Departure(
                    pointer,
                    "enum",
                    f"one of {declared_values}",
                    repr(value),
                    self._location(name, pointer),
                )
            )
        pattern = schema.get("pattern")
        if (
            isinstance(value, str)
            and isinstance(pattern, str)
            and not _compiled(pattern).search(value)
        ):
            found.append(
                Departure(pointer, "pattern", pattern, repr(value), self._location(name, pointer))
            )
        if isinstance(value, dict):
            found += self._object(schema, value, pointer, name)
        if isinstance(value, list) and isinstance(schema.get("items"), dict):
            for index, item in enumerate(value):
                found += self.walk(schema["items"], item, f"{pointer}/{index}", None)
        return found

    def _object(
        self, schema: dict[str, Any], value: dict[str, Any], pointer: str, name: str | None
    ) -> list[Departure]:
        found: list[Departure] = []
        for key in schema.get("required", []):
            if key not in value:
                location = f"{name}.{key}" if name else None
                found.append(
                    Departure(
                        f"{pointer}/{escape(key)}", "required", "required", "absent", location
                    )
                )
        properties: dict[str, Any] = schema.get("properties", {})
        for key, item in value.items():
            if key in properties:
                found += self._property(
                    properties[key], item, f"{pointer}/{escape(key)}", name, key
                )
        return found

    def _property(
        self, schema: dict[str, Any], value: object, pointer: str, owner: str | None, key: str
    ) -> list[Departure]:
        """A property's own departures carry ``Owner.key``; deeper ones carry their own schema's name."""
        resolved, name = self.resolve(schema, None)
        if name is not None:
            return self.walk(resolved, value, pointer, name)
        departures = self.walk(resolved, value, pointer, None)
        location = f"{owner}.{key}" if owner else None
        return [
            Departure(d.pointer, d.kind, d.declared, d.seen, location)
            if d.pointer == pointer
            else d
            for d in departures
        ]

    @staticmethod
    def _location(name: str | None, pointer: str) -> str | None:
        """A departure of a whole named schema's value is located at the schema's name."""
        return name
