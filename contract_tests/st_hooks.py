"""schemathesis hooks: make "valid" request bodies valid for the service, not only for the spec.

The spec declares phone numbers, sender ids, dates, binary content and passcodes as bare
``type: string``, so data that fits the spec includes ``"destination": "\\x00"``; the service
(and the emulator) answer 400, and schemathesis' ``positive_data_acceptance`` check would call
that a bug. These hooks repair only the fields the spec cannot constrain, and only in bodies
generated as valid; negative bodies reach the service untouched.

Loaded by the pytest suite on import and by ``st run`` through ``hooks`` in schemathesis.toml.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import schemathesis
from schemathesis.core.parameters import ParameterLocation

from smsworks_emulator.rules.dates import DateError, parse_schedule
from smsworks_emulator.rules.numbers import NumberError, normalise_destination, validate_sender
from smsworks_emulator.rules.segments import ContentError, segment_binary, segment_text
from smsworks_emulator.service.otp import MAX_METADATA_BYTES, metadata_json

# The real limits the vendor documents in prose only.
MAX_TAG_CHARACTERS = 280
FALLBACK_SENDER = "SmsWorks"
MESSAGE_STATUSES = ("SENT", "DELIVERED", "EXPIRED", "UNDELIVERABLE", "REJECTED", "INCOMING")
# In the future even after the schedule properties have moved the emulator's clock weeks ahead.
SCHEDULE_AHEAD = timedelta(days=3650)

Body = dict[str, Any]


def _destination(value: object) -> str:
    """``value`` if the service takes it as a destination, else a UK mobile derived from it."""
    if isinstance(value, str):
        try:
            normalise_destination(value)
        except NumberError:
            pass
        else:
            return value
        # In sandbox runs with sending allowed, valid data may text only the one test number.
    override = os.environ.get("SMSWORKS_TEST_DESTINATION", "").strip()
    if override:
        return override
    digest = zlib.crc32(repr(value).encode())
    # 07700 900xxx is Ofcom's drama range, which the emulator reserves for forced outcomes.
    return f"4477{digest % 10**8:08d}".replace("447700900", "447700901")


def _sender(value: object) -> str:
    if isinstance(value, str):
        try:
            return validate_sender(value) and value
        except NumberError:
            pass
    return FALLBACK_SENDER


def _text(value: object) -> str:
    if not isinstance(value, str) or not value:
        return "Hello from the contract suite"
    text = value
    while text:
        try:
            segment_text(text)
            return text
        except ContentError:
            # Too long (the 1280-character cap is prose in the spec): keep the head.
            text = text[: max(1, len(text) // 2)]
    return "Hello from the contract suite"


def _hex(value: object) -> str:
    if isinstance(value, str) and value:
        try:
            segment_binary(value)
            return value
        except ContentError:
            pass
    return "48656c6c6f"


def _future_schedule() -> str:
    return (datetime.now(UTC) + SCHEDULE_AHEAD).replace(microsecond=0).isoformat()


def _drop_unparsable_date(body: Body, name: str) -> None:
    value = body.get(name)
    if value is None:
        return
    try:
        parse_schedule(value, field=name) if isinstance(value, str) else None
    except DateError:
        del body[name]
    else:
        if not isinstance(value, str):
            del body[name]


def _repair_message(body: Body, *, binary: bool = False, scheduled: bool = False) -> None:
    body["destination"] = _destination(body.get("destination"))
    body["sender"] = _sender(body.get("sender"))
    body["content"] = _hex(body.get("content")) if binary else _text(body.get("content"))
    _repair_common(body, scheduled=scheduled)


def _repair_batch(body: Body, *, scheduled: bool = False) -> None:
    destinations = body.get("destinations")
    if not isinstance(destinations, list) or not destinations:
        destinations = [None]
    body["destinations"] = [_destination(item) for item in destinations]
    body["sender"] = _sender(body.get("sender"))
    body["content"] = _text(body.get("content"))
    _repair_common(body, scheduled=scheduled)


def _repair_common(body: Body, *, scheduled: bool) -> None:
    # A delivery-report URL would make the service POST to a host this machine cannot reach.
    body.pop("deliveryreporturl", None)
    # Addresses for replies need a Reply Number on the account, which a test account lacks.
    body.pop("responseemail", None)
    if isinstance(body.get("tag"), str):
        body["tag"] = body["tag"][:MAX_TAG_CHARACTERS]
    if isinstance(body.get("ttl"), int) and body["ttl"] < 1:
        body["ttl"] = 1
    if scheduled:
        body["schedule"] = _future_schedule()
    else:
        # Only the schedule operations read it; elsewhere an odd value proves nothing.
        body.pop("schedule", None)


def _repair_query(body: Body) -> None:
    # The description lists the statuses a query may name; the schema does not make it an enum.
    if "status" in body and body["status"] not in MESSAGE_STATUSES:
        del body["status"]
    for name in ("from", "to"):
        _drop_unparsable_date(body, name)
    for name in ("destination", "sender"):
        value = body.get(name)
        if value is None:
            continue
        try:
            if name == "destination":
                normalise_destination(value)
            else:
                validate_sender(value)
        except NumberError:
            del body[name]


def _repair_otp(body: Body) -> None:
    body["destination"] = _destination(body.get("destination"))
    if "sender" in body:
        body["sender"] = _sender(body.get("sender"))
    length = body.get("length")
    passcode = body.get("passcode")
    if passcode is not None and not (
        isinstance(passcode, str)
        and passcode.isascii()
        and passcode.isdigit()
        and len(passcode) == (length if isinstance(length, int) else len(passcode))
        and 4 <= len(passcode) <= 10
    ):
        del body["passcode"]
    template = body.get("template")
    if template is not None and not (
        isinstance(template, str) and "{{passcode}}" in template and _text(template) == template
    ):
        body["template"] = "Your code is {{passcode}}"
    metadata = body.get("metadata")
    # Measured as the service measures it (compact JSON, UTF-8), not as Python prints it.
    if metadata is not None and len(metadata_json(metadata).encode()) > MAX_METADATA_BYTES:
        body["metadata"] = {"repaired": True}


def _repair_any_batch(body: Any) -> Any:
    if not isinstance(body, list):
        return body
    repaired = []
    for message in body:
        if isinstance(message, dict):
            _repair_message(message)
        repaired.append(message)
    return repaired


_DICT_REPAIRS: dict[str, Callable[[Body], None]] = {
    "POST /message/send": _repair_message,
    "POST /message/flash": _repair_message,
    "POST /message/schedule": lambda body: _repair_message(body, scheduled=True),
    "POST /binary/send": lambda body: _repair_message(body, binary=True),
    "POST /batch/send": _repair_batch,
    "POST /batch/schedule": lambda body: _repair_batch(body, scheduled=True),
    "POST /messages": _repair_query,
    "POST /messages/inbox": _repair_query,
    "POST /messages/failed": _repair_query,
    "POST /otp/send": _repair_otp,
}


def repair_valid_body(label: str, body: Any) -> Any:
    """The body of operation ``label`` made acceptable to the service; public for the tests."""
    if label == "POST /batch/any":
        return _repair_any_batch(body)
    repair = _DICT_REPAIRS.get(label)
    if repair is not None and isinstance(body, dict):
        repair(body)
    return body


@schemathesis.hook
def before_add_examples(
    context: schemathesis.HookContext, examples: list[schemathesis.Case[Any]]
) -> None:
    # The spec's own examples are valid by definition, yet several would be refused as they stand
    # (dates in the past, a Sunday that was a Thursday, a destination without its country code):
    # see contract_tests/FINDINGS.md. They get the same repair as generated valid bodies.
    for case in examples:
        if isinstance(case.body, dict | list):
            case.body = repair_valid_body(case.operation.label, case.body)


@schemathesis.hook
def map_case(
    context: schemathesis.HookContext, case: schemathesis.Case[Any]
) -> schemathesis.Case[Any]:
    meta = case.meta
    if meta is None or meta.is_negative_at(ParameterLocation.BODY):
        return case
    if isinstance(case.body, dict | list):
        case.body = repair_valid_body(case.operation.label, case.body)
    return case
