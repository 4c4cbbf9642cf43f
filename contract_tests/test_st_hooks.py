"""The hooks change only what the test environment and the rules the spec cannot state require."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from contract_tests.st_hooks import repair_valid_body
from smsworks_emulator.rules.dates import parse_schedule
from smsworks_emulator.service.otp import MAX_METADATA_BYTES, metadata_json


@pytest.fixture(autouse=True)
def _no_sandbox_destination(monkeypatch: pytest.MonkeyPatch) -> None:
    """The hooks read SMSWORKS_TEST_DESTINATION; these tests of them must not depend on the run's."""
    monkeypatch.delenv("SMSWORKS_TEST_DESTINATION", raising=False)


def test_a_valid_message_is_kept_but_for_its_report_url_and_reply_addresses() -> None:
    body = {
        "destination": "447712345678",
        "sender": "Shop",
        "content": "Hi",
        "tag": "t",
        "schedule": "Wed Jul 19 2017 20:26:28 GMT+0100 (BST)",
        "deliveryreporturl": "https://example.invalid/report",
        "responseemail": ["someone@example.invalid"],
    }
    repaired = repair_valid_body("POST /message/send", dict(body))
    del body["deliveryreporturl"], body["responseemail"]
    assert repaired == body


def test_a_past_schedule_moves_into_the_future_and_a_far_one_stays() -> None:
    past = {"destinations": ["447712345678"], "sender": "S", "content": "x"}
    past["schedule"] = "Wed Jul 19 2017 20:26:28 GMT+0100 (BST)"
    repaired = repair_valid_body("POST /batch/schedule", past)
    assert parse_schedule(repaired["schedule"]) > datetime.now(UTC) + timedelta(days=365)
    far = "2999-01-01T00:00:00Z"
    kept = repair_valid_body("POST /message/schedule", {"schedule": far})
    assert kept["schedule"] == far


def test_queries_and_numbers_no_country_has_are_left_alone() -> None:
    # The spec admits them; the emulator sends them and they end REJECTED.
    query = {"destination": "+11234567", "status": "SENT", "limit": 5}
    assert repair_valid_body("POST /messages", dict(query)) == query
    message = {"destination": "+11234567", "sender": "S", "content": "x"}
    assert repair_valid_body("POST /message/send", dict(message)) == message


def test_otp_metadata_is_kept_under_the_services_limit_as_the_service_measures_it() -> None:
    # 300 "é": 600 bytes as Python prints them, 1,800 as JSON escapes them: over the limit.
    too_big = {"note": "é" * 300}
    repaired = repair_valid_body(
        "POST /otp/send", {"destination": "447777777777", "metadata": too_big}
    )
    assert len(metadata_json(repaired["metadata"]).encode()) <= MAX_METADATA_BYTES
    small = {"cart": "XYZ789"}
    kept = repair_valid_body("POST /otp/send", {"destination": "447777777777", "metadata": small})
    assert kept["metadata"] == small


def test_the_sandbox_destination_replaces_every_destination(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SMSWORKS_TEST_DESTINATION", "447700900123")
    body = [{"destination": "447712345678", "sender": "S", "content": "x"}]
    assert repair_valid_body("POST /batch/any", body)[0]["destination"] == "447700900123"
