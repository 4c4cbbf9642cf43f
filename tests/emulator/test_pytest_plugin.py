"""The fixtures users get from the pytest plugin, exercised by a suite run with pytester."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

USER_SUITE = """
import pytest
from smsworks.api.credits_ import get_credits_balance
from smsworks.api.messages import get_message_by_id, send_message
from smsworks.models import Message


def _message():
    return Message(sender="Acme", destination="447777777777", content="hello")


def test_in_process_sync(smsworks_client, smsworks_emulator):
    assert smsworks_emulator.base_url == "http://emulator.test/v1"
    sent = send_message.sync(client=smsworks_client, body=_message())
    smsworks_emulator.advance(2)
    assert get_message_by_id.sync(sent.messageid, client=smsworks_client).status == "DELIVERED"


@pytest.mark.anyio
async def test_in_process_async(smsworks_emulator):
    client = smsworks_emulator.client("async-user")
    await send_message.asyncio(client=client, body=_message())
    assert (await get_credits_balance.asyncio(client=client)).credits_ == 99.0


def test_real_server(smsworks_emulator_server):
    assert smsworks_emulator_server.base_url.startswith("http://127.0.0.1:")
    client = smsworks_emulator_server.client("served")
    sent = send_message.sync(client=client, body=_message())
    smsworks_emulator_server.advance(2)
    assert get_message_by_id.sync(sent.messageid, client=client).status == "DELIVERED"
    outbox = smsworks_emulator_server.control.get("/_emulator/outbox").json()
    assert [entry["messageid"] for entry in outbox] == [sent.messageid]


@pytest.fixture
def smsworks_emulator_settings():
    from smsworks_emulator import EmulatorSettings
    return EmulatorSettings(db_path=":memory:", clock="controlled", initial_credits=100.0)


@pytest.fixture
def anyio_backend():
    return "asyncio"
"""


def test_users_fixtures_work(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_user_suite=USER_SUITE)
    result = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "-W", "ignore::DeprecationWarning"
    )
    result.assert_outcomes(passed=3)
