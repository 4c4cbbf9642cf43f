from __future__ import annotations

from .conftest import Api


def test_responses_carry_the_specs_content_type(api: Api) -> None:
    assert (
        api.call("GET", "/utils/test").headers["content-type"] == "application/json;charset=UTF-8"
    )


def test_non_ascii_text_round_trips(api: Api) -> None:
    messageid = api.send(content="Olá 👋 €").json()["messageid"]
    assert api.message(messageid)["content"] == "Olá 👋 €"


def test_lone_surrogate_is_named(api: Api) -> None:
    response = api.http.post(
        "/v1/message/send",
        content=b'{"sender": "A", "destination": "447777777777", "content": "x\\udc00"}',
        headers={**api.headers("alice"), "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["message"].startswith("content:")


def test_content_type_with_charset_is_accepted(api: Api) -> None:
    response = api.http.post(
        "/v1/message/send",
        content=b'{"sender": "A", "destination": "447777777777", "content": "x"}',
        headers={**api.headers("alice"), "Content-Type": "application/json; charset=utf-8"},
    )
    assert response.status_code == 201


def test_a_surrogate_encoded_in_the_bytes_is_named_too(api: Api) -> None:
    # json.loads lets UTF-8-encoded surrogates through ('surrogatepass'); they are not text.
    response = api.http.post(
        "/v1/message/send",
        content=b'{"sender": "A", "destination": "447777777777", "content": "x\xed\xb0\x80"}',
        headers={**api.headers("alice"), "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["message"].startswith("content:")


def test_a_body_with_a_utf8_byte_order_mark_is_read(api: Api) -> None:
    response = api.http.post(
        "/v1/message/send",
        content=b'\xef\xbb\xbf{"sender": "A", "destination": "447777777777", "content": "\\u00e9"}',
        headers={**api.headers("alice"), "Content-Type": "application/json"},
    )
    assert response.status_code == 201
    assert api.message(response.json()["messageid"])["content"] == "é"
