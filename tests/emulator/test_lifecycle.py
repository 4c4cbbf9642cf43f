"""Each magic destination through the API, with the controlled clock."""

from __future__ import annotations

from typing import Any

from .conftest import Api


def _sent(api: Api, destination: str, **fields: Any) -> str:
    response = api.send(destination=destination, **fields)
    assert response.status_code == 201, response.text
    messageid: str = response.json()["messageid"]
    return messageid


def test_ordinary_number_is_delivered_after_the_delay(api: Api) -> None:
    messageid = _sent(api, "447777777777")
    api.advance(1.9)
    assert api.message(messageid)["status"] == "SENT"
    api.advance(0.1)
    message = api.message(messageid)
    assert message["status"] == "DELIVERED"
    assert "failurereason" not in message
    assert api.balance() == 99.0


def test_undeliverable_is_permanent_and_refunded(api: Api) -> None:
    messageid = _sent(api, "447700900001")
    assert api.balance() == 99.0
    api.advance(2)
    message = api.message(messageid)
    assert message["status"] == "UNDELIVERABLE"
    assert message["failurereason"]["permanent"] is True
    assert message["credits"] == 0
    assert api.balance() == 100.0


def test_rejected_is_never_charged(api: Api) -> None:
    response = api.send(destination="447700900002")
    assert response.json()["status"] == "REJECTED"
    assert response.json()["creditsUsed"] == 0
    assert api.balance() == 100.0
    message = api.message(response.json()["messageid"])
    assert message["failurereason"]["permanent"] is True


def test_expiring_number_expires_after_validity_and_is_refunded(api: Api) -> None:
    messageid = _sent(api, "447700900003", validity=5)
    api.advance(5 * 60 - 1)
    assert api.message(messageid)["status"] == "SENT"
    api.advance(1)
    assert api.message(messageid)["status"] == "EXPIRED"
    assert api.balance() == 100.0


def test_temporary_failure_stays_sent_then_delivers(api: Api) -> None:
    messageid = _sent(api, "447700900004")
    api.advance(2)
    message = api.message(messageid)
    assert message["status"] == "SENT"
    assert message["failurereason"]["permanent"] is False
    api.advance(2)
    assert api.message(messageid)["status"] == "DELIVERED"
    assert api.balance() == 99.0


def test_slow_delivery_takes_ten_times_the_delay(api: Api) -> None:
    messageid = _sent(api, "447700900005")
    api.advance(19)
    assert api.message(messageid)["status"] == "SENT"
    api.advance(1)
    assert api.message(messageid)["status"] == "DELIVERED"


def test_ttl_deletes_the_delivery_report(api: Api) -> None:
    messageid = _sent(api, "447777777777", ttl=1)
    api.advance(2)
    assert api.message(messageid)["status"] == "DELIVERED"
    api.advance(60)
    assert api.call("GET", f"/messages/{messageid}").status_code == 404


def test_one_big_jump_applies_changes_in_time_order(api: Api) -> None:
    temporary = _sent(api, "447700900004")
    undeliverable = _sent(api, "447700900001")
    api.advance(3600)
    assert api.message(temporary)["status"] == "DELIVERED"
    assert api.message(undeliverable)["status"] == "UNDELIVERABLE"


def test_thousands_of_deliveries_due_at_once_are_all_applied(api: Api) -> None:
    # More than one pass of due work (1000 events each), including refunds in the same passes.
    destinations = [f"4479{n:08d}" for n in range(2400)] + ["447700900001"] * 100
    api.http.put("/_emulator/customers/alice/balance", json={"credits": 2500})
    body = {"sender": "Acme", "content": "hello", "destinations": destinations}
    assert api.call("POST", "/batch/send", body=body).status_code == 201
    assert api.balance() == 0.0
    api.advance(2)
    outbox = api.http.get("/_emulator/outbox", params={"customer_id": "alice"}).json()
    statuses = [entry["status"] for entry in outbox]
    assert statuses.count("DELIVERED") == 2400
    assert statuses.count("UNDELIVERABLE") == 100
    assert api.balance() == 100.0  # the undeliverable ones, refunded
