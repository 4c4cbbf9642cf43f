"""An OpenAPI 3.0 document as what it means, not how it is spelt: the input of the semantic diff.

Every ``$ref`` is resolved (an inline schema moved to a component of its own reads the same), ``allOf`` parts are
merged into one schema, parameters' ``style``/``explode`` are dropped where they are the defaults, media types are
compared case- and space-insensitively, ``required`` and ``enum`` become sorted lists, integral floats (``2.88E+3``)
become integers, and keys that only repeat a default (``nullable: false``) are dropped. Key order and YAML quoting
are gone once the document is loaded.
"""

from __future__ import annotations

from typing import Any

from smsworks_pipeline.loading import JSONValue

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
WORDING_KEYS = frozenset({"description", "summary", "title", "example", "examples"})
"""What says something to a reader but nothing to a program: changes to these are wording."""
_FALSE_DEFAULTS = (
    "nullable",
    "readOnly",
    "writeOnly",
    "deprecated",
    "uniqueItems",
    "exclusiveMinimum",
    "exclusiveMaximum",
)
_DEFAULT_STYLE = {"query": "form", "cookie": "form", "path": "simple", "header": "simple"}
_MAX_DEPTH = 40


def operation_key(method: str, path: str) -> str:
    return f"{method.upper()} {path}"


def media_type(name: str) -> str:
    """``application/json; charset=UTF-8`` and ``application/json;charset=utf-8`` are one media type."""
    return ";".join(part.strip() for part in name.lower().split(";"))


def _number(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _text(key: str, value: Any) -> Any:
    """Prose compared word by word: a YAML re-fold that changes only line breaks or spaces is no change."""
    if key in ("description", "summary", "title") and isinstance(value, str):
        return " ".join(value.split())
    return _number(value)


class Canonicaliser:
    """Resolves and normalises the schemas and operations of one document."""

    def __init__(self, document: JSONValue) -> None:
        self.document: dict[str, Any] = document if isinstance(document, dict) else {}

    def _ref(self, ref: str) -> tuple[str, Any]:
        if not ref.startswith("#/"):
            raise ValueError(f"only local $refs are supported, got {ref!r}")
        node: Any = self.document
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, dict) or part not in node:
                raise ValueError(f"$ref {ref!r} points at nothing")
            node = node[part]
        return ref.rsplit("/", 1)[-1], node

    def deref(self, node: Any) -> Any:
        """A parameter, request body or response object with its own ``$ref`` followed."""
        seen = 0
        while isinstance(node, dict) and "$ref" in node and seen < _MAX_DEPTH:
            node = self._ref(node["$ref"])[1]
            seen += 1
        return node

    def schema(self, schema: Any, trail: tuple[str, ...] = ()) -> dict[str, Any]:
        """The schema with its ``$ref``s resolved (a reference back into itself becomes ``{"$recursive": name}``)."""
        if not isinstance(schema, dict):
            return {}
        if "$ref" in schema:
            name, target = self._ref(schema["$ref"])
            if name in trail or len(trail) > _MAX_DEPTH:
                return {"$recursive": name}
            return self.schema(target, (*trail, name))
        result: dict[str, Any] = {}
        for part in schema.get("allOf", []):
            _merge_into(result, self.schema(part, trail))
        own: dict[str, Any] = {}
        for key, value in schema.items():
            if key == "allOf" or key.startswith("x-"):
                continue
            if key == "properties" and isinstance(value, dict):
                own[key] = {name: self.schema(sub, trail) for name, sub in value.items()}
            elif key in ("items", "not"):
                own[key] = self.schema(value, trail)
            elif key == "additionalProperties":
                if isinstance(value, dict):
                    own[key] = self.schema(value, trail) if value else True
                else:
                    own[key] = bool(value)
            elif key in ("oneOf", "anyOf"):
                own[key] = [self.schema(sub, trail) for sub in value]
            elif key == "required":
                own[key] = sorted(set(value))
            elif key == "enum":
                own[key] = sorted({_number(item) for item in value}, key=repr)
            else:
                own[key] = _text(key, value)
        _merge_into(result, own)
        for key in _FALSE_DEFAULTS:
            if result.get(key) is False:
                del result[key]
        if result.get("additionalProperties") is True:
            del result["additionalProperties"]
        if not result.get("properties", True):
            del result["properties"]
        return result

    def parameter(self, raw: Any) -> tuple[str, dict[str, Any]]:
        parameter = self.deref(raw)
        where = str(parameter.get("in", ""))
        result: dict[str, Any] = {
            "required": bool(parameter.get("required", False)),
            "schema": self.schema(parameter.get("schema")),
        }
        style = parameter.get("style", _DEFAULT_STYLE.get(where, "simple"))
        if style != _DEFAULT_STYLE.get(where, "simple"):
            result["style"] = style
        if bool(parameter.get("explode", style == "form")) != (style == "form"):
            result["explode"] = bool(parameter.get("explode"))
        for key in WORDING_KEYS & set(parameter):
            result[key] = _text(key, parameter[key])
        return f"{where} {parameter.get('name', '')}", result

    def content(self, content: Any) -> dict[str, Any]:
        if not isinstance(content, dict):
            return {}
        return {
            media_type(name): self.schema((media or {}).get("schema"))
            for name, media in content.items()
        }

    def operation(self, path_item: dict[str, Any], raw: dict[str, Any]) -> dict[str, Any]:
        parameters: dict[str, Any] = {}
        for source in (path_item.get("parameters", []), raw.get("parameters", [])):
            parameters.update(self.parameter(parameter) for parameter in source)
        result: dict[str, Any] = {
            "operationId": raw.get("operationId"),
            "parameters": parameters,
            "responses": {},
            "security": _security(raw.get("security", self.document.get("security", []))),
            # The generated client files an operation's raw functions under its first tag.
            "tags": list(raw.get("tags", [])),
        }
        for key in ("summary", "description"):
            if key in raw:
                result[key] = _text(key, raw[key])
        if "requestBody" in raw:
            body = self.deref(raw["requestBody"])
            result["requestBody"] = {
                "required": bool(body.get("required", False)),
                "content": self.content(body.get("content")),
            }
            if "description" in body:
                result["requestBody"]["description"] = _text("description", body["description"])
        for status, response in (raw.get("responses") or {}).items():
            answer = self.deref(response)
            entry: dict[str, Any] = {"content": self.content(answer.get("content"))}
            if "description" in answer:
                entry["description"] = _text("description", answer["description"])
            result["responses"][str(status)] = entry
        return result

    def operations(self) -> dict[str, dict[str, Any]]:
        """Every operation, keyed ``METHOD /path``."""
        found: dict[str, dict[str, Any]] = {}
        for path, item in (self.document.get("paths") or {}).items():
            item = self.deref(item)
            if not isinstance(item, dict):
                continue
            for method, raw in item.items():
                if method in HTTP_METHODS and isinstance(raw, dict):
                    found[operation_key(method, path)] = self.operation(item, raw)
        return found


def _security(requirements: Any) -> list[str]:
    if not isinstance(requirements, list):
        return []
    return sorted({" + ".join(sorted(requirement)) or "(none)" for requirement in requirements})


def _merge_into(result: dict[str, Any], part: dict[str, Any]) -> None:
    """``allOf``: properties and ``required`` accumulate; anything else the later part states wins."""
    for key, value in part.items():
        if key == "properties" and isinstance(result.get(key), dict):
            result[key] = {**result[key], **value}
        elif key == "required" and isinstance(result.get(key), list):
            result[key] = sorted({*result[key], *value})
        else:
            result[key] = value
