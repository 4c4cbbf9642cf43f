"""Every generated model round-trips: what the spec allows survives from_dict/to_dict unchanged."""

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import smsworks.models
from smsworks_pipeline.loading import load_document

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS: dict[str, Any] = load_document(ROOT / "generated" / "openapi.yaml")["components"][
    "schemas"
]
OPENAPI_ONLY_KEYWORDS = {
    "example",
    "nullable",
    "discriminator",
    "xml",
    "externalDocs",
    "deprecated",
    "readOnly",
    "writeOnly",
}

# Models generated for inline schemas, by the component property that declares them.
INLINE_MODELS = {
    "MessageResponseFailurereason": ("MessageResponse", "failurereason"),
    "OTPMetadata": ("OTP", "metadata"),
    "OTPVerifyResponseMetadata": ("OTPVerifyResponse", "metadata"),
    "QueryStatus": ("Query", "status"),
}


def as_json_schema(node: Any) -> Any:
    """Inline the spec's $refs and drop OpenAPI-only keywords, giving a plain JSON Schema."""
    if isinstance(node, dict):
        if "$ref" in node:
            return as_json_schema(SCHEMAS[node["$ref"].rsplit("/", 1)[1]])
        return {
            key: as_json_schema(value)
            for key, value in node.items()
            if key not in OPENAPI_ONLY_KEYWORDS
        }
    if isinstance(node, list):
        return [as_json_schema(item) for item in node]
    return node


def schema_of(model_name: str) -> Any:
    if model_name in INLINE_MODELS:
        parent, prop = INLINE_MODELS[model_name]
        return as_json_schema(SCHEMAS[parent]["properties"][prop])
    return as_json_schema(SCHEMAS[model_name])


def from_schema(schema: Any) -> st.SearchStrategy[Any]:
    """Values valid against ``schema``, for the JSON Schema subset the patched spec uses.

    (hypothesis-jsonschema would do this, but its releases do not work with the pinned Hypothesis.)
    """
    if "allOf" in schema:
        parts = [as_json_schema(part) for part in schema["allOf"]]
        merged: dict[str, Any] = {"type": "object", "properties": {}, "required": []}
        for part in parts:
            merged["properties"].update(part.get("properties", {}))
            merged["required"] += part.get("required", [])
        return from_schema(merged)
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind == "string":
        return st.text(max_size=20)
    if kind == "integer":
        return st.integers(schema.get("minimum", -(2**31)), schema.get("maximum", 2**31))
    if kind == "number":
        return st.floats(allow_nan=False, allow_infinity=False) | st.integers(-1000, 1000)
    if kind == "boolean":
        return st.booleans()
    if kind == "array":
        return st.lists(
            from_schema(schema["items"]), min_size=schema.get("minItems", 0), max_size=3
        )
    if kind == "object" or "properties" in schema:
        properties = schema.get("properties", {})
        required = set(schema.get("required", []))
        extras = (
            st.dictionaries(
                st.text(min_size=1, max_size=8).filter(lambda k: k not in properties),
                st.text(max_size=5),
                max_size=2,
            )
            if schema.get("additionalProperties") is not False
            else st.just({})
        )
        return st.fixed_dictionaries(
            {name: from_schema(sub) for name, sub in properties.items() if name in required},
            optional={
                name: from_schema(sub) for name, sub in properties.items() if name not in required
            },
        ).flatmap(lambda fixed: extras.map(lambda extra: {**extra, **fixed}))
    if not schema:  # {}: any JSON value (ValidationErrorDetail.params, .path)
        return st.none() | st.booleans() | st.integers(-1000, 1000) | st.text(max_size=5)
    raise AssertionError(f"schema construct not covered by the test strategy: {schema}")


MODEL_NAMES = sorted(smsworks.models.__all__)
# Enums generated for request fields (Query.status) are str subclasses, not models with from_dict.
OBJECT_MODEL_NAMES = [
    name for name in MODEL_NAMES if hasattr(getattr(smsworks.models, name), "from_dict")
]


def test_every_model_is_covered() -> None:
    object_schemas = {name for name, schema in SCHEMAS.items() if schema.get("type") != "array"}
    assert set(MODEL_NAMES) == object_schemas | set(INLINE_MODELS)


@pytest.mark.parametrize("model_name", OBJECT_MODEL_NAMES)
def test_models_round_trip(model_name: str) -> None:
    model = getattr(smsworks.models, model_name)

    @settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
    @given(
        data=from_schema(schema_of(model_name)).filter(lambda d: isinstance(d, dict)),
        extra=st.booleans(),
    )
    def round_trip(data: dict[str, Any], extra: bool) -> None:
        instance = model.from_dict(data)
        assert model.from_dict(instance.to_dict()) == instance
        assert instance.to_dict() == data

    round_trip()
