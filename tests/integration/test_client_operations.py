"""All 24 operations through the generated client, with the behaviour a user relies on."""

from __future__ import annotations

from datetime import timedelta

import pytest

from smsworks import AuthenticatedClient
from smsworks.api.batch_messages import (
    cancel_scheduled_batch_job,
    get_batch_by_id,
    schedule_batch,
    send_any_batch,
    send_batch,
)
from smsworks.api.credits_ import get_credits_balance, get_credits_for_country
from smsworks.api.messages import (
    cancel_scheduled_job,
    delete_message,
    get_failed_messages,
    get_inbox_messages,
    get_message_by_id,
    get_message_volume,
    get_messages,
    get_scheduled_messages,
    schedule_message,
    send_binary_message,
    send_flash_message,
    send_message,
)
from smsworks.api.one_time_password import get_otp_by_id, send_otp, verify_otp
from smsworks.api.utils import get_error, test_credentials
from smsworks.models import (
    OTP,
    BatchMessage,
    BatchToSchedule,
    BinaryMessage,
    CountryResponse,
    CreditsResponse,
    DeletedMessageResponse,
    ErrorModel,
    ExtendedErrorModel,
    Message,
    MessageResponse,
    MessageToSchedule,
    MessageVolumeResponse,
    MetaData,
    OTPResponse,
    OTPVerify,
    OTPVerifyResponse,
    Query,
    SendMessageResponse,
)
from smsworks_emulator.rules.dates import format_iso
from smsworks_emulator.testing import EmulatorHandle


def _message(destination: str = "447777777777", **fields: object) -> Message:
    return Message(sender="Acme", destination=destination, content="hello", **fields)  # type: ignore[arg-type]


def _to_schedule(schedule: str) -> MessageToSchedule:
    return MessageToSchedule(
        sender="Acme", destination="447777777777", content="hello", schedule=schedule
    )


def _balance(client: AuthenticatedClient) -> float:
    balance = get_credits_balance.sync(client=client)
    assert isinstance(balance, CreditsResponse)
    return balance.credits_


def _later(emulator: EmulatorHandle, seconds: int) -> str:
    return format_iso(emulator.now() + timedelta(seconds=seconds))


def test_send_read_back_delete(emulator: EmulatorHandle) -> None:
    client = emulator.client("alice")
    sent = send_message.sync(
        client=client, body=_message(metadata=[MetaData(key="order", value="42")], tag="t")
    )
    assert isinstance(sent, SendMessageResponse)
    assert (sent.status, sent.credits_used, sent.credits_, sent.messageparts) == (
        "SENT",
        1.0,
        99.0,
        1,
    )
    read = get_message_by_id.sync(sent.messageid, client=client)
    assert isinstance(read, MessageResponse)
    assert read.destination == "447777777777"
    assert read.metadata == [MetaData(key="order", value="42")]
    emulator.advance(2)
    delivered = get_message_by_id.sync(sent.messageid, client=client)
    assert isinstance(delivered, MessageResponse)
    assert delivered.status == "DELIVERED"
    deleted = delete_message.sync(sent.messageid, client=client)
    assert isinstance(deleted, DeletedMessageResponse)
    assert deleted.status == "DELETED"
    assert isinstance(get_message_by_id.sync(sent.messageid, client=client), ErrorModel)


def test_flash_binary_and_queries(emulator: EmulatorHandle) -> None:
    client = emulator.client("alice")
    assert isinstance(send_flash_message.sync(client=client, body=_message()), SendMessageResponse)
    binary = send_binary_message.sync(client=client, body=BinaryMessage(sender="Acme", destination="447777777777",
                                                                        content="0a0b"))  # fmt: skip
    assert isinstance(binary, SendMessageResponse)
    assert isinstance(
        send_message.sync(client=client, body=_message("447700900001")), SendMessageResponse
    )
    emulator.advance(2)
    everything = get_messages.sync(client=client, body=Query())
    assert isinstance(everything, list)
    assert len(everything) == 3
    failed = get_failed_messages.sync(client=client, body=Query())
    assert isinstance(failed, list)
    assert [message.status for message in failed] == ["UNDELIVERABLE"]
    page = get_messages.sync(client=client, body=Query(limit=2, skip=2))
    assert isinstance(page, list)
    assert len(page) == 1
    volume = get_message_volume.sync(client=client)
    assert isinstance(volume, MessageVolumeResponse)
    assert volume.volume == 3


def test_inbox(emulator: EmulatorHandle) -> None:
    client = emulator.client("alice")
    emulator.control.post(
        "/_emulator/inbound", json={"customer_id": "alice", "from": "447777777777", "to": "447860000000",
                                    "content": "Calrissian reply"},
    ).raise_for_status()  # fmt: skip
    inbox = get_inbox_messages.sync(client=client, body=Query())
    assert isinstance(inbox, list)
    assert [(message.status, message.keyword) for message in inbox] == [("INCOMING", "CALRISSIAN")]
    assert get_inbox_messages.sync(client=client, body=Query()) == []


def test_batches(emulator: EmulatorHandle) -> None:
    client = emulator.client("alice")
    batch = send_batch.sync(client=client, body=BatchMessage(sender="Acme", destinations=["447777777771",
                                                                                            "447777777772"], content="hi"))  # fmt: skip
    assert batch is not None
    assert not isinstance(batch, ExtendedErrorModel)
    messages = get_batch_by_id.sync(batch.batchid, client=client)
    assert isinstance(messages, list)
    assert len(messages) == 2
    any_batch = send_any_batch.sync(client=client, body=[_message(), _message("447777777773")])
    assert any_batch is not None
    assert not isinstance(any_batch, ExtendedErrorModel)
    assert _balance(client) == 96.0
    too_many = send_batch.sync_detailed(client=client, body=BatchMessage(sender="A", destinations=["447777777777"] * 5001,
                                                                         content="x"))  # fmt: skip
    assert too_many.status_code == 400
    # The declared error model reads either 400 body: the spec's, or the framework's (no errorCode).
    assert isinstance(too_many.parsed, ExtendedErrorModel)
    assert too_many.parsed.message
    assert _balance(client) == 96.0


def test_schedules_with_the_clock(emulator: EmulatorHandle) -> None:
    client = emulator.client("alice")
    scheduled = schedule_message.sync(client=client, body=_to_schedule(_later(emulator, 60)))
    assert isinstance(scheduled, list)
    cancelled_one = schedule_message.sync(client=client, body=_to_schedule(_later(emulator, 60)))
    assert isinstance(cancelled_one, list)
    cancel = cancel_scheduled_job.sync(cancelled_one[0].messageid, client=client)
    assert cancel is not None
    assert cancel.status == "CANCELLED"
    batch = schedule_batch.sync(client=client, body=BatchToSchedule(sender="Acme", destinations=["447777777777"],
                                                                    content="x", schedule=_later(emulator, 60)))  # fmt: skip
    assert batch is not None
    assert not isinstance(batch, ExtendedErrorModel)
    cancelled_batch = cancel_scheduled_batch_job.sync(batch.batchid, client=client)
    assert cancelled_batch is not None
    assert cancelled_batch.status == "CANCELLED"
    emulator.advance(60)
    listing = get_scheduled_messages.sync(client=client)
    assert isinstance(listing, list)
    assert sorted(str(item.status) for item in listing) == ["CANCELLED", "CANCELLED", "PROCESSED"]
    assert isinstance(
        get_message_by_id.sync(scheduled[0].messageid, client=client), MessageResponse
    )
    assert isinstance(get_message_by_id.sync(cancelled_one[0].messageid, client=client), ErrorModel)
    assert _balance(client) == 99.0


def test_otp_once_and_expiry(emulator: EmulatorHandle) -> None:
    client = emulator.client("alice")
    sent = send_otp.sync(
        client=client, body=OTP(destination="447777777777", passcode="5150", validity=60)
    )
    assert isinstance(sent, OTPResponse)
    assert isinstance(sent.messageid, str)
    verified = verify_otp.sync(
        client=client, body=OTPVerify(passcode="5150", messageid=sent.messageid)
    )
    assert isinstance(verified, OTPVerifyResponse)
    assert verified.status == "VERIFIED"
    assert (
        verify_otp.sync_detailed(
            client=client, body=OTPVerify(passcode="5150", messageid=sent.messageid)
        ).status_code
        == 409
    )
    expiring = send_otp.sync(client=client, body=OTP(destination="447777777777", validity=60))
    assert isinstance(expiring, OTPResponse)
    assert isinstance(expiring.messageid, str)
    record = get_otp_by_id.sync(expiring.messageid, client=client)
    assert isinstance(record, OTPVerifyResponse)
    emulator.advance(60)
    late = verify_otp.sync(
        client=client, body=OTPVerify(passcode=str(record.passcode), messageid=expiring.messageid)
    )
    assert isinstance(late, OTPVerifyResponse)
    assert late.status == "EXPIRED"


def test_utils_and_auth(emulator: EmulatorHandle) -> None:
    client = emulator.client("alice")
    who = test_credentials.sync(client=client)
    assert who is not None
    assert who.message == "alice"
    sample = get_error.sync("402", client=client)
    assert isinstance(sample, ExtendedErrorModel)
    assert sample.error_code == 402
    stranger = emulator.client_with_token("JWT not-a-token")
    refused = test_credentials.sync_detailed(client=stranger)
    assert refused.status_code == 401
    assert isinstance(refused.parsed, ErrorModel)


def test_a_country_quote_is_what_a_send_there_is_charged(emulator: EmulatorHandle) -> None:
    client = emulator.client("alice")
    for country, destination in (("GB", "447777777777"), ("JE", "447797712345"),
                                 ("FR", "33612345678"), ("US", "12025550123")):  # fmt: skip
        quote = get_credits_for_country.sync(country, client=client)
        assert isinstance(quote, CountryResponse)
        assert quote.code == country
        before = _balance(client)
        sent = send_message.sync(client=client, body=_message(destination))
        assert isinstance(sent, SendMessageResponse)
        assert sent.credits_used == quote.credits
        assert _balance(client) == before - quote.credits
    refused = get_credits_for_country.sync_detailed("GBR", client=client)
    assert refused.status_code == 400
    assert isinstance(refused.parsed, ErrorModel)
    unknown = get_credits_for_country.sync_detailed("ZZ", client=client)
    assert unknown.status_code == 404
    assert isinstance(unknown.parsed, ErrorModel)


def test_two_customers_are_isolated(emulator: EmulatorHandle) -> None:
    alice, bob = emulator.client("alice"), emulator.client("bob")
    sent = send_message.sync(client=alice, body=_message())
    assert isinstance(sent, SendMessageResponse)
    assert isinstance(get_message_by_id.sync(sent.messageid, client=bob), ErrorModel)
    assert delete_message.sync_detailed(sent.messageid, client=bob).status_code == 404
    assert get_messages.sync(client=bob, body=Query()) == []
    assert _balance(bob) == 100.0


def test_402_never_goes_negative(emulator: EmulatorHandle) -> None:
    client = emulator.client("alice")
    emulator.control.put(
        "/_emulator/customers/alice/balance", json={"credits": 1}
    ).raise_for_status()
    assert isinstance(send_message.sync(client=client, body=_message()), SendMessageResponse)
    refused = send_message.sync_detailed(client=client, body=_message())
    assert refused.status_code == 402
    assert isinstance(refused.parsed, ExtendedErrorModel)
    assert _balance(client) == 0.0


@pytest.mark.anyio
async def test_async_calls(emulator: EmulatorHandle) -> None:
    client = emulator.client("async-user")
    sent = await send_message.asyncio(client=client, body=_message())
    assert isinstance(sent, SendMessageResponse)
    read = await get_message_by_id.asyncio(sent.messageid, client=client)
    assert isinstance(read, MessageResponse)
    assert read.content == "hello"
