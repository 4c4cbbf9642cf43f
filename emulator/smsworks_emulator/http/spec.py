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

What a start needs of the spec (the document and each request body's schema with its ``$ref``
resolved) is kept in a cache file named by the spec's own hash (:func:`cache_dir`), so a second
start of the same spec reads JSON instead of parsing YAML and resolving references: YAML and
``referencing`` are imported only when the cache has no entry (and ``referencing`` again only to
name the field of a rejected body).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import jsonschema_rs

from smsworks_emulator.http.wire import JSON_MEDIA_TYPE

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError  # type: ignore[import-untyped]
    from referencing import Registry

Validator = Any  # jsonschema.protocols.Validator; jsonschema ships no type information

SPEC_URI = "urn:smsworks:openapi"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
_MAX_MESSAGE = 200
OAS_ONLY_KEYWORDS = frozenset({"nullable", "readOnly", "writeOnly", "discriminator", "format"})


@dataclass(frozen=True)
class PathParameter:
    """A path parameter and its schema, compiled: a value is text, so only what the schema adds can fail."""

    name: str
    pointer: str
    """Where its schema is in the document (``#/paths/.../parameters/0/schema``)."""
    checker: jsonschema_rs.Draft4Validator = field(repr=False, compare=False)
    registry_of: Callable[[], Registry[Any]] = field(repr=False, compare=False)

    @cached_property
    def validator(self) -> Validator:
        """The OAS 3.0 validator of its schema, built on first use (the live-like 400 needs it)."""
        return _validator(self.registry_of(), self.pointer)

    def error(self, value: str) -> str | None:
        """What is wrong with ``value``, as ``name: problem``; ``None`` when the schema admits it."""
        if self.checker.is_valid(value):
            return None
        problem = next(iter(self.checker.iter_errors(value)), None)
        message = "does not match its schema" if problem is None else problem.message
        return f"{self.name}: {message[:_MAX_MESSAGE]}"


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
    registry_of: Callable[[], Registry[Any]] = field(repr=False, compare=False)
    """The spec's ``referencing`` registry, built (and its package imported) on first use."""
    path_parameters: tuple[PathParameter, ...] = ()
    """The path parameters whose schema says more than "a string" (``countrycode``'s pattern)."""

    @property
    def has_body(self) -> bool:
        return self.body_pointer is not None

    @property
    def registry(self) -> Registry[Any]:
        return self.registry_of()

    @cached_property
    def body_validator(self) -> Validator | None:
        """The OAS 3.0 validator of the request body, built on first use (see the module's doc)."""
        return None if self.body_pointer is None else _validator(self.registry, self.body_pointer)

    def body_error(self, body: Any) -> str | None:
        """The first thing wrong with ``body``, as ``field: problem``; ``None`` when it is valid."""
        # The compiled checker first: the OAS 3.0 validator is built only for a rejected body.
        if self.body_checker is None or self.body_checker.is_valid(body):
            return None
        from jsonschema.exceptions import best_match  # dear to import: see the module's doc

        validator = self.body_validator
        assert validator is not None  # a checker is compiled only where there is a body schema
        error = best_match(validator.iter_errors(body))
        if error is None:
            return None
        return describe(error, self.body_name)


class Spec:
    """The document and its operations, keyed by operationId.

    ``body_schemas``: each request body's schema with its references resolved, by its pointer
    (what :attr:`body_schemas` holds after a first build, and the cache keeps); resolved from
    the document when not given.
    """

    def __init__(
        self, document: Mapping[str, Any], body_schemas: Mapping[str, Any] | None = None
    ) -> None:
        self.document = document
        self.base_path = _base_path(document)
        self.body_schemas: dict[str, Any] = dict(body_schemas or {})
        self.operations: dict[str, Operation] = {}
        for path, method, raw in _walk_operations(document):
            operation = _compile(path, method, raw, self)
            self.operations[operation.operation_id] = operation

    @cached_property
    def registry(self) -> Registry[Any]:
        from referencing import Registry, Resource  # dear to import: see the module's doc
        from referencing.jsonschema import DRAFT4

        registry: Registry[Any] = Registry().with_resource(
            SPEC_URI, Resource.from_contents(self.document, default_specification=DRAFT4)
        )
        return registry

    def body_schema(self, pointer: str) -> Any:
        """The schema at ``pointer`` with every ``$ref`` resolved (kept once resolved)."""
        if pointer not in self.body_schemas:
            self.body_schemas[pointer] = _dereferenced(self.registry, pointer)
        return self.body_schemas[pointer]

    def _registry(self) -> Registry[Any]:
        return self.registry


CACHE_ENV = "SMSWORKS_EMULATOR_CACHE_DIR"
CACHE_FORMAT = 2
"""Bumped whenever what the cache keeps changes shape."""


def cache_dir() -> Path:
    """Where the spec's cache lives: ``$SMSWORKS_EMULATOR_CACHE_DIR``, else the user's cache folder."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "smsworks-emulator"


@cache
def load_spec() -> Spec:
    """The patched spec shipped with the package (``openapi.yaml``).

    Parsed and compiled once per process: a :class:`Spec` is never changed after it is built, so
    every emulator (a test suite makes hundreds) shares it instead of paying ~10 ms each. Across
    processes, the cache file of this exact spec text spares a second start the parsing.
    """
    text = (files("smsworks_emulator").joinpath("openapi.yaml")).read_text(encoding="utf-8")
    key = hashlib.sha256(f"{CACHE_FORMAT}\n{text}".encode()).hexdigest()[:32]
    path = cache_dir() / f"spec-{key}.json"
    cached = _read_cache(path)
    if cached is not None:
        return Spec(cached["document"], cached["body_schemas"])
    import yaml  # only without a cache entry

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    spec = Spec(cast(dict[str, Any], yaml.load(text, Loader=loader)))
    _write_cache(path, spec)
    return spec


def _read_cache(path: Path) -> dict[str, Any] | None:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # none yet, unreadable or half-written: build the spec from its text
    if not isinstance(found, dict) or not {"document", "body_schemas"} <= found.keys():
        return None
    return found


def _write_cache(path: Path, spec: Spec) -> None:
    """Keep what ``spec`` was built from, if JSON gives it back unchanged; never fail a start."""
    entry = {"document": spec.document, "body_schemas": spec.body_schemas}
    try:
        text = json.dumps(entry, separators=(",", ":"))
        if json.loads(text) != entry:
            return  # something JSON cannot hold as it is (a number as a key): no cache
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, prefix=".spec-", delete=False
        ) as temporary:
            temporary.write(text)
        os.replace(temporary.name, path)  # whole or not at all, even with starts side by side
    except (OSError, TypeError, ValueError):
        return


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


def _compile(path: str, method: str, raw: Mapping[str, Any], spec: Spec) -> Operation:
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
        schema = spec.body_schema(body_pointer)
        body_checker = jsonschema_rs.Draft4Validator(schema)
        if schema.get("type") == "array":
            body_name = str(raw.get("x-codegen-request-body-name", "body"))
    path_parameters = []
    for index, parameter in enumerate(raw.get("parameters") or ()):
        if parameter.get("in") != "path":
            continue
        pointer = _pointer("paths", path, method.lower(), "parameters", str(index), "schema")
        schema = spec.body_schema(pointer)
        if schema != {"type": "string"}:  # what a path segment always is: nothing to check
            path_parameters.append(
                PathParameter(
                    name=str(parameter["name"]),
                    pointer=pointer,
                    checker=jsonschema_rs.Draft4Validator(schema),
                    registry_of=spec._registry,
                )
            )
    return Operation(
        operation_id=operation_id,
        method=method,
        path=path,
        body_pointer=body_pointer,
        body_checker=body_checker,
        body_required=body_required,
        body_name=body_name,
        registry_of=spec._registry,
        path_parameters=tuple(path_parameters),
    )
