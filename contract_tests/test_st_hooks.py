"""The hooks turn any spec-valid body into one the service accepts, and leave valid fields alone."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from contract_tests.st_hooks import repair_valid_body
from smsworks_emulator.rules.numbers import normalise_destination, validate_sender

anything = st.one_of(st.none(), st.text(), st.integers(), st.booleans())


@given(destination=anything, sender=anything, content=st.text(max_size=3000), ttl=st.integers())
def test_a_repaired_message_has_a_destination_sender_and_content(
    destination: Any, sender: Any, content: str, ttl: int
) -> None:
    body = {"destination": destination, "sender": sender, "content": content, "ttl": ttl}
    repaired = repair_valid_body("POST /message/send", body)
    normalise_destination(repaired["destination"])
    validate_sender(repaired["sender"])
    assert 1 <= len(repaired["content"]) <= 1280
    assert "schedule" not in repaired


def test_valid_fields_are_kept() -> None:
    body = {"destination": "447712345678", "sender": "Shop", "content": "Hi", "tag": "t"}
    assert repair_valid_body("POST /message/send", dict(body)) == body


def test_a_schedule_operation_gets_a_future_schedule() -> None:
    body = {"destinations": [], "sender": "", "content": "", "schedule": "Wed Jul 19 2017"}
    repaired = repair_valid_body("POST /batch/schedule", body)
    assert repaired["schedule"] > "2030"
    assert len(repaired["destinations"]) == 1


def test_a_query_loses_unknown_status_and_unreadable_dates() -> None:
    body = {"status": "LOST", "from": "yesterday", "to": "2024-01-01T00:00:00Z", "limit": 5}
    assert repair_valid_body("POST /messages", body) == {"to": "2024-01-01T00:00:00Z", "limit": 5}


def test_otp_metadata_is_kept_under_the_services_limit_as_the_service_measures_it() -> None:
    from smsworks_emulator.service.otp import MAX_METADATA_BYTES, metadata_json

    # 300 "é": 600 bytes as Python prints them, 1,800 as JSON escapes them: over the limit.
    too_big = {"note": "é" * 300}
    repaired = repair_valid_body(
        "POST /otp/send", {"destination": "447777777777", "metadata": too_big}
    )
    assert len(metadata_json(repaired["metadata"]).encode()) <= MAX_METADATA_BYTES
    small = {"cart": "XYZ789"}
    kept = repair_valid_body("POST /otp/send", {"destination": "447777777777", "metadata": small})
    assert kept["metadata"] == small
