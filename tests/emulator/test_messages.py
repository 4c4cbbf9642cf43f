"""Single messages: send, flash, binary, read back, delete, validation naming the field."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Api


def test_send_answers_the_services_shape(api: Api) -> None:
    response = api.send(tag="campaign", metadata=[{"key": "order", "value": "42"}], ttl=10)
    assert response.status_code == 201
    assert response.headers["content-type"] == "application/json;charset=UTF-8"
    body = response.json()
    assert body["status"] == "SENT"
    assert set(body) == {"messageid", "status", "credits", "creditsUsed", "messageparts"}


def test_what_was_sent_is_what_is_read_back(api: Api) -> None:
    sent = api.send(
        destination="+447777777777", tag="t1", metadata=[{"key": "k", "value": "v"}]
    ).json()
    message = api.message(sent["messageid"])
    assert message["destination"] == "447777777777"
    assert message["sender"] == "Acme"
    assert message["content"] == "hello"
    assert message["tag"] == "t1"
    assert message["metadata"] == [{"key": "k", "value": "v"}]
    assert message["customerid"] == "alice"
    assert message["created"].endswith("Z")


def test_flash_and_binary(api: Api) -> None:
    flash = api.call(
        "POST",
        "/message/flash",
        body={"sender": "Acme", "destination": "447777777777", "content": "hi"},
    )
    assert flash.status_code == 201
    binary = api.call(
        "POST",
        "/binary/send",
        body={"sender": "Acme", "destination": "447777777777", "content": "65547473"},
    )
    assert binary.status_code == 201
    bad = api.call(
        "POST",
        "/binary/send",
        body={"sender": "Acme", "destination": "447777777777", "content": "zz"},
    )
    assert bad.status_code == 400
    assert bad.json()["message"].startswith("content:")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"destination": "not a number"}, "destination"),
        ({"destination": 447777777777}, "destination"),
        ({"sender": "Way Too Long Sender"}, "sender"),
        ({"sender": "1234567890123456"}, "sender"),
        ({"content": "x" * 1281}, "content"),
        ({"content": ""}, "content"),
        ({"tag": "t" * 281}, "tag"),
        ({"validity": 0}, "validity"),
        ({"validity": 2881}, "validity"),
        ({"ttl": 1.5}, "ttl"),
        ({"metadata": {"schema": {}}}, "metadata"),
        ({"metadata": [{"key": "k"}]}, "metadata[0].value"),
        ({"deliveryreporturl": "ftp://x"}, "deliveryreporturl"),
    ],
)
def test_bad_fields_are_400_naming_the_field(api: Api, fields: dict[str, Any], field: str) -> None:
    response = api.send(**fields)
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["message"].startswith(f"{field}:"), body
    assert body["errorCode"] == 400
    assert body["status"] == "REJECTED"
    assert api.balance() == 100.0


def test_malformed_bodies_are_400(api: Api) -> None:
    headers = api.headers("alice")
    for content, content_type in (
        (b"{", "application/json"),
        (b'{"a": NaN}', "application/json"),
        (b"sender=x", "application/x-www-form-urlencoded"),
        (b"", "application/json"),
        (
            b'{"sender": "\\ud800", "destination": "447777777777", "content": "x"}',
            "application/json",
        ),
    ):
        response = api.http.post(
            "/v1/message/send", content=content, headers={**headers, "Content-Type": content_type}
        )
        assert response.status_code == 400, (content, response.text)
        assert response.json()["errorCode"] == 400


def test_delete_then_gone(api: Api) -> None:
    messageid = api.send().json()["messageid"]
    deleted = api.call("DELETE", f"/messages/{messageid}")
    assert deleted.json() == {"messageid": messageid, "status": "DELETED"}
    assert api.call("GET", f"/messages/{messageid}").status_code == 404
    assert api.call("DELETE", f"/messages/{messageid}").status_code == 404


def test_one_customer_never_sees_anothers_messages(api: Api) -> None:
    messageid = api.send("alice").json()["messageid"]
    assert api.call("GET", f"/messages/{messageid}", "bob").status_code == 404
    assert api.call("DELETE", f"/messages/{messageid}", "bob").status_code == 404
    assert api.call("POST", "/messages", "bob", {}).json() == []
    assert api.message(messageid)["status"] == "SENT"


def test_schema_valid_extremes_are_accepted(api: Api) -> None:
    # The spec sets no maximum on ttl: any integer it allows must be taken, not refused.
    assert api.send(ttl=10**15).status_code == 201
    otp = api.call("POST", "/otp/send", body={"destination": "447777777777", "validity": 10**15})
    assert otp.status_code == 201


def test_a_number_no_country_has_is_sent_and_rejected_uncharged(api: Api) -> None:
    # Country code 1 with seven digits fits the spec's pattern; no such number exists.
    sent = api.send(destination="+11234567")
    assert sent.status_code == 201, sent.text
    body = sent.json()
    assert body["status"] == "REJECTED"
    assert body["creditsUsed"] == 0
    message = api.message(body["messageid"])
    assert message["destination"] == "11234567"
    assert message["failurereason"]["permanent"] is True
    assert message["failurereason"]["details"] == "Not a possible phone number for its country"
