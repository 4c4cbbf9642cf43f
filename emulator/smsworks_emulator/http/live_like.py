"""The live-like wire form: API answers as the live service is likely to send them.

``EmulatorSettings(wire="live-like")`` (``serve --wire live-like``) passes every API answer
through :meth:`LiveLike.answer`, and answers a request body that fails validation with the
framework's 400 body (:meth:`LiveLike.validation_errors`). What each variant changes, and where,
is read from the spec's root ``x-smsworks-wire-variants`` (overlays/62-wire-variants.yaml); this
module holds only one transformation per variant name (:data:`TRANSFORMS`). Control endpoints
never come here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from smsworks_emulator.http.spec import Operation, PathParameter, Spec, describe

VARIANTS_KEY = "x-smsworks-wire-variants"

MAX_SAFE_INTEGER = 2**53 - 1
"""The largest integer a JavaScript number holds exactly (``Number.MAX_SAFE_INTEGER``)."""

MAX_VALIDATION_ERRORS = 50
"""At most this many failures are listed in one 400 body (a 5000-message batch may have more)."""

VALIDATION_MESSAGE = "Validation errors"

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_CLOCK_ZONE = "GMT+0000 (Coordinated Universal Time)"
"""The emulator's clock runs in UTC; this is how Node names that zone in ``Date.toString()``."""

# z-schema's codes (the validator under swagger-node) for the JSON Schema keywords.
_CODES = {
    "required": "OBJECT_MISSING_REQUIRED_PROPERTY",
    "type": "INVALID_TYPE",
    "maxLength": "MAX_LENGTH",
    "minLength": "MIN_LENGTH",
    "maximum": "MAXIMUM",
    "minimum": "MINIMUM",
    "pattern": "PATTERN",
    "enum": "ENUM_MISMATCH",
    "maxItems": "ARRAY_LENGTH_LONG",
    "minItems": "ARRAY_LENGTH_SHORT",
    "additionalProperties": "OBJECT_ADDITIONAL_PROPERTIES",
    "anyOf": "ANY_OF_MISSING",
    "oneOf": "ONE_OF_MISSING",
}


@dataclass(frozen=True)
class Variant:
    """One entry of ``x-smsworks-wire-variants``, as far as the transformations need it."""

    name: str
    fields: Mapping[str, tuple[str, ...]]
    """``at``: schema name to the properties the variant concerns."""
    operations: tuple[str, ...]
    statuses: Mapping[str, int]
    """operationId to the status the live service answers with."""


def read_variants(document: Mapping[str, Any]) -> dict[str, Variant]:
    """The variants of the spec's table, by name."""
    variants: dict[str, Variant] = {}
    for raw in document.get(VARIANTS_KEY, []):
        fields: dict[str, list[str]] = {}
        for location in raw.get("at", []):
            schema, _, prop = str(location).partition(".")
            fields.setdefault(schema, []).append(prop)
        statuses = {
            str(operation_id): int(codes[0])
            for operation_id, codes in (raw.get("statuses") or {}).items()
            if codes
        }
        variants[str(raw["name"])] = Variant(
            name=str(raw["name"]),
            fields={schema: tuple(props) for schema, props in fields.items()},
            operations=tuple(str(name) for name in raw.get("operations", [])),
            statuses=statuses,
        )
    return variants


# -- one transformation per variant name -----------------------------------------------------


@dataclass
class Answer:
    """An API answer on its way out, and what the spec says its body is."""

    operation_id: str
    status: int
    payload: Any
    schema: str | None
    """The component the body (or each item of a body that is an array) is, if any."""

    def records(self, schema: str) -> Iterable[dict[str, Any]]:
        if self.schema != schema:
            return ()
        items = self.payload if isinstance(self.payload, list) else [self.payload]
        return [item for item in items if isinstance(item, dict)]


def exact_number(value: Any) -> int | None:
    """``value`` as a JSON number when it is a string of digits a JS number holds exactly.

    A leading zero (a passcode ``012345``) or more than 2**53 - 1 (an 18-digit id) would not
    survive as a number, so those stay strings; so do the emulator's UUID ids.
    """
    if not isinstance(value, str) or not value.isascii() or not value.isdigit():
        return None
    if len(value) > 1 and value.startswith("0"):
        return None
    number = int(value)
    return number if number <= MAX_SAFE_INTEGER else None


def js_date_text(value: Any) -> Any:
    """An ISO 8601 time as JavaScript's ``Date.prototype.toString()`` writes it, in UTC."""
    if not isinstance(value, str):
        return value
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    moment = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
    return (
        f"{_WEEKDAYS[moment.weekday()]} {_MONTHS[moment.month - 1]} {moment.day:02d} "
        f"{moment.year:04d} {moment:%H:%M:%S} {_CLOCK_ZONE}"
    )


def _numbers(variant: Variant, answer: Answer) -> None:
    for schema, props in variant.fields.items():
        for record in answer.records(schema):
            for prop in props:
                number = exact_number(record.get(prop))
                if number is not None:
                    record[prop] = number


def _leave_out(variant: Variant, answer: Answer) -> None:
    for schema, props in variant.fields.items():
        for record in answer.records(schema):
            for prop in props:
                record.pop(prop, None)


def _dates(variant: Variant, answer: Answer) -> None:
    for schema, props in variant.fields.items():
        for record in answer.records(schema):
            for prop in props:
                if prop in record:
                    record[prop] = js_date_text(record[prop])


def _one_object(variant: Variant, answer: Answer) -> None:
    if answer.operation_id in variant.operations:
        payload = answer.payload
        if isinstance(payload, list) and len(payload) == 1:
            answer.payload = payload[0]


def _status(variant: Variant, answer: Answer) -> None:
    status = variant.statuses.get(answer.operation_id)
    if status is not None and 200 <= answer.status < 300:
        answer.status = status


Transform = Callable[[Variant, Answer], None]

TRANSFORMS: dict[str, Transform] = {
    "number-for-string": _numbers,
    "sparse-message-record": _leave_out,
    "js-date-text": _dates,
    "schedule-answer-as-object": _one_object,
    "schedule-status": _status,
}
"""What the live-like form does for each variant of the table it applies, in this order.

``framework-validation-errors`` is applied to requests that fail validation
(:meth:`LiveLike.validation_errors`). The table's other variants are not applied:
``send-without-credits-used`` (one 1.0.0 example only; the service is known to report the
cost) and ``schedule-answer-as-array`` (a guess that the batch answer may follow the message
one); a client must still tolerate them, and the drift checker still names them."""

VALIDATION_VARIANT = "framework-validation-errors"


class LiveLike:
    """The live-like transformation of one spec's answers."""

    def __init__(self, spec: Spec) -> None:
        variants = read_variants(spec.document)
        self.applied = [variants[name] for name in TRANSFORMS if name in variants]
        self.framework_errors = VALIDATION_VARIANT in variants
        self._schemas = _response_schemas(spec.document)

    def answer(self, operation_id: str, status: int, payload: Any) -> tuple[int, Any]:
        """``(status, payload)`` as the live service is likely to send it (a changed copy)."""
        copy = json.loads(json.dumps(payload))  # the handler's objects are never changed
        answer = Answer(operation_id, status, copy, self._schemas.get((operation_id, status)))
        for variant in self.applied:
            TRANSFORMS[variant.name](variant, answer)
        return answer.status, answer.payload

    def validation_errors(self, operation: Operation, body: Any) -> dict[str, Any] | None:
        """The framework's 400 body (ValidationErrorModel) for a body that fails validation."""
        validator = operation.body_validator
        if not self.framework_errors or validator is None:
            return None
        name = operation.body_name or "body"
        errors = sorted(validator.iter_errors(body), key=lambda error: list(map(str, error.path)))
        details = [_detail(error, operation.body_name) for error in errors[:MAX_VALIDATION_ERRORS]]
        return {
            "message": VALIDATION_MESSAGE,
            "errors": [
                {
                    "code": "INVALID_REQUEST_PARAMETER",
                    "in": "body",
                    "name": name,
                    "message": f"Invalid parameter ({name}): Value failed JSON Schema validation",
                    "path": ["paths", operation.path, operation.method.lower(), "requestBody"],
                    "errors": details,
                }
            ],
        }

    def parameter_errors(
        self, operation: Operation, parameter: PathParameter, value: str
    ) -> dict[str, Any] | None:
        """The framework's 400 body for a path parameter that fails its schema."""
        if not self.framework_errors:
            return None
        errors = list(parameter.validator.iter_errors(value))[:MAX_VALIDATION_ERRORS]
        # The pointer ends .../parameters/<index>/schema: the framework names the parameter itself.
        where = parameter.pointer.removeprefix("#/").split("/")[:-1]
        path = [part.replace("~1", "/").replace("~0", "~") for part in where]
        return {
            "message": VALIDATION_MESSAGE,
            "errors": [
                {
                    "code": "INVALID_REQUEST_PARAMETER",
                    "in": "path",
                    "name": parameter.name,
                    "message": f"Invalid parameter ({parameter.name}): Value failed JSON Schema validation",
                    "path": path,
                    "errors": [_detail(error, parameter.name) for error in errors],
                }
            ],
        }


def _detail(error: Any, root: str) -> dict[str, Any]:
    keyword = str(error.validator)
    path = list(error.absolute_path)
    params: list[Any]
    if keyword == "required":
        params = [name for name in error.validator_value if name not in error.instance][:1]
    elif keyword == "type":
        params = [error.validator_value, type(error.instance).__name__]
    elif isinstance(error.validator_value, str | int | float | bool):
        params = [error.validator_value]
    else:
        params = []
    return {
        "code": _CODES.get(keyword, keyword.upper()),
        "message": describe(error, root),
        "path": path,
        "params": params,
        "description": str(error.schema.get("description", ""))
        if isinstance(error.schema, dict)
        else "",
    }


def _response_schemas(document: Mapping[str, Any]) -> dict[tuple[str, int], str]:
    """(operationId, status) to the component its body is (or its body's items are)."""
    found: dict[tuple[str, int], str] = {}
    for item in document.get("paths", {}).values():
        for raw in item.values():
            if not isinstance(raw, dict) or "operationId" not in raw:
                continue
            for status, response in raw.get("responses", {}).items():
                if not str(status).isdigit():
                    continue
                for media in (response.get("content") or {}).values():
                    schema = media.get("schema") or {}
                    schema = (
                        schema.get("items", schema) if schema.get("type") == "array" else schema
                    )
                    ref = str(schema.get("$ref", ""))
                    if ref.startswith("#/components/schemas/"):
                        found[(raw["operationId"], int(status))] = ref.rsplit("/", 1)[1]
    return found
