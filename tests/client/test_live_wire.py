"""The client reads what the live service is known to send (``tests/client/samples/``, from the public evidence of
its wire format), over real HTTP on loopback, through the front door and the raw functions alike."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

import smsworks
from smsworks import AuthenticatedClient
from smsworks.api.messages import get_message_by_id, get_messages, schedule_message
from smsworks.models import MessageToSchedule, Query
from smsworks.types import Unset

from .loopback import serve

SAMPLES = Path(__file__).parent / "samples"
TOKEN = "JWT header.payload.signature"
SCHEDULE = "2099-06-01T10:00:00Z"


def _sample(name: str) -> Any:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


class Wire:
    """A loopback server answering every request with the body and status it is given."""

    def __init__(self) -> None:
        self.status = 200
        self.body: Any = {}

    def answer(self, status: int, body: Any) -> None:
        self.status, self.body = status, body

    async def endpoint(self, request: Request) -> Response:
        return Response(
            json.dumps(self.body),
            status_code=self.status,
            media_type="application/json;charset=UTF-8",
        )


@pytest.fixture(scope="module")
def wire() -> Iterator[tuple[Wire, str]]:
    state = Wire()
    app = Starlette(
        routes=[Route("/v1/{rest:path}", state.endpoint, methods=["GET", "POST", "DELETE"])]
    )
    with serve(app) as origin:
        yield state, f"{origin}/v1"


@pytest.fixture
def client(wire: tuple[Wire, str]) -> Iterator[smsworks.SMSWorks]:
    with smsworks.SMSWorks(TOKEN, base_url=wire[1], retry=False) as front_door:
        yield front_door


def _send(c: smsworks.SMSWorks) -> Any:
    return c.send_message(sender="Acme", destination="447700900123", content="hi")


def _schedule(c: smsworks.SMSWorks) -> Any:
    return c.schedule_message(
        sender="Acme", destination="447700900123", content="hi", schedule=SCHEDULE
    )


def _schedule_batch(c: smsworks.SMSWorks) -> Any:
    return c.schedule_batch(
        sender="Acme", destinations=["447700900123"], content="hi", schedule=SCHEDULE
    )


CALLS: dict[str, tuple[int, Callable[[smsworks.SMSWorks], Any]]] = {
    "batch_send_response": (
        201,
        lambda c: c.send_batch(sender="A", destinations=["447700900123"], content="x"),
    ),
    "cancel_scheduled_response": (200, lambda c: c.cancel_scheduled_job("5620320")),
    "credits_balance": (200, lambda c: c.get_credits_balance()),
    "delete_message_response": (200, lambda c: c.delete_message("5620320")),
    "message_record": (200, lambda c: c.get_message_by_id("123456789")),
    "otp_send_response": (201, lambda c: c.send_otp(destination="447700900123")),
    "otp_verify_response": (200, lambda c: c.verify_otp(passcode="123456")),
    "schedule_batch_response": (201, _schedule_batch),
    "schedule_message_response": (200, _schedule),
    "schedule_response": (200, _schedule),
    "scheduled_messages_item": (200, lambda c: c.get_scheduled_messages()),
    "send_response": (201, _send),
}
"""Each sample's operation, by the sample's name up to its first dot, and the status it is answered with."""

SUCCESS_SAMPLES = sorted(
    path.name for path in SAMPLES.glob("*.json") if path.name.split(".")[0] in CALLS
)


def test_every_success_sample_has_a_call() -> None:
    names = {path.name.split(".")[0] for path in SAMPLES.glob("*.json")}
    assert names - set(CALLS) == {"error_400_validation", "error_extended", "token_response"}


def _as_wire_body(name: str, body: Any) -> Any:
    # A list operation answers a list: an item sample is served as a one-item page.
    return [body] if name.startswith("scheduled_messages_item") else body


@pytest.mark.parametrize("sample", SUCCESS_SAMPLES)
def test_the_front_door_reads_the_sample(
    sample: str, wire: tuple[Wire, str], client: smsworks.SMSWorks
) -> None:
    state, _ = wire
    status, call = CALLS[sample.split(".")[0]]
    body = _sample(sample)
    state.answer(status, _as_wire_body(sample, body))
    parsed = call(client)
    read = parsed[0] if isinstance(parsed, list) else parsed
    record = body[0] if isinstance(body, list) else body
    for key, value in record.items():
        python_name = {
            "creditsUsed": "credits_used",
            "failureReason": "failureReason",
        }.get(key, key)
        got = getattr(read, python_name, read.additional_properties.get(key))
        if isinstance(value, int | float) and not isinstance(value, bool) and isinstance(got, str):
            assert got == str(int(value)), (
                f"{key}: {got!r} from {value!r}"
            )  # a number where a string is declared
        elif isinstance(value, dict | list):
            assert got is not None, f"{key} was dropped"
            assert not isinstance(got, Unset), f"{key} was dropped"
        else:
            assert got == value, f"{key}: {got!r}, sent {value!r}"


def test_a_field_renamed_from_a_builtin_reads_by_the_specs_name_too(
    wire: tuple[Wire, str], client: smsworks.SMSWorks
) -> None:
    state, _ = wire
    state.answer(200, {"credits": 41.5})
    balance = client.get_credits_balance()
    assert (balance.credits, balance.credits_) == (41.5, 41.5)
    state.answer(201, {"messageid": "m-1", "status": "SENT", "credits": 7, "creditsUsed": 1})
    assert _send(client).credits == 7


def test_a_destination_sent_as_a_number_is_a_str(
    wire: tuple[Wire, str], client: smsworks.SMSWorks
) -> None:
    state, _ = wire
    state.answer(200, _sample("message_record.vendor-spec-1.9.0-example.json"))
    message = client.get_message_by_id("123456789")
    assert isinstance(message.destination, str)
    assert message.destination.startswith("44")


def test_a_sparse_record_reads_through_every_path(
    wire: tuple[Wire, str], client: smsworks.SMSWorks
) -> None:
    state, base_url = wire
    sparse = {"messageid": 612661318482029176, "status": "DELIVERED", "destination": 447700900123}
    state.answer(200, sparse)
    message = client.get_message_by_id("612661318482029176")
    assert (message.messageid, message.status, message.destination) == (
        "612661318482029176",
        "DELIVERED",
        "447700900123",
    )
    assert isinstance(message.schedule, Unset)
    assert isinstance(message.tag, Unset)
    state.answer(200, [sparse])
    assert [m.messageid for m in client.get_messages(Query(limit=10))] == ["612661318482029176"]
    assert [m.status for m in client.iter_messages(limit=10)] == ["DELIVERED"]
    raw = AuthenticatedClient(base_url=base_url, token=TOKEN)
    with raw:
        state.answer(200, sparse)
        read = get_message_by_id.sync("612661318482029176", client=raw)
        assert read is not None
        assert not isinstance(read, list)
        assert getattr(read, "destination", None) == "447700900123"
        state.answer(200, [sparse])
        page = get_messages.sync(client=raw, body=Query(limit=10))
        assert isinstance(page, list)
        assert page[0].messageid == "612661318482029176"


@pytest.mark.parametrize("status", [200, 201])
@pytest.mark.parametrize("form", ["object", "array"])
def test_a_schedule_answer_in_either_form_reads_as_one_type(
    status: int, form: str, wire: tuple[Wire, str], client: smsworks.SMSWorks
) -> None:
    state, base_url = wire
    one = {"messageid": 123456789, "status": "SCHEDULED"}
    state.answer(status, one if form == "object" else [one])
    [scheduled] = _schedule(client)
    assert (scheduled.messageid, scheduled.status) == ("123456789", "SCHEDULED")
    batch = {"batchid": "3200562", "status": "SCHEDULED"}
    state.answer(status, batch if form == "object" else [batch])
    assert _schedule_batch(client).batchid == "3200562"
    with AuthenticatedClient(base_url=base_url, token=TOKEN) as raw:
        state.answer(status, one if form == "object" else [one])
        body = MessageToSchedule.from_dict(
            {"sender": "Acme", "destination": "447700900123", "content": "hi", "schedule": SCHEDULE}
        )
        answer = schedule_message.sync(client=raw, body=body)
        assert isinstance(answer, list)
        assert answer[0].messageid == "123456789"


def test_the_frameworks_400_names_the_failing_fields(
    wire: tuple[Wire, str], client: smsworks.SMSWorks
) -> None:
    state, _ = wire
    state.answer(400, _sample("error_400_validation.RECONSTRUCTED-swagger-node-runner.json"))
    with pytest.raises(smsworks.BadRequestError) as raised:
        _send(client)
    assert "smsMessage: Missing required property: sender" in str(raised.value)
    validation = raised.value.validation
    assert validation is not None
    assert not isinstance(validation.errors, Unset)
    [parameter] = validation.errors
    assert not isinstance(parameter.errors, Unset)
    assert parameter.errors[0].code == "OBJECT_MISSING_REQUIRED_PROPERTY"


def test_an_unreadable_record_is_an_api_error_naming_the_field(
    wire: tuple[Wire, str], client: smsworks.SMSWorks
) -> None:
    state, _ = wire
    state.answer(200, {"status": "SENT"})  # no messageid: nothing to read it by
    with pytest.raises(smsworks.APIError, match="messageid"):
        client.get_message_by_id("1")


@pytest.mark.parametrize("wire_form", ["spec", "live-like"])
def test_every_read_of_the_emulator_in_either_wire_form(wire_form: str) -> None:
    from smsworks_emulator.testing import in_process, settings_for_tests

    with in_process(settings_for_tests(wire=wire_form)) as emulator:
        http = httpx2.Client(transport=emulator.transport())
        with smsworks.SMSWorks(
            emulator.token("reader"), base_url=emulator.base_url, httpx_client=http
        ) as client:
            sent = client.send_message(sender="Acme", destination="447700900123", content="hi")
            message = client.get_message_by_id(sent.messageid)
            assert message.destination == "447700900123"
            assert [m.messageid for m in client.iter_messages(sender="Acme")] == [sent.messageid]
            [scheduled] = _schedule(client)
            assert client.cancel_scheduled_job(scheduled.messageid).status == "CANCELLED"
            assert _schedule_batch(client).status == "SCHEDULED"
            with pytest.raises(smsworks.BadRequestError, match="destination"):
                client.send_message(sender="Acme", destination="not a number", content="hi")
        raw = emulator.client("reader")
        read = get_message_by_id.sync(sent.messageid, client=raw)
        assert getattr(read, "destination", None) == "447700900123"


def test_the_token_and_base_url_come_from_the_environment_unless_passed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SMSWORKS_TOKEN", raising=False)
    with pytest.raises(smsworks.MissingTokenError, match="SMSWORKS_TOKEN"):
        smsworks.SMSWorks()
    monkeypatch.setenv("SMSWORKS_TOKEN", TOKEN)
    monkeypatch.setenv("SMSWORKS_BASE_URL", "http://127.0.0.1:9/v1")
    with smsworks.SMSWorks() as from_env:
        assert from_env.base_url == "http://127.0.0.1:9/v1"
    with smsworks.SMSWorks("JWT explicit", base_url="http://localhost:1/v1") as explicit:
        assert explicit.base_url == "http://localhost:1/v1"


def test_intercept_carries_a_client_built_with_no_argument(monkeypatch: pytest.MonkeyPatch) -> None:
    from smsworks_emulator.testing import in_process

    with in_process() as emulator:
        monkeypatch.setenv("SMSWORKS_TOKEN", emulator.token("app"))
        monkeypatch.setenv("SMSWORKS_BASE_URL", emulator.base_url)
        with smsworks.intercept(transport=emulator.transport()), smsworks.SMSWorks() as app_client:
            sent = app_client.send_message(sender="Acme", destination="447700900123", content="hi")
        assert emulator.outbox.last().id == sent.messageid
