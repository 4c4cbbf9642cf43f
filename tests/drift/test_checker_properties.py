"""The drift checker by properties over the spec: for every response-schema position and every kind of
departure, a departure is tolerated exactly where the spec's table of wire variants names that variant
for that operation and place, and unknown everywhere else.

The oracle reads the table as written and the spec through ``tests/spec_positions.py``; it shares no
code with ``smsworks_emulator.drift``.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from smsworks_emulator.drift import DriftChecker
from tests.spec_positions import (
    Answer,
    Position,
    answers,
    build,
    drop,
    json_kind,
    json_pointer,
    put,
    spec,
    table,
)

CHECKER = DriftChecker(spec())
ANSWERS = answers()
POSITIONS = [(answer, position) for answer in ANSWERS for position in build(answer.schema)[1]]
WRONG: tuple[object, ...] = (7, 7.5, 8.0, "12", True, None, {}, [])
"""A value of every JSON type (and a whole float) to put where another type is declared."""
FAST = settings(max_examples=150, deadline=None)


def departs(declared: str, value: object) -> bool:
    """JSON Schema's ``type``: whether ``value`` is not of ``declared``."""
    kind = json_kind(value)
    if declared == "number":
        return kind not in ("number", "integer")
    if declared == "integer":
        return kind != "integer" and not (isinstance(value, float) and value.is_integer())
    return kind != declared


def named(departure: str, **where: Any) -> list[dict[str, Any]]:
    """The table's entries of ``departure`` that name this place."""
    found = []
    for entry in table():
        if entry["departure"] != departure:
            continue
        if "location" in where and where["location"] not in entry.get("at", []):
            continue
        if "operation" in where and where["operation"] not in entry.get("operations", []):
            continue
        if "seen" in where and entry.get("seen") and where["seen"] not in entry["seen"]:
            continue
        if "status" in where and where["status"] not in entry.get("statuses", {}).get(
            where.get("of"), []
        ):
            continue
        found.append(entry)
    return found


def check(answer: Answer, value: object, status: int | None = None) -> set[tuple[Any, ...]]:
    """The findings, as a set: a schema reached through ``allOf`` may name one departure per part,
    and the report counts each (operation, status, pointer, kind) once."""
    findings = CHECKER.check_response(
        answer.operation, status or answer.status, answer.media, json.dumps(value).encode()
    )
    return {(f.kind, f.pointer, f.tolerated, f.variant) for f in findings}


def expected(kind: str, pointer: str, entries: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
    name = entries[0]["name"] if entries else None
    return {(kind, pointer, bool(entries), name)}


def test_every_answer_has_positions_and_a_valid_body_has_no_finding() -> None:
    assert len(POSITIONS) > 100
    for answer in ANSWERS:
        value, _ = build(answer.schema)
        assert check(answer, value) == set(), answer


@FAST
@given(st.sampled_from(POSITIONS), st.sampled_from(WRONG))
def test_a_value_of_another_type_is_tolerated_only_where_the_table_names_it(
    at: tuple[Answer, Position], new: object
) -> None:
    answer, position = at
    if not departs(position.declared, new) or (new is None and position.nullable):
        return
    value, _ = build(answer.schema)
    seen = json_kind(new)
    kind = "shape" if {position.declared, seen} == {"array", "object"} else "type"
    entries = (
        named("type", location=position.location, seen=seen)
        if kind == "type" and position.inline
        else []
    )
    assert check(answer, put(value, position.pointer, new)) == expected(
        kind, json_pointer(position.pointer), entries
    )


@FAST
@given(st.sampled_from([p for p in POSITIONS if p[1].required]))
def test_a_missing_required_property_is_tolerated_only_where_the_table_names_it(
    at: tuple[Answer, Position],
) -> None:
    answer, position = at
    value, _ = build(answer.schema)
    entries = named("required", location=position.location)
    assert check(answer, drop(value, position.pointer)) == expected(
        "required", json_pointer(position.pointer), entries
    )


def _reshaped(value: object) -> object | None:
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return value[0]
    if isinstance(value, dict):
        return [value]
    return None


@FAST
@given(st.sampled_from(ANSWERS))
def test_a_whole_answer_of_another_shape_is_tolerated_only_where_the_table_names_it(
    answer: Answer,
) -> None:
    value, _ = build(answer.schema)
    new = _reshaped(value)
    if new is None:
        return
    entries = named("shape", operation=answer.operation, seen=json_kind(new))
    assert check(answer, new) == expected("shape", "", entries)


SUCCESSES = [a for a in ANSWERS if 200 <= a.status < 300]


@FAST
@given(st.sampled_from(SUCCESSES), st.sampled_from([200, 201, 202, 204]))
def test_an_undeclared_success_status_is_tolerated_only_where_the_table_names_it(
    answer: Answer, status: int
) -> None:
    declared = {a.status for a in ANSWERS if a.operation == answer.operation}
    if (
        status in declared
        or min(a.status for a in SUCCESSES if a.operation == answer.operation) != answer.status
    ):
        return
    value, _ = build(answer.schema)
    entries = named("status", status=str(status), of=answer.operation)
    assert check(answer, value, status) == expected("undeclared-status", "", entries)


def test_every_place_the_table_names_is_a_position_of_the_spec() -> None:
    """So the properties above reach each tolerated place, not only the unknown ones."""
    locations = {position.location for _, position in POSITIONS}
    operations = {answer.operation for answer in ANSWERS}
    for entry in table():
        assert set(entry.get("at", [])) <= locations, entry["name"]
        assert set(entry.get("operations", [])) <= operations, entry["name"]
