"""Delivery reports POSTed to a real receiver on loopback, with retries."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from smsworks_emulator.cli import build_parser
from smsworks_emulator.rules.report_hosts import LOOPBACK, report_host_allowed
from smsworks_emulator.testing import report_receiver

from .conftest import Api, make_settings


def _log(api: Api, customer: str = "alice") -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = api.http.get(
        "/_emulator/webhooks", params={"customer_id": customer}
    ).json()
    return result


def test_report_posted_on_delivery_to_the_messages_url(api: Api) -> None:
    with report_receiver() as hook:
        messageid = api.send(deliveryreporturl=hook.url).json()["messageid"]
        api.advance(2)
        assert [report["status"] for report in hook.reports] == ["DELIVERED"]
        assert hook.reports[0] == api.message(messageid)
    (attempt,) = _log(api)
    assert (attempt["messageid"], attempt["attempt"], attempt["status_code"]) == (messageid, 1, 200)
    assert attempt["error"] is None


def test_customers_default_url_and_each_status_change(api: Api) -> None:
    with report_receiver() as hook:
        api.http.put("/_emulator/customers/alice/delivery-report-url", json={"url": hook.url})
        api.send(destination="447700900004")  # temporary failure, then delivered
        api.advance(10)
        statuses = [
            (report["status"], report.get("failurereason", {}).get("permanent"))
            for report in hook.reports
        ]
        assert statuses == [("SENT", False), ("DELIVERED", None)]
        api.send(destination="447700900002")  # rejected at once: reported at once
        api.advance(0)
        assert hook.reports[-1]["status"] == "REJECTED"


def test_failed_posts_are_retried_with_backoff_then_succeed(api: Api) -> None:
    with report_receiver([500, 503, 200]) as hook:
        api.send(deliveryreporturl=hook.url)
        api.advance(2)
        assert len(hook.reports) == 1
        api.advance(1)  # first retry after 1 s
        assert len(hook.reports) == 2
        api.advance(1.9)  # second retry after 2 s more
        assert len(hook.reports) == 2
        api.advance(0.1)
        assert len(hook.reports) == 3
    log = _log(api)
    assert [(entry["attempt"], entry["status_code"]) for entry in log] == [
        (1, 500),
        (2, 503),
        (3, 200),
    ]
    assert log[0]["error"] == "HTTP 500"


def test_a_receiver_that_is_down_is_given_up_after_the_bounded_attempts(api: Api) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead_url = f"http://127.0.0.1:{probe.getsockname()[1]}/nobody"
    api.send(deliveryreporturl=dead_url)
    api.advance(3600)
    log = _log(api)
    assert [entry["attempt"] for entry in log] == list(
        range(1, api.settings.webhook_max_attempts + 1)
    )
    assert all(entry["status_code"] is None and entry["error"] for entry in log)
    assert log[-1]["at"] > log[0]["at"]


def test_ttl_stops_retries() -> None:
    api = Api(make_settings(webhook_backoff_seconds=30))
    with report_receiver([500]) as hook:
        api.send(deliveryreporturl=hook.url, ttl=1)  # report deleted a minute after delivery
        api.send(deliveryreporturl=hook.url, content="no ttl")
        api.advance(3600)
    log = _log(api)
    by_content: dict[str, list[int]] = {}
    for entry in log:
        by_content.setdefault(entry["payload"]["content"], []).append(entry["attempt"])
    # Retries 30 s and then 60 s more after delivery: only the first retry fits in the minute.
    assert by_content == {"hello": [1, 2], "no ttl": [1, 2, 3, 4, 5]}


def test_no_url_no_report(api: Api) -> None:
    api.send()
    api.advance(10)
    assert _log(api) == []


def test_a_test_emulator_sends_reports_to_loopback_only_and_records_the_rest_as_refused(
    api: Api,
) -> None:
    assert api.settings.webhook_hosts == frozenset({LOOPBACK})
    with report_receiver() as hook:
        api.send(deliveryreporturl="https://example.com/report")
        api.send(deliveryreporturl=hook.url.replace("127.0.0.1", "localhost"))
        api.advance(3600)  # every retry a refusal could have had
        assert [report["status"] for report in hook.reports] == ["DELIVERED"]
    by_url = {entry["url"]: entry for entry in _log(api)}
    assert len(by_url) == 2, _log(api)
    refused = by_url.pop("https://example.com/report")
    (delivered,) = by_url.values()
    assert (refused["attempt"], refused["status_code"]) == (1, None)
    assert refused["error"] == "not sent: host not in webhook_hosts (loopback)"
    assert delivered["status_code"] == 200


def test_any_host_when_no_list_is_given_and_named_hosts_when_one_is() -> None:
    assert report_host_allowed("https://example.com/r", None)
    assert not report_host_allowed("https://example.com/r", {LOOPBACK})
    for url in (
        "http://127.0.0.1:9/r",
        "http://127.8.0.1/r",
        "http://[::1]:80/r",
        "http://LOCALHOST/r",
    ):
        assert report_host_allowed(url, {LOOPBACK}), url
    assert not report_host_allowed("http://127.0.0.1.example.com/r", {LOOPBACK})
    assert report_host_allowed("http://app:8000/hook", {"app", LOOPBACK})
    assert not report_host_allowed("http://app.evil/hook", {"app"})


def test_serve_takes_the_list_from_webhook_host() -> None:
    args = build_parser().parse_args(
        ["serve", "--webhook-host", "loopback", "--webhook-host", "App"]
    )
    assert args.webhook_hosts == ["loopback", "App"]
    assert build_parser().parse_args(["serve"]).webhook_hosts is None
    with pytest.raises(ValueError, match="webhook_hosts"):
        make_settings(webhook_hosts={"app"})  # a set is mutable: frozenset only
