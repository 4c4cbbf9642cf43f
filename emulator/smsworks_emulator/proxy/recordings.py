"""Recorded traffic read back as exchanges, for the offline check (``smsworks-emulator drift check FILE``).

Two formats: the VCR-style YAML cassette schemathesis writes (``reports/schemathesis-cassette.yaml`` of the
contract suite) and a HAR file (a browser's or a proxy's export). A request a test generated to be invalid on
purpose (a cassette's negative body) is not held against the spec; its answer is.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from smsworks_emulator.proxy.watch import DriftWatch, Exchange, Outcome

CASSETTE = "schemathesis cassette"
HAR = "HAR"


class RecordingError(ValueError):
    """A file that is not a recording this reads; the message names the file and what is wrong."""


def load(path: str | Path) -> tuple[str, list[Exchange]]:
    """The format of the file and its exchanges, in recorded order."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RecordingError(f"{file}: cannot read it ({error})") from error
    document = _parse(file, text)
    try:
        if isinstance(document, Mapping) and "http_interactions" in document:
            return CASSETTE, list(_cassette(document["http_interactions"] or []))
        if isinstance(document, Mapping) and isinstance(document.get("log"), Mapping):
            return HAR, list(_har(document["log"].get("entries") or []))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise RecordingError(
            f"{file}: a malformed recording ({type(error).__name__}: {error})"
        ) from error
    raise RecordingError(
        f"{file}: neither a schemathesis cassette (no http_interactions) nor a HAR file (no log.entries)"
    )


def check_recording(watch: DriftWatch, path: str | Path) -> str:
    """Every exchange of the file through ``watch``; the file's format."""
    kind, exchanges = load(path)
    for exchange in exchanges:
        outcome: Outcome = "forwarded" if exchange.status is not None else "no-answer"
        watch.record(exchange, watch.check(exchange), outcome=outcome)
    return kind


def _parse(file: Path, text: str) -> Any:
    stripped = text.lstrip()
    if file.suffix.lower() == ".har" or stripped.startswith("{"):
        try:
            return json.loads(text)
        except ValueError as error:
            raise RecordingError(f"{file}: not JSON ({error})") from error
    loader = getattr(
        yaml, "CSafeLoader", yaml.SafeLoader
    )  # the C parser reads a 9 MB cassette in seconds
    try:
        return yaml.load(text, Loader=loader)  # a safe loader
    except yaml.YAMLError as error:
        raise RecordingError(f"{file}: not YAML ({error})") from error


# -- schemathesis cassettes -------------------------------------------------------------------


def _cassette(interactions: list[Mapping[str, Any]]) -> Iterator[Exchange]:
    for interaction in interactions:
        request = interaction["request"]
        response = interaction.get("response")
        status = None
        answer: Mapping[str, Any] = response if isinstance(response, Mapping) else {}
        if answer:
            status = int(answer["status"]["code"])
        yield Exchange(
            method=str(request["method"]).upper(),
            path=_path(str(request["uri"])),
            request_content_type=_vcr_header(request.get("headers"), "content-type"),
            request_body=_vcr_body(request.get("body")),
            status=status,
            response_content_type=_vcr_header(answer.get("headers"), "content-type")
            if status
            else None,
            response_body=_vcr_body(answer.get("body")) if status else b"",
            check_request=not _negative_body(interaction),
            label=f"interaction {interaction.get('id')}",
            when=_time(interaction.get("recorded_at")),
        )


def _negative_body(interaction: Mapping[str, Any]) -> bool:
    """Whether the test generated the request's body to break the spec (schemathesis's negative mode)."""
    components = interaction.get("components") or {}
    body = components.get("body") if isinstance(components, Mapping) else None
    if isinstance(body, Mapping) and "mode" in body:
        return str(body["mode"]) == "negative"
    generation = interaction.get("generation") or {}
    return isinstance(generation, Mapping) and str(generation.get("mode")) == "negative"


def _vcr_header(headers: Any, wanted: str) -> str | None:
    if not isinstance(headers, Mapping):
        return None
    for name, values in headers.items():
        if str(name).lower() == wanted:
            return str(values[0]) if isinstance(values, list) and values else str(values)
    return None


def _vcr_body(body: Any) -> bytes:
    if not isinstance(body, Mapping):
        return b""
    if "base64_string" in body:
        return base64.b64decode(str(body["base64_string"]))
    string = body.get("string")
    return b"" if string is None else str(string).encode(str(body.get("encoding") or "utf-8"))


# -- HAR ---------------------------------------------------------------------------------------


def _har(entries: list[Mapping[str, Any]]) -> Iterator[Exchange]:
    for index, entry in enumerate(entries, 1):
        request = entry["request"]
        response = entry.get("response") or {}
        status = int(response.get("status") or 0) or None  # 0: the browser got no answer
        post = request.get("postData") or {}
        content = response.get("content") or {}
        yield Exchange(
            method=str(request["method"]).upper(),
            path=_path(str(request["url"])),
            request_content_type=_har_header(request.get("headers"), "content-type")
            or post.get("mimeType"),
            request_body=_har_text(post),
            status=status,
            response_content_type=_har_header(response.get("headers"), "content-type")
            or content.get("mimeType"),
            response_body=_har_text(content) if status else b"",
            label=f"entry {index}",
            when=_time(entry.get("startedDateTime")),
        )


def _har_header(headers: Any, wanted: str) -> str | None:
    for header in headers or []:
        if str(header.get("name", "")).lower() == wanted:
            return str(header.get("value"))
    return None


def _har_text(part: Mapping[str, Any]) -> bytes:
    """A HAR body: its text (base64 when ``encoding`` says so), already without Content-Encoding."""
    text = part.get("text")
    if text is None:
        return b""
    if str(part.get("encoding", "")).lower() == "base64":
        return base64.b64decode(str(text))
    return str(text).encode("utf-8")


def _path(uri: str) -> str:
    parts = urlsplit(uri)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _time(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
