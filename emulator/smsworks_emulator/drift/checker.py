"""Checks the messages of one operation against the patched spec and names each departure as a :class:`Finding`.

Responses are read liberally: a departure the spec's table of known wire variants describes is a tolerated
finding carrying the variant's name; any other is an unknown one. Requests are read strictly: every departure of
what we send is unknown.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from .finding import Direction, Finding
from .schema import Departure, SchemaWalker
from .variants import Variant, read_variants

METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def media_type(content_type: str | None) -> str:
    """``application/json`` of ``application/json; charset=utf-8``, lower case."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def is_json(media: str) -> bool:
    return media == "application/json" or media.endswith("+json")


class DriftChecker:
    """The departures of requests and responses from one spec document (OpenAPI 3.0, as a parsed dict)."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.walker = SchemaWalker(spec)
        self.variants: tuple[Variant, ...] = read_variants(spec)
        self.operations: dict[str, dict[str, Any]] = {}
        routes: list[tuple[int, re.Pattern[str], str, str]] = []
        for path, item in spec.get("paths", {}).items():
            for method in METHODS:
                operation = item.get(method)
                if isinstance(operation, dict) and "operationId" in operation:
                    self.operations[operation["operationId"]] = operation
                    pattern = re.compile(
                        "^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(path)) + "/?$"
                    )
                    routes.append((path.count("{"), pattern, method, operation["operationId"]))
        # A literal segment wins over a parameter: /messages/schedule is not /messages/{messageid}.
        self._routes = sorted(routes, key=lambda route: route[0])
        servers = spec.get("servers") or [{"url": ""}]
        self.base_path = urlsplit(str(servers[0].get("url", ""))).path.rstrip("/")

    def operation_for(self, method: str, path: str) -> str | None:
        """The operationId a request's method and path (``/v1/...``, query string allowed) route to."""
        path = urlsplit(path).path
        if self.base_path and path.startswith(self.base_path + "/"):
            path = path.removeprefix(self.base_path)
        method = method.lower()
        for _, pattern, route_method, operation_id in self._routes:
            if route_method == method and pattern.match(path):
                return operation_id
        return None

    # The response side: liberal, the known variants tolerated.

    def check_response(
        self, operation_id: str, status: int, content_type: str | None, body: bytes
    ) -> list[Finding]:
        operation = self._operation(operation_id)
        responses: dict[str, Any] = operation.get("responses", {})
        code = str(status)
        findings: list[Finding] = []
        response = responses.get(code) or responses.get(f"{code[0]}XX")
        if response is None:
            success = [key for key in responses if key.startswith("2")]
            variant = next(
                (v for v in self.variants if v.tolerates_status(operation_id, code)), None
            )
            if 200 <= status < 300 and variant is not None and success:
                findings.append(self._status_finding(operation_id, code, responses, variant))
                response = responses[success[0]]
            elif not (200 <= status < 300) and "default" in responses:
                response = responses["default"]
            else:
                return [self._status_finding(operation_id, code, responses, None)]
        content: dict[str, Any] = response.get("content") or {}
        if not content:
            return findings
        return findings + self._body(operation_id, "response", code, content, content_type, body)

    def _status_finding(
        self, operation_id: str, code: str, responses: dict[str, Any], variant: Variant | None
    ) -> Finding:
        return Finding(
            operation_id,
            "response",
            code,
            "",
            "undeclared-status",
            ", ".join(responses),
            code,
            variant.name if variant else None,
            variant is not None,
        )

    # The request side: strict.

    def check_request(
        self, operation_id: str, content_type: str | None, body: bytes
    ) -> list[Finding]:
        operation = self._operation(operation_id)
        request_body: dict[str, Any] = operation.get("requestBody") or {}
        content: dict[str, Any] = request_body.get("content") or {}
        if not content:
            return []
        if not body:
            if not request_body.get("required"):
                return []
            return [Finding(operation_id, "request", "", "", "required", "a body", "none")]
        return self._body(operation_id, "request", "", content, content_type, body)

    # Shared.

    def _operation(self, operation_id: str) -> dict[str, Any]:
        try:
            return self.operations[operation_id]
        except KeyError:
            raise ValueError(f"the spec has no operation {operation_id!r}") from None

    def _body(
        self,
        operation_id: str,
        direction: Direction,
        code: str,
        content: dict[str, Any],
        content_type: str | None,
        body: bytes,
    ) -> list[Finding]:
        findings: list[Finding] = []
        declared = {media_type(key): value for key, value in content.items()}
        media = media_type(content_type)
        if media not in declared:
            findings.append(
                Finding(
                    operation_id,
                    direction,
                    code,
                    "",
                    "content-type",
                    ", ".join(content),
                    content_type or "none",
                )
            )
        entry = declared.get(media) or next(iter(declared.values()))
        if not any(is_json(key) for key in declared) or not isinstance(entry.get("schema"), dict):
            return findings
        try:
            value = json.loads(body)
        except ValueError as error:
            excerpt = body[:80].decode("utf-8", "replace")
            findings.append(
                Finding(
                    operation_id,
                    direction,
                    code,
                    "",
                    "unparseable-body",
                    "JSON",
                    f"{excerpt!r} ({error})",
                )
            )
            return findings
        schema: dict[str, Any] = entry["schema"]
        departures = self.walker.walk(schema, value)
        replaced = self._replaced_body(direction, code, value) if departures else None
        if replaced is not None:
            declared_name = self.walker.resolve(schema, None)[1] or "the declared schema"
            seen = str(replaced.schema)
            whole = Finding(operation_id, direction, code, "", "body", declared_name, seen)
            return [*findings, replace(whole, variant=replaced.name, tolerated=True)]
        for departure in departures:
            findings += self._judge(operation_id, direction, code, schema, value, departure)
        return findings

    def _replaced_body(self, direction: Direction, code: str, value: object) -> Variant | None:
        """The ``body`` variant whose schema this answer's whole body is, instead of the declared one."""
        if direction != "response":
            return None
        for variant in self.variants:
            if variant.replaces_body(code):
                reference = {"$ref": f"#/components/schemas/{variant.schema}"}
                if not self.walker.walk(reference, value):
                    return variant
        return None

    def _judge(
        self,
        operation_id: str,
        direction: Direction,
        code: str,
        schema: dict[str, Any],
        value: object,
        departure: Departure,
        reshape: bool = True,
    ) -> list[Finding]:
        """The finding of one departure, and for a tolerated change of shape, those of the value inside it."""
        variant: Variant | None = None
        inner: list[Departure] = []
        if direction == "response":
            if reshape and departure.kind == "shape" and departure.pointer == "":
                variant = next(
                    (v for v in self.variants if v.tolerates_shape(operation_id, departure.seen)),
                    None,
                )
                if variant is not None:
                    inner = self._reshaped(schema, value)
            else:
                variant = next(
                    (
                        v
                        for v in self.variants
                        if v.tolerates_value(departure.kind, departure.location, departure.seen)
                    ),
                    None,
                )
        finding = Finding(
            operation_id,
            direction,
            code,
            departure.pointer,
            departure.kind,
            departure.declared,
            departure.seen,
            variant.name if variant else None,
            variant is not None,
        )
        return [finding] + [
            found
            for item in inner
            for found in self._judge(operation_id, direction, code, schema, value, item, False)
        ]

    def _reshaped(self, schema: dict[str, Any], value: object) -> list[Departure]:
        """An object where an array of it is declared is read as its one element, and the reverse."""
        resolved, name = self.walker.resolve(schema, None)
        if isinstance(value, dict) and isinstance(resolved.get("items"), dict):
            return self.walker.walk(resolved["items"], value)
        if isinstance(value, list):
            return [
                departure
                for index, item in enumerate(value)
                for departure in self.walker.walk(resolved, item, f"/{index}", name)
            ]
        return []
