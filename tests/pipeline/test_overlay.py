"""The overlay applier: Overlay 1.0.0 semantics, RFC 9535 targets, and strict failures that name file and action."""

from pathlib import Path
from typing import Any

import pytest

from smsworks_pipeline.overlay import (
    Overlay,
    OverlayError,
    apply_overlays,
    load_overlay,
    merge,
    overlay_paths,
    parse_overlay,
)


def minimal_openapi(**schemas: Any) -> dict[str, Any]:
    return {
        "openapi": "3.0.1",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/a": {"get": {"responses": {"200": {"description": "ok"}}}},
            "/b": {"post": {"responses": {"201": {"description": "ok"}}}},
        },
        "components": {"schemas": schemas},
    }


def overlay(*actions: dict[str, Any], source: str = "10-test.yaml") -> Overlay:
    document = {
        "overlay": "1.0.0",
        "info": {"title": "test", "version": "1"},
        "actions": list(actions),
    }
    return parse_overlay(document, source=source)


def test_update_merges_objects_recursively() -> None:
    document = minimal_openapi(S={"type": "object", "properties": {"a": {"type": "number"}}})
    result = apply_overlays(
        document,
        [
            overlay(
                {
                    "target": "$.components.schemas.S",
                    "description": "d",
                    "update": {"properties": {"a": {"type": "integer"}, "b": {"type": "string"}}},
                }
            )
        ],
    )
    assert result["components"]["schemas"]["S"] == {
        "type": "object",
        "properties": {"a": {"type": "integer"}, "b": {"type": "string"}},
    }
    assert document["components"]["schemas"]["S"]["properties"]["a"] == {"type": "number"}, (
        "input untouched"
    )


def test_merge_rules() -> None:
    assert merge({"a": [1], "b": {"c": 1}, "d": 1}, {"a": [2], "b": {"e": 2}, "d": "x"}) == {
        "a": [1, 2],
        "b": {"c": 1, "e": 2},
        "d": "x",
    }
    assert merge([1], [2, 3]) == [1, 2, 3]
    assert merge("old", {"new": 1}) == {"new": 1}


def test_update_of_an_array_target_appends_the_value() -> None:
    document = minimal_openapi(S={"type": "object", "required": ["a"]})
    result = apply_overlays(
        document,
        [overlay({"target": "$.components.schemas.S.required", "description": "d", "update": "b"})],
    )
    assert result["components"]["schemas"]["S"]["required"] == ["a", "b"]


def test_update_applies_to_every_match_of_a_filter() -> None:
    document = minimal_openapi()
    result = apply_overlays(
        document,
        [
            overlay(
                {
                    "target": "$.paths[*][*]",
                    "description": "every operation",
                    "update": {"tags": ["x"]},
                }
            )
        ],
    )
    assert [op["tags"] for item in result["paths"].values() for op in item.values()] == [
        ["x"],
        ["x"],
    ]


def test_remove_deletes_object_members_and_array_items() -> None:
    document = minimal_openapi(S={"type": "object", "required": ["a", "b", "c"]})
    result = apply_overlays(
        document,
        [
            overlay(
                {"target": "$.paths['/b']", "description": "d", "remove": True},
                {
                    "target": "$.components.schemas.S.required[?@ == 'a' || @ == 'c']",
                    "description": "d",
                    "remove": True,
                },
            )
        ],
    )
    assert list(result["paths"]) == ["/a"]
    assert result["components"]["schemas"]["S"]["required"] == ["b"]


def test_actions_apply_in_order_and_files_in_name_order(tmp_path: Path) -> None:
    for name in ("20-second.yaml", "10-first.yaml", "notes.txt"):
        (tmp_path / name).write_text("x")
    assert [path.name for path in overlay_paths(tmp_path)] == ["10-first.yaml", "20-second.yaml"]
    document = minimal_openapi(S={"type": "string"})
    result = apply_overlays(
        document,
        [
            overlay(
                {
                    "target": "$.components.schemas.S",
                    "description": "d",
                    "update": {"description": "1"},
                },
                {
                    "target": "$.components.schemas.S",
                    "description": "d",
                    "update": {"description": "2"},
                },
            )
        ],
    )
    assert result["components"]["schemas"]["S"]["description"] == "2"


def test_a_target_that_matches_nothing_fails_naming_file_and_action() -> None:
    moved = overlay(
        {"target": "$.components.schemas.S", "description": "d", "update": {"description": "x"}},
        {"target": "$.components.schemas.Gone", "description": "d", "update": {"type": "string"}},
        source="overlays/30-moved.yaml",
    )
    with pytest.raises(OverlayError) as raised:
        apply_overlays(minimal_openapi(S={"type": "string"}), [moved])
    assert str(raised.value) == (
        "overlays/30-moved.yaml: action 2 (target '$.components.schemas.Gone'): "
        "target matches nothing in the document"
    )


def test_a_result_that_is_not_openapi_fails_naming_the_file() -> None:
    breaking = overlay(
        {"target": "$.components.schemas.S", "description": "d", "update": {"type": "strnig"}},
        source="overlays/40-bad.yaml",
    )
    with pytest.raises(
        OverlayError, match=r"^overlays/40-bad\.yaml: the result is not valid OpenAPI 3\.0"
    ):
        apply_overlays(minimal_openapi(S={"type": "string"}), [breaking])


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        ([], "an overlay must be a mapping"),
        (
            {"overlay": "2.0.0", "info": {"title": "t", "version": "1"}, "actions": []},
            "version must be",
        ),
        ({"overlay": "1.0.0", "actions": [{}]}, "info: must be a mapping"),
        (
            {"overlay": "1.0.0", "info": {"title": "t", "version": "1"}, "actions": []},
            "non-empty list",
        ),
        (
            {"overlay": "1.0.0", "info": {"title": "t", "version": "1"}, "actions": [], "extra": 1},
            "unknown fields",
        ),
    ],
)
def test_invalid_overlay_documents_are_refused(document: Any, problem: str) -> None:
    with pytest.raises(OverlayError, match=rf"^bad\.yaml: .*{problem}"):
        parse_overlay(document, source="bad.yaml")


@pytest.mark.parametrize(
    ("action", "problem"),
    [
        ({"description": "d", "update": {}}, "'target' must be a JSONPath"),
        ({"target": "$.a[?@.b = 1]", "description": "d", "update": {}}, "not RFC 9535 JSONPath"),
        ({"target": "$.a", "update": {}}, "'description' is required"),
        ({"target": "$.a", "description": "d"}, "needs 'update' or 'remove: true'"),
        (
            {"target": "$.a", "description": "d", "update": {}, "remove": True},
            "both 'update' and 'remove'",
        ),
        ({"target": "$.a", "description": "d", "remove": "yes"}, "'remove' must be a boolean"),
        ({"target": "$.a", "description": "d", "update": {}, "upsert": 1}, "unknown fields"),
    ],
)
def test_invalid_actions_are_refused_naming_the_action(
    action: dict[str, Any], problem: str
) -> None:
    document = {"overlay": "1.0.0", "info": {"title": "t", "version": "1"}, "actions": [action]}
    with pytest.raises(OverlayError, match=rf"^o\.yaml: action 1: .*{problem}"):
        parse_overlay(document, source="o.yaml")


def test_non_standard_jsonpath_is_refused() -> None:
    # python-jsonpath's non-standard extensions (here: the keys selector `~`) are off in strict mode.
    document = {
        "overlay": "1.0.0",
        "info": {"title": "t", "version": "1"},
        "actions": [{"target": "$.paths.~", "description": "d", "update": {}}],
    }
    with pytest.raises(OverlayError, match="not RFC 9535 JSONPath"):
        parse_overlay(document, source="o.yaml")


def test_an_update_that_does_not_fit_the_target_fails() -> None:
    with pytest.raises(OverlayError, match="a target object needs an object 'update'"):
        apply_overlays(
            minimal_openapi(S={"type": "string"}),
            [overlay({"target": "$.components.schemas.S", "description": "d", "update": "x"})],
        )
    with pytest.raises(OverlayError, match="update needs an object or array"):
        apply_overlays(
            minimal_openapi(S={"type": "string"}),
            [overlay({"target": "$.components.schemas.S.type", "description": "d", "update": "x"})],
        )


def test_the_root_cannot_be_removed() -> None:
    with pytest.raises(OverlayError, match="cannot remove the document root"):
        apply_overlays(
            minimal_openapi(), [overlay({"target": "$", "description": "d", "remove": True})]
        )


def test_load_overlay_reports_yaml_errors_with_the_path(tmp_path: Path) -> None:
    path = tmp_path / "10-broken.yaml"
    path.write_text("overlay: 1.0.0\nactions: [\n")
    with pytest.raises(OverlayError, match=r"10-broken\.yaml: not valid YAML"):
        load_overlay(path)


def test_every_project_overlay_is_valid_and_described() -> None:
    root = Path(__file__).resolve().parents[2]
    overlays = [load_overlay(path) for path in overlay_paths(root / "overlays")]
    assert overlays, "the project has overlays"
    for loaded in overlays:
        for action in loaded.actions:
            assert len(action.description) >= 15, (
                f"{loaded.source} {action.label()}: say what and why"
            )
