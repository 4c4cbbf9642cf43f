"""The ASGI app as a whole: every operation answers in the spec's schemas; no input gives a 500."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any
from urllib.parse import quote

import httpx2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openapi_schema_validator import OAS30Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from smsworks_emulator.http.app import spec_of
from smsworks_emulator.rules.dates import format_iso
from smsworks_emulator.service.operations import OPERATIONS

from .conftest import Api


def _check(api: Api, operation_id: str, response: httpx2.Response) -> Any:
    """The response against the spec's declaration for its status (or ``default``)."""
    spec = spec_of(api.app)
    operation = spec.operations[operation_id]
    raw = spec.document["paths"][operation.path][operation.method.lower()]
    status = str(response.status_code)
    declared = raw["responses"].get(status) or raw["responses"].get("default")
    assert declared is not None, f"{operation_id}: {status} is not in the spec"
    (media_type,) = declared["content"]
    assert response.headers["content-type"] == media_type
    registry: Registry[Any] = Registry().with_resource(
        "urn:spec", Resource.from_contents(spec.document, default_specification=DRAFT4)
    )
    validator = OAS30Validator(
        {"$ref": "urn:spec#/paths/" + _escaped(operation.path) + "/"
         + operation.method.lower() + "/responses/" + (status if status in raw["responses"] else "default")
         + "/content/" + _escaped(media_type) + "/schema"},
        registry=registry,
    )  # fmt: skip
    body = response.json()
    errors = [error.message for error in validator.iter_errors(body)]
    assert not errors, (operation_id, response.status_code, errors, body)
    return body


def _escaped(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def test_every_operation_answers_in_the_spec_schema(api: Api) -> None:
    later = format_iso(api.emulator.now() + timedelta(seconds=60))
    message = {
        "sender": "Acme",
        "destination": "447777777777",
        "content": "hi",
        "metadata": [{"key": "k", "value": "v"}],
    }
    api.http.post("/_emulator/inbound", json={"customer_id": "alice", "from": "447777777777", "to": "447860000000",
                                              "content": "hello"})  # fmt: skip
    sent = _check(api, "sendMessage", api.call("POST", "/message/send", body=message))
    _check(api, "sendFlashMessage", api.call("POST", "/message/flash", body=message))
    _check(
        api,
        "sendBinaryMessage",
        api.call("POST", "/binary/send", body={**message, "content": "0a0b"}),
    )
    (scheduled,) = _check(
        api,
        "scheduleMessage",
        api.call("POST", "/message/schedule", body={**message, "schedule": later}),
    )
    batch = {"sender": "Acme", "destinations": ["447777777777", "447700900001"], "content": "hi"}
    sent_batch = _check(api, "sendBatch", api.call("POST", "/batch/send", body=batch))
    _check(api, "sendAnyBatch", api.call("POST", "/batch/any", body=[message]))
    scheduled_batch = _check(
        api, "scheduleBatch", api.call("POST", "/batch/schedule", body={**batch, "schedule": later})
    )
    otp = _check(
        api,
        "sendOtp",
        api.call("POST", "/otp/send", body={"destination": "447777777777", "metadata": {"a": 1}}),
    )
    api.advance(2)
    _check(api, "getMessages", api.call("POST", "/messages", body={}))
    _check(api, "getFailedMessages", api.call("POST", "/messages/failed", body={}))
    _check(api, "getInboxMessages", api.call("POST", "/messages/inbox", body={}))
    _check(api, "getScheduledMessages", api.call("GET", "/messages/schedule"))
    _check(api, "getMessageById", api.call("GET", f"/messages/{sent['messageid']}"))
    _check(api, "getMessageVolume", api.call("GET", "/messages/volume"))
    _check(api, "getBatchById", api.call("GET", f"/batch/{sent_batch['batchid']}"))
    _check(api, "getOtpById", api.call("GET", f"/otp/{otp['messageid']}"))
    passcode = api.call("GET", f"/otp/{otp['messageid']}").json()["passcode"]
    _check(
        api,
        "verifyOtp",
        api.call("POST", "/otp/verify", body={"passcode": passcode, "messageid": otp["messageid"]}),
    )
    _check(api, "getCreditsBalance", api.call("GET", "/credits/balance"))
    _check(api, "testCredentials", api.call("GET", "/utils/test"))
    _check(api, "getError", api.call("GET", "/utils/errors/402"))
    _check(
        api,
        "cancelScheduledJob",
        api.call("DELETE", f"/messages/schedule/{scheduled['messageid']}"),
    )
    _check(
        api,
        "cancelScheduledBatchJob",
        api.call("DELETE", f"/batches/schedule/{scheduled_batch['batchid']}"),
    )
    _check(api, "deleteMessage", api.call("DELETE", f"/messages/{sent['messageid']}"))
    # Errors too: 404s, 400s, 401s, 402s, 409s.
    _check(api, "getMessageById", api.call("GET", f"/messages/{sent['messageid']}"))
    _check(api, "getBatchById", api.call("GET", "/batch/none"))
    _check(api, "getOtpById", api.call("GET", "/otp/none"))
    _check(
        api,
        "verifyOtp",
        api.call("POST", "/otp/verify", body={"passcode": "x", "messageid": "none"}),
    )
    _check(api, "getError", api.call("GET", "/utils/errors/12345"))
    _check(
        api,
        "cancelScheduledJob",
        api.call("DELETE", f"/messages/schedule/{scheduled['messageid']}"),
    )
    _check(api, "sendMessage", api.call("POST", "/message/send", body={}))
    _check(api, "sendMessage", api.http.post("/v1/message/send", json=message))
    api.http.put("/_emulator/customers/alice/balance", json={"credits": 0})
    _check(api, "sendOtp", api.call("POST", "/otp/send", body={"destination": "447777777777"}))
    _check(api, "sendBatch", api.call("POST", "/batch/send", body=batch))


def test_every_operation_of_the_spec_has_a_handler(api: Api) -> None:
    assert set(spec_of(api.app).operations) == set(OPERATIONS)
    assert len(OPERATIONS) == 24


def test_unknown_routes_and_wrong_methods_are_json_errors(api: Api) -> None:
    missing = api.http.get("/v1/no/such/thing")
    assert missing.status_code == 404
    assert missing.json()["message"].startswith("path:")
    wrong = api.http.put("/v1/credits/balance")
    assert wrong.status_code == 405
    assert wrong.json()["message"].startswith("method:")
    assert "GET" in wrong.headers["allow"]
    assert api.http.get("/").status_code == 404


def test_static_paths_win_over_templated_ones(api: Api) -> None:
    assert isinstance(api.call("GET", "/messages/schedule").json(), list)
    assert "volume" in api.call("GET", "/messages/volume").json()


def test_faults_change_what_they_say_and_nothing_else() -> None:
    from .conftest import make_settings

    faulty = Api(make_settings(faults=frozenset({"wrong-status", "drop-field", "ignore-auth"})))
    response = faulty.http.post(
        "/v1/message/send", json={"sender": "A", "destination": "447777777777", "content": "x"}
    )
    assert response.status_code == 200
    assert "credits" not in response.json()
    assert (
        faulty.call(
            "POST",
            "/message/flash",
            body={"sender": "A", "destination": "447777777777", "content": "x"},
        ).status_code
        == 201
    )


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70) | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=12,
)  # fmt: skip
FIELDS = st.sampled_from(
    ["sender", "destination", "destinations", "content", "schedule", "ttl", "validity", "metadata", "tag",
     "deliveryreporturl", "passcode", "messageid", "length", "template", "limit", "skip", "from", "to", "credits",
     "status", "keyword", "unread"]
)  # fmt: skip
BODIES = (
    JSON
    | st.dictionaries(FIELDS, JSON, max_size=6)
    | st.lists(st.dictionaries(FIELDS, JSON, max_size=4), max_size=3)
)
ROUTES = [
    ("POST", "/message/send"), ("POST", "/message/flash"), ("POST", "/message/schedule"), ("POST", "/binary/send"),
    ("POST", "/messages"), ("POST", "/messages/inbox"), ("POST", "/messages/failed"), ("POST", "/batch/send"),
    ("POST", "/batch/any"), ("POST", "/batch/schedule"), ("POST", "/otp/send"), ("POST", "/otp/verify"),
    ("GET", "/messages/{}"), ("DELETE", "/messages/{}"), ("GET", "/batch/{}"), ("GET", "/otp/{}"),
    ("DELETE", "/messages/schedule/{}"), ("DELETE", "/batches/schedule/{}"), ("GET", "/utils/errors/{}"),
]  # fmt: skip


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(route=st.sampled_from(ROUTES), body=BODIES, param=st.text(max_size=10))
def test_no_input_gives_a_500(api: Api, route: tuple[str, str], body: Any, param: str) -> None:
    method, path = route
    safe_param = quote(param, safe="") or "x"
    response = api.http.request(
        method, "/v1" + path.format(safe_param), content=json.dumps(body), headers={
            **api.headers("fuzz"), "Content-Type": "application/json"}
    )  # fmt: skip
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert response.json()["message"]


def test_405_allow_lists_every_documented_method(api: Api) -> None:
    response = api.http.request("OPTIONS", "/v1/messages/abc")
    assert response.status_code == 405
    allowed = {method.strip() for method in response.headers["allow"].split(",")}
    assert {"GET", "DELETE"} <= allowed
