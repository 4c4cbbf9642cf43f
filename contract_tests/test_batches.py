"""A batch of N destinations makes exactly N messages; over 5000 is refused and costs nothing."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

from contract_tests import strategies
from contract_tests.budget import predicted_cost, read_balance
from contract_tests.properties import property_settings
from contract_tests.targets import Target
from contract_tests.unwrap import expect, expect_list
from smsworks.api.batch_messages import get_batch_by_id, send_batch
from smsworks.models import (
    BatchMessage,
    BatchMessageResponse,
    ExtendedErrorModel,
    MessageResponse,
)
from smsworks_emulator.rules.numbers import normalise_destination

MAX_BATCH = 5000
CONTENT = "Batch from the contract suite"


def test_a_batch_of_n_makes_n_messages(target: Target, spend: Callable[[float], None]) -> None:
    @property_settings(target)
    @given(destinations=st.lists(strategies.uk_mobile, min_size=1, max_size=25, unique=True))
    def check(destinations: list[str]) -> None:
        if target.settings.send is not None:
            # Against the real service: the permitted number, as many times as drawn (at most 3).
            destinations = [target.settings.send.destination] * min(len(destinations), 3)
        spend(predicted_cost(CONTENT, destinations[0], copies=len(destinations)))
        client = target.client(target.new_customer())
        body = BatchMessage(sender="Contract", destinations=destinations, content=CONTENT)
        batch = expect(send_batch.sync(client=client, body=body), BatchMessageResponse)
        messages = expect_list(get_batch_by_id.sync(batch.batchid, client=client), MessageResponse)
        assert len(messages) == len(destinations)
        assert len({message.messageid for message in messages}) == len(destinations)
        assert sorted(message.destination for message in messages) == sorted(
            normalise_destination(number) for number in destinations
        )
        assert all(message.batchid in (batch.batchid, None) for message in messages)

    check()


def test_over_5000_is_refused_and_nothing_is_charged(
    target: Target, spend: Callable[[float], None]
) -> None:
    destinations = [f"4477{n:08d}" for n in range(10_000_000, 10_000_000 + MAX_BATCH + 1)]
    if target.settings.send is not None:
        destinations = [target.settings.send.destination] * len(destinations)
    # Should the service accept it after all, this is what it would cost: the budget decides.
    spend(predicted_cost(CONTENT, destinations[0], copies=len(destinations)))
    client = target.client(target.new_customer())
    before = read_balance(client)
    body = BatchMessage(sender="Contract", destinations=destinations, content=CONTENT)
    response = send_batch.sync_detailed(client=client, body=body)
    assert 400 <= response.status_code < 500, response.content[:300]
    assert isinstance(response.parsed, ExtendedErrorModel)
    assert "destinations" in response.parsed.message
    assert read_balance(client) == before
