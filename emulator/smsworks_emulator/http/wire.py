"""The HTTP edge shared by API and control endpoints: JSON in, JSON out, errors never a crash."""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from smsworks_emulator.rules.errors import bad_request

JSON_MEDIA_TYPE = "application/json"
"""The media type of every request and response body."""
JSON_RESPONSE_TYPE = f"{JSON_MEDIA_TYPE};charset=UTF-8"
"""What the spec declares for every response (the service's own header)."""


def json_response(status: int, payload: Any, media_type: str = JSON_RESPONSE_TYPE) -> Response:
    content = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return Response(content, status_code=status, media_type=media_type)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


async def read_json(request: Request, *, required: bool) -> Any:
    """The request's JSON body; 400 for a wrong content type, malformed JSON or bad text."""
    raw = await request.body()
    if not raw:
        if required:
            raise bad_request("body: is required (a JSON document)")
        return None
    content_type = request.headers.get("content-type", "")
    if content_type.split(";")[0].strip().lower() != JSON_MEDIA_TYPE:
        raise bad_request(
            f"Content-Type: must be application/json, not {content_type or 'missing'!r}"
        )
    text = _strict_utf8(raw)
    try:
        body = json.loads(raw if text is None else text, parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as error:
        raise bad_request(f"body: malformed JSON ({error})") from None
    if text is not None and _SURROGATE_ESCAPE.search(raw) is None:
        return body  # strict UTF-8 and no \uD800-\uDFFF escape: no surrogate can be in it
    try:
        # One C-speed pass; the walk below only runs to name the culprit.
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        problem = untextual_path(body, "")
        raise bad_request(
            f"{problem or 'body'}: contains an unpaired UTF-16 surrogate, which is not text"
        ) from None
    return body


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
"""The only way a strictly decoded UTF-8 document can spell a surrogate."""


def _strict_utf8(raw: bytes) -> str | None:
    """``raw`` as text when it is plain, valid UTF-8 (what json.loads would read it as), else None.

    json.loads decodes bytes leniently (a BOM, UTF-16 and UTF-32 are accepted, and encoded
    surrogates pass); those rare bodies take the slow path, so the outcome is the same.
    """
    if json.detect_encoding(raw) != "utf-8":
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def is_text(value: str) -> bool:
    """Whether ``value`` is valid Unicode text (no lone UTF-16 surrogate): it encodes as UTF-8."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def untextual_path(value: Any, path: str) -> str | None:
    """The path of the first string that is not valid Unicode text (a lone surrogate), if any."""
    if isinstance(value, str):
        return None if is_text(value) else path
    if isinstance(value, dict):
        for key, item in value.items():
            found = untextual_path(key, path) if isinstance(key, str) else None
            if found is None:
                found = untextual_path(item, f"{path}.{key}" if path else str(key))
            if found is not None:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = untextual_path(item, f"{path}[{index}]")
            if found is not None:
                return found
    return None


def query_param(request: Request, name: str) -> str | None:
    value = request.query_params.get(name)
    return value if value else None


MAX_LIMIT = 10_000


def limit_param(request: Request) -> int | None:
    """The optional ``limit`` query parameter of a control listing: how many of the newest."""
    text = query_param(request, "limit")
    if text is None:
        return None
    if not text.isdigit() or not 1 <= int(text) <= MAX_LIMIT:
        raise bad_request(f"limit: must be an integer from 1 to {MAX_LIMIT}, not {text!r}")
    return int(text)
