"""``smsworks.SMSWorks`` and ``smsworks.AsyncSMSWorks`` against a served emulator, over real HTTP."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Iterator
from datetime import UTC, timedelta
from pathlib import Path
from typing import Any

import httpx2
import pytest
import yaml

import smsworks
from smsworks.models import (
    OTP,
    BatchMessage,
    BatchMessageResponse,
    CancelledMessageResponse,
    CountryResponse,
    CreditsResponse,
    DeletedMessageResponse,
    ExtendedErrorModel,
    Message,
    MessageResponse,
    MessageVolumeResponse,
    OTPResponse,
    OTPVerify,
    OTPVerifyResponse,
    Query,
    ScheduledBatchResponse,
    ScheduledMessageResponse,
    ScheduledMessagesResponse,
    SendMessageResponse,
)
from smsworks.models import (
    TestResponse as CredentialsResponse,  # not a test class
)
from smsworks_emulator.testing import ServedEmulator, served, settings_for_tests

SPEC = Path(__file__).resolve().parents[2] / "generated" / "openapi.yaml"
Call = Callable[..., Any]


@pytest.fixture(scope="module", params=["spec", "live-like"])
def emulator(request: pytest.FixtureRequest) -> Iterator[ServedEmulator]:
    """A served emulator in either wire form: the front door reads both the same way."""
    settings = settings_for_tests(wire=request.param)
    with served(settings) as handle:
        yield handle


def _later(emulator: ServedEmulator, seconds: int) -> str:
    when = emulator.emulator.clock.now() + timedelta(seconds=seconds)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _spec_operations() -> set[str]:
    """Every operationId of the patched spec, in snake_case (the oracle for the method names)."""
    document = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    names = set()
    for item in document["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and "operationId" in operation:
                names.add(re.sub(r"(?<!^)(?=[A-Z])", "_", operation["operationId"]).lower())
    return names


def _scenario(emulator: ServedEmulator, call: Call, customer: str) -> set[str]:
    """Every operation once, asserting what each returns; the names called are returned."""
    called: set[str] = set()

    def op(name: str, *args: Any, **kwargs: Any) -> Any:
        called.add(name)
        return call(name, *args, **kwargs)

    assert isinstance(op("test_credentials"), CredentialsResponse)
    sent = op("send_message", sender="Acme", destination="447777777777", content="hello")
    assert type(sent) is SendMessageResponse
    assert (sent.status, sent.credits_used) == ("SENT", 1.0)
    read = op("get_message_by_id", sent.messageid)
    assert type(read) is MessageResponse
    assert (read.content, read.destination) == ("hello", "447777777777")
    flash = op(
        "send_flash_message", Message(sender="Acme", destination="447777777777", content="hi")
    )
    assert type(flash) is SendMessageResponse
    binary = op("send_binary_message", sender="Acme", destination="447777777777", content="0a0b")
    assert type(binary) is SendMessageResponse
    failing = op("send_message", sender="Acme", destination="447700900001", content="x")
    emulator.advance(5)
    everything = op("get_messages")
    assert {message.messageid for message in everything} >= {sent.messageid, failing.messageid}
    assert [m.messageid for m in op("get_failed_messages", Query())] == [failing.messageid]
    assert op("get_inbox_messages", unread=True) == []
    assert type(op("get_message_volume")) is MessageVolumeResponse
    assert type(op("delete_message", flash.messageid)) is DeletedMessageResponse

    scheduled = op("schedule_message", sender="Acme", destination="447777777777", content="later",
                   schedule=_later(emulator, 60))  # fmt: skip
    assert [type(item) for item in scheduled] == [ScheduledMessageResponse]
    cancelled = op("cancel_scheduled_job", scheduled[0].messageid)
    assert (type(cancelled), cancelled.status) == (CancelledMessageResponse, "CANCELLED")
    assert all(type(item) is ScheduledMessagesResponse for item in op("get_scheduled_messages"))

    batch = op("send_batch", BatchMessage(sender="Acme", destinations=["447777777771", "447777777772"],
                                          content="hi"))  # fmt: skip
    assert type(batch) is BatchMessageResponse
    assert len(op("get_batch_by_id", batch.batchid)) == 2
    any_batch = op(
        "send_any_batch", [Message(sender="Acme", destination="447777777773", content="a")]
    )
    assert type(any_batch) is BatchMessageResponse
    later_batch = op("schedule_batch", sender="Acme", destinations=["447777777774"], content="b",
                     schedule=_later(emulator, 60))  # fmt: skip
    assert type(later_batch) is ScheduledBatchResponse
    assert op("cancel_scheduled_batch_job", later_batch.batchid).status == "CANCELLED"

    otp = op("send_otp", OTP(destination="447777777777", passcode="5150"))
    assert type(otp) is OTPResponse
    assert type(op("get_otp_by_id", otp.messageid)) is OTPVerifyResponse
    verified = op("verify_otp", OTPVerify(passcode="5150", messageid=otp.messageid))
    assert (type(verified), verified.status) == (OTPVerifyResponse, "VERIFIED")

    balance = op("get_credits_balance")
    assert type(balance) is CreditsResponse
    home = op("get_credits_for_country", "GB")
    assert (type(home), home.code, home.country, home.credits) == (
        CountryResponse, "GB", "United Kingdom", 1.0)  # fmt: skip
    quote = op("get_credits_for_country", "FR")
    assert (quote.code, quote.country) == ("FR", "France")
    abroad = op("send_message", sender="Acme", destination="33612345678", content="a" * 161)
    assert (abroad.messageparts, abroad.credits_used) == (2, 2 * quote.credits)
    sample = op("get_error", "402")
    assert (type(sample), sample.error_code) == (ExtendedErrorModel, 402)
    return called


def test_every_operation_through_the_sync_class(emulator: ServedEmulator) -> None:
    with smsworks.SMSWorks(emulator.token("sync-all"), base_url=emulator.base_url) as client:
        called = _scenario(
            emulator, lambda name, *a, **k: getattr(client, name)(*a, **k), "sync-all"
        )
    assert called == _spec_operations()


def test_every_operation_through_the_async_class(emulator: ServedEmulator) -> None:
    loop = asyncio.new_event_loop()
    client = smsworks.AsyncSMSWorks(emulator.token("async-all"), base_url=emulator.base_url)
    try:
        called = _scenario(
            emulator,
            lambda name, *a, **k: loop.run_until_complete(getattr(client, name)(*a, **k)),
            "async-all",
        )
    finally:
        loop.run_until_complete(client.close())
        loop.close()
    assert called == _spec_operations()


def test_a_body_is_a_model_or_keywords_not_both(emulator: ServedEmulator) -> None:
    with smsworks.SMSWorks(emulator.token("both"), base_url=emulator.base_url) as client:
        message = Message(sender="Acme", destination="447777777777", content="x")
        with pytest.raises(TypeError, match="not both"):
            client.send_message(message, tag="t")  # type: ignore[call-overload]
        with pytest.raises(TypeError, match="content"):
            client.send_message(sender="Acme", destination="447777777777")  # type: ignore[call-overload]
        assert client.get_messages() == []


def _raises(kind: type[smsworks.APIError], call: Callable[[], object]) -> smsworks.APIError:
    with pytest.raises(kind) as caught:
        call()
    return caught.value


def test_each_error_class_from_a_real_response(emulator: ServedEmulator) -> None:
    with smsworks.SMSWorks(emulator.token("errors"), base_url=emulator.base_url) as client:
        bad = _raises(smsworks.BadRequestError, lambda: client.send_batch(
            sender="A", destinations=["447777777777"] * 5001, content="x"))  # fmt: skip
        assert bad.status_code == 400
        assert "destinations" in bad.message
        assert str(bad).startswith("send_batch: HTTP 400 ")

        country = _raises(smsworks.BadRequestError, lambda: client.get_credits_for_country("gb"))
        assert (country.status_code, "countrycode" in country.message) == (400, True)
        nowhere = _raises(smsworks.NotFoundError, lambda: client.get_credits_for_country("ZZ"))
        assert "countrycode" in nowhere.message

        missing = _raises(smsworks.NotFoundError, lambda: client.get_message_by_id("no-such-id"))
        assert (missing.status_code, missing.response.status_code) == (404, 404)
        assert "get_message_by_id" in str(missing)

        emulator.control.put(
            "/_emulator/customers/errors/balance", json={"credits": 0}
        ).raise_for_status()
        broke = _raises(smsworks.InsufficientCreditsError, lambda: client.send_message(
            sender="Acme", destination="447777777777", content="x"))  # fmt: skip
        assert (broke.status_code, broke.error_code) == (402, 402)
        assert isinstance(broke.body, ExtendedErrorModel)
        assert broke.permanent is not None
        assert "send_message: HTTP 402" in str(broke)

    with smsworks.SMSWorks("JWT not-a-token", base_url=emulator.base_url) as stranger:
        refused = _raises(smsworks.AuthenticationError, stranger.test_credentials)
        assert refused.status_code == 401
        assert isinstance(refused, smsworks.SMSWorksError)


def test_paging_yields_each_of_2500_messages_once(emulator: ServedEmulator) -> None:
    emulator.control.put(
        "/_emulator/customers/pager/balance", json={"credits": 3000}
    ).raise_for_status()
    with smsworks.SMSWorks(emulator.token("pager"), base_url=emulator.base_url) as client:
        destinations = [f"4477{n:08d}" for n in range(2500)]
        client.send_batch(sender="Acme", destinations=destinations, content="page")
        seen = [str(message.destination) for message in client.iter_messages(page_size=1000)]
    assert len(seen) == 2500
    assert sorted(seen) == sorted(destinations)


def test_async_paging_and_a_query(emulator: ServedEmulator) -> None:
    async def run() -> list[str]:
        async with smsworks.AsyncSMSWorks(
            emulator.token("async-pager"), base_url=emulator.base_url
        ) as client:
            for n in range(5):
                await client.send_message(sender="Acme", destination=f"44777000000{n}", content="p")
            await client.send_message(sender="Other", destination="447770000009", content="p")
            return [
                str(m.destination) async for m in client.iter_messages(sender="Acme", page_size=2)
            ]

    assert sorted(asyncio.run(run())) == [f"44777000000{n}" for n in range(5)]


def test_debug_log_names_the_operation_and_never_the_token(
    emulator: ServedEmulator, caplog: pytest.LogCaptureFixture
) -> None:
    token = emulator.token("logged")
    with (
        caplog.at_level(logging.DEBUG, logger="smsworks"),
        smsworks.SMSWorks(token, base_url=emulator.base_url) as client,
    ):
        client.get_credits_balance()
        with pytest.raises(smsworks.NotFoundError):
            client.get_message_by_id("nothing")
    lines = [record.getMessage() for record in caplog.records if record.name == "smsworks"]
    assert any(
        line.startswith("get_credits_balance GET /credits/balance -> 200 in ") for line in lines
    )
    assert any("-> 404" in line and "(attempt 1)" in line for line in lines)
    jwt = token.removeprefix("JWT ")
    assert all(jwt not in line and jwt[-20:] not in line for line in caplog.text.splitlines())
    assert jwt not in repr(client)


def test_token_forms(emulator: ServedEmulator) -> None:
    bare = emulator.token("forms").removeprefix("JWT ")
    for token in (bare, f"JWT {bare}"):
        with smsworks.SMSWorks(token, base_url=emulator.base_url) as client:
            assert client.test_credentials().message == "forms"
    with pytest.raises(ValueError, match="token"):
        smsworks.SMSWorks("JWT ")


def test_an_injected_httpx_client_is_used_and_left_open(emulator: ServedEmulator) -> None:

    seen: list[str] = []
    own = httpx2.Client(event_hooks={"request": [lambda request: seen.append(request.url.path)]})
    with smsworks.SMSWorks(
        emulator.token("own"), base_url=emulator.base_url, httpx_client=own
    ) as client:
        client.get_credits_balance()
    assert seen == ["/v1/credits/balance"]
    assert not own.is_closed
    own.close()
