"""Batches: all or nothing, at most 5000, in one transaction."""

from __future__ import annotations

from .conftest import Api


def _numbers(count: int) -> list[str]:
    return [f"4477{index:08d}" for index in range(count)]


def test_batch_send_makes_one_message_per_destination(api: Api) -> None:
    response = api.call(
        "POST", "/batch/send", body={"sender": "Acme", "destinations": _numbers(3), "content": "hi"}
    )
    assert response.status_code == 201
    batchid = response.json()["batchid"]
    messages = api.call("GET", f"/batch/{batchid}").json()
    assert [message["destination"] for message in messages] == _numbers(3)
    assert all(message["batchid"] == batchid for message in messages)
    assert api.balance() == 97.0


def test_batch_any_sends_distinct_messages(api: Api) -> None:
    body = [
        {"sender": "Acme", "destination": "447777777771", "content": "one"},
        {
            "sender": "Other",
            "destination": "447777777772",
            "content": "two",
            "metadata": [{"key": "k", "value": "v"}],
        },
    ]
    batchid = api.call("POST", "/batch/any", body=body).json()["batchid"]
    messages = api.call("GET", f"/batch/{batchid}").json()
    assert [(m["sender"], m["content"]) for m in messages] == [("Acme", "one"), ("Other", "two")]
    assert messages[1]["metadata"] == [{"key": "k", "value": "v"}]


def test_5000_is_accepted_and_5001_sends_nothing(api: Api) -> None:
    api.http.put("/_emulator/customers/alice/balance", json={"credits": 10000})
    response = api.call(
        "POST",
        "/batch/send",
        body={"sender": "Acme", "destinations": _numbers(5000), "content": "hi"},
    )
    assert response.status_code == 201
    assert api.balance() == 5000.0
    too_many = api.call(
        "POST",
        "/batch/send",
        body={"sender": "Acme", "destinations": _numbers(5001), "content": "x"},
    )
    assert too_many.status_code == 400
    assert too_many.json()["message"].startswith("destinations:")
    items = [{"sender": "Acme", "destination": "447777777777", "content": "x"}] * 5001
    assert api.call("POST", "/batch/any", body=items).status_code == 400
    assert api.balance() == 5000.0


def test_one_bad_destination_rejects_the_whole_batch(api: Api) -> None:
    destinations = [*_numbers(2), "not-a-number"]
    response = api.call(
        "POST", "/batch/send", body={"sender": "Acme", "destinations": destinations, "content": "x"}
    )
    assert response.status_code == 400
    assert response.json()["message"].startswith("destinations[2]:")
    bad_any = api.call(
        "POST",
        "/batch/any",
        body=[{"sender": "Acme", "destination": "447777777777", "content": ""}],
    )
    assert bad_any.json()["message"].startswith("messages[0].content:")
    assert api.call("POST", "/messages", body={}).json() == []


def test_batch_is_charged_whole_or_not_at_all(api: Api) -> None:
    api.http.put("/_emulator/customers/alice/balance", json={"credits": 2})
    response = api.call(
        "POST", "/batch/send", body={"sender": "Acme", "destinations": _numbers(3), "content": "x"}
    )
    assert response.status_code == 402
    assert api.balance() == 2.0
    assert api.call("POST", "/messages", body={}).json() == []


def test_batches_are_private(api: Api) -> None:
    batchid = api.call(
        "POST", "/batch/send", body={"sender": "A", "destinations": _numbers(1), "content": "x"}
    ).json()
    assert api.call("GET", f"/batch/{batchid['batchid']}", "bob").status_code == 404
    assert api.call("GET", "/batch/unknown").status_code == 404


def test_a_large_batch_stores_each_message_as_a_single_send_would(api: Api) -> None:
    # Long runs of alike messages, broken by numbers that cost or end differently, in both
    # forms the spec admits (with and without +): what each message holds and the order they come back in must not depend on
    # how the batch was written to the database.
    api.http.put("/_emulator/customers/alice/balance", json={"credits": 10000})
    destinations = [
        *_numbers(40),
        "447700900002",  # rejected at once, never charged
        "+33612345678",  # not UK: costs double
        "447700900004",  # a temporary failure, then delivered
        *[f"+4477{index:08d}" for index in range(100, 120)],
        "+11234567",  # no country has it: rejected at once, never charged
        *_numbers(3),  # the same numbers again
    ]
    common = {"sender": "Acme", "content": "Doors open at 7", "tag": "t", "validity": 60}
    batch = api.call("POST", "/batch/send", body={**common, "destinations": destinations})
    assert batch.status_code == 201
    in_batch = api.call("GET", f"/batch/{batch.json()['batchid']}").json()
    singles = []
    for destination in destinations:
        sent = api.call("POST", "/message/send", body={**common, "destination": destination})
        assert sent.status_code == 201, sent.text
        singles.append(api.message(sent.json()["messageid"]))

    def comparable(message: dict[str, object]) -> dict[str, object]:
        return {
            key: value
            for key, value in message.items()
            if key not in ("messageid", "id", "batchid")
        }

    assert len(in_batch) == len(destinations)
    assert [comparable(message) for message in in_batch] == [
        comparable(message) for message in singles
    ]
    api.advance(3600)
    after_batch = api.call("GET", f"/batch/{batch.json()['batchid']}").json()
    after_singles = [api.message(message["messageid"]) for message in singles]
    assert [comparable(message) for message in after_batch] == [
        comparable(message) for message in after_singles
    ]
