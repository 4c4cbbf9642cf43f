"""The generated client says on the wire what the service expects, against an httpx2.MockTransport."""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx2
import pytest

import smsworks
from smsworks.api.batch_messages import send_any_batch
from smsworks.api.messages import get_scheduled_messages, send_message
from smsworks.api.one_time_password import send_otp
from smsworks.client import DEFAULT_BASE_URL, DEFAULT_TIMEOUT, authorization_value
from smsworks.models import (
    OTP,
    BatchMessageResponse,
    ExtendedErrorModel,
    Message,
    MetaData,
    ScheduledMessage,
    ScheduledMessagesResponse,
    SendMessageResponse,
)
from smsworks_pipeline.loading import load_document

JWT = "eyJhbGciOiJIUzI1NiJ9.eyJrZXkiOiJrIn0.c2lnbmF0dXJl"
JSON_UTF8 = {"content-type": "application/json;charset=UTF-8"}


class Recorder:
    """A MockTransport handler that records each request and answers with a fixed response."""

    def __init__(self, status: int, body: Any) -> None:
        self.status, self.body = status, body
        self.requests: list[httpx2.Request] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        return httpx2.Response(self.status, json=self.body, headers=JSON_UTF8)

    @property
    def sent_json(self) -> Any:
        return json.loads(self.requests[-1].content)


def client_for(
    recorder: Callable[[httpx2.Request], httpx2.Response], token: str = JWT
) -> smsworks.AuthenticatedClient:
    return smsworks.AuthenticatedClient(
        base_url="https://api.example.test/v1",
        token=token,
        httpx_args={"transport": httpx2.MockTransport(recorder)},
    )


SENT = {"messageid": "m1", "status": "SENT", "credits": 99.0, "creditsUsed": 1.0, "messageparts": 1}


def test_metadata_goes_on_the_wire_as_a_json_array() -> None:
    recorder = Recorder(201, SENT)
    message = Message(
        sender="Shop",
        destination="447700900123",
        content="hi",
        metadata=[MetaData(key="order", value="42"), MetaData(key="x", value="y")],
    )
    send_message.sync(client=client_for(recorder), body=message)
    assert recorder.sent_json["metadata"] == [
        {"key": "order", "value": "42"},
        {"key": "x", "value": "y"},
    ]


def test_send_any_batch_sends_a_json_array_of_messages() -> None:
    recorder = Recorder(201, {"batchid": "b1", "status": "SENT"})
    messages = [
        Message(sender="Shop", destination=f"4477009001{i:02}", content=f"n{i}") for i in range(3)
    ]
    result = send_any_batch.sync(client=client_for(recorder), body=messages)
    body = recorder.sent_json
    assert isinstance(body, list)
    assert [item["content"] for item in body] == ["n0", "n1", "n2"]
    assert isinstance(result, BatchMessageResponse)
    assert result.batchid == "b1"


def test_otp_length_serialises_as_an_integer() -> None:
    recorder = Recorder(
        201,
        {"messageid": "o1", "status": "SENT", "credits": 9, "creditsUsed": 1, "messageparts": 1},
    )
    send_otp.sync(
        client=client_for(recorder), body=OTP(destination="447700900123", length=8, validity=300)
    )
    assert recorder.sent_json["length"] == 8
    assert type(recorder.sent_json["length"]) is int
    assert OTP(destination="1", length=6).to_dict()["length"] == 6


def test_ttl_and_validity_are_integers_on_the_wire() -> None:
    recorder = Recorder(201, SENT)
    send_message.sync(
        client=client_for(recorder),
        body=Message(
            sender="Shop", destination="447700900123", content="hi", ttl=10, validity=1440
        ),
    )
    body = json.loads(recorder.requests[-1].content)  # "10" loads as int, "10.0" as float
    assert (body["ttl"], body["validity"]) == (10, 1440)
    assert type(body["ttl"]) is int
    assert type(body["validity"]) is int


def test_send_message_response_keeps_messageparts() -> None:
    result = send_message.sync(
        client=client_for(Recorder(201, {**SENT, "messageparts": 3})),
        body=Message(sender="Shop", destination="447700900123", content="x" * 400),
    )
    assert isinstance(result, SendMessageResponse)
    assert result.messageparts == 3
    assert result.credits_used == 1.0


def test_get_scheduled_messages_parses_a_list() -> None:
    listing = [
        {
            "status": "SCHEDULED",
            "id": "s1",
            "batch": False,
            "message": {
                "sender": "Shop",
                "content": "later",
                "destination": "447700900123",
                "schedule": "x",
            },
        },
        {
            "status": "CANCELLED",
            "id": "s2",
            "batch": True,
            "message": {"destinations": ["447700900124"]},
        },
    ]
    result = get_scheduled_messages.sync(client=client_for(Recorder(200, listing)))
    assert isinstance(result, list)
    assert [item.id for item in result] == ["s1", "s2"]
    first = result[0]
    assert isinstance(first, ScheduledMessagesResponse)
    assert isinstance(first.message, ScheduledMessage)
    assert first.message.content == "later"
    second = result[1].message
    assert isinstance(second, ScheduledMessage)
    assert second.destinations == ["447700900124"]


@pytest.mark.parametrize("token", [JWT, f"JWT {JWT}", f"  JWT {JWT}\n", f"jwt {JWT}"])
def test_authorization_header_is_jwt_and_token_for_either_token_form(token: str) -> None:
    recorder = Recorder(201, SENT)
    send_message.sync(
        client=client_for(recorder, token),
        body=Message(sender="S", destination="4477", content="x"),
    )
    assert recorder.requests[-1].headers["authorization"] == f"JWT {JWT}"


def test_async_client_sends_the_same_authorization() -> None:
    import anyio

    recorder = Recorder(201, SENT)

    async def call() -> None:
        await send_message.asyncio(
            client=client_for(recorder, f"JWT {JWT}"),
            body=Message(sender="S", destination="4477", content="x"),
        )

    anyio.run(call)
    assert recorder.requests[-1].headers["authorization"] == f"JWT {JWT}"


@pytest.mark.parametrize("token", ["", "   ", "JWT ", "JWT   "])
def test_an_empty_token_is_refused_naming_the_field(token: str) -> None:
    with pytest.raises(ValueError, match=r"^token: empty"):
        smsworks.AuthenticatedClient(token=token)


def test_authorization_value_never_doubles_or_changes_the_prefix() -> None:
    assert authorization_value(f"JWT {JWT}") == f"JWT {JWT}"
    assert authorization_value(JWT) == f"JWT {JWT}"
    assert authorization_value(f"Bearer {JWT}", prefix="Bearer") == f"Bearer {JWT}"
    assert not authorization_value(JWT).startswith("Bearer")


def test_a_402_body_parses_into_the_extended_error_model() -> None:
    body = {
        "message": "Insufficient credits",
        "errorCode": 402,
        "status": "REJECTED",
        "permanent": True,
    }
    response = send_message.sync_detailed(
        client=client_for(Recorder(402, body)),
        body=Message(sender="S", destination="4477", content="x"),
    )
    assert response.status_code == 402
    assert isinstance(response.parsed, ExtendedErrorModel)
    assert response.parsed.error_code == 402
    assert response.parsed.permanent is True
    assert response.parsed.message == "Insufficient credits"


def test_the_default_timeout_is_finite() -> None:
    client = smsworks.AuthenticatedClient(token=JWT)
    timeout = client.get_httpx_client().timeout
    assert timeout == DEFAULT_TIMEOUT
    assert None not in (timeout.connect, timeout.read, timeout.write, timeout.pool)
    assert client.get_async_httpx_client().timeout == DEFAULT_TIMEOUT


def test_the_default_base_url_is_the_specs_server() -> None:
    spec = load_document(Path(__file__).resolve().parents[2] / "generated" / "openapi.yaml")
    assert spec["servers"][0]["url"] == DEFAULT_BASE_URL
    assert (
        str(smsworks.AuthenticatedClient(token=JWT).get_httpx_client().base_url)
        == DEFAULT_BASE_URL + "/"
    )
