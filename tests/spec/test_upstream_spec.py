"""openapi.yaml is the vendor's v1.10.0 document, re-indented and otherwise untouched."""

import hashlib
import re
from pathlib import Path

from smsworks_pipeline.loading import load_document

ROOT = Path(__file__).resolve().parents[2]
UPSTREAM = ROOT / "openapi.yaml"

# SHA-256 of the upstream text with every run of whitespace collapsed to one space: re-indenting keeps it, any
# change of content does not. (The same comparison as the vendor-seed fidelity check, without needing the seed.)
UPSTREAM_COLLAPSED_SHA256 = "54d25d7abe794f55490337ea84a36512d40e46afbef7be9d471b478ef78de1e0"

UPSTREAM_OPERATIONS = {
    ("/message/send", "post"),
    ("/message/flash", "post"),
    ("/message/schedule", "post"),
    ("/binary/send", "post"),
    ("/messages", "post"),
    ("/messages/inbox", "post"),
    ("/messages/failed", "post"),
    ("/messages/schedule", "get"),
    ("/messages/{messageid}", "get"),
    ("/messages/{messageid}", "delete"),
    ("/messages/schedule/{messageid}", "delete"),
    ("/messages/volume", "get"),
    ("/batch/send", "post"),
    ("/batch/any", "post"),
    ("/batch/{batchid}", "get"),
    ("/batch/schedule", "post"),
    ("/batches/schedule/{batchid}", "delete"),
    ("/otp/send", "post"),
    ("/otp/verify", "post"),
    ("/otp/{messageid}", "get"),
    ("/credits/balance", "get"),
    ("/utils/test", "get"),
    ("/utils/errors/{errorcode}", "get"),
}
UPSTREAM_SCHEMAS = {
    "TestResponse", "CreditsResponse", "Message", "MetaData", "MessageArray", "BatchMessage",
    "ScheduledMessage", "ScheduledMessagesResponse", "MessageVolumeResponse", "Query",
    "SendMessageResponse", "ScheduledMessageResponse", "ScheduledBatchResponse",
    "CancelledMessageResponse", "DeletedMessageResponse", "BatchMessageResponse", "MessageResponse",
    "OTP", "OTPResponse", "OTPVerify", "OTPVerifyResponse", "ErrorModel", "ExtendedErrorModel",
}  # fmt: skip
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def test_text_is_the_upstream_text_up_to_whitespace() -> None:
    collapsed = re.sub(r"\s+", " ", UPSTREAM.read_text(encoding="utf-8")).strip()
    assert hashlib.sha256(collapsed.encode()).hexdigest() == UPSTREAM_COLLAPSED_SHA256


def test_it_parses_with_every_upstream_operation_and_schema() -> None:
    document = load_document(UPSTREAM)
    assert document["openapi"] == "3.0.1"
    assert document["info"]["version"] == "1.10.0"
    operations = {
        (path, method)
        for path, item in document["paths"].items()
        for method in item
        if method in HTTP_METHODS
    }
    assert operations == UPSTREAM_OPERATIONS
    assert set(document["paths"]) == {path for path, _ in UPSTREAM_OPERATIONS} | {"/swagger"}
    assert set(document["components"]["schemas"]) == UPSTREAM_SCHEMAS


def test_ambiguous_placements_are_the_ones_the_readme_lists() -> None:
    """The flattened upstream text left a few placements open; these are the choices made (docs/client.md)."""
    document = load_document(UPSTREAM)
    flash = document["paths"]["/message/flash"]
    assert flash["x-swagger-router-controller"] == "flash", "path-level, after the operation"
    assert "x-swagger-router-controller" not in flash["post"]
    schemas = document["components"]["schemas"]
    assert "example" in schemas["Message"]["properties"]["metadata"], "example beside properties"
    assert "$ref" in schemas["Message"]["properties"]["metadata"]["properties"]["schema"]
    assert schemas["ScheduledMessagesResponse"]["description"].startswith("details of a message")
    assert "description" not in schemas["ScheduledMessagesResponse"]["properties"]["message"]
    assert schemas["Message"]["description"] == "SMS message object"
    message_response = schemas["MessageResponse"]["properties"]
    assert list(message_response["failurereason"]["properties"]) == ["code", "details", "permanent"]
    assert {"id", "messageid", "status", "sender", "tag"} <= set(message_response)


def test_every_required_property_is_declared_beside_it() -> None:
    document = load_document(UPSTREAM)
    for name, schema in document["components"]["schemas"].items():
        for part in [schema, *schema.get("allOf", [])]:
            missing = set(part.get("required", [])) - set(part.get("properties", {}))
            assert not missing, f"{name}: required but not declared: {missing}"
