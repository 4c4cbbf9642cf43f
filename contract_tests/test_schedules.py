"""A cancelled schedule never sends; a due one sends exactly once (the emulator's clock decides)."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from contract_tests import strategies
from contract_tests.budget import read_balance
from contract_tests.properties import property_settings
from contract_tests.targets import Target
from contract_tests.unwrap import expect, expect_list
from smsworks import AuthenticatedClient
from smsworks.api.messages import cancel_scheduled_job, get_messages, schedule_message
from smsworks.models import (
    CancelledMessageResponse,
    MessageResponse,
    MessageToSchedule,
    Query,
    ScheduledMessageResponse,
)

delay_minutes = st.integers(min_value=1, max_value=7 * 24 * 60)


def _schedule(control: Target, client: AuthenticatedClient, destination: str, minutes: int) -> str:
    when = control.now() + timedelta(minutes=minutes)
    body = MessageToSchedule(
        sender="Contract",
        destination=destination,
        content="Scheduled by the contract suite",
        schedule=when.isoformat(),
    )
    scheduled = expect_list(
        schedule_message.sync(client=client, body=body), ScheduledMessageResponse
    )
    assert len(scheduled) == 1
    assert scheduled[0].status == "SCHEDULED"
    return scheduled[0].messageid


def _sent(client: AuthenticatedClient) -> list[MessageResponse]:
    return expect_list(get_messages.sync(client=client, body=Query()), MessageResponse)


def test_a_cancelled_schedule_never_sends(control: Target) -> None:
    @property_settings(control)
    @given(destination=strategies.uk_mobile, minutes=delay_minutes)
    def check(destination: str, minutes: int) -> None:
        customer = control.new_customer()
        client = control.client(customer)
        before = read_balance(client)
        job = _schedule(control, client, destination, minutes)
        cancelled = expect(cancel_scheduled_job.sync(job, client=client), CancelledMessageResponse)
        assert cancelled.status == "CANCELLED"
        control.advance_clock(minutes * 60 + 3600)
        assert _sent(client) == []
        assert control.outbox(customer) == []
        assert read_balance(client) == before

    check()


def test_a_due_schedule_sends_exactly_once(control: Target) -> None:
    @property_settings(control)
    @given(destination=strategies.uk_mobile, minutes=delay_minutes)
    def check(destination: str, minutes: int) -> None:
        customer = control.new_customer()
        client = control.client(customer)
        _schedule(control, client, destination, minutes)
        control.advance_clock(minutes * 60 - 30)
        assert control.outbox(customer) == [], "sent before it was due"
        control.advance_clock(60)
        assert len(control.outbox(customer)) == 1
        control.advance_clock(24 * 3600)
        assert len(control.outbox(customer)) == 1
        assert len(_sent(client)) == 1

    check()
