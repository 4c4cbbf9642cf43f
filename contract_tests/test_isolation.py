"""One customer's token never sees another's messages, batches, schedules or OTPs."""

from __future__ import annotations

from datetime import timedelta

from contract_tests.targets import Target
from contract_tests.unwrap import expect, expect_list, otp_messageid
from smsworks.api.batch_messages import (
    cancel_scheduled_batch_job,
    get_batch_by_id,
    schedule_batch,
    send_batch,
)
from smsworks.api.messages import (
    cancel_scheduled_job,
    delete_message,
    get_message_by_id,
    get_messages,
    get_scheduled_messages,
    schedule_message,
    send_message,
)
from smsworks.api.one_time_password import get_otp_by_id, send_otp, verify_otp
from smsworks.models import (
    OTP,
    BatchMessage,
    BatchMessageResponse,
    BatchToSchedule,
    Message,
    MessageResponse,
    MessageToSchedule,
    OTPResponse,
    OTPVerify,
    OTPVerifyResponse,
    Query,
    ScheduledBatchResponse,
    ScheduledMessageResponse,
    ScheduledMessagesResponse,
    SendMessageResponse,
)

DESTINATION = "447712345678"


def test_one_customer_never_sees_another_customers_resources(control: Target) -> None:
    owner = control.client(control.new_customer())
    other = control.client(control.new_customer())
    later = (control.now() + timedelta(days=1)).isoformat()

    message = Message(sender="Owner", destination=DESTINATION, content="Private")
    sent = expect(send_message.sync(client=owner, body=message), SendMessageResponse)
    batch = expect(
        send_batch.sync(
            client=owner,
            body=BatchMessage(sender="Owner", destinations=[DESTINATION], content="Private"),
        ),
        BatchMessageResponse,
    )
    scheduled = expect_list(
        schedule_message.sync(
            client=owner,
            body=MessageToSchedule(
                sender="Owner", destination=DESTINATION, content="Later", schedule=later
            ),
        ),
        ScheduledMessageResponse,
    )[0]
    scheduled_batch = expect(
        schedule_batch.sync(
            client=owner,
            body=BatchToSchedule(
                sender="Owner", destinations=[DESTINATION], content="Later", schedule=later
            ),
        ),
        ScheduledBatchResponse,
    )
    otp = expect(
        send_otp.sync(client=owner, body=OTP(destination=DESTINATION, passcode="123456")),
        OTPResponse,
    )

    otp_id = otp_messageid(otp)

    # Every way of reaching the owner's resources by id is a 404 for the other customer ...
    assert get_message_by_id.sync_detailed(sent.messageid, client=other).status_code == 404
    assert get_batch_by_id.sync_detailed(batch.batchid, client=other).status_code == 404
    assert get_otp_by_id.sync_detailed(otp_id, client=other).status_code == 404
    assert delete_message.sync_detailed(sent.messageid, client=other).status_code == 404
    assert cancel_scheduled_job.sync_detailed(scheduled.messageid, client=other).status_code == 404
    assert (
        cancel_scheduled_batch_job.sync_detailed(scheduled_batch.batchid, client=other).status_code
        == 404
    )
    stolen = verify_otp.sync(client=other, body=OTPVerify(passcode="123456", messageid=otp_id))
    assert not isinstance(stolen, OTPVerifyResponse)
    # ... and the listings of the other customer are empty.
    assert expect_list(get_messages.sync(client=other, body=Query()), MessageResponse) == []
    assert expect_list(get_scheduled_messages.sync(client=other), ScheduledMessagesResponse) == []

    # Nothing the other customer did touched the owner's resources.
    assert expect(get_message_by_id.sync(sent.messageid, client=owner), MessageResponse)
    assert len(expect_list(get_batch_by_id.sync(batch.batchid, client=owner), MessageResponse)) == 1
    verified = verify_otp.sync(client=owner, body=OTPVerify(passcode="123456", messageid=otp_id))
    assert isinstance(verified, OTPVerifyResponse)
    assert verified.status == "VERIFIED"
