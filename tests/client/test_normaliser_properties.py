"""The client's normaliser by properties over the spec: for every declared type and every wire form the
table of wire variants allows, normalisation gives the declared type and the value the wire meant.

- a value already in its declared type comes back unchanged, at every position of every success answer;
- at each place ``number-for-string`` names, digits the wire sent as a JSON number come back as the
  string of those digits (never ``"4.477e+11"``, never a float's ``".0"``);
- an answer in the other shape a ``shape`` variant names for its operation comes back in the declared one.

The oracle is the spec and its table as written (``tests/spec_positions.py``), not the generated reader.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from smsworks.wire import normalise_body
from tests.spec_positions import Answer, Position, answers, build, put, table

SUCCESSES = [a for a in answers() if 200 <= a.status < 300]
POSITIONS = [(a, p) for a in SUCCESSES for p in build(a.schema)[1]]
FAST = settings(max_examples=150, deadline=None)
JS_SAFE = 2**53 - 1
"""The largest whole number a JavaScript number holds exactly: the service's numbers stay below it."""


def _entries(departure: str) -> list[dict[str, Any]]:
    return [entry for entry in table() if entry["departure"] == departure]


NUMBER_PLACES = {
    str(place)
    for entry in _entries("type")
    if "integer" in entry.get("seen", []) or not entry.get("seen")
    for place in entry.get("at", [])
}
NUMBER_POSITIONS = [
    (a, p) for a, p in POSITIONS if p.location in NUMBER_PLACES and p.declared == "string"
]
SHAPES = [
    (operation, str(seen))
    for entry in _entries("shape")
    for operation in entry.get("operations", [])
    for seen in entry.get("seen", [])
]
DIGITS = st.integers(1, JS_SAFE).map(str)
"""What a number-for-string place holds: digits without a leading zero, exact as a JavaScript number."""


def test_every_place_the_table_names_for_numbers_is_reached() -> None:
    assert {p.location for _, p in NUMBER_POSITIONS} == NUMBER_PLACES


@FAST
@given(st.sampled_from(SUCCESSES))
def test_an_answer_in_its_declared_types_comes_back_unchanged(answer: Answer) -> None:
    value, _ = build(answer.schema)
    result = normalise_body(answer.operation, answer.status, value)
    assert result == value
    assert repr(result) == repr(value)  # the types too: 1 == 1.0, "1" != 1


@FAST
@given(st.sampled_from(NUMBER_POSITIONS), DIGITS)
def test_digits_sent_as_a_number_read_as_the_declared_string(
    at: tuple[Answer, Position], digits: str
) -> None:
    answer, position = at
    value, _ = build(answer.schema)
    meant = put(value, position.pointer, digits)
    wire = put(value, position.pointer, int(digits))
    assert normalise_body(answer.operation, answer.status, wire) == meant


@FAST
@given(st.sampled_from(NUMBER_POSITIONS), DIGITS)
def test_digits_sent_as_a_whole_float_read_as_the_declared_string(
    at: tuple[Answer, Position], digits: str
) -> None:
    answer, position = at
    value, _ = build(answer.schema)
    meant = put(value, position.pointer, digits)
    wire = put(value, position.pointer, float(int(digits)))
    if float(int(digits)) != int(digits):
        return
    assert normalise_body(answer.operation, answer.status, wire) == meant


@FAST
@given(st.sampled_from(SHAPES))
def test_an_answer_in_the_other_shape_the_table_names_reads_in_the_declared_one(
    shape: tuple[str, str],
) -> None:
    operation, seen = shape
    for answer in (a for a in SUCCESSES if a.operation == operation):
        value, _ = build(answer.schema)
        wire = value[0] if seen == "object" and isinstance(value, list) else [value]
        if seen == "array" and isinstance(value, list):
            continue  # declared an array already: nothing to reshape
        assert normalise_body(operation, answer.status, wire) == value
