"""The patched spec (generated/openapi.yaml) has none of the upstream defects the overlays fix."""

from pathlib import Path
from typing import Any

import pytest
from openapi_spec_validator import validate

from smsworks_pipeline.loading import load_document

ROOT = Path(__file__).resolve().parents[2]
JSON = "application/json;charset=UTF-8"

OPERATION_IDS = {
    ("/message/send", "post"): "sendMessage",
    ("/message/flash", "post"): "sendFlashMessage",
    ("/message/schedule", "post"): "scheduleMessage",
    ("/binary/send", "post"): "sendBinaryMessage",
    ("/messages", "post"): "getMessages",
    ("/messages/inbox", "post"): "getInboxMessages",
    ("/messages/failed", "post"): "getFailedMessages",
    ("/messages/schedule", "get"): "getScheduledMessages",
    ("/messages/{messageid}", "get"): "getMessageById",
    ("/messages/{messageid}", "delete"): "deleteMessage",
    ("/messages/schedule/{messageid}", "delete"): "cancelScheduledJob",
    ("/messages/volume", "get"): "getMessageVolume",
    ("/batch/send", "post"): "sendBatch",
    ("/batch/any", "post"): "sendAnyBatch",
    ("/batch/{batchid}", "get"): "getBatchById",
    ("/batch/schedule", "post"): "scheduleBatch",
    ("/batches/schedule/{batchid}", "delete"): "cancelScheduledBatchJob",
    ("/otp/send", "post"): "sendOtp",
    ("/otp/verify", "post"): "verifyOtp",
    ("/otp/{messageid}", "get"): "getOtpById",
    ("/credits/balance", "get"): "getCreditsBalance",
    ("/credits/{countrycode}", "get"): "getCreditsForCountry",
    ("/utils/test", "get"): "testCredentials",
    ("/utils/errors/{errorcode}", "get"): "getError",
}


@pytest.fixture(scope="module")
def spec() -> Any:
    return load_document(ROOT / "generated" / "openapi.yaml")


@pytest.fixture(scope="module")
def schemas(spec: Any) -> Any:
    return spec["components"]["schemas"]


def walk(node: Any, path: str = "$") -> list[tuple[str, Any]]:
    found = [(path, node)]
    if isinstance(node, dict):
        for key, value in node.items():
            found += walk(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += walk(value, f"{path}[{index}]")
    return found


def test_is_valid_openapi_30_with_string_response_codes(spec: Any) -> None:
    validate(spec)
    codes = [
        code for item in spec["paths"].values() for op in item.values() for code in op["responses"]
    ]
    assert all(isinstance(code, str) for code in codes)


def test_every_operation_has_its_operation_id(spec: Any) -> None:
    found = {
        (path, method): op.get("operationId")
        for path, item in spec["paths"].items()
        for method, op in item.items()
    }
    assert found == OPERATION_IDS


def test_swagger_pipe_path_is_gone(spec: Any) -> None:
    assert "/swagger" not in spec["paths"]


def test_message_array_is_an_array_of_message(schemas: Any) -> None:
    assert schemas["MessageArray"]["type"] == "array"
    assert schemas["MessageArray"]["items"] == {"$ref": "#/components/schemas/Message"}
    assert schemas["MessageArray"]["maxItems"] == 5000


def test_no_schema_has_a_property_named_schema(schemas: Any) -> None:
    offenders = [
        path
        for path, node in walk(schemas)
        if isinstance(node, dict) and "schema" in node.get("properties", {})
    ]
    assert offenders == []


@pytest.mark.parametrize("schema_name", ["Message", "Query", "MessageResponse"])
def test_metadata_is_an_array_of_metadata(schemas: Any, schema_name: str) -> None:
    metadata = schemas[schema_name]["properties"]["metadata"]
    assert metadata["type"] == "array"
    assert metadata["items"] == {"$ref": "#/components/schemas/MetaData"}


def test_scheduled_messages_response_message_is_the_scheduled_message(schemas: Any) -> None:
    assert schemas["ScheduledMessagesResponse"]["properties"]["message"] == {
        "$ref": "#/components/schemas/ScheduledMessage"
    }


@pytest.mark.parametrize("schema_name", ["OTP", "OTPVerifyResponse"])
def test_otp_metadata_is_free_form(schemas: Any, schema_name: str) -> None:
    metadata = schemas[schema_name]["properties"]["metadata"]
    assert metadata["type"] == "object"
    assert metadata["additionalProperties"] is True


def test_destinations_are_strings_everywhere(schemas: Any) -> None:
    for path, node in walk(schemas):
        if path.endswith((".properties.destination", ".properties.destinations.items")):
            assert node["type"] == "string", path


@pytest.mark.parametrize(
    ("location", "minimum", "maximum"),
    [
        ("Message.ttl", 1, None),
        ("BatchMessage.ttl", 1, None),
        ("Message.validity", 1, 2880),
        ("BatchMessage.validity", 1, 2880),
        ("Query.limit", 1, 1000),
        ("Query.skip", 0, None),
        ("OTP.length", 4, 10),
        ("OTP.validity", 1, None),
        ("OTPVerifyResponse.validity", 1, None),
        ("OTPResponse.messageparts", None, None),
        ("SendMessageResponse.messageparts", None, None),
        ("MessageVolumeResponse.volume", None, None),
    ],
)
def test_documented_integers_are_integers(
    schemas: Any, location: str, minimum: int | None, maximum: int | None
) -> None:
    schema_name, field = location.split(".")
    prop = schemas[schema_name]["properties"][field]
    assert prop["type"] == "integer"
    assert prop.get("minimum") == minimum
    assert prop.get("maximum") == maximum
    if "example" in prop:
        assert isinstance(prop["example"], int)


def test_error_codes_are_integers(schemas: Any) -> None:
    assert (
        schemas["MessageResponse"]["properties"]["failurereason"]["properties"]["code"]["type"]
        == "integer"
    )
    assert schemas["ExtendedErrorModel"]["allOf"][1]["properties"]["errorCode"]["type"] == "integer"


def test_no_float_examples_remain_on_integer_fields(schemas: Any) -> None:
    for path, node in walk(schemas):
        if isinstance(node, dict) and node.get("type") == "integer" and "example" in node:
            assert isinstance(node["example"], int), path


def test_send_message_response_has_messageparts(schemas: Any) -> None:
    assert schemas["SendMessageResponse"]["properties"]["messageparts"]["type"] == "integer"
    assert "messageparts" not in schemas["SendMessageResponse"]["required"]


def test_scheduled_messages_listing_is_an_array(spec: Any) -> None:
    schema = spec["paths"]["/messages/schedule"]["get"]["responses"]["200"]["content"][JSON][
        "schema"
    ]
    assert schema == {
        "type": "array",
        "items": {"$ref": "#/components/schemas/ScheduledMessagesResponse"},
    }


def test_descriptions_are_fixed(spec: Any, schemas: Any) -> None:
    verify = spec["paths"]["/otp/verify"]["post"]["description"]
    assert "Verifies" in verify
    assert "Generates" not in verify
    text = " ".join(str(node) for _, node in walk(spec) if isinstance(node, str))
    for typo in (
        "mathcing",
        "uncoming",
        "/oyp/",
        "it's message",
        "whether the a batch",
        " his can be used",
    ):
        assert typo not in text


def test_otp_verify_names_the_otp(schemas: Any) -> None:
    assert schemas["OTPVerify"]["required"] == ["passcode"]
    assert schemas["OTPVerify"]["properties"]["messageid"]["type"] == "string"
    assert schemas["OTPVerifyResponse"]["properties"]["passcode"]["type"] == "string"


LINKS = {
    ("/message/send", "post", "201"): {"getMessageById", "deleteMessage"},
    ("/message/flash", "post", "201"): {"getMessageById", "deleteMessage"},
    ("/binary/send", "post", "201"): {"getMessageById", "deleteMessage"},
    ("/message/schedule", "post", "200"): {"cancelScheduledJob"},
    ("/batch/send", "post", "201"): {"getBatchById"},
    ("/batch/any", "post", "201"): {"getBatchById"},
    ("/batch/schedule", "post", "201"): {"cancelScheduledBatchJob"},
    ("/otp/send", "post", "201"): {"getOtpById"},
}


def test_links_join_the_operations(spec: Any) -> None:
    found = {}
    for path, item in spec["paths"].items():
        for method, op in item.items():
            for code, response in op["responses"].items():
                if "links" in response:
                    found[(path, method, code)] = {
                        link["operationId"] for link in response["links"].values()
                    }
                    for link in response["links"].values():
                        (parameter,) = link["parameters"]
                        target = next(
                            t_op for t_item in spec["paths"].values() for t_op in t_item.values()
                            if t_op["operationId"] == link["operationId"]
                        )  # fmt: skip
                        assert parameter in {p["name"] for p in target["parameters"]}
    assert found == LINKS


def test_date_examples_name_the_right_weekday(schemas: Any) -> None:
    from smsworks_emulator.rules.dates import parse_schedule

    dated = [
        (path, node["example"])
        for path, node in walk(schemas)
        if isinstance(node, dict)
        and isinstance(node.get("example"), str)
        and " GMT" in node["example"]
    ]
    assert len(dated) >= 8
    for path, example in dated:
        parse_schedule(example, field=path)  # raises, naming the path, on a wrong weekday


def test_destination_examples_are_international_numbers(schemas: Any) -> None:
    from smsworks_emulator.rules.numbers import normalise_destination

    for path, node in walk(schemas):
        if (
            path.endswith((".properties.destination", ".properties.destinations"))
            and "example" in node
        ):
            examples = node["example"] if isinstance(node["example"], list) else [node["example"]]
            for example in examples:
                assert str(example).startswith("44"), path
                assert normalise_destination(str(example)) == example


def test_credits_for_country_is_the_operation_the_vendors_1_11_sdk_documents(
    spec: Any, schemas: Any
) -> None:
    """15-credits-by-country.yaml: GET /credits/{countrycode} as the vendor's 1.11.0 SDK has it."""
    operation = spec["paths"]["/credits/{countrycode}"]["get"]
    assert operation["security"] == [{"JWT": []}]
    (parameter,) = operation["parameters"]
    assert parameter["name"] == "countrycode"
    assert parameter["in"] == "path"
    assert parameter["required"] is True
    assert parameter["schema"] == {"type": "string", "pattern": "^[A-Z]{2}$", "example": "GB"}
    responses = operation["responses"]
    assert responses["200"]["content"][JSON]["schema"] == {
        "$ref": "#/components/schemas/CountryResponse"
    }
    for code in ("default", "400", "401", "404"):
        assert responses[code]["content"][JSON]["schema"] == {
            "$ref": "#/components/schemas/ErrorModel"
        }, code
    country = schemas["CountryResponse"]
    assert country["required"] == ["credits"]
    assert {name: p["type"] for name, p in country["properties"].items()} == {
        "code": "string",
        "country": "string",
        "credits": "number",
    }
    example = {name: p["example"] for name, p in country["properties"].items()}
    assert example == {"code": "GB", "country": "United Kingdom", "credits": 1.0}
