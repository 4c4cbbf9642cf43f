"""A batch of N destinations makes exactly N messages; over 5000 is refused and costs nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from contract_tests import pricing, strategies
from contract_tests.budget import predicted_cost, read_balance
from contract_tests.properties import property_settings
from contract_tests.targets import Target
from contract_tests.unwrap import expect, expect_list
from smsworks import AuthenticatedClient
from smsworks.api.batch_messages import get_batch_by_id, send_any_batch, send_batch
from smsworks.api.messages import get_messages
from smsworks.models import (
    BatchMessage,
    BatchMessageResponse,
    ExtendedErrorModel,
    Message,
    MessageResponse,
    Query,
)
from smsworks.types import Response
from smsworks_emulator.rules.numbers import normalise_destination

MAX_BATCH = 5000
CONTENT = "Batch from the contract suite"


def test_a_batch_of_n_makes_n_messages(target: Target, spend: Callable[[float, int], None]) -> None:
    @property_settings(target)
    @given(destinations=st.lists(strategies.uk_mobile, min_size=1, max_size=25, unique=True))
    def check(destinations: list[str]) -> None:
        if target.settings.send is not None:
            # Against the real service: the permitted number, as many times as drawn (at most 3).
            destinations = [target.settings.send.destination] * min(len(destinations), 3)
        spend(predicted_cost(CONTENT, destinations[0], copies=len(destinations)), len(destinations))
        client = target.client(target.new_customer())
        body = BatchMessage(sender="Contract", destinations=destinations, content=CONTENT)
        batch = expect(send_batch.sync(client=client, body=body), BatchMessageResponse)
        messages = expect_list(get_batch_by_id.sync(batch.batchid, client=client), MessageResponse)
        assert len(messages) == len(destinations)
        assert len({message.messageid for message in messages}) == len(destinations)
        assert sorted(str(message.destination) for message in messages) == sorted(
            normalise_destination(number) for number in destinations
        )
        assert all(message.batchid in (batch.batchid, None) for message in messages)

    check()


def test_over_5000_is_refused_and_nothing_is_charged(
    target: Target, spend: Callable[[float, int], None]
) -> None:
    destinations = [f"4477{n:08d}" for n in range(10_000_000, 10_000_000 + MAX_BATCH + 1)]
    if target.settings.send is not None:
        destinations = [target.settings.send.destination] * len(destinations)
    # Should the service accept it after all, this is what it would cost: the budget decides.
    spend(predicted_cost(CONTENT, destinations[0], copies=len(destinations)), len(destinations))
    client = target.client(target.new_customer())
    before = read_balance(client)
    body = BatchMessage(sender="Contract", destinations=destinations, content=CONTENT)
    response = send_batch.sync_detailed(client=client, body=body)
    assert 400 <= response.status_code < 500, response.content[:300]
    assert isinstance(response.parsed, ExtendedErrorModel)
    assert "destinations" in response.parsed.message
    assert read_balance(client) == before


def _send(
    client: AuthenticatedClient, operation: str, destinations: list[str], content: str
) -> Response[Any]:
    if operation == "send_batch":
        body = BatchMessage(sender="Contract", destinations=destinations, content=content)
        return send_batch.sync_detailed(client=client, body=body)
    messages = [
        Message(sender="Contract", destination=destination, content=content)
        for destination in destinations
    ]
    return send_any_batch.sync_detailed(client=client, body=messages)


@pytest.mark.parametrize("operation", ["send_batch", "send_any_batch"])
def test_a_batch_just_over_the_balance_is_refused_whole(control: Target, operation: str) -> None:
    """One credit short: 402, the balance untouched, no message stored or sent. Exactly enough:
    every message sent and the balance at zero. (The sandbox would need its balance set.)"""

    @property_settings(control)
    @given(
        destinations=st.lists(
            st.one_of(strategies.uk_mobile, strategies.foreign_mobile),
            min_size=2,
            max_size=25,
            unique=True,
        ),
        content=st.one_of(strategies.content, strategies.content_near_part_edges()),
    )
    @example(
        destinations=[f"4477{n:08d}" for n in range(30_000_000, 30_000_020)], content="a" * 161
    )
    @example(destinations=["447712345678", "33612345678"], content="ж" * 135)
    def check(destinations: list[str], content: str) -> None:
        cost = sum(pricing.price(content, number).credits for number in destinations)
        customer = control.new_customer()
        client = control.client(customer)
        control.set_balance(customer, cost - 1)
        response = _send(client, operation, destinations, content)
        assert response.status_code == 402, (
            f"{len(destinations)} messages costing {cost:g} with {cost - 1:g} credits: "
            f"{response.status_code} {response.content[:300]!r}"
        )
        assert isinstance(response.parsed, ExtendedErrorModel)
        assert read_balance(client) == cost - 1, "a refused batch changed the balance"
        stored = expect_list(get_messages.sync(client=client, body=Query()), MessageResponse)
        assert stored == [], f"a refused batch stored {len(stored)} of its messages"
        assert control.outbox(customer) == [], "a refused batch sent messages"

        control.set_balance(customer, cost)
        response = _send(client, operation, destinations, content)
        assert response.status_code == 201, response.content[:300]
        assert read_balance(client) == 0
        stored = expect_list(get_messages.sync(client=client, body=Query()), MessageResponse)
        assert len(stored) == len(destinations)

    check()
