"""What was sent is what ``get_message_by_id`` reads back: content, sender, destination, tag, metadata."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from hypothesis import given

from contract_tests import strategies
from contract_tests.budget import predicted_cost
from contract_tests.properties import property_settings, send_destination
from contract_tests.targets import Target
from contract_tests.unwrap import expect
from smsworks import AuthenticatedClient
from smsworks.api.messages import get_message_by_id, send_message
from smsworks.models import Message, MessageResponse, MetaData, SendMessageResponse
from smsworks_emulator.rules.numbers import normalise_destination


async def _send_and_read_async(client: AuthenticatedClient, message: Message) -> MessageResponse:
    async with client:
        sent = expect(await send_message.asyncio(client=client, body=message), SendMessageResponse)
        read = await get_message_by_id.asyncio(sent.messageid, client=client)
        return expect(read, MessageResponse)


def _send_and_read(client: AuthenticatedClient, message: Message) -> MessageResponse:
    sent = expect(send_message.sync(client=client, body=message), SendMessageResponse)
    return expect(get_message_by_id.sync(sent.messageid, client=client), MessageResponse)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_what_was_sent_is_read_back(
    target: Target, spend: Callable[[float], None], mode: str
) -> None:
    @property_settings(target)
    @given(
        content=strategies.content,
        drawn=strategies.destination,
        sender=strategies.sender,
        tag=strategies.tag,
        metadata=strategies.metadata,
    )
    def check(content: str, drawn: str, sender: str, tag: str, metadata: list[MetaData]) -> None:
        destination = send_destination(target, drawn)
        spend(predicted_cost(content, destination))
        client = target.client(target.new_customer())
        message = Message(
            sender=sender, destination=destination, content=content, tag=tag, metadata=metadata
        )
        if mode == "sync":
            read = _send_and_read(client, message)
        else:
            read = asyncio.run(_send_and_read_async(client, message))
        assert read.content == content
        assert read.sender == sender
        assert read.destination == normalise_destination(destination)
        assert read.tag == tag
        assert [(item.key, item.value) for item in read.metadata or []] == [
            (item.key, item.value) for item in metadata
        ]

    check()
