"""schemathesis hooks: what a test environment adds to the spec's own rules.

The patched spec states every rule of the service that JSON Schema can say (see
docs/spec-rules.md), so data schemathesis generates as valid is valid for the service. These hooks
change bodies generated as valid for two reasons only, and leave negative bodies untouched:

- The test environment: no delivery-report URL (the service would POST to a host this machine
  cannot reach, or that belongs to someone else) and no reply e-mail addresses (they need a Reply
  Number the test account lacks); against the sandbox with sending allowed, every message goes to
  the one test destination (``SMSWORKS_TEST_DESTINATION``).
- The rules the spec cannot state, each enforced by emulator code and listed with its error in
  docs/spec-rules.md: a schedule in the past, OTP metadata over its byte limit. They are checked
  with the emulator's own functions and constants, never a copy.

Loaded by the pytest suite on import and by ``st run`` through ``hooks`` in schemathesis.toml.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import schemathesis
from schemathesis.core.parameters import ParameterLocation

from smsworks_emulator.rules.dates import DateError, parse_schedule
from smsworks_emulator.service.otp import MAX_METADATA_BYTES, metadata_json

# A schedule must still be in the future after the contract tests have moved the emulator's clock
# ahead (weeks at most); one kept at least this far ahead of the real clock is.
SCHEDULE_MARGIN = timedelta(days=400)
SCHEDULE_AHEAD = timedelta(days=3650)

Body = dict[str, Any]


def _destination(value: object) -> object:
    # In sandbox runs with sending allowed, valid data may text only the one test number.
    override = os.environ.get("SMSWORKS_TEST_DESTINATION", "").strip()
    return override or value


def _schedule(value: object) -> object:
    if isinstance(value, str):
        try:
            moment = parse_schedule(value)
        except DateError:
            # Not the hooks' business: the spec's pattern decides, and the check reports it.
            return value
        if moment >= datetime.now(UTC) + SCHEDULE_MARGIN:
            return value
    return (datetime.now(UTC) + SCHEDULE_AHEAD).replace(microsecond=0).isoformat()


def _environment(body: Body) -> None:
    body.pop("deliveryreporturl", None)
    body.pop("responseemail", None)


def _message(body: Body, *, scheduled: bool = False) -> None:
    _environment(body)
    if "destination" in body:
        body["destination"] = _destination(body["destination"])
    if scheduled and "schedule" in body:
        body["schedule"] = _schedule(body["schedule"])


def _batch(body: Body, *, scheduled: bool = False) -> None:
    _environment(body)
    destinations = body.get("destinations")
    if isinstance(destinations, list):
        body["destinations"] = [_destination(item) for item in destinations]
    if scheduled and "schedule" in body:
        body["schedule"] = _schedule(body["schedule"])


def _otp(body: Body) -> None:
    if "destination" in body:
        body["destination"] = _destination(body["destination"])
    metadata = body.get("metadata")
    # Measured as the service measures it (compact JSON, UTF-8), not as Python prints it.
    if metadata is not None and len(metadata_json(metadata).encode()) > MAX_METADATA_BYTES:
        body["metadata"] = {"repaired": True}


def _any_batch(body: Any) -> Any:
    if isinstance(body, list):
        for message in body:
            if isinstance(message, dict):
                _message(message)
    return body


_DICT_REPAIRS: dict[str, Callable[[Body], None]] = {
    "POST /message/send": _message,
    "POST /message/flash": _message,
    "POST /message/schedule": lambda body: _message(body, scheduled=True),
    "POST /binary/send": _message,
    "POST /batch/send": _batch,
    "POST /batch/schedule": lambda body: _batch(body, scheduled=True),
    "POST /otp/send": _otp,
}


def repair_valid_body(label: str, body: Any) -> Any:
    """The body of operation ``label`` made fit for the test environment; public for the tests."""
    if label == "POST /batch/any":
        return _any_batch(body)
    repair = _DICT_REPAIRS.get(label)
    if repair is not None and isinstance(body, dict):
        repair(body)
    return body


@schemathesis.hook
def map_case(
    context: schemathesis.HookContext, case: schemathesis.Case[Any]
) -> schemathesis.Case[Any]:
    meta = case.meta
    if meta is not None and meta.is_negative_at(ParameterLocation.BODY):
        return case
    if isinstance(case.body, dict | list):
        case.body = repair_valid_body(case.operation.label, case.body)
    return case


# The repository's own checks (declared statuses, run counts) load with the hooks.
from contract_tests import st_checks  # noqa: E402, F401
