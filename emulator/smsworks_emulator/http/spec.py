"""The patched OpenAPI document, loaded once, with a compiled validator per request body.

The document is ``openapi.yaml`` at the package's top: in the repository a symbolic link to
``generated/openapi.yaml`` (what ``make generate`` writes), in a built distribution a copy.

Nothing here re-declares a schema: every validator is built from the spec itself, so the emulator
checks exactly what the client was generated from.

Request bodies are checked twice over, for speed: ``jsonschema_rs`` (compiled, about a hundred
times faster) decides whether a body is acceptable, and only a rejected body is walked again by
``openapi_schema_validator.OAS30Validator`` (a ``$ref`` into the spec through a ``referencing``
registry) to name the field at fault. That validator is built, and its package imported, only
when a body is first rejected: importing it costs a cold start more than the rest of the spec. The two agree because the spec uses only the Draft 4 subset
that OAS 3.0 schemas share with JSON Schema (no ``nullable``, ``readOnly``, ``writeOnly``,
``discriminator`` or ``format``); :data:`OAS_ONLY_KEYWORDS` lists what would break that, and a
test keeps the spec free of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib.resources import files
from typing import Any, cast

import jsonschema_rs
import yaml
from jsonschema.exceptions import (  # type: ignore[import-untyped]  # no stubs pinned
    ValidationError,
    best_match,
)
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from smsworks_emulator.http.wire import JSON_MEDIA_TYPE

Validator = Any  # jsonschema.protocols.Validator; jsonschema ships no type information

SPEC_URI = "urn:smsworks:openapi"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
_MAX_MESSAGE = 200
OAS_ONLY_KEYWORDS = frozenset({"nullable", "readOnly", "writeOnly", "discriminator", "format"})


@dataclass(frozen=True)
class Operation:
    """One operation of the spec, ready to check requests and responses."""

    operation_id: str
    method: str
    path: str
    body_pointer: str | None
    """Where the request body's schema is in the document, when the operation takes a body."""
    body_checker: jsonschema_rs.Draft4Validator | None = field(repr=False)
    body_required: bool
    body_name: str
    """Prefix of field names when the body itself is an array (``messages[3].content``), else empty."""
    registry: Registry[Any] = field(repr=False, compare=False)

    @property
    def has_body(self) -> bool:
        return self.body_pointer is not None

    @cached_property
    def body_validator(self) -> Validator | None:
        """The OAS 3.0 validator of the request body, built on first use (see the module's doc)."""
        return None if self.body_pointer is None else _validator(self.registry, self.body_pointer)

    def body_error(self, body: Any) -> str | None:
        """The first thing wrong with ``body``, as ``field: problem``; ``None`` when it is valid."""
        # The compiled checker first: the OAS 3.0 validator is built only for a rejected body.
        if self.body_checker is None or self.body_checker.is_valid(body):
            return None
        validator = self.body_validator
        assert validator is not None  # a checker is compiled only where there is a body schema
        error = best_match(validator.iter_errors(body))
        if error is None:
            return None
        return describe(error, self.body_name)


class Spec:
    """The document and its operations, keyed by operationId."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.document = document
        self.base_path = _base_path(document)
        registry: Registry[Any] = Registry().with_resource(
            SPEC_URI, Resource.from_contents(document, default_specification=DRAFT4)
        )
        self.operations: dict[str, Operation] = {}
        for path, method, raw in _walk_operations(document):
            operation = _compile(path, method, raw, registry)
            self.operations[operation.operation_id] = operation


@cache
def load_spec() -> Spec:
    """The patched spec shipped with the package (``openapi.yaml``).

    Parsed and compiled once per process: a :class:`Spec` is never changed after it is built, so
    every emulator (a test suite makes hundreds) shares it instead of paying ~10 ms each.
    """
    text = (files("smsworks_emulator").joinpath("openapi.yaml")).read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return Spec(cast(dict[str, Any], yaml.load(text, Loader=loader)))


def describe(error: ValidationError, root: str) -> str:
    """``field: problem`` for a schema violation, short enough to read."""
    path = _render_path(root, error.absolute_path)
    keyword = error.validator
    value = error.validator_value
    if keyword == "required":
        missing = next((name for name in value if name not in error.instance), value[0])
        return f"{_join(path, missing)}: is required"
    if keyword == "type":
        return f"{path or 'body'}: must be of type {value}"
    if keyword == "minimum":
        return f"{path}: must be at least {value}"
    if keyword == "maximum":
        return f"{path}: must be at most {value}"
    if keyword == "maxItems":
        return f"{path or root or 'body'}: at most {value} items are allowed, got {len(error.instance)}"
    if keyword == "minItems":
        return f"{path or root or 'body'}: at least {value} item(s) required"
    message = (
        error.message
        if len(error.message) <= _MAX_MESSAGE
        else error.message[:_MAX_MESSAGE] + "..."
    )
    return f"{path or 'body'}: {message}"


def _render_path(root: str, parts: Iterator[Any] | Any) -> str:
    text = root
    for part in parts:
        text = f"{text}[{part}]" if isinstance(part, int) else _join(text, str(part))
    return text


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def _base_path(document: Mapping[str, Any]) -> str:
    servers = document.get("servers") or [{"url": "/"}]
    url = str(servers[0]["url"])
    path = re.sub(r"^[a-z]+://[^/]+", "", url)
    return path.rstrip("/")


def _walk_operations(document: Mapping[str, Any]) -> Iterator[tuple[str, str, Mapping[str, Any]]]:
    for path, item in document["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                yield path, method.upper(), item[method]


def _pointer(*parts: str) -> str:
    escaped = (part.replace("~", "~0").replace("/", "~1") for part in parts)
    return "#/" + "/".join(escaped)


def _validator(registry: Registry[Any], pointer: str) -> Validator:
    from openapi_schema_validator import OAS30Validator  # dear to import: see the module's doc

    return cast(Validator, OAS30Validator({"$ref": SPEC_URI + pointer}, registry=registry))


def _dereferenced(registry: Registry[Any], pointer: str, depth: int = 0) -> Any:
    """The schema at ``pointer`` with every ``$ref`` replaced by its target (the spec has no cycles)."""
    if depth > 32:
        raise ValueError(f"{pointer}: $ref chain too deep (a cycle?)")
    resolved = registry.resolver(SPEC_URI).lookup(SPEC_URI + pointer).contents
    return _inline(registry, resolved, depth)


def _inline(registry: Registry[Any], node: Any, depth: int) -> Any:
    if isinstance(node, dict):
        if "$ref" in node:
            return _dereferenced(registry, str(node["$ref"]), depth + 1)
        return {key: _inline(registry, value, depth) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline(registry, item, depth) for item in node]
    return node


def _compile(path: str, method: str, raw: Mapping[str, Any], registry: Registry[Any]) -> Operation:
    operation_id = raw.get("operationId")
    if not operation_id:
        raise ValueError(f"paths.{path}.{method.lower()}: operationId is missing from the spec")
    body_pointer = None
    body_checker = None
    body_required = False
    body_name = ""
    request_body = raw.get("requestBody")
    if request_body is not None:
        content = request_body.get("content", {})
        if JSON_MEDIA_TYPE not in content:
            raise ValueError(f"{operation_id}: request body is not {JSON_MEDIA_TYPE}")
        body_required = bool(request_body.get("required", False))
        body_pointer = _pointer(
            "paths", path, method.lower(), "requestBody", "content", JSON_MEDIA_TYPE, "schema"
        )
        schema = _dereferenced(registry, body_pointer)
        body_checker = jsonschema_rs.Draft4Validator(schema)
        if schema.get("type") == "array":
            body_name = str(raw.get("x-codegen-request-body-name", "body"))
    return Operation(
        operation_id=operation_id,
        method=method,
        path=path,
        body_pointer=body_pointer,
        body_checker=body_checker,
        body_required=body_required,
        body_name=body_name,
        registry=registry,
    )
