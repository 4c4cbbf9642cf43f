"""The live-like wire form: each known variant shows in ``wire="live-like"`` and not by default.

Real calls through the harness (in process and served on 127.0.0.1), asserted on raw JSON.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import AbstractContextManager
from datetime import timedelta
from typing import Any

import httpx2
import pytest

from smsworks_emulator.http.live_like import TRANSFORMS, exact_number, js_date_text, read_variants
from smsworks_emulator.http.spec import load_spec
from smsworks_emulator.rules.dates import format_iso
from smsworks_emulator.settings import EmulatorSettings, WireForm
from smsworks_emulator.testing import EmulatorHandle, in_process, served, settings_for_tests

JS_DATE = re.compile(
    r"^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{4} \d{2}:\d{2}:\d{2} "
    r"GMT\+0000 \(Coordinated Universal Time\)$"
)
MESSAGE = {"sender": "Acme", "destination": "447777777777", "content": "hello"}
VARIANTS = read_variants(load_spec().document)

pytest_plugins = ["pytester"]

PLUGIN_SUITE = """
import pytest

def _destination(emulator):
    http = emulator.http_client({"Authorization": emulator.token()})
    body = {"sender": "Acme", "destination": "447777777777", "content": "hi"}
    messageid = http.post("/v1/message/send", json=body).json()["messageid"]
    return http.get(f"/v1/messages/{messageid}").json()["destination"]

def test_ini(smsworks_emulator):
    assert _destination(smsworks_emulator) == EXPECTED

@pytest.mark.smsworks_wire("live-like")
def test_marker(smsworks_emulator):
    assert _destination(smsworks_emulator) == 447777777777
"""


class Calls:
    def __init__(self, handle: EmulatorHandle) -> None:
        self.handle = handle
        self.http: httpx2.Client = handle.http_client({"Authorization": handle.token("alice")})

    def call(self, method: str, path: str, body: Any = None) -> httpx2.Response:
        return self.http.request(method, "/v1" + path, json=body)


def _harness(kind: str, settings: EmulatorSettings) -> AbstractContextManager[EmulatorHandle]:
    return in_process(settings) if kind == "in_process" else served(settings)


@pytest.fixture(params=["in_process", "served"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _calls(kind: str, wire: WireForm) -> Iterator[Calls]:
    with _harness(kind, settings_for_tests(wire=wire)) as handle:
        yield Calls(handle)


@pytest.fixture
def live(kind: str) -> Iterator[Calls]:
    yield from _calls(kind, "live-like")


@pytest.fixture
def spec_form(kind: str) -> Iterator[Calls]:
    yield from _calls(kind, "spec")


def _sent_record(api: Calls) -> dict[str, Any]:
    sent = api.call("POST", "/message/send", {**MESSAGE, "tag": "t1"})
    assert sent.status_code == 201, sent.text
    record = api.call("GET", f"/messages/{sent.json()['messageid']}")
    assert record.status_code == 200, record.text
    body = record.json()
    assert isinstance(body, dict)
    return body


def test_the_table_names_every_transformed_variant() -> None:
    assert set(TRANSFORMS) <= set(VARIANTS)


def test_destination_is_a_number_live_like(live: Calls, spec_form: Calls) -> None:
    assert _sent_record(live)["destination"] == 447777777777
    assert _sent_record(spec_form)["destination"] == "447777777777"
    listed = live.call("POST", "/messages", {}).json()
    assert listed
    assert all(record["destination"] == 447777777777 for record in listed)


def test_uuid_ids_stay_strings_live_like(live: Calls) -> None:
    record = _sent_record(live)
    assert isinstance(record["messageid"], str)
    assert isinstance(record["id"], str)


def test_records_are_sparse_live_like(live: Calls, spec_form: Calls) -> None:
    left_out = VARIANTS["sparse-message-record"].fields["MessageResponse"]
    assert set(left_out) == {"tag", "schedule"}
    assert not set(left_out) & set(_sent_record(live))
    assert set(left_out) <= set(_sent_record(spec_form))


def test_dates_are_javascript_text_live_like(live: Calls, spec_form: Calls) -> None:
    record = _sent_record(live)
    assert JS_DATE.match(record["created"]), record["created"]
    assert JS_DATE.match(record["modified"]), record["modified"]
    assert not JS_DATE.match(_sent_record(spec_form)["created"])


def test_sends_carry_messageparts_in_both_forms(live: Calls, spec_form: Calls) -> None:
    for api in (live, spec_form):
        sent = api.call("POST", "/message/send", MESSAGE)
        assert sent.json()["messageparts"] == 1


def test_schedule_answers_one_object_with_201_live_like(live: Calls, spec_form: Calls) -> None:
    later = format_iso(live.handle.now() + timedelta(seconds=60))
    answer = live.call("POST", "/message/schedule", {**MESSAGE, "schedule": later})
    assert answer.status_code == 201, answer.text
    assert isinstance(answer.json(), dict)
    assert answer.json()["messageid"]
    plain = spec_form.call("POST", "/message/schedule", {**MESSAGE, "schedule": later})
    assert plain.status_code == 200
    assert isinstance(plain.json(), list)


def test_the_batch_schedule_answers_200_live_like(live: Calls, spec_form: Calls) -> None:
    later = format_iso(live.handle.now() + timedelta(seconds=60))
    batch = {"sender": "Acme", "destinations": ["447777777777"], "content": "hi", "schedule": later}
    assert live.call("POST", "/batch/schedule", batch).status_code == 200
    assert spec_form.call("POST", "/batch/schedule", batch).status_code == 201


def _verified(api: Calls, passcode: str) -> Any:
    sent = api.call("POST", "/otp/send", {"destination": "447777777777", "passcode": passcode})
    assert sent.status_code == 201, sent.text
    body = {"passcode": passcode, "messageid": sent.json()["messageid"]}
    verified = api.call("POST", "/otp/verify", body)
    assert verified.status_code == 200, verified.text
    return verified.json()


def test_otp_verify_live_like(live: Calls, spec_form: Calls) -> None:
    verified = _verified(live, "424242")
    assert verified["passcode"] == 424242
    assert JS_DATE.match(verified["created"]), verified
    assert _verified(live, "012345")["passcode"] == "012345"  # a number would lose the zero
    assert _verified(spec_form, "424242")["passcode"] == "424242"


def test_a_bad_body_gets_the_framework_400_live_like(live: Calls, spec_form: Calls) -> None:
    bad = {"destination": 447777777777, "content": "hi"}  # no sender; destination not a string
    answer = live.call("POST", "/message/send", bad)
    assert answer.status_code == 400
    body = answer.json()
    assert body["message"] == "Validation errors"
    (parameter,) = body["errors"]
    assert parameter["code"] == "INVALID_REQUEST_PARAMETER"
    assert parameter["in"] == "body"
    assert isinstance(parameter["path"], list)
    assert parameter["name"]
    details = {detail["code"]: detail for detail in parameter["errors"]}
    assert set(details) == {"OBJECT_MISSING_REQUIRED_PROPERTY", "INVALID_TYPE"}
    assert details["OBJECT_MISSING_REQUIRED_PROPERTY"]["params"] == ["sender"]
    assert "sender" in details["OBJECT_MISSING_REQUIRED_PROPERTY"]["message"]
    assert details["INVALID_TYPE"]["path"] == ["destination"]
    assert {"code", "message", "path", "params", "description"} <= set(details["INVALID_TYPE"])
    plain = spec_form.call("POST", "/message/send", bad)
    assert plain.status_code == 400
    assert "errorCode" in plain.json()


def test_a_bad_path_parameter_gets_the_framework_400_live_like(
    live: Calls, spec_form: Calls
) -> None:
    answer = live.call("GET", "/credits/gb")
    assert answer.status_code == 400
    body = answer.json()
    assert body["message"] == "Validation errors"
    (parameter,) = body["errors"]
    assert (parameter["in"], parameter["name"]) == ("path", "countrycode")
    assert parameter["path"] == ["paths", "/credits/{countrycode}", "get", "parameters", "0"]
    (detail,) = parameter["errors"]
    assert (detail["code"], detail["params"]) == ("PATTERN", ["^[A-Z]{2}$"])
    assert detail["message"].startswith("countrycode: ")
    plain = spec_form.call("GET", "/credits/gb")
    assert plain.status_code == 400
    assert plain.json()["message"].startswith("countrycode: ")


def test_a_bad_batch_names_the_item(live: Calls) -> None:
    answer = live.call("POST", "/batch/any", [MESSAGE, {**MESSAGE, "content": 5}])
    assert answer.status_code == 400
    (detail,) = answer.json()["errors"][0]["errors"]
    assert detail["path"] == [1, "content"]
    assert "[1].content" in detail["message"]


def test_errors_of_the_service_keep_their_model(live: Calls) -> None:
    missing = live.call("GET", "/messages/no-such-id")
    assert missing.status_code == 404
    assert "errorCode" in missing.json()


def test_control_endpoints_are_never_transformed(live: Calls) -> None:
    live.call("POST", "/message/send", MESSAGE)
    outbox = live.handle.control.get("/_emulator/outbox").json()
    entries = outbox if isinstance(outbox, list) else outbox.get("messages", outbox)
    assert entries
    assert all(isinstance(entry["destination"], str) for entry in entries)
    assert all("tag" in entry for entry in entries)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("447777777777", 447777777777),
        ("0", 0),
        ("012345", None),  # a leading zero would be lost
        ("9007199254740991", 9007199254740991),
        ("9007199254740992", None),  # past Number.MAX_SAFE_INTEGER
        ("123456789012345678", None),  # an 18-digit id
        ("4f1c", None),
        ("", None),
        ("١٢٣", None),  # digits, but not ASCII ones
    ],
)
def test_exact_number(text: str, number: int | None) -> None:
    assert exact_number(text) == number


def test_js_date_text() -> None:
    assert (
        js_date_text("2023-04-25T15:47:00.000Z")
        == "Tue Apr 25 2023 15:47:00 GMT+0000 (Coordinated Universal Time)"
    )
    assert js_date_text("2023-04-05T16:47:00+01:00").startswith("Wed Apr 05 2023 15:47:00 ")
    assert js_date_text("not a date") == "not a date"


def test_an_unknown_wire_form_is_refused() -> None:
    with pytest.raises(ValueError, match="wire"):
        EmulatorSettings(wire="lively")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("ini", "expected"), [(None, '"447777777777"'), ("live-like", "447777777777")]
)
def test_the_plugin_takes_the_wire_form(
    pytester: pytest.Pytester, ini: str | None, expected: str
) -> None:
    if ini is not None:
        pytester.makeini(f"[pytest]\nsmsworks_emulator_wire = {ini}\n")
    pytester.makepyfile(test_wire=f"EXPECTED = {expected}\n" + PLUGIN_SUITE)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--strict-markers")
    result.assert_outcomes(passed=2)
