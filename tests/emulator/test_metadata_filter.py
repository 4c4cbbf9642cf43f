"""A metadata filter of any length the body limit lets through is answered, never with a 500.

``Query.metadata`` has no ``maxItems``: its limit is the body's. A condition per pair once passed
SQLite's expression-tree depth at about a thousand pairs and the search answered 500.
"""

from __future__ import annotations

import json

from smsworks_emulator.settings import DEFAULT_MAX_BODY_BYTES

from .conftest import Api


def _pairs(count: int, width: int = 4) -> list[dict[str, str]]:
    return [{"key": f"k{index:0{width}d}", "value": "v"} for index in range(count)]


def test_1100_pairs_find_the_message_that_holds_them_all(api: Api) -> None:
    pairs = _pairs(1100)
    sent = api.send(metadata=pairs)
    assert sent.status_code == 201, sent.text
    api.send(metadata=pairs[:-1])  # holds all but one: not a match
    found = api.call("POST", "/messages", body={"metadata": pairs})
    assert found.status_code == 200, found.text
    assert [message["messageid"] for message in found.json()] == [sent.json()["messageid"]]
    one_more = api.call(
        "POST", "/messages", body={"metadata": [*pairs, {"key": "x", "value": "y"}]}
    )
    assert one_more.status_code == 200, one_more.text
    assert one_more.json() == []


def test_as_many_pairs_as_the_body_limit_holds(api: Api) -> None:
    api.send(metadata=_pairs(3, width=7))
    pair_bytes = len(json.dumps(_pairs(1, width=7)[0])) + len(", ")
    count = (DEFAULT_MAX_BODY_BYTES - len('{"metadata": []}')) // pair_bytes
    body = json.dumps({"metadata": _pairs(count, width=7)}).encode()
    assert DEFAULT_MAX_BODY_BYTES - pair_bytes < len(body) <= DEFAULT_MAX_BODY_BYTES
    headers = {**api.headers("alice"), "content-type": "application/json"}
    found = api.http.post("/v1/messages", content=body, headers=headers)
    assert found.status_code == 200, found.text[:500]
    assert found.json() == []
