"""The client's reader view of the patched spec, and the response shapes its normaliser needs.

The patched spec (``generated/openapi.yaml``) is the contract: what the service promises. The client is liberal in
what it reads, so it is generated from a *reader view* derived here, in memory, from the spec's own extensions
(``overlays/62-wire-variants.yaml``): a response schema requires only its ``x-smsworks-read-required`` properties,
and an operation also accepts the success statuses its ``status`` variants list. Nothing here names a field or an
operation: the overlay is the one copy of that knowledge.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from smsworks_pipeline.loading import JSONValue

VARIANTS = "x-smsworks-wire-variants"
READ_REQUIRED = "x-smsworks-read-required"
SHAPES_NAME = "_wire_shapes.py"
_HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def reader_view(document: JSONValue) -> JSONValue:
    """``document`` as the client reads it: fewer required response fields, the variants' extra statuses."""
    view: dict[str, Any] = copy.deepcopy(document)
    for schema in view.get("components", {}).get("schemas", {}).values():
        if isinstance(schema, dict) and READ_REQUIRED in schema:
            keep = set(schema[READ_REQUIRED])
            # An allOf's inline parts are the schema's own too (a $ref'd part keeps its own rule).
            for part in [schema, *(p for p in schema.get("allOf", []) if "$ref" not in p)]:
                _keep_required(part, keep)
    extra = _extra_statuses(view)
    for operation in _operations(view):
        responses = operation["responses"]
        success = [code for code in responses if code.startswith("2")]
        for status in extra.get(operation.get("operationId", ""), []):
            if status not in responses and success:
                declared = copy.deepcopy(responses[success[0]])
                declared.pop("links", None)
                responses[status] = declared
    return view


def _keep_required(schema: dict[str, Any], keep: set[str]) -> None:
    if "required" in schema:
        schema["required"] = [name for name in schema["required"] if name in keep]
        if not schema["required"]:
            del schema["required"]


def _extra_statuses(document: dict[str, Any]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for variant in document.get(VARIANTS, []):
        if variant.get("departure") == "status":
            for operation_id, statuses in variant.get("statuses", {}).items():
                found.setdefault(operation_id, []).extend(str(status) for status in statuses)
    return found


def _operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        operation
        for item in document.get("paths", {}).values()
        for method, operation in item.items()
        if method in _HTTP_METHODS and isinstance(operation, dict) and "responses" in operation
    ]


def _resolve(document: dict[str, Any], schema: Any, depth: int = 0) -> dict[str, Any]:
    """A compact shape of ``schema``: ``t`` type, ``p`` properties, ``i`` items ($ref and allOf followed)."""
    if not isinstance(schema, dict) or depth > 20:
        return {}
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return _resolve(document, document["components"]["schemas"][name], depth + 1)
    shape: dict[str, Any] = {}
    for part in schema.get("allOf", []):
        merged = _resolve(document, part, depth + 1)
        shape.setdefault("p", {}).update(merged.get("p", {}))
        if "t" in merged:
            shape["t"] = merged["t"]
    if isinstance(schema.get("type"), str):
        shape["t"] = schema["type"]
    if isinstance(schema.get("properties"), dict):
        shape.setdefault("p", {}).update(
            {name: _resolve(document, sub, depth + 1) for name, sub in schema["properties"].items()}
        )
    if "items" in schema:
        shape["i"] = _resolve(document, schema["items"], depth + 1)
    return shape


def response_shapes(document: JSONValue) -> list[tuple[str, str, str, dict[str, dict[str, Any]]]]:
    """``(METHOD, path regex, operationId, {status: shape})`` for every operation's success responses."""
    doc: dict[str, Any] = document
    rows: list[tuple[str, str, str, dict[str, dict[str, Any]]]] = []
    for path, item in sorted(doc.get("paths", {}).items()):
        for method, operation in sorted(item.items()):
            if method not in _HTTP_METHODS or not isinstance(operation, dict):
                continue
            shapes: dict[str, dict[str, Any]] = {}
            for status, response in sorted(operation.get("responses", {}).items()):
                if not str(status).startswith("2"):
                    continue
                for media in (response.get("content") or {}).values():
                    shapes[str(status)] = _resolve(doc, media.get("schema"))
            pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$"
            rows.append((method.upper(), pattern, str(operation.get("operationId", "")), shapes))
    return rows


def shapes_module(document: JSONValue, header: str) -> str:
    """The text of ``smsworks/_wire_shapes.py``: the reader view's success shapes, as Python data."""
    rows = response_shapes(reader_view(document))
    lines = [
        '"""The success responses\' shapes (types, properties, items) for the client\'s normaliser."""',
        "",
        header.rstrip("\n"),
        "from typing import Any, Final",
        "",
        "OPERATIONS: Final[list[tuple[str, str, str, dict[str, dict[str, Any]]]]] = [",
    ]
    lines.extend(f"    {row!r}," for row in rows)
    lines.append("]")
    lines.append(
        '"""``(METHOD, path regex, operationId, {status: shape})``; a shape has ``t``, ``p``, ``i``."""'
    )
    return "\n".join(lines) + "\n"
