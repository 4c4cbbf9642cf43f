"""The loader keeps what the YAML text says: codes and timestamps stay text, numbers stay numbers."""

import pytest

from smsworks_pipeline.loading import dump_document, load_yaml_text


def test_unquoted_response_codes_load_as_strings() -> None:
    document = load_yaml_text("responses:\n  201:\n    description: Success\n  default: {}\n")
    assert list(document["responses"]) == ["201", "default"]


def test_timestamps_stay_text() -> None:
    document = load_yaml_text(
        "example:\n  schedule: 2021-10-28T14:10:00+01:00\n  day: 2021-10-28\n"
    )
    assert document["example"] == {"schedule": "2021-10-28T14:10:00+01:00", "day": "2021-10-28"}


def test_values_keep_their_yaml_meaning() -> None:
    document = load_yaml_text("a: 180.0\nb: 2.88E+3\nc: 1\nd: true\ne: null\nf: '447777777777'\n")
    assert document == {"a": 180.0, "b": 2880.0, "c": 1, "d": True, "e": None, "f": "447777777777"}
    assert isinstance(document["c"], int)


def test_key_text_is_kept_verbatim() -> None:
    assert list(load_yaml_text("0x1F: a\n1.50: b\nyes: c\n")) == ["0x1F", "1.50", "yes"]


def test_duplicate_keys_are_refused() -> None:
    with pytest.raises(ValueError, match="duplicate mapping key 'type'"):
        load_yaml_text("type: string\ntype: number\n")


def test_invalid_yaml_names_the_source() -> None:
    with pytest.raises(ValueError, match=r"^spec\.yaml: not valid YAML"):
        load_yaml_text("a: [1, 2\n", source="spec.yaml")


def test_dump_round_trips_and_is_deterministic() -> None:
    document = {
        "paths": {"/x": {"get": {"responses": {"200": {"description": "é"}}}}},
        "z": [1, 2.5],
    }
    text = dump_document(document)
    assert text == dump_document(document)
    assert load_yaml_text(text) == document
    assert "'200':" in text  # the code stays a string when written back
