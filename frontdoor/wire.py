"""Liberal, normalising reading of what the service sends: the declared types, whatever the wire's form.

The live service departs from its spec in known ways (``overlays/62-wire-variants.yaml``): ids, destinations and
passcodes as JSON numbers, whole numbers written as floats, a one-element array where one object is declared (or
the reverse). Before a success body reaches a generated model it is walked along the operation's declared shape
(``_wire_shapes.py``, written by ``make generate`` from the spec) and brought to the declared types; what the
shape does not know (unknown fields, unknown statuses, dates in any form) is kept as it came.

The front door normalises every answer it parses; the generated ``Client`` and ``AuthenticatedClient`` read
through :class:`ReadingTransport` / :class:`AsyncReadingTransport`, so the raw functions do the same.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from typing import Any

import httpx2

from ._wire_shapes import OPERATIONS

WIRE_CONTENT = "smsworks.wire_content"
"""The ``extensions`` key of a normalised response that holds the body's bytes as they came."""

_ROUTES = [
    (method, re.compile(pattern), operation_id, shapes)
    for method, pattern, operation_id, shapes in OPERATIONS
]
_BY_ID = {operation_id: shapes for _, _, operation_id, shapes in OPERATIONS}


def _text_of_number(value: int | float) -> str:
    if isinstance(value, float) and math.isfinite(value) and value == int(value):
        return str(int(value))
    return str(value)


def normalise(shape: dict[str, Any], value: Any) -> Any:
    """``value`` brought to ``shape``'s declared types where the wire used another form; otherwise as it came."""
    declared = shape.get("t")
    if declared == "string":
        if isinstance(value, int | float) and not isinstance(value, bool):
            return _text_of_number(value)
        return value
    if declared == "integer":
        if isinstance(value, float) and math.isfinite(value) and value == int(value):
            return int(value)
        return value
    if declared == "array":
        if isinstance(value, dict):
            value = [value]  # one object where a list of them is declared
        if isinstance(value, list):
            items = shape.get("i", {})
            return [normalise(items, item) for item in value]
        return value
    if declared == "object" or "p" in shape:
        if isinstance(value, list) and len(value) == 1 and isinstance(value[0], dict):
            value = value[0]  # a one-element list where one object is declared
        if isinstance(value, dict):
            properties = shape.get("p", {})
            return {
                key: normalise(properties[key], item) if key in properties else item
                for key, item in value.items()
            }
    return value


def normalise_body(operation_id: str, status: int, data: Any) -> Any:
    """The JSON ``data`` of ``operation_id``'s ``status`` answer, in its declared types."""
    shape = _BY_ID.get(operation_id, {}).get(str(status))
    return data if shape is None else normalise(shape, data)


@lru_cache(maxsize=256)
def operation_for(method: str, path: str) -> str | None:
    """The operationId a request's method and URL path (with or without the ``/v1`` prefix) calls."""
    for route_method, pattern, operation_id, _ in _ROUTES:
        if route_method == method and pattern.search(path):
            return operation_id
    return None


def normalised(
    operation_id: str, response: httpx2.Response, request: httpx2.Request | None = None
) -> httpx2.Response:
    """``response`` itself when nothing changes; else a copy whose JSON body has the declared types."""
    if not 200 <= response.status_code < 300 or not response.content:
        return response
    try:
        data = json.loads(response.content)
    except ValueError:
        return response
    fixed = normalise_body(operation_id, response.status_code, data)
    if fixed == data and type(fixed) is type(data) and not _types_changed(data, fixed):
        return response
    content = json.dumps(fixed, ensure_ascii=False).encode("utf-8")
    headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() != "content-length"]
    return httpx2.Response(
        response.status_code,
        headers=[*headers, ("content-length", str(len(content)))],
        content=content,
        request=request if request is not None else response.request,
        # What the wire said stays readable (a drift check must judge that, not the normalised copy).
        extensions={**response.extensions, WIRE_CONTENT: response.content},
    )


def _types_changed(before: Any, after: Any) -> bool:
    # 447700900123 == "447700900123" is False, but 1.0 == 1 is True: compare the types too.
    if type(before) is not type(after):
        return True
    if isinstance(before, dict):
        return before.keys() != after.keys() or any(
            _types_changed(before[k], after[k]) for k in before
        )
    if isinstance(before, list):
        return len(before) != len(after) or any(
            _types_changed(b, a) for b, a in zip(before, after, strict=True)
        )
    return False


def _routed(request: httpx2.Request, response: httpx2.Response) -> httpx2.Response:
    operation_id = operation_for(request.method, request.url.path)
    return response if operation_id is None else normalised(operation_id, response, request)


class ReadingTransport(httpx2.BaseTransport):
    """Wraps a transport so each success body arrives in its declared types (see the module)."""

    def __init__(self, inner: httpx2.BaseTransport) -> None:
        self.inner = inner

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        response = self.inner.handle_request(request)
        if not 200 <= response.status_code < 300:
            return response
        response.read()
        return _routed(request, response)

    def close(self) -> None:
        self.inner.close()


class AsyncReadingTransport(httpx2.AsyncBaseTransport):
    """The async twin of :class:`ReadingTransport`."""

    def __init__(self, inner: httpx2.AsyncBaseTransport) -> None:
        self.inner = inner

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        response = await self.inner.handle_async_request(request)
        if not 200 <= response.status_code < 300:
            return response
        await response.aread()
        return _routed(request, response)

    async def aclose(self) -> None:
        await self.inner.aclose()
