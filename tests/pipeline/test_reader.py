"""The client's reader view: what the client insists on reading, derived from the spec's own extensions."""

from __future__ import annotations

from typing import Any

from smsworks_pipeline.reader import reader_view


def _document(**schemas: Any) -> dict[str, Any]:
    return {"openapi": "3.0.3", "paths": {}, "components": {"schemas": schemas}}


def test_only_the_read_required_properties_stay_required() -> None:
    view = reader_view(
        _document(
            Record={
                "type": "object",
                "required": ["id", "status", "tag"],
                "x-smsworks-read-required": ["id", "status"],
            }
        )
    )
    assert view["components"]["schemas"]["Record"]["required"] == ["id", "status"]


def test_an_allofs_inline_parts_are_pruned_and_a_referenced_part_keeps_its_rule() -> None:
    view = reader_view(
        _document(
            Base={"type": "object", "required": ["message", "code"]},
            Extended={
                "allOf": [
                    {"$ref": "#/components/schemas/Base"},
                    {"type": "object", "required": ["errorCode", "status"]},
                ],
                "x-smsworks-read-required": ["message"],
            },
        )
    )
    schemas = view["components"]["schemas"]
    assert "required" not in schemas["Extended"]["allOf"][1]
    assert schemas["Base"]["required"] == ["message", "code"]


def test_a_schema_without_the_extension_and_the_input_document_are_unchanged() -> None:
    document = _document(
        Plain={"type": "object", "required": ["a"]},
        Read={"required": ["a", "b"], "x-smsworks-read-required": ["a"]},
    )
    view = reader_view(document)
    assert view["components"]["schemas"]["Plain"]["required"] == ["a"]
    assert document["components"]["schemas"]["Read"]["required"] == ["a", "b"]
