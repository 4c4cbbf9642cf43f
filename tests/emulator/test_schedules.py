"""Scheduled messages and batches with the controlled clock."""

from __future__ import annotations

from datetime import timedelta

from smsworks_emulator.rules.dates import format_iso

from .conftest import Api


def _in(api: Api, seconds: float) -> str:
    return format_iso(api.app.state.emulator.clock.now() + timedelta(seconds=seconds))


def _javascript_text(api: Api, seconds: float) -> str:
    moment = api.app.state.emulator.clock.now() + timedelta(seconds=seconds)
    text: str = moment.strftime("%a %b %d %Y %H:%M:%S GMT+0000 (Coordinated Universal Time)")
    return text


def test_schedule_fires_on_the_clock(api: Api) -> None:
    response = api.call(
        "POST", "/message/schedule", body={"sender": "Acme", "destination": "447777777777", "content": "later",
                                           "schedule": _javascript_text(api, 60)},
    )  # fmt: skip
    assert response.status_code == 200, response.text
    (scheduled,) = response.json()
    assert scheduled["status"] == "SCHEDULED"
    assert api.balance() == 99.0  # paid when scheduled
    assert api.call("GET", f"/messages/{scheduled['messageid']}").status_code == 404
    api.advance(60)
    message = api.message(scheduled["messageid"])
    assert message["status"] == "SENT"
    assert message["content"] == "later"
    listing = api.call("GET", "/messages/schedule").json()
    assert listing[0]["status"] == "PROCESSED"
    assert listing[0]["message"]["destination"] == "447777777777"


def test_cancelled_schedule_never_sends_and_is_refunded(api: Api) -> None:
    body = {
        "sender": "Acme",
        "destination": "447777777777",
        "content": "x",
        "schedule": _in(api, 60),
    }
    (scheduled,) = api.call("POST", "/message/schedule", body=body).json()
    cancelled = api.call("DELETE", f"/messages/schedule/{scheduled['messageid']}")
    assert cancelled.json() == {"messageid": scheduled["messageid"], "status": "CANCELLED"}
    assert api.balance() == 100.0
    api.advance(120)
    assert api.call("GET", f"/messages/{scheduled['messageid']}").status_code == 404
    assert api.call("GET", "/messages/schedule").json()[0]["status"] == "CANCELLED"
    again = api.call("DELETE", f"/messages/schedule/{scheduled['messageid']}")
    assert again.status_code == 409


def test_cancel_after_sending_is_409(api: Api) -> None:
    body = {
        "sender": "Acme",
        "destination": "447777777777",
        "content": "x",
        "schedule": _in(api, 10),
    }
    (scheduled,) = api.call("POST", "/message/schedule", body=body).json()
    api.advance(10)
    assert api.call("DELETE", f"/messages/schedule/{scheduled['messageid']}").status_code == 409


def test_past_missing_or_unreadable_schedules_are_400(api: Api) -> None:
    base = {"sender": "Acme", "destination": "447777777777", "content": "x"}
    for schedule in (None, "yesterday", _in(api, -1), "Wed Jul 19 2017 20:26:28 GMT+0100 (BST)"):
        body = base if schedule is None else {**base, "schedule": schedule}
        response = api.call("POST", "/message/schedule", body=body)
        assert response.status_code == 400, schedule
        assert response.json()["message"].startswith("schedule:")
    assert api.balance() == 100.0


def test_scheduled_batch_fires_as_a_batch_and_can_be_cancelled(api: Api) -> None:
    body = {"sender": "Acme", "destinations": ["447777777771", "447777777772"], "content": "hi",
            "schedule": _in(api, 30)}  # fmt: skip
    created = api.call("POST", "/batch/schedule", body=body)
    assert created.status_code == 201
    batchid = created.json()["batchid"]
    assert api.balance() == 98.0
    api.advance(30)
    messages = api.call("GET", f"/batch/{batchid}").json()
    assert sorted(message["destination"] for message in messages) == [
        "447777777771",
        "447777777772",
    ]
    other = api.call("POST", "/batch/schedule", body={**body, "schedule": _in(api, 30)}).json()[
        "batchid"
    ]
    assert api.call("DELETE", f"/batches/schedule/{other}", "bob").status_code == 404
    assert api.call("DELETE", f"/batches/schedule/{other}").json()["status"] == "CANCELLED"
    assert api.balance() == 98.0
    listing = api.call("GET", "/messages/schedule").json()
    assert {item["id"]: item["status"] for item in listing} == {
        batchid: "PROCESSED",
        other: "CANCELLED",
    }
    assert all(item["batch"] for item in listing)


def test_schedules_are_private(api: Api) -> None:
    body = {
        "sender": "Acme",
        "destination": "447777777777",
        "content": "x",
        "schedule": _in(api, 60),
    }
    (scheduled,) = api.call("POST", "/message/schedule", body=body).json()
    assert api.call("GET", "/messages/schedule", "bob").json() == []
    assert (
        api.call("DELETE", f"/messages/schedule/{scheduled['messageid']}", "bob").status_code == 404
    )
