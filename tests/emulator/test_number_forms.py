"""A phone number is one number however it is written: every filter that takes one finds it.

The forms are spelt out here from the national digits, not by the emulator's rule: ``+447…``,
``447…``, ``07…`` and ``0044…``, wherever the spec's pattern lets a request carry that form.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import Api, make_settings

NATIONAL = "7700900555"


def every_form(national: str) -> list[str]:
    return ["+44" + national, "44" + national, "0" + national, "0044" + national]


def international_forms(national: str) -> list[str]:
    """The forms a destination may take: the spec's pattern has no leading 0."""
    return ["+44" + national, "44" + national]


def _search(api: Api, path: str, query: dict[str, Any]) -> list[str]:
    response = api.call("POST", path, body=query)
    assert response.status_code == 200, response.text
    return [item["messageid"] for item in response.json()]


@pytest.mark.parametrize("sent", every_form(NATIONAL))
@pytest.mark.parametrize("searched", every_form(NATIONAL))
def test_a_numeric_sender_is_found_in_every_form(api: Api, sent: str, searched: str) -> None:
    messageid = api.send(sender=sent).json()["messageid"]
    api.send(sender="Acme")
    assert _search(api, "/messages", {"sender": searched}) == [messageid]


@pytest.mark.parametrize("sent", international_forms(NATIONAL))
@pytest.mark.parametrize("searched", international_forms(NATIONAL))
@pytest.mark.parametrize("path", ["/messages", "/messages/failed"])
def test_a_destination_is_found_in_every_form(
    api: Api, sent: str, searched: str, path: str
) -> None:
    # 447700900002 is one of the magic numbers whose message is rejected: a failed message.
    failing = "7700900002"
    messageid = api.send(destination=sent.replace(NATIONAL, failing)).json()["messageid"]
    api.send(destination="447777777771")
    assert _search(api, path, {"destination": searched.replace(NATIONAL, failing)}) == [messageid]


@pytest.mark.parametrize("sent", every_form(NATIONAL))
@pytest.mark.parametrize("searched", every_form(NATIONAL))
def test_an_inbound_sender_is_found_in_the_inbox_in_every_form(
    api: Api, sent: str, searched: str
) -> None:
    message = api.emulator.receive(sent, "447777777777", "STOP", customer_id="alice")
    api.emulator.receive("447777777778", "447777777777", "STOP", customer_id="alice")
    assert _search(api, "/messages/inbox", {"sender": searched}) == [message["messageid"]]


@pytest.mark.parametrize("searched", international_forms(NATIONAL))
def test_an_inbound_destination_is_found_in_every_form(api: Api, searched: str) -> None:
    message = api.emulator.receive("447777777778", "0" + NATIONAL, "hi", customer_id="alice")
    assert _search(api, "/messages", {"destination": searched}) == [message["messageid"]]


def test_a_sender_name_is_matched_as_written(api: Api) -> None:
    messageid = api.send(sender="Acme0").json()["messageid"]
    assert _search(api, "/messages", {"sender": "Acme0"}) == [messageid]
    assert _search(api, "/messages", {"sender": "acme0"}) == []


@pytest.fixture(scope="module")
def shared() -> Iterator[Api]:
    client = Api(make_settings())
    yield client
    client.close()


nationals = st.from_regex(r"7700900[0-9]{3}", fullmatch=True)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(national=nationals, sent=st.integers(0, 1), asked=st.integers(0, 3))
def test_assert_sent_matches_every_form(shared: Api, national: str, sent: int, asked: int) -> None:
    shared.send(destination=international_forms(national)[sent], content="code " + national)
    found = shared.emulator.assert_sent(to=every_form(national)[asked], containing=national)
    assert found
    assert all(message.to == "44" + national for message in found)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(national=nationals, asked=st.integers(0, 3))
def test_assert_sent_finds_nothing_for_another_number(
    shared: Api, national: str, asked: int
) -> None:
    shared.send(destination="44" + national, content="only " + national)
    other = "7700901" + national[-3:]
    with pytest.raises(AssertionError):
        shared.emulator.assert_sent(to=every_form(other)[asked], containing="only " + national)
