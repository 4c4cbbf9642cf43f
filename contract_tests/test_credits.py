"""Credits fall by exactly ``creditsUsed``, which is what the public segment calculator predicts."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from hypothesis import given

from contract_tests import strategies
from contract_tests.budget import read_balance
from contract_tests.properties import property_settings, send_destination
from contract_tests.targets import Target
from contract_tests.unwrap import expect
from smsworks import AuthenticatedClient
from smsworks.api.messages import send_message
from smsworks.models import Message, SendMessageResponse
from smsworks_emulator.rules.numbers import normalise_destination
from smsworks_emulator.rules.segments import credits_for, segment_text


async def _send_async(client: AuthenticatedClient, message: Message) -> SendMessageResponse:
    async with client:
        return expect(await send_message.asyncio(client=client, body=message), SendMessageResponse)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_credits_fall_by_exactly_credits_used(
    target: Target, spend: Callable[[float], None], mode: str
) -> None:
    @property_settings(target)
    @given(content=strategies.content, drawn=strategies.destination, sender=strategies.sender)
    def check(content: str, drawn: str, sender: str) -> None:
        destination = send_destination(target, drawn)
        predicted = credits_for(segment_text(content), normalise_destination(destination))
        spend(predicted)
        client = target.client(target.new_customer())
        before = read_balance(client)
        message = Message(sender=sender, destination=destination, content=content)
        if mode == "sync":
            sent = expect(send_message.sync(client=client, body=message), SendMessageResponse)
        else:
            sent = asyncio.run(_send_async(client, message))
        after = read_balance(client)
        assert sent.credits_used == predicted
        assert before - after == sent.credits_used
        assert sent.credits_ == after

    check()
