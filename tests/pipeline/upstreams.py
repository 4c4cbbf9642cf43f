"""The vendor documents the upgrade tests read, and synthetic upstreams derived from 1.10.0."""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

from smsworks_pipeline.loading import dump_document, load_document

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "pipeline" / "fixtures" / "upstream"
V1_9_0 = FIXTURES / "openapi-1.9.0.yaml"
V1_10_0 = ROOT / "openapi.yaml"


@cache
def _pinned() -> dict[str, Any]:
    document: dict[str, Any] = load_document(V1_10_0)
    return document


def current() -> dict[str, Any]:
    """A fresh copy of the pinned upstream, 1.10.0 (read once: YAML parsing is most of these tests' time)."""
    return copy.deepcopy(_pinned())


def write(document: dict[str, Any], path: Path) -> Path:
    path.write_text(dump_document(document), encoding="utf-8")
    return path


def with_defects_fixed() -> dict[str, Any]:
    """1.10.0 as if the vendor had fixed two catalogued defects: a missing operationId and a float code."""
    document = current()
    document["paths"]["/message/send"]["post"]["operationId"] = "sendMessage"
    code = document["components"]["schemas"]["MessageResponse"]["properties"]["failurereason"]
    code["properties"]["code"].update(type="integer", example=34)
    return document


def with_field_renamed() -> dict[str, Any]:
    """1.10.0 with ``Query.limit`` renamed ``count``."""
    document = current()
    properties = document["components"]["schemas"]["Query"]["properties"]
    properties["count"] = properties.pop("limit")
    return document


def with_operation_removed() -> dict[str, Any]:
    """1.10.0 without ``GET /credits/balance``."""
    document = current()
    del document["paths"]["/credits/balance"]
    return document


NEW_OPERATION = "GET /utils/status"


def with_operation_added() -> dict[str, Any]:
    """1.10.0 with a new operation, ``GET /utils/status`` (operationId ``getServiceStatus``)."""
    document = current()
    document["paths"]["/utils/status"] = {
        "get": {
            "tags": ["Utils"],
            "operationId": "getServiceStatus",
            "summary": "Whether the service is up.",
            "security": [{"JWT": []}],
            "responses": {
                "200": {
                    "description": "Success",
                    "content": {
                        "application/json;charset=UTF-8": {
                            "schema": {"$ref": "#/components/schemas/TestResponse"}
                        }
                    },
                },
                "default": {
                    "description": "Error",
                    "content": {
                        "application/json;charset=UTF-8": {
                            "schema": {"$ref": "#/components/schemas/ErrorModel"}
                        }
                    },
                },
            },
        }
    }
    return document


def with_vendor_credits_by_country() -> dict[str, Any]:
    """1.10.0 as the vendor's 1.11.0 would write ``GET /credits/{countrycode}``: in its own words, as its SDK
    documents it (``CreditsCountrycodeGet``, ``CountryResponse``), with no operationId or pattern of ours."""
    document = current()
    error = {"$ref": "#/components/schemas/ErrorModel"}
    document["paths"]["/credits/{countrycode}"] = {
        "get": {
            "tags": ["Credits"],
            "description": "The credit cost for each SMS sent to the country code provided",
            "parameters": [
                {
                    "name": "countrycode",
                    "in": "path",
                    "description": "The 2-letter ISO country code",
                    "required": True,
                    "schema": {"type": "string"},
                }
            ],
            "responses": {
                "200": {
                    "description": "OK",
                    "content": {
                        "application/json;charset=UTF-8": {
                            "schema": {"$ref": "#/components/schemas/CountryResponse"}
                        }
                    },
                },
                "default": {
                    "description": "Error",
                    "content": {"application/json;charset=UTF-8": {"schema": error}},
                },
            },
            "security": [{"JWT": []}],
        }
    }
    document["components"]["schemas"]["CountryResponse"] = {
        "required": ["credits"],
        "type": "object",
        "properties": {
            "code": {"type": "string", "description": "The country code supplied in the API call"},
            "country": {"type": "string", "description": "The name of the country"},
            "credits": {
                "type": "number",
                "description": "The number of credits required to send an SMS to the country code "
                "provided. Floating point number.",
            },
        },
    }
    return document
