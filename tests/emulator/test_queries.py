"""/messages filters, paging, /messages/failed, /messages/inbox and /messages/volume."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from smsworks_emulator.rules.dates import format_iso

from .conftest import Api


def _search(
    api: Api, query: dict[str, object], path: str = "/messages", customer: str = "alice"
) -> list[dict[str, Any]]:
    response = api.call("POST", path, customer, query)
    assert response.status_code == 200, response.text
    result: list[dict[str, Any]] = response.json()
    return result


def test_every_filter(api: Api) -> None:
    first = api.send(
        destination="447777777771", tag="a", metadata=[{"key": "k", "value": "1"}]
    ).json()["messageid"]
    second = api.send(
        destination="447777777772", sender="Other", metadata=[{"key": "k", "value": "2"}]
    ).json()
    api.advance(2)
    third = api.send(destination="447700900002").json()["messageid"]  # rejected at once

    def ids(results: list[dict[str, Any]]) -> list[str]:
        return [item["messageid"] for item in results]

    assert ids(_search(api, {})) == [third, second["messageid"], first]
    assert ids(_search(api, {"status": "REJECTED"})) == [third]
    assert ids(_search(api, {"destination": "+447777777771"})) == [first]
    assert ids(_search(api, {"sender": "Other"})) == [second["messageid"]]
    assert ids(_search(api, {"metadata": [{"key": "k", "value": "2"}]})) == [second["messageid"]]
    assert ids(_search(api, {"credits": 0})) == [third]
    now = api.app.state.emulator.clock.now()
    assert ids(_search(api, {"from": format_iso(now - timedelta(seconds=1))})) == [third]
    assert ids(_search(api, {"to": format_iso(now - timedelta(seconds=1))})) == [
        second["messageid"],
        first,
    ]
    assert ids(_search(api, {}, "/messages/failed")) == [third]


def test_bad_filters_are_400_naming_the_field(api: Api) -> None:
    for query, field in (
        ({"status": "LOST"}, "status"),
        ({"destination": "abc"}, "destination"),
        ({"from": "last week"}, "from"),
        ({"limit": 0}, "limit"),
        ({"limit": 1001}, "limit"),
        ({"skip": -1}, "skip"),
    ):
        response = api.call("POST", "/messages", body=query)
        assert response.status_code == 400
        assert response.json()["message"].startswith(f"{field}:"), response.json()


def test_paging_with_limit_and_skip(api: Api) -> None:
    sent = [api.send(content=f"m{index}").json()["messageid"] for index in range(7)]
    newest_first = list(reversed(sent))
    pages = [
        [m["messageid"] for m in _search(api, {"limit": 3, "skip": skip})] for skip in (0, 3, 6, 9)
    ]
    assert pages == [newest_first[0:3], newest_first[3:6], newest_first[6:7], []]
    assert len(_search(api, {"skip": 10**30})) == 0


def test_inbox_shows_unread_incoming_once(api: Api) -> None:
    injected = api.http.post(
        "/_emulator/inbound",
        json={
            "customer_id": "alice",
            "from": "07777 777777",
            "to": "447860000000",
            "content": "skywalker here",
        },
    )
    assert injected.status_code == 201
    message = injected.json()
    assert (message["status"], message["keyword"], message["sender"]) == (
        "INCOMING",
        "SKYWALKER",
        "447777777777",
    )
    assert _search(api, {"status": "INCOMING", "unread": True}) == [message]
    assert [m["messageid"] for m in _search(api, {}, "/messages/inbox")] == [message["messageid"]]
    assert _search(api, {}, "/messages/inbox") == []  # reading marked it read
    assert (
        _search(api, {"status": "INCOMING", "unread": False})[0]["messageid"]
        == message["messageid"]
    )
    assert _search(api, {"keyword": "skywalker"})[0]["messageid"] == message["messageid"]
    assert _search(api, {}, "/messages/inbox", "bob") == []


def test_volume_counts_messages_sent_since_midnight(api: Api) -> None:
    api.http.post("/_emulator/clock", json={"set": "2031-06-01T22:30:00Z"})  # 23:30 in London (BST)
    api.send()
    assert api.call("GET", "/messages/volume").json() == {"volume": 1}
    api.advance(3600)  # 00:30 in London: a new day
    api.send()
    assert api.call("GET", "/messages/volume").json() == {"volume": 1}
    assert api.call("GET", "/messages/volume", "bob").json() == {"volume": 0}


def test_filtered_query_reads_an_index_not_the_table(api: Api) -> None:
    conn = api.app.state.emulator.store.conn
    plan = " ".join(
        row[3]
        for row in conn.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM messages WHERE customer_id = ? AND status = ? ORDER BY seq DESC LIMIT 10",
            ("alice", "SENT"),
        )
    )
    assert "USING INDEX messages_by_status" in plan
    assert "TEMP B-TREE" not in plan


def test_keyword_query_reads_the_partial_index_of_inbound_messages(api: Api) -> None:
    conn = api.app.state.emulator.store.conn
    plan = " ".join(
        row[3]
        for row in conn.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM messages WHERE customer_id = ? AND keyword = ? ORDER BY seq DESC LIMIT 10",
            ("alice", "STOP"),
        )
    )
    assert "USING INDEX messages_by_keyword" in plan
    assert "TEMP B-TREE" not in plan


def test_any_credits_value_is_a_valid_filter(api: Api) -> None:
    api.send()
    assert _search(api, {"credits": 7.0e16}) == []
    assert _search(api, {"credits": -1e300}) == []
