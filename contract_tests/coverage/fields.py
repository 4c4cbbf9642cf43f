"""Every operation, declared status and request field of the patched spec, and the kinds of value each may take.

A field is a request body property (``sender``; ``[].sender`` for each message of an array body),
the body itself when it is an array (``[]``), or a parameter (``messageid (path)``). Its kinds are
what a suite should try: ``absent`` (optional fields), each enum value and one outside them, both
booleans, each documented date form (``iso-date``, ``iso-datetime``, ``js-date-text``), a value
off its pattern, ``empty``, and at and one past each limit (``maximal``, ``past-max``,
``minimum``, ``below-minimum``). Everything is derived from the spec: an operation or field added
there appears here with no change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

SPEC_PATH = Path(__file__).resolve().parents[2] / "generated" / "openapi.yaml"
METHODS = ("get", "put", "post", "delete", "patch")
DATE_MARK = "GMT"
"""A pattern naming GMT is the spec's date pattern (overlays/57-dates.yaml): ISO 8601 or JavaScript text."""
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
ISO_DATETIME = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T")
JS_DATE = re.compile(r"^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ")
DATE_KINDS = ("iso-date", "iso-datetime", "js-date-text")


@dataclass(frozen=True)
class Field:
    """One request field of one operation, and the kinds of value the spec makes worth drawing."""

    name: str
    schema: dict[str, Any]
    required: bool
    kinds: tuple[str, ...]

    def classify(self, present: bool, value: object = None) -> set[str]:
        """The kinds one value (or its absence) is."""
        if not present:
            return {"absent"}
        found = {"present"}
        schema = self.schema
        if "enum" in schema:
            found.add(f"={value}" if value in schema["enum"] else "off-enum")
        if isinstance(value, bool):
            found.add("true" if value else "false")
            return found
        if isinstance(value, str):
            found |= self._string(value)
        elif isinstance(value, list | dict):
            found |= _sized(len(value), schema.get("minItems"), schema.get("maxItems"))
        elif isinstance(value, int | float):
            found |= _bounded(value, schema.get("minimum"), schema.get("maximum"))
        return found

    def _string(self, value: str) -> set[str]:
        found = _sized(len(value), self.schema.get("minLength"), self.schema.get("maxLength"))
        pattern = self.schema.get("pattern")
        if pattern is not None:
            if re.search(pattern, value) is None:
                found.add("off-pattern")
            elif DATE_MARK in pattern:
                found |= {
                    kind
                    for kind, form in zip(
                        DATE_KINDS, (ISO_DATE, ISO_DATETIME, JS_DATE), strict=True
                    )
                    if form.search(value)
                }
        return found


def _sized(size: int, minimum: int | None, maximum: int | None) -> set[str]:
    found = {"empty"} if size == 0 else set()
    if minimum is not None and size < minimum:
        found.add("below-minimum")
    if maximum is not None:
        found |= {"maximal"} if size == maximum else set()
        found |= {"past-max"} if size > maximum else set()
    return found


def _bounded(value: float, minimum: float | None, maximum: float | None) -> set[str]:
    found: set[str] = set()
    if minimum is not None:
        found |= {"minimum"} if value == minimum else set()
        found |= {"below-minimum"} if value < minimum else set()
    if maximum is not None:
        found |= {"maximum"} if value == maximum else set()
        found |= {"past-max"} if value > maximum else set()
    return found


def kinds_of(schema: dict[str, Any], required: bool) -> tuple[str, ...]:
    """The kinds worth drawing for a field of ``schema``."""
    kinds = ["present"] if required else ["absent", "present"]
    if "enum" in schema:
        kinds += [f"={value}" for value in schema["enum"]] + ["off-enum"]
    kind = schema.get("type")
    if kind == "boolean":
        kinds += ["true", "false"]
    if kind in ("string", "array", "object"):
        kinds.append("empty")
    if "maxLength" in schema or "maxItems" in schema:
        kinds += ["maximal", "past-max"]
    if kind in ("integer", "number"):
        if "minimum" in schema:
            kinds += ["minimum", "below-minimum"]
        if "maximum" in schema:
            kinds += ["maximum", "past-max"]
    pattern = schema.get("pattern")
    if pattern is not None:
        kinds += [*DATE_KINDS] if DATE_MARK in str(pattern) else []
        kinds.append("off-pattern")
    return tuple(dict.fromkeys(kinds))


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str
    declared: tuple[str, ...]
    """Status codes the operation declares, ``default`` left out."""
    fields: dict[str, Field] = field(default_factory=dict)
    array_body: str | None = None
    """The name of the body's own field when the body is an array (``[]``)."""
    pattern: re.Pattern[str] = re.compile("")

    def classify(self, query: dict[str, str], body: object) -> dict[str, set[str]]:
        """The kinds each field of one request took (every field of the operation, absent included)."""
        found: dict[str, set[str]] = {}
        for name, spec_field in self.fields.items():
            if name.endswith(" (query)"):
                key = name.removesuffix(" (query)")
                found[name] = spec_field.classify(key in query, query.get(key))
            elif name.endswith(" (path)"):
                found[name] = {"present"}
        if self.array_body is not None and isinstance(body, list):
            found["[]"] = self.fields["[]"].classify(True, body)
            for name, spec_field in self.fields.items():
                if name.startswith("[]."):
                    key = name.removeprefix("[].")
                    for item in body:
                        if isinstance(item, dict):
                            found.setdefault(name, set()).update(
                                spec_field.classify(key in item, item.get(key))
                            )
        elif isinstance(body, dict):
            for name, spec_field in self.fields.items():
                if "(" not in name and not name.startswith("[]"):
                    found[name] = spec_field.classify(name in body, body.get(name))
        return found


class Spec:
    """The patched spec's operations, read once."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.operations: dict[str, Operation] = {}
        routes: list[tuple[int, Operation]] = []
        for path, item in document.get("paths", {}).items():
            for method in METHODS:
                raw = item.get(method)
                if not isinstance(raw, dict) or "operationId" not in raw:
                    continue
                operation = self._operation(path, method, raw, item.get("parameters", []))
                self.operations[operation.operation_id] = operation
                routes.append((path.count("{"), operation))
        # A literal segment wins over a parameter: /messages/schedule is not /messages/{messageid}.
        self.routes = [operation for _, operation in sorted(routes, key=lambda r: r[0])]
        servers = document.get("servers") or [{"url": ""}]
        self.base_path = re.sub(r"^[a-z]+://[^/]*", "", str(servers[0].get("url", ""))).rstrip("/")

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        """``schema`` with its ``$ref`` followed and its ``allOf`` merged (properties, required)."""
        while "$ref" in schema:
            name = str(schema["$ref"]).rsplit("/", 1)[-1]
            schema = self.document["components"]["schemas"][name]
        if "allOf" not in schema:
            return schema
        merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
        properties: dict[str, Any] = {}
        required: list[str] = []
        for part in schema["allOf"]:
            resolved = self.resolve(part)
            for key, value in resolved.items():
                if key not in ("properties", "required"):
                    merged.setdefault(key, value)
            for name, definition in resolved.get("properties", {}).items():
                properties[name] = {**properties.get(name, {}), **self.resolve(definition)}
            required += resolved.get("required", [])
        merged["properties"] = properties
        merged["required"] = required
        return merged

    def _object_fields(self, schema: dict[str, Any], prefix: str) -> dict[str, Field]:
        resolved = self.resolve(schema)
        required = set(resolved.get("required", []))
        return {
            prefix + name: Field(
                prefix + name,
                self.resolve(definition),
                name in required,
                kinds_of(self.resolve(definition), name in required),
            )
            for name, definition in resolved.get("properties", {}).items()
        }

    def _operation(
        self, path: str, method: str, raw: dict[str, Any], shared: list[dict[str, Any]]
    ) -> Operation:
        fields: dict[str, Field] = {}
        for parameter in [*shared, *raw.get("parameters", [])]:
            name = f"{parameter['name']} ({parameter['in']})"
            schema = self.resolve(parameter.get("schema", {}))
            required = bool(parameter.get("required"))
            kinds = ("present",) if parameter["in"] == "path" else kinds_of(schema, required)
            fields[name] = Field(name, schema, required, kinds)
        array_body = None
        content = (raw.get("requestBody") or {}).get("content") or {}
        for media in content.values():
            schema = self.resolve(media.get("schema", {}))
            if schema.get("type") == "array":
                array_body = "[]"
                fields["[]"] = Field("[]", schema, True, kinds_of(schema, True))
                fields.update(self._object_fields(schema.get("items", {}), "[]."))
            else:
                fields.update(self._object_fields(schema, ""))
            break
        declared = tuple(str(code) for code in raw.get("responses", {}) if code != "default")
        pattern = re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(path)) + "/?$")
        return Operation(raw["operationId"], method, path, declared, fields, array_body, pattern)

    def operation_for(self, method: str, path: str) -> Operation | None:
        """The operation a request's method and path (``/v1/...``) route to; ``None`` outside the spec."""
        if self.base_path and path.startswith(self.base_path + "/"):
            path = path.removeprefix(self.base_path)
        method = method.lower()
        for operation in self.routes:
            if operation.method == method and operation.pattern.match(path):
                return operation
        return None


@cache
def patched_spec(path: Path = SPEC_PATH) -> Spec:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return Spec(yaml.load(path.read_text(encoding="utf-8"), Loader=loader))
