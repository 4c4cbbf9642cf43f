"""The rules the patched spec states: strict on requests, liberal on responses, examples that work.

- Request schemas carry the service's rules; response schemas gain no enum or pattern, so a
  generated client keeps parsing a status or format the service adds later.
- The date pattern admits what the emulator's date parser reads, and refuses what it refuses.
- Every example a request schema carries makes a body the service (the emulator) accepts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smsworks.models import (
    ExtendedErrorModel,
    MessageResponse,
    OTPVerifyResponse,
    ScheduledMessagesResponse,
    SendMessageResponse,
)
from smsworks_emulator.rules.dates import DateError, parse_schedule
from smsworks_emulator.testing import EmulatorHandle, in_process, settings_for_tests
from smsworks_pipeline.loading import load_document

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT: dict[str, Any] = load_document(ROOT / "generated" / "openapi.yaml")
SCHEMAS: dict[str, Any] = DOCUMENT["components"]["schemas"]
JSON = "application/json"
CONSTRAINING = ("enum", "pattern", "format")


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield str(value).rsplit("/", 1)[1]
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def _closure(names: set[str]) -> set[str]:
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(_refs(SCHEMAS[name]))
    return seen


def _operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in DOCUMENT["paths"].items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "operationId" in operation:
                yield path, method, operation


REQUEST_SCHEMAS = _closure(
    {name for _, _, op in _operations() for name in _refs(op.get("requestBody", {}))}
)
RESPONSE_SCHEMAS = _closure(
    {name for _, _, op in _operations() for name in _refs(op.get("responses", {}))}
)


def _constraints(node: Any, where: str) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in CONSTRAINING:
                yield f"{where}.{key}"
            elif key != "$ref":
                yield from _constraints(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _constraints(item, f"{where}[{index}]")


def test_no_schema_serves_both_requests_and_responses_with_a_constraint() -> None:
    shared = REQUEST_SCHEMAS & RESPONSE_SCHEMAS
    # MetaData is the only shared schema; it must stay as liberal as a response needs.
    assert shared == {"MetaData"}
    assert list(_constraints(SCHEMAS["MetaData"], "MetaData")) == []


def test_response_schemas_carry_no_enum_pattern_or_format() -> None:
    found = [
        where for name in sorted(RESPONSE_SCHEMAS) for where in _constraints(SCHEMAS[name], name)
    ]
    for path, method, operation in _operations():
        for status, response in operation.get("responses", {}).items():
            found += _constraints(response, f"{method.upper()} {path} {status}")
    assert found == []


def test_request_schemas_state_the_services_rules() -> None:
    message = SCHEMAS["Message"]["properties"]
    assert message["sender"]["pattern"]
    assert message["destination"]["pattern"]
    assert message["content"]["maxLength"] == 1280
    assert message["tag"]["maxLength"] == 280
    assert SCHEMAS["Query"]["properties"]["status"]["enum"]
    template = SCHEMAS["OTP"]["properties"]["template"]["pattern"]
    assert re.search(template, "Your code is {{passcode}}")
    assert not re.search(template, "Your code is {passcode}")


def test_a_response_with_unforeseen_values_still_parses() -> None:
    message = MessageResponse.from_dict(
        {
            "messageid": "m1",
            "customerid": "c1",
            "content": "hi",
            "created": "tomorrow-ish",
            "modified": "1 Jan 2040",
            "schedule": "",
            "sender": "A sender with spaces & symbols!",
            "destination": "not a number",
            "status": "QUEUED_AT_CARRIER",
            "tag": "",
            "failurereason": {"code": 9999, "details": "new", "permanent": False},
            "some_new_field": {"nested": [1, 2]},
        }
    )
    assert message.status == "QUEUED_AT_CARRIER"
    assert message.destination == "not a number"
    assert message.additional_properties["some_new_field"] == {"nested": [1, 2]}
    sent = SendMessageResponse.from_dict(
        {"messageid": "m", "status": "ACCEPTED_LATER", "credits": 1, "creditsUsed": 1}
    )
    assert sent.status == "ACCEPTED_LATER"
    verified = OTPVerifyResponse.from_dict({"status": "LOCKED_OUT", "passcode": "abc"})
    assert verified.status == "LOCKED_OUT"
    scheduled = ScheduledMessagesResponse.from_dict({"id": "1", "status": "PAUSED"})
    assert scheduled.status == "PAUSED"
    error = ExtendedErrorModel.from_dict(
        {"message": "m", "errorCode": 4999, "status": "THROTTLED", "permanent": False}
    )
    assert error.status == "THROTTLED"


# --- dates: the spec's pattern against the emulator's parser --------------------------------------

DATE_PATTERN = SCHEMAS["Message"]["properties"]["schedule"]["pattern"]
# The other date fields of requests, each held to Message.schedule's pattern.
DATE_FIELDS = [
    ("BatchMessage", "schedule"),
    ("Query", "from"),
    ("Query", "to"),
]


def test_every_request_date_field_has_the_one_pattern() -> None:
    for schema, field in DATE_FIELDS:
        assert SCHEMAS[schema]["properties"][field]["pattern"] == DATE_PATTERN, (schema, field)


def _admitted(text: str) -> bool:
    # JSON Schema's `pattern` is a search; the spec's is anchored at both ends.
    return re.search(DATE_PATTERN, text) is not None


@settings(max_examples=400)
@given(st.from_regex(DATE_PATTERN, fullmatch=True))
def test_every_date_the_pattern_admits_is_read_by_the_emulator(text: str) -> None:
    parse_schedule(text)


ACCEPTED = [
    "2035-07-19",
    "2035-07-19T19:26",
    "2035-07-19T19:26:28Z",
    "2035-07-19T19:26:28.123Z",
    "2035-07-19T20:26:28+01:00",
    "2036-02-29T00:00:00Z",
    "2000-02-29",
    "Thu Jul 19 2035 20:26:28 GMT+0100 (British Summer Time)",
    "Wed Jul 19 2017 20:26:28 GMT+0100 (BST)",
    "Wed Jul 19 2017 20:26:28 GMT+0100",
    "Mon Dec 31 2035 23:59:59 GMT-1200",
    # The weekday is read past, as JavaScript's Date.parse does: 19 July 2035 is a Thursday.
    "Sun Jul 19 2035 20:26:28 GMT+0100 (BST)",
]
REFUSED = [
    "",
    "yesterday",
    "2035-13-01",
    "2035-02-30",
    "2035-02-29",
    "1900-02-29",
    "2035-04-31T10:00:00Z",
    "2035-07-19T24:00:00Z",
    "2035-07-19T19:60Z",
    "Wed Jul 19 2017",
    "Wed Jul 32 2017 20:26:28 GMT+0100",
    "Xyz Jul 19 2017 20:26:28 GMT+0100",
    "Wed Jux 19 2017 20:26:28 GMT+0100",
    "Wed Feb 29 2017 20:26:28 GMT+0100",
    "Wed Jul 19 2017 20:26:28 GMT+2400",
    "Wed Jul 19 2017 25:26:28 GMT+0100",
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_the_pattern_and_the_parser_both_accept(text: str) -> None:
    assert _admitted(text)
    parse_schedule(text)


@pytest.mark.parametrize("text", REFUSED)
def test_the_pattern_and_the_parser_both_refuse(text: str) -> None:
    assert not _admitted(text)
    with pytest.raises(DateError):
        parse_schedule(text)


# --- examples ------------------------------------------------------------------------------------


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in node:
        return _resolve(SCHEMAS[node["$ref"].rsplit("/", 1)[1]])
    if "allOf" in node:
        merged: dict[str, Any] = {"properties": {}}
        for part in node["allOf"]:
            resolved = _resolve(part)
            for name, prop in resolved.get("properties", {}).items():
                merged["properties"][name] = {**merged["properties"].get(name, {}), **prop}
        return merged
    return node


def _example_body(schema: dict[str, Any]) -> Any:
    resolved = _resolve(schema)
    if resolved.get("type") == "array":
        return [_example_body(resolved["items"])]
    body = {
        name: prop["example"]
        for name, prop in resolved.get("properties", {}).items()
        if "example" in prop
    }
    # The test environment's concerns, not the spec's: no report POSTed to your.domain.com, no
    # replies forwarded (a Reply Number is needed).
    body.pop("deliveryreporturl", None)
    body.pop("responseemail", None)
    return body


BODY_OPERATIONS = [
    pytest.param(path, method, operation, id=operation["operationId"])
    for path, method, operation in _operations()
    # verifyOtp's example names an OTP of the vendor's own account.
    if "requestBody" in operation and operation["operationId"] != "verifyOtp"
]


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorHandle]:
    settings = settings_for_tests(clock="real")
    with in_process(settings) as handle:
        yield handle


@pytest.mark.parametrize(("path", "method", "operation"), BODY_OPERATIONS)
def test_the_examples_of_each_request_make_a_body_the_service_accepts(
    emulator: EmulatorHandle, path: str, method: str, operation: dict[str, Any]
) -> None:
    schema = operation["requestBody"]["content"][JSON]["schema"]
    body = _example_body(schema)
    # The generated client's own httpx2 client: the emulator's transport and the token, no model.
    client = emulator.client().get_httpx_client()
    with client:
        response = client.request(method.upper(), path, json=body)
    assert 200 <= response.status_code < 300, (body, response.text)
