"""Credits: exact arithmetic, 402 without going negative, refunds."""

from __future__ import annotations

from .conftest import Api


def test_new_customer_starts_with_the_initial_balance(api: Api) -> None:
    assert api.balance("newcomer") == 100.0


def test_credits_fall_by_exactly_credits_used(api: Api) -> None:
    sent = api.send(content="x" * 161).json()  # two GSM parts
    assert sent["creditsUsed"] == 2.0
    assert sent["messageparts"] == 2
    assert sent["credits"] == 98.0
    assert api.balance() == 98.0
    abroad = api.send(destination="+33612345678").json()  # non-UK: double
    assert abroad["creditsUsed"] == 2.0
    assert api.balance() == 96.0


def test_402_when_the_balance_cannot_pay_and_nothing_is_taken(api: Api) -> None:
    api.http.put("/_emulator/customers/alice/balance", json={"credits": 1.5})
    refused = api.send(content="x" * 161)
    assert refused.status_code == 402
    body = refused.json()
    assert body["errorCode"] == 402
    assert body["permanent"] is True
    assert "Insufficient credits" in body["message"]
    assert api.balance() == 1.5
    assert api.send().status_code == 201
    assert api.balance() == 0.5
    assert api.send().status_code == 402
    assert api.balance() == 0.5


def test_balances_are_per_customer(api: Api) -> None:
    api.send("alice")
    assert api.balance("alice") == 99.0
    assert api.balance("bob") == 100.0
