"""What mypy sees of the front door: ``make typecheck`` runs ``mypy --strict`` over this file, and each
``assert_type`` fails the build if a method's declared return is anything but the success model (a union
with the error model, or ``| None``, would not pass). The calls also run, against a served emulator."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import assert_type

import smsworks
from smsworks.models import (
    OTP,
    BatchMessageResponse,
    CancelledMessageResponse,
    CreditsResponse,
    DeletedMessageResponse,
    ExtendedErrorModel,
    Message,
    MessageResponse,
    MessageToSchedule,
    MessageVolumeResponse,
    OTPResponse,
    OTPVerify,
    OTPVerifyResponse,
    ScheduledBatchResponse,
    ScheduledMessageResponse,
    ScheduledMessagesResponse,
    SendMessageResponse,
)
from smsworks.models import TestResponse as CredentialsResponse
from smsworks_emulator.testing import served

SCHEDULE = "2100-01-01T00:00:00.000Z"


def _sync(client: smsworks.SMSWorks) -> None:
    sent = client.send_message(sender="Acme", destination="447777777777", content="hi")
    assert_type(sent, SendMessageResponse)
    message = Message(sender="Acme", destination="447777777777", content="hi")
    assert_type(client.send_flash_message(message), SendMessageResponse)
    binary = client.send_binary_message(sender="Acme", destination="447777777777", content="0a0b")
    assert_type(binary, SendMessageResponse)
    scheduled = client.schedule_message(MessageToSchedule(sender="A", destination="447777777777",
                                                           content="x", schedule=SCHEDULE))  # fmt: skip
    assert_type(scheduled, list[ScheduledMessageResponse])
    assert_type(client.cancel_scheduled_job(scheduled[0].messageid), CancelledMessageResponse)
    assert_type(client.get_message_by_id(sent.messageid), MessageResponse)
    assert_type(client.get_messages(), list[MessageResponse])
    assert_type(client.get_inbox_messages(), list[MessageResponse])
    assert_type(client.get_failed_messages(), list[MessageResponse])
    assert_type(client.iter_messages(), Iterator[MessageResponse])
    assert_type(client.iter_inbox_messages(page_size=10), Iterator[MessageResponse])
    assert_type(client.iter_failed_messages(), Iterator[MessageResponse])
    assert_type(client.get_scheduled_messages(), list[ScheduledMessagesResponse])
    assert_type(client.get_message_volume(), MessageVolumeResponse)
    batch = client.send_batch(sender="Acme", destinations=["447777777777"], content="b")
    assert_type(batch, BatchMessageResponse)
    assert_type(client.get_batch_by_id(batch.batchid), list[MessageResponse])
    assert_type(client.send_any_batch([message]), BatchMessageResponse)
    later = client.schedule_batch(
        sender="Acme", destinations=["447777777777"], content="b", schedule=SCHEDULE
    )
    assert_type(later, ScheduledBatchResponse)
    assert_type(client.cancel_scheduled_batch_job(later.batchid), CancelledMessageResponse)
    otp = client.send_otp(OTP(destination="447777777777", passcode="1234"))
    assert_type(otp, OTPResponse)
    assert isinstance(otp.messageid, str)
    assert_type(client.get_otp_by_id(otp.messageid), OTPVerifyResponse)
    verified = client.verify_otp(OTPVerify(passcode="1234", messageid=otp.messageid))
    assert_type(verified, OTPVerifyResponse)
    assert_type(client.delete_message(sent.messageid), DeletedMessageResponse)
    assert_type(client.get_credits_balance(), CreditsResponse)
    assert_type(client.test_credentials(), CredentialsResponse)
    assert_type(client.get_error("402"), ExtendedErrorModel)


async def _async(client: smsworks.AsyncSMSWorks) -> None:
    sent = await client.send_message(sender="Acme", destination="447777777777", content="hi")
    assert_type(sent, SendMessageResponse)
    assert_type(await client.get_message_by_id(sent.messageid), MessageResponse)
    assert_type(client.iter_messages(), AsyncIterator[MessageResponse])
    assert_type(await client.get_credits_balance(), CreditsResponse)


def test_the_declared_types_hold_at_run_time() -> None:
    with served() as emulator:
        with smsworks.SMSWorks(emulator.token("typed"), base_url=emulator.base_url) as client:
            _sync(client)

        async def run() -> None:
            async with smsworks.AsyncSMSWorks(
                emulator.token("typed"), base_url=emulator.base_url
            ) as client:
                await _async(client)

        asyncio.run(run())
