"""The drift checker on literal bodies: each kind of departure, each known variant tolerated, unknown ones not."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any
from xml.etree import ElementTree

import pytest
import yaml

from smsworks_emulator.drift import DriftChecker, Finding, FindingLog
from tests.drift.conftest import SPEC_PATH

JSON = "application/json;charset=UTF-8"


def body(value: object) -> bytes:
    return json.dumps(value).encode()


def record(**changes: object) -> dict[str, Any]:
    """A message record as the spec declares it, with changes (a value of None leaves the property out)."""
    value: dict[str, Any] = {
        "content": "hi",
        "created": "Wed Jul 19 2017 20:53:46 GMT+0100 (BST)",
        "customerid": "c-1",
        "destination": "447777777777",
        "messageid": "m-1",
        "modified": "Wed Jul 19 2017 20:53:49 GMT+0100 (BST)",
        "schedule": "Wed Jul 19 2017 20:53:45 GMT+0100 (BST)",
        "sender": "YourCompany",
        "status": "DELIVERED",
        "tag": "t",
    }
    value.update(changes)
    return {key: item for key, item in value.items() if item is not None}


SENT = {"messageid": "m", "status": "SENT", "credits": 9, "creditsUsed": 1}


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, findings
    return findings[0]


def test_a_response_as_declared_has_no_findings(checker: DriftChecker) -> None:
    assert checker.check_response("getMessageById", 200, JSON, body(record())) == []
    assert checker.check_response("sendMessage", 201, JSON, body(SENT)) == []


def test_each_variant_of_the_table_is_tolerated_by_name(checker: DriftChecker) -> None:
    destination = only(
        checker.check_response("getMessageById", 200, JSON, body(record(destination=447777777777)))
    )
    assert (destination.kind, destination.pointer, destination.declared, destination.seen) == (
        "type",
        "/destination",
        "string",
        "integer",
    )
    assert destination.tolerated
    assert destination.variant == "number-for-string"

    sparse = checker.check_response(
        "getMessageById", 200, JSON, body(record(tag=None, schedule=None))
    )
    assert {(f.kind, f.pointer, f.variant, f.tolerated) for f in sparse} == {
        ("required", "/tag", "sparse-message-record", True),
        ("required", "/schedule", "sparse-message-record", True),
    }

    without = {key: value for key, value in SENT.items() if key != "creditsUsed"}
    credits = only(checker.check_response("sendMessage", 201, JSON, body(without)))
    assert (credits.kind, credits.pointer, credits.variant) == (
        "required",
        "/creditsUsed",
        "send-without-credits-used",
    )

    as_object = checker.check_response(
        "scheduleMessage", 200, JSON, body({"messageid": "m", "status": "SCHEDULED"})
    )
    assert [(f.kind, f.variant) for f in as_object] == [("shape", "schedule-answer-as-object")]

    as_array = checker.check_response(
        "scheduleBatch", 201, JSON, body([{"batchid": "b", "status": "SCHEDULED"}])
    )
    assert [(f.kind, f.variant, f.tolerated) for f in as_array] == [
        ("shape", "schedule-answer-as-array", True)
    ]

    status = checker.check_response(
        "scheduleMessage", 201, JSON, body([{"messageid": "m", "status": "SCHEDULED"}])
    )
    assert [(f.kind, f.status, f.variant, f.tolerated) for f in status] == [
        ("undeclared-status", "201", "schedule-status", True)
    ]


FRAMEWORK_400 = json.loads(
    (
        SPEC_PATH.parent.parent
        / "tests"
        / "client"
        / "samples"
        / "error_400_validation.RECONSTRUCTED-swagger-node-runner.json"
    ).read_text(encoding="utf-8")
)


def test_the_frameworks_400_is_tolerated_in_place_of_any_declared_error_model(
    checker: DriftChecker,
) -> None:
    # getMessages declares ExtendedErrorModel (errorCode and status required) for 400.
    framework = only(checker.check_response("getMessages", 400, JSON, body(FRAMEWORK_400)))
    assert (framework.kind, framework.pointer, framework.declared, framework.seen) == (
        "body",
        "",
        "ExtendedErrorModel",
        "ValidationErrorModel",
    )
    assert (framework.variant, framework.tolerated) == ("framework-validation-errors", True)
    every = [
        operation
        for operation, declared in checker.operations.items()
        if "400" in declared.get("responses", {})
    ]
    assert len(every) > 10
    for operation in every:
        findings = checker.check_response(operation, 400, JSON, body(FRAMEWORK_400))
        assert all(f.tolerated for f in findings), (operation, findings)


def test_a_body_variant_holds_only_for_its_own_schema_and_status(checker: DriftChecker) -> None:
    bare = checker.check_response("getMessages", 400, JSON, body({"message": "bad"}))
    assert {(f.pointer, f.kind, f.tolerated) for f in bare} == {
        ("/errorCode", "required", False),
        ("/status", "required", False),
    }
    unauthorised = checker.check_response("getMessages", 401, JSON, body(FRAMEWORK_400))
    assert unauthorised
    assert not any(f.tolerated for f in unauthorised)


def test_a_tolerated_shape_still_checks_what_is_inside(checker: DriftChecker) -> None:
    findings = checker.check_response(
        "scheduleMessage", 200, JSON, body({"messageid": 7, "status": False})
    )
    assert {(f.kind, f.pointer, f.tolerated) for f in findings} == {
        ("shape", "", True),
        ("type", "/messageid", True),
        ("type", "/status", False),
    }


@pytest.mark.parametrize(
    ("change", "kind", "pointer"),
    [
        ({"status": 3}, "type", "/status"),
        ({"destination": True}, "type", "/destination"),
        ({"content": None}, "required", "/content"),
        ({"failurereason": {"code": "34"}}, "type", "/failurereason/code"),
    ],
)
def test_an_unknown_departure_is_not_tolerated(
    checker: DriftChecker, change: dict[str, object], kind: str, pointer: str
) -> None:
    finding = only(checker.check_response("getMessageById", 200, JSON, body(record(**change))))
    assert (finding.kind, finding.pointer, finding.tolerated, finding.variant) == (
        kind,
        pointer,
        False,
        None,
    )
    assert finding.direction == "response"
    assert finding.status == "200"


def test_enum_and_pattern_departures(checker: DriftChecker, spec: dict[str, Any]) -> None:
    enums = [
        f
        for f in checker.check_response("getMessageById", 200, JSON, body(record()))
        if f.kind == "enum"
    ]
    assert enums == []
    enum_operation, enum_body, enum_pointer = _enum_case(spec)
    finding = only(checker.check_request(enum_operation, "application/json", body(enum_body)))
    assert (finding.kind, finding.pointer, finding.tolerated) == ("enum", enum_pointer, False)

    pattern = checker.check_request(
        "sendMessage",
        "application/json",
        body({"sender": "Co", "destination": "not a number", "content": "x"}),
    )
    assert [(f.kind, f.pointer) for f in pattern] == [("pattern", "/destination")]


def _enum_case(spec: dict[str, Any]) -> tuple[str, dict[str, Any], str]:
    """The request property with an enum (Query.status) in a body that is otherwise empty."""
    query = spec["components"]["schemas"]["Query"]
    assert "enum" in query["properties"]["status"]
    for path in spec["paths"].values():
        for operation in path.values():
            content = (
                operation.get("requestBody", {}).get("content", {})
                if isinstance(operation, dict)
                else {}
            )
            if any(
                c.get("schema", {}).get("$ref", "").endswith("/Query") for c in content.values()
            ):
                return operation["operationId"], {"status": "NOT A STATUS"}, "/status"
    raise AssertionError("no operation takes a Query")


def test_a_country_quote_is_held_to_country_response(checker: DriftChecker) -> None:
    quote = {"code": "FR", "country": "France", "credits": 2.5}
    assert checker.check_response("getCreditsForCountry", 200, JSON, body(quote)) == []
    assert checker.check_response("getCreditsForCountry", 200, JSON, body({"credits": 1})) == []
    missing = only(checker.check_response("getCreditsForCountry", 200, JSON, body({"code": "FR"})))
    assert (missing.kind, missing.pointer, missing.tolerated) == ("required", "/credits", False)
    text = only(
        checker.check_response("getCreditsForCountry", 200, JSON, body({**quote, "credits": "2"}))
    )
    assert (text.kind, text.pointer, text.declared, text.seen) == (
        "type", "/credits", "number", "string")  # fmt: skip
    not_found = {"message": "countrycode: 'ZZ' is the code of no country"}
    assert checker.check_response("getCreditsForCountry", 404, JSON, body(not_found)) == []


def test_the_request_side_tolerates_no_variant(checker: DriftChecker) -> None:
    finding = only(
        checker.check_request(
            "sendMessage",
            "application/json",
            body({"sender": "Co", "destination": 447777777777, "content": "x"}),
        )
    )
    assert (finding.direction, finding.kind, finding.tolerated) == ("request", "type", False)


def test_an_undeclared_status_content_type_and_unparseable_body(checker: DriftChecker) -> None:
    status = only(checker.check_response("getCreditsBalance", 201, JSON, body({"credits": 1})))
    assert (status.kind, status.seen, status.tolerated) == ("undeclared-status", "201", False)

    content_type = checker.check_response(
        "getCreditsBalance", 200, "text/html", body({"credits": 1})
    )
    assert [(f.kind, f.seen) for f in content_type] == [("content-type", "text/html")]

    unparseable = only(checker.check_response("getCreditsBalance", 200, JSON, b"<html>"))
    assert (unparseable.kind, unparseable.tolerated) == ("unparseable-body", False)

    error = checker.check_response(
        "getCreditsBalance", 500, JSON, body({"message": "boom", "errorCode": 1, "status": "x"})
    )
    assert error == []


def test_operation_for_routes_paths_of_the_spec(checker: DriftChecker) -> None:
    assert checker.operation_for("POST", "/v1/message/send") == "sendMessage"
    assert checker.operation_for("get", "/v1/messages/schedule?x=1") == "getScheduledMessages"
    assert checker.operation_for("GET", "/v1/messages/abc") == "getMessageById"
    assert checker.operation_for("GET", "/v1/credits/balance") == "getCreditsBalance"
    assert checker.operation_for("GET", "/v1/credits/GB") == "getCreditsForCountry"
    assert checker.operation_for("PUT", "/v1/message/send") is None
    assert checker.operation_for("GET", "/v1/nowhere") is None


def test_the_log_aggregates_and_reports(checker: DriftChecker) -> None:
    log = FindingLog()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    messages = [record(destination=1), record(destination=2)]
    listing = checker.check_response("getMessages", 200, JSON, body(messages))
    assert listing
    assert all(f.tolerated for f in listing)
    log.add(listing, example="POST /v1/messages", when=start)
    log.add(
        checker.check_response("getCreditsBalance", 201, JSON, body({})),
        when=start + timedelta(seconds=5),
    )
    log.add(
        checker.check_response("getCreditsBalance", 201, JSON, body({})),
        when=start + timedelta(seconds=9),
    )

    (tolerated,) = log.tolerated()
    assert (tolerated.pointer, tolerated.count, tolerated.example) == (
        "/*/destination",
        2,
        "POST /v1/messages",
    )
    (unknown,) = log.unknown()
    assert (unknown.kind, unknown.count, unknown.first_seen, unknown.last_seen) == (
        "undeclared-status",
        2,
        start + timedelta(seconds=5),
        start + timedelta(seconds=9),
    )
    assert json.loads(log.to_json())["tolerated"][0]["variant"] == "number-for-string"
    markdown = log.to_markdown()
    assert "number-for-string" in markdown
    assert "undeclared-status" in markdown

    suite = ElementTree.fromstring(log.to_junit_xml())
    cases = {(case.get("classname"), case.get("name")): case for case in suite.iter("testcase")}
    assert cases[("drift.getCreditsBalance", "undeclared-status")].find("failure") is not None
    assert cases[("drift.getMessages", "type")].find("failure") is None


def test_a_spec_without_the_table_tolerates_nothing(spec: dict[str, Any]) -> None:
    bare = {key: value for key, value in spec.items() if key != "x-smsworks-wire-variants"}
    finding = only(
        DriftChecker(bare).check_response("getMessageById", 200, JSON, body(record(destination=1)))
    )
    assert not finding.tolerated


def test_the_spec_file_is_the_patched_one() -> None:
    assert "x-smsworks-wire-variants" in yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
