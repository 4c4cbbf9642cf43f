"""The front-door fixtures of the pytest plugin, each test on a fresh emulator of its own."""

from __future__ import annotations

import pytest

from smsworks import AsyncSMSWorks, SMSWorks
from smsworks_emulator.testing import InProcessEmulator


@pytest.mark.parametrize("round_", [1, 2])
def test_smsworks_sends_through_the_tests_own_emulator(
    smsworks: SMSWorks, smsworks_emulator: InProcessEmulator, round_: int
) -> None:
    assert len(smsworks_emulator.outbox) == 0  # a fresh emulator for every test
    smsworks.send_message(sender="Acme", destination="447700900123", content=f"round {round_}")
    smsworks_emulator.assert_sent(to="07700900123", containing=f"round {round_}", count=1)
    assert smsworks.get_credits_balance().credits_ == smsworks_emulator.balance


@pytest.mark.anyio
async def test_async_smsworks_sends_through_the_same_emulator(
    async_smsworks: AsyncSMSWorks, smsworks_emulator: InProcessEmulator
) -> None:
    await async_smsworks.send_message(sender="Acme", destination="447700900123", content="async")
    assert smsworks_emulator.outbox.last().content == "async"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def test_my_notifier(smsworks: SMSWorks, smsworks_emulator: InProcessEmulator) -> None:
    """The README's plugin example, as it is printed there."""
    smsworks.send_message(sender="Acme", destination="447700900001", content="hi")
    smsworks_emulator.assert_sent(to="07700900001", containing="hi", count=1)
    smsworks_emulator.deliver_all()
    assert smsworks_emulator.outbox.last().status == "UNDELIVERABLE"
