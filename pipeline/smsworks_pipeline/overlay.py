"""A strict applier of OpenAPI Overlay Specification 1.0.0 documents.

Strict means an overlay that no longer fits the document fails the build instead of passing silently: an action whose
target matches nothing, a document that is not a valid overlay, or a result that is not valid OpenAPI 3.0 raises
:class:`OverlayError` naming the overlay file and the action. Targets are RFC 9535 JSONPath expressions, evaluated by
python-jsonpath in strict (standard-only) mode.

Beyond the Overlay specification, every action must carry a ``description``: each one records a defect of the
upstream document and the evidence for it, and an action without one cannot be reviewed.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonpath import JSONPathEnvironment, JSONPathError, JSONPathMatch
from openapi_spec_validator import OpenAPIV30SpecValidator

from smsworks_pipeline.loading import JSONValue, load_document

SUPPORTED_OVERLAY_VERSIONS = ("1.0.0",)
_JSONPATH = JSONPathEnvironment(strict=True)


class OverlayError(Exception):
    """An overlay could not be loaded or applied; the message names the file and the action."""


@dataclass(frozen=True)
class Action:
    """One overlay action: ``update`` (merged into each target) or ``remove`` (each target deleted)."""

    index: int
    target: str
    description: str
    update: JSONValue = None
    remove: bool = False

    def label(self) -> str:
        return f"action {self.index} (target {self.target!r})"


@dataclass(frozen=True)
class Overlay:
    """A parsed overlay document."""

    source: str
    title: str
    actions: tuple[Action, ...]


def _fail(source: str, where: str, problem: str) -> OverlayError:
    return OverlayError(f"{source}: {where}: {problem}")


def parse_overlay(document: JSONValue, *, source: str) -> Overlay:
    """Check that ``document`` is an Overlay 1.0.0 document and return its actions."""
    if not isinstance(document, dict):
        raise _fail(source, "document", "an overlay must be a mapping")
    version = document.get("overlay")
    if version not in SUPPORTED_OVERLAY_VERSIONS:
        raise _fail(
            source,
            "overlay",
            f"version must be one of {SUPPORTED_OVERLAY_VERSIONS}, got {version!r}",
        )
    info = document.get("info")
    if not isinstance(info, dict) or not all(
        isinstance(info.get(field), str) and info.get(field) for field in ("title", "version")
    ):
        raise _fail(source, "info", "must be a mapping with string 'title' and 'version'")
    if "extends" in document and not isinstance(document["extends"], str):
        raise _fail(source, "extends", "must be a string (a URL of the target document)")
    unknown = set(document) - {"overlay", "info", "extends", "actions"}
    if any(not key.startswith("x-") for key in unknown):
        raise _fail(source, "document", f"unknown fields {sorted(unknown)}")
    raw_actions = document.get("actions")
    if not isinstance(raw_actions, list) or not raw_actions:
        raise _fail(source, "actions", "must be a non-empty list")
    actions = tuple(_parse_action(raw, index, source) for index, raw in enumerate(raw_actions, 1))
    return Overlay(source=source, title=info["title"], actions=actions)


def _parse_action(raw: JSONValue, index: int, source: str) -> Action:
    where = f"action {index}"
    if not isinstance(raw, dict):
        raise _fail(source, where, "must be a mapping")
    unknown = {key for key in raw if not key.startswith("x-")} - {
        "target",
        "description",
        "update",
        "remove",
    }
    if unknown:
        raise _fail(source, where, f"unknown fields {sorted(unknown)}")
    target = raw.get("target")
    if not isinstance(target, str) or not target.startswith("$"):
        raise _fail(source, where, "'target' must be a JSONPath expression starting with '$'")
    try:
        _JSONPATH.compile(target)
    except JSONPathError as error:
        raise _fail(source, where, f"'target' is not RFC 9535 JSONPath: {error}") from error
    description = raw.get("description")
    if not isinstance(description, str) or not description.strip():
        raise _fail(source, where, "'description' is required: name the defect and the evidence")
    remove = raw.get("remove", False)
    if not isinstance(remove, bool):
        raise _fail(source, where, "'remove' must be a boolean")
    has_update = "update" in raw
    if remove and has_update:
        raise _fail(source, where, "has both 'update' and 'remove'")
    if not remove and not has_update:
        raise _fail(source, where, "needs 'update' or 'remove: true'")
    return Action(index, target, description, copy.deepcopy(raw.get("update")), remove)


def load_overlay(path: Path) -> Overlay:
    """Load and check one overlay file."""
    try:
        document = load_document(path)
    except ValueError as error:
        raise OverlayError(str(error)) from error
    return parse_overlay(document, source=str(path))


def merge(target: JSONValue, update: JSONValue) -> JSONValue:
    """Overlay merge: objects merge recursively, arrays concatenate, anything else is replaced."""
    if isinstance(target, dict) and isinstance(update, dict):
        merged = dict(target)
        for key, value in update.items():
            merged[key] = merge(target[key], value) if key in target else copy.deepcopy(value)
        return merged
    if isinstance(target, list) and isinstance(update, list):
        return [*target, *copy.deepcopy(update)]
    return copy.deepcopy(update)


def _matches(document: JSONValue, action: Action, source: str) -> list[JSONPathMatch]:
    found: list[JSONPathMatch] = []
    seen: set[tuple[Any, ...]] = set()
    for match in _JSONPATH.finditer(action.target, document):
        if match.parts not in seen:
            seen.add(match.parts)
            found.append(match)
    if not found:
        raise _fail(source, action.label(), "target matches nothing in the document")
    return found


def _container(document: JSONValue, parts: Sequence[Any]) -> JSONValue:
    node = document
    for part in parts:
        node = node[part]
    return node


def _removal_order(match: JSONPathMatch) -> tuple[int, int]:
    last = match.parts[-1]
    return (len(match.parts), last if isinstance(last, int) else -1)


def apply_action(document: JSONValue, action: Action, *, source: str) -> JSONValue:
    """Apply one action to ``document`` in place (the root may be replaced, so use the return value)."""
    matches = _matches(document, action, source)
    if action.remove:
        if any(not match.parts for match in matches):
            raise _fail(source, action.label(), "cannot remove the document root")
        # Deepest and last first, so earlier removals do not shift the indices of later ones.
        for match in sorted(matches, key=_removal_order, reverse=True):
            parent = _container(document, match.parts[:-1])
            del parent[match.parts[-1]]
        return document
    for match in matches:
        node = match.obj
        if isinstance(node, dict):
            if not isinstance(action.update, dict):
                raise _fail(source, action.label(), "a target object needs an object 'update'")
            merged = merge(node, action.update)
            node.clear()
            node.update(merged)
        elif isinstance(node, list):
            node.append(copy.deepcopy(action.update))
        else:
            raise _fail(
                source,
                action.label(),
                f"target {match.path} is a {type(node).__name__}: update needs an object or array",
            )
    return document


def validate_openapi(document: JSONValue, *, after: str) -> None:
    """Fail unless ``document`` is a valid OpenAPI 3.0 document."""
    errors = list(OpenAPIV30SpecValidator(document).iter_errors())
    if errors:
        first = errors[0]
        location = "/".join(str(part) for part in first.absolute_path) or "(root)"
        raise OverlayError(
            f"{after}: the result is not valid OpenAPI 3.0 ({len(errors)} errors), first at "
            f"{location}: {first.message}"
        )


def apply_overlays(document: JSONValue, overlays: Iterable[Overlay]) -> JSONValue:
    """Apply overlays in the order given, validating the document after each one."""
    result = copy.deepcopy(document)
    for overlay in overlays:
        for action in overlay.actions:
            result = apply_action(result, action, source=overlay.source)
        validate_openapi(result, after=overlay.source)
    return result


def overlay_paths(directory: Path) -> list[Path]:
    """The overlay files of a directory, in file-name order."""
    return sorted(path for path in directory.iterdir() if path.suffix in {".yaml", ".yml"})
