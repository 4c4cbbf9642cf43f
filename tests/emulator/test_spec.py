"""The patched spec as the emulator loads it: validators from the spec, errors naming the field."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smsworks_emulator.http.spec import OAS_ONLY_KEYWORDS, Spec, load_spec


@pytest.fixture(scope="module")
def spec() -> Spec:
    return load_spec()


def _keys(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from _keys(value)
    elif isinstance(node, list):
        for item in node:
            yield from _keys(item)


def test_spec_uses_no_keyword_where_oas30_and_draft4_differ(spec: Spec) -> None:
    # The fast checker (Draft 4) and OAS30Validator agree only while this holds.
    schemas = [spec.document["components"]] + [
        operation for item in spec.document["paths"].values() for operation in item.values()
    ]
    used = {key for schema in schemas for key in _keys(schema)} & OAS_ONLY_KEYWORDS
    assert used == set()


def test_base_path_and_operations(spec: Spec) -> None:
    assert spec.base_path == "/v1"
    assert len(spec.operations) == 24
    send = spec.operations["sendMessage"]
    assert (send.method, send.path, send.body_required) == ("POST", "/message/send", True)


@pytest.mark.parametrize(
    ("operation", "body", "message"),
    [
        ("sendMessage", {"sender": "a", "destination": "b"}, "content: is required"),
        (
            "sendMessage",
            {"sender": "a", "destination": "b", "content": "c", "validity": 0},
            "validity: must be at least 1",
        ),
        (
            "sendMessage",
            {"sender": 1, "destination": "b", "content": "c"},
            "sender: must be of type string",
        ),
        ("sendMessage", [], "body: must be of type object"),
        ("sendAnyBatch", [{"sender": "a", "destination": "b"}], "messages[0].content: is required"),
        ("sendAnyBatch", [], "messages: at least 1 item(s) required"),
        (
            "sendBatch",
            {"sender": "a", "content": "c", "destinations": ["1"] * 5001},
            "destinations: at most 5000",
        ),
        ("getMessages", {"limit": 1001}, "limit: must be at most 1000"),
        ("sendOtp", {"destination": "1", "length": "6"}, "length: must be of type integer"),
    ],
)
def test_body_errors_name_the_field(spec: Spec, operation: str, body: Any, message: str) -> None:
    problem = spec.operations[operation].body_error(body)
    assert problem is not None
    assert problem.startswith(message)


def test_valid_bodies_pass(spec: Spec) -> None:
    message = {
        "sender": "a",
        "destination": "447777777777",
        "content": "c",
        "metadata": [{"key": "k", "value": "v"}],
    }
    assert spec.operations["sendMessage"].body_error(message) is None
    assert spec.operations["sendAnyBatch"].body_error([message] * 5000) is None
    assert spec.operations["getMessages"].body_error({}) is None


VALUES = (
    st.none()
    | st.booleans()
    | st.integers(-3, 3000)
    | st.floats(allow_nan=False)
    | st.text(max_size=3)
)
MESSAGES = st.fixed_dictionaries(
    {},
    optional={
        name: VALUES
        | st.lists(st.dictionaries(st.sampled_from(["key", "value"]), VALUES), max_size=2)
        for name in (
            "sender",
            "destination",
            "content",
            "ttl",
            "validity",
            "metadata",
            "ai",
            "responseemail",
        )
    },
)


@settings(max_examples=300)
@given(body=MESSAGES)
def test_fast_checker_and_oas30_validator_agree(spec: Spec, body: dict[str, Any]) -> None:
    operation = spec.operations["sendMessage"]
    assert operation.body_checker is not None
    assert operation.body_validator is not None
    assert operation.body_checker.is_valid(body) == operation.body_validator.is_valid(body)


def test_the_spec_is_parsed_once_and_shared_by_every_emulator() -> None:
    from smsworks_emulator import EmulatorSettings, create_app
    from smsworks_emulator.http.app import spec_of

    first = spec_of(create_app(EmulatorSettings(db_path=":memory:")))
    second = spec_of(create_app(EmulatorSettings(db_path=":memory:")))
    assert first is second is load_spec()
