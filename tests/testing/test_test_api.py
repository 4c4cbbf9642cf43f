"""The test API of every emulator handle, in each mode: outbox, OTPs, inbound, balance, clock,
webhooks, faults and assert_sent."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from smsworks import SMSWorks
from smsworks.errors import SMSWorksError
from smsworks_emulator.testing import EmulatorHandle, child_process, in_process, served
from smsworks_emulator.testing.receiver import report_receiver

NUMBER = "447700900123"


@pytest.fixture(params=["in-process", "served"])
def emulator(request: pytest.FixtureRequest) -> Iterator[EmulatorHandle]:
    opener = in_process if request.param == "in-process" else served
    with opener() as handle:
        yield handle


def front_door(emulator: EmulatorHandle) -> SMSWorks:
    http = emulator.http_client()
    return SMSWorks(emulator.token(), base_url=emulator.base_url, httpx_client=http)


def send(emulator: EmulatorHandle, to: str, content: str, **fields: Any) -> str:
    answer = front_door(emulator).send_message(
        sender="TestApp", destination=to, content=content, **fields
    )
    return str(answer.messageid)


def test_the_outbox_lists_what_was_sent_oldest_first_as_typed_records(
    emulator: EmulatorHandle,
) -> None:
    first = send(emulator, "+447700900123", "hello", tag="greeting")
    send(emulator, "+447700900456", "second")
    assert len(emulator.outbox) == 2
    record = emulator.outbox[0]
    assert (record.id, record.to, record.sender, record.content) == (
        first,
        NUMBER,
        "TestApp",
        "hello",
    )
    assert record.tag == "greeting"
    assert record.parts == 1
    assert record.credits > 0
    assert record.status == "SENT"
    assert record.kind
    assert record.batch is None
    assert emulator.outbox.last().content == "second"


@pytest.mark.parametrize("form", ["07700900123", "+447700900123", "00447700900123", NUMBER])
def test_outbox_to_accepts_every_number_form(emulator: EmulatorHandle, form: str) -> None:
    send(emulator, NUMBER, "for 123")
    send(emulator, "447700900456", "for 456")
    assert [message.content for message in emulator.outbox.to(form)] == ["for 123"]


def test_clear_empties_the_outbox_and_last_of_an_empty_one_fails(
    emulator: EmulatorHandle,
) -> None:
    send(emulator, NUMBER, "before")
    emulator.outbox.clear()
    assert len(emulator.outbox) == 0
    with pytest.raises(AssertionError, match="no message"):
        emulator.outbox.last()
    send(emulator, NUMBER, "after")
    assert [message.content for message in emulator.outbox] == ["after"]


def test_otp_for_is_the_newest_passcode_sent_to_the_number(emulator: EmulatorHandle) -> None:
    client = front_door(emulator)
    client.send_otp(destination=NUMBER, sender="TestApp", template="Code: {{passcode}}")
    client.send_otp(destination=NUMBER, sender="TestApp", template="Code: {{passcode}}")
    code = emulator.otp_for("07700900123")
    assert code in emulator.outbox.last().content
    with pytest.raises(AssertionError, match="no passcode"):
        emulator.otp_for("447700900999")


def test_receive_puts_a_message_in_the_inbox(emulator: EmulatorHandle) -> None:
    emulator.receive(NUMBER, "447700900000", "STOP")
    inbox = emulator.control.get("/_emulator/inbound").json()
    assert [message["content"] for message in inbox] == ["STOP"]


def test_set_balance_and_balance(emulator: EmulatorHandle) -> None:
    send(emulator, NUMBER, "creates the customer")
    emulator.set_balance(12.5)
    assert emulator.balance == 12.5
    send(emulator, NUMBER, "one part")
    assert emulator.balance < 12.5


def test_deliver_all_and_advance_move_pending_messages_on(emulator: EmulatorHandle) -> None:
    send(emulator, NUMBER, "one")
    emulator.advance(0)
    assert emulator.outbox.last().status == "SENT"
    emulator.deliver_all()
    assert emulator.outbox.last().status != "SENT"


def test_webhooks_lists_the_report_attempts(emulator: EmulatorHandle) -> None:
    with report_receiver([200]) as receiver:
        message = send(emulator, NUMBER, "report me", deliveryreporturl=receiver.url)
        emulator.deliver_all()
        attempts = emulator.webhooks
    assert [(a.message_id, a.status_code) for a in attempts] == [(message, 200)]
    assert receiver.reports[0]["messageid"] == message


def test_faults_fail_the_named_operation_inside_the_block_only(emulator: EmulatorHandle) -> None:
    with emulator.faults.fail("sendMessage"), pytest.raises(SMSWorksError, match="503"):
        send(emulator, NUMBER, "fails")
    send(emulator, NUMBER, "works")
    assert [message.content for message in emulator.outbox] == ["works"]


def test_assert_sent_matches_and_its_failure_lists_what_was_sent(
    emulator: EmulatorHandle,
) -> None:
    send(emulator, NUMBER, "Your code is 1234")
    assert len(emulator.assert_sent(to="07700900123", containing="code", count=1)) == 1
    with pytest.raises(AssertionError) as raised:
        emulator.assert_sent(to="447700900456", containing="code")
    assert "to 447700900123: 'Your code is 1234'" in str(raised.value)
    with pytest.raises(AssertionError, match="expected 2 message"):
        emulator.assert_sent(count=2)


def test_a_child_process_emulator_has_the_same_test_api() -> None:
    with child_process() as emulator:
        send(emulator, NUMBER, "from a child")
        assert emulator.outbox.to("07700900123")[0].content == "from a child"
        emulator.deliver_all()
        assert emulator.outbox.last().status != "SENT"
