"""The /_emulator control endpoints."""

from __future__ import annotations

from .conftest import PROGRAM, Api, make_settings


def test_clock_reads_advances_and_sets(api: Api) -> None:
    clock = api.http.get("/_emulator/clock").json()
    assert clock["mode"] == "controlled"
    moved = api.http.post("/_emulator/clock", json={"set": "2027-01-01T00:00:00Z"}).json()
    assert moved == {"now": "2027-01-01T00:00:00.000Z"}
    assert (
        api.http.post("/_emulator/clock", json={"advance_seconds": 1.5}).json()["now"]
        == "2027-01-01T00:00:01.500Z"
    )
    assert api.http.post("/_emulator/clock", json={"advance_seconds": -1}).status_code == 400
    assert (
        api.http.post("/_emulator/clock", json={"set": "2020-01-01T00:00:00Z"}).status_code == 400
    )
    assert (
        api.http.post("/_emulator/clock", json={"set": "soon"}).json()["message"].startswith("set:")
    )
    assert api.http.post("/_emulator/clock", json={}).status_code == 400


def test_real_clock_cannot_be_moved() -> None:
    api = Api(make_settings(clock="real"))
    assert api.http.get("/_emulator/clock").json()["mode"] == "real"
    assert api.http.post("/_emulator/clock", json={"advance_seconds": 1}).status_code == 409


def test_tokens_endpoint_issues_working_tokens(api: Api) -> None:
    issued = api.http.post(
        "/_emulator/tokens", json={"customer_id": "dave", "ttl_seconds": 60}
    ).json()
    assert issued["customer_id"] == "dave"
    assert issued["token"].startswith("JWT ")
    test = api.http.get("/v1/utils/test", headers={"Authorization": issued["token"]})
    assert test.json() == {"message": "dave"}
    assert api.http.post("/_emulator/tokens", json={}).json()["message"].startswith("customer_id:")
    assert (
        api.http.post("/_emulator/tokens", json={"customer_id": "d", "ttl_seconds": 0}).status_code
        == 400
    )


def test_balance_and_report_url(api: Api) -> None:
    assert api.http.put("/_emulator/customers/erin/balance", json={"credits": 7.5}).json() == {
        "customer_id": "erin",
        "credits": 7.5,
    }
    assert api.balance("erin") == 7.5
    assert (
        api.http.put("/_emulator/customers/erin/balance", json={"credits": -1}).status_code == 400
    )
    url = api.http.put(
        "/_emulator/customers/erin/delivery-report-url", json={"url": "http://127.0.0.1:9/x"}
    )
    assert url.json() == {"customer_id": "erin", "url": "http://127.0.0.1:9/x"}
    bad = api.http.put("/_emulator/customers/erin/delivery-report-url", json={"url": "mailto:x"})
    assert bad.status_code == 400


def test_outbox_shows_segments_and_credits(api: Api) -> None:
    api.send("alice", content="€" * 3)
    api.send("bob", content="ü" + "é" * 70)  # letters of the GSM alphabet: still GSM-7
    api.send("bob", content="\u03b1" * 71)  # not GSM: UCS-2, 71 > 70 so two parts
    (alice,) = api.http.get("/_emulator/outbox", params={"customer_id": "alice"}).json()
    assert (alice["encoding"], alice["parts"], alice["credits"]) == ("GSM-7", 1, 1.0)
    bob = api.http.get("/_emulator/outbox", params={"customer_id": "bob"}).json()
    assert [(entry["encoding"], entry["parts"]) for entry in bob] == [("GSM-7", 1), ("UCS-2", 2)]
    assert len(api.http.get("/_emulator/outbox").json()) == 3


def test_admin_key_guards_every_control_endpoint() -> None:
    api = Api(make_settings(admin_key="sesame"))
    assert api.http.post("/_emulator/reset", headers=PROGRAM).status_code == 401
    assert (
        api.http.get("/_emulator/outbox", headers={"X-Emulator-Admin-Key": "wrong"}).status_code
        == 401
    )
    assert (
        api.http.get("/_emulator/outbox", headers={"X-Emulator-Admin-Key": "sesame"}).status_code
        == 200
    )
