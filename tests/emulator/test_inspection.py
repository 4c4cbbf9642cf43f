"""The read-only control endpoints the web inbox reads, and the page's own files."""

from __future__ import annotations

from .conftest import Api, make_settings


def test_customers_lists_each_with_balance_and_counts(api: Api) -> None:
    assert api.http.get("/_emulator/customers").json() == []
    api.send("alice")
    api.send("alice")
    api.send("bob")
    api.http.post(
        "/_emulator/inbound",
        json={"customer_id": "bob", "from": "447700900999", "to": "447700900000", "content": "hi"},
    )
    found = api.http.get("/_emulator/customers").json()
    summary = [(c["customer_id"], c["credits"], c["sent"], c["received"]) for c in found]
    assert summary == [("alice", 98.0, 2, 0), ("bob", 99.0, 1, 1)]


def test_balance_reads_back_what_was_set_and_404s_for_a_stranger(api: Api) -> None:
    api.send("alice")
    assert api.http.get("/_emulator/customers/alice/balance").json() == {
        "customer_id": "alice",
        "credits": 99.0,
    }
    api.http.put("/_emulator/customers/alice/balance", json={"credits": 12.5})
    assert api.http.get("/_emulator/customers/alice/balance").json()["credits"] == 12.5
    stranger = api.http.get("/_emulator/customers/nobody/balance")
    assert stranger.status_code == 404
    assert stranger.json()["message"].startswith("customer_id:")


def test_status_history_lists_every_change_oldest_first(api: Api) -> None:
    temporary_then_delivered = api.send(destination="447700900004").json()["messageid"]
    rejected = api.send(destination="447700900002").json()["messageid"]
    api.advance(10)
    entries = {e["messageid"]: e for e in api.http.get("/_emulator/outbox").json()}
    steps = entries[temporary_then_delivered]["history"]
    assert [step["status"] for step in steps] == ["SENT", "SENT", "DELIVERED"]
    assert steps[1]["failurereason"] == {
        "code": 27,
        "details": "Absent subscriber",
        "permanent": False,
    }
    assert steps[0]["at"] < steps[1]["at"] < steps[2]["at"]
    (born_rejected,) = entries[rejected]["history"]
    assert born_rejected["status"] == "REJECTED"
    assert born_rejected["failurereason"]["permanent"] is True


def test_deleting_a_message_deletes_its_history(api: Api) -> None:
    messageid = api.send().json()["messageid"]
    api.advance(10)
    assert api.call("DELETE", f"/messages/{messageid}").status_code == 200
    with api.emulator.emulator.store.reading() as repository:
        assert repository.status_history([messageid]) == []


def test_limit_keeps_the_newest_in_oldest_first_order(api: Api) -> None:
    for content in ("one", "two", "three"):
        api.send(content=content)
    newest = api.http.get("/_emulator/outbox", params={"limit": 2}).json()
    assert [entry["content"] for entry in newest] == ["two", "three"]
    for bad in ("0", "-1", "x", "10001"):
        refused = api.http.get("/_emulator/outbox", params={"limit": bad})
        assert refused.status_code == 400
        assert refused.json()["message"].startswith("limit:")


def test_inbound_and_otps_are_listed_per_customer(api: Api) -> None:
    for customer, content in (("alice", "STOP"), ("bob", "YES please")):
        injected = api.http.post(
            "/_emulator/inbound",
            json={"customer_id": customer, "from": "447700900999", "to": "447700900000",
                  "content": content},
        )  # fmt: skip
        assert injected.status_code == 201
    inbound = api.http.get("/_emulator/inbound", params={"customer_id": "bob"}).json()
    assert [(m["content"], m["keyword"], m["unread"]) for m in inbound] == [
        ("YES please", "YES", True)
    ]
    sent = api.call("POST", "/otp/send", "alice", {"destination": "447700900300"}).json()
    otps = api.http.get("/_emulator/otps", params={"customer_id": "alice"}).json()
    assert [(o["messageid"], o["status"], o["failed_attempts"]) for o in otps] == [
        (sent["messageid"], "PENDING", 0)
    ]
    assert otps[0]["passcode"].isdigit()
    assert api.http.get("/_emulator/otps", params={"customer_id": "bob"}).json() == []


def test_the_read_endpoints_need_the_admin_key_and_the_page_does_not() -> None:
    api = Api(make_settings(admin_key="sesame"))
    for path in ("/_emulator/customers", "/_emulator/inbound", "/_emulator/otps",
                 "/_emulator/customers/alice/balance"):  # fmt: skip
        assert api.http.get(path).status_code == 401, path
        assert api.http.get(path, headers={"X-Emulator-Admin-Key": "sesame"}).status_code in (
            200,
            404,
        )
    page = api.http.get("/_emulator/ui")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "<script" in page.text


def test_the_page_serves_its_three_files_and_nothing_else(api: Api) -> None:
    for name, kind in (("app.js", "text/javascript"), ("app.css", "text/css")):
        response = api.http.get(f"/_emulator/ui/{name}")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(kind)
    assert api.http.get("/_emulator/ui/../control.py").status_code == 404
    assert api.http.get("/_emulator/ui/ui.py").status_code == 404
    slash = api.http.get("/_emulator/ui/", follow_redirects=False)
    assert slash.status_code == 308
    assert slash.headers["location"].endswith("/_emulator/ui")


def test_the_webhook_log_takes_a_limit_too(api: Api) -> None:
    api.http.put(
        "/_emulator/customers/alice/delivery-report-url", json={"url": "http://127.0.0.1:9/x"}
    )
    api.send()
    api.advance(10)  # the report fails (nothing listens on port 9) and is retried
    everything = api.http.get("/_emulator/webhooks").json()
    assert len(everything) >= 2
    newest = api.http.get("/_emulator/webhooks", params={"limit": 1}).json()
    assert newest == everything[-1:]
