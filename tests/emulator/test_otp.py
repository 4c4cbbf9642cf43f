"""OTP: passcodes, verify once, expiry, bounded failures, isolation."""

from __future__ import annotations

from typing import Any

from .conftest import Api


def _send(api: Api, customer: str = "alice", **fields: object) -> dict[str, Any]:
    response = api.call("POST", "/otp/send", customer, {"destination": "447777777777", **fields})
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


def test_generated_passcode_is_sent_in_the_template_and_charged(api: Api) -> None:
    sent = _send(api, template="Code: {{passcode}}", length=8)
    assert sent["creditsUsed"] == 1.0
    assert api.balance() == 99.0
    record = api.call("GET", f"/otp/{sent['messageid']}").json()
    assert len(record["passcode"]) == 8
    assert record["passcode"].isdigit()
    assert api.message(sent["messageid"])["content"] == f"Code: {record['passcode']}"


def test_verifies_once_then_never_again(api: Api) -> None:
    sent = _send(api, passcode="424242", metadata={"cart": "XYZ"})
    verified = api.call(
        "POST", "/otp/verify", body={"passcode": "424242", "messageid": sent["messageid"]}
    )
    assert verified.status_code == 200
    assert verified.json()["status"] == "VERIFIED"
    assert verified.json()["metadata"] == {"cart": "XYZ"}
    again = api.call(
        "POST", "/otp/verify", body={"passcode": "424242", "messageid": sent["messageid"]}
    )
    assert again.status_code == 409


def test_verify_without_messageid_finds_the_newest_otp_with_that_passcode(api: Api) -> None:
    _send(api, passcode="1111")
    assert api.call("POST", "/otp/verify", body={"passcode": "1111"}).json()["status"] == "VERIFIED"
    assert api.call("POST", "/otp/verify", body={"passcode": "9999"}).status_code == 404


def test_expired_after_validity_seconds(api: Api) -> None:
    sent = _send(api, passcode="2222", validity=30)
    api.advance(30)
    response = api.call(
        "POST", "/otp/verify", body={"passcode": "2222", "messageid": sent["messageid"]}
    )
    assert response.status_code == 200
    assert response.json()["status"] == "EXPIRED"
    assert api.call("GET", f"/otp/{sent['messageid']}").json()["status"] == "EXPIRED"


def test_wrong_passcodes_are_counted_and_lock_the_otp(api: Api) -> None:
    sent = _send(api, passcode="3333")
    for _ in range(api.settings.otp_max_failed_attempts):
        wrong = api.call(
            "POST", "/otp/verify", body={"passcode": "0000", "messageid": sent["messageid"]}
        )
        assert wrong.status_code == 400
        assert wrong.json()["message"].startswith("passcode:")
    right = api.call(
        "POST", "/otp/verify", body={"passcode": "3333", "messageid": sent["messageid"]}
    )
    assert right.status_code == 409


def test_unknown_and_other_customers_otps_are_404(api: Api) -> None:
    sent = _send(api)
    assert api.call("GET", f"/otp/{sent['messageid']}", "bob").status_code == 404
    assert (
        api.call(
            "POST", "/otp/verify", "bob", {"passcode": "1", "messageid": sent["messageid"]}
        ).status_code
        == 404
    )
    assert api.call("GET", "/otp/nope").status_code == 404


def test_bad_requests_name_the_field(api: Api) -> None:
    for fields, field in (
        ({"template": "no placeholder"}, "template"),
        ({"length": 3}, "length"),
        ({"metadata": {"blob": "x" * 1100}}, "metadata"),
        ({"passcode": "has space"}, "passcode"),
        ({"destination": "12"}, "destination"),
    ):
        response = api.call("POST", "/otp/send", body={"destination": "447777777777", **fields})
        assert response.status_code == 400, fields
        assert response.json()["message"].startswith(f"{field}:")
    api.http.put("/_emulator/customers/alice/balance", json={"credits": 0})
    assert api.call("POST", "/otp/send", body={"destination": "447777777777"}).status_code == 402
