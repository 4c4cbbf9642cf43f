"""Reading a vendor document, and how well the overlays fit it.

:func:`load_upstream` accepts OpenAPI 3.0 only and refuses anything else in one sentence, Swagger 2.0 by name.
:func:`check_upstream` runs every overlay action over another upstream document, in order, with the strict applier's
own functions, and says of each one whether it still does its job (*applied*), no longer finds its target
(*target missing*), or would change nothing because the upstream already says what the action makes it say
(*redundant*: the vendor fixed the defect, so the action should go).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonpath import JSONPathEnvironment

from smsworks_pipeline.loading import JSONValue, load_document
from smsworks_pipeline.overlay import (
    Action,
    Overlay,
    OverlayError,
    apply_action,
    validate_openapi,
)

_JSONPATH = JSONPathEnvironment(strict=True)
APPLIED, MISSING, REDUNDANT = "applied", "target missing", "redundant"
CATALOGUE_HEADING = "## Defect catalogue"


class UpstreamError(Exception):
    """The document is not one the pipeline can read; the message is one line saying why and what to do."""


def load_upstream(path: Path) -> JSONValue:
    """Load an OpenAPI 3.0 document, refusing Swagger 2.0 and other versions by name."""
    try:
        document = load_document(path)
    except (OSError, ValueError) as error:
        raise UpstreamError(f"{path}: cannot be read: {error}") from error
    if not isinstance(document, dict):
        raise UpstreamError(f"{path}: not an OpenAPI document (its top level is not a mapping)")
    version = (
        document.get("info", {}).get("version", "?")
        if isinstance(document.get("info"), dict)
        else "?"
    )
    if "swagger" in document:
        raise UpstreamError(
            f"{path}: a Swagger {document['swagger']} document (API version {version}); the pipeline reads "
            "OpenAPI 3.0 only: convert it to OpenAPI 3.0 (e.g. `npx swagger2openapi`) and pass the result"
        )
    openapi = str(document.get("openapi", ""))
    if not openapi.startswith("3.0."):
        raise UpstreamError(
            f"{path}: OpenAPI version {openapi or '(none)'!r}; the pipeline reads OpenAPI 3.0.x only"
        )
    return document


@dataclass(frozen=True)
class ActionHealth:
    """What one overlay action does to one upstream document."""

    overlay: str
    index: int
    target: str
    description: str
    outcome: str
    detail: str
    defect: str

    def as_json(self) -> dict[str, Any]:
        return {
            "overlay": self.overlay,
            "action": self.index,
            "target": self.target,
            "outcome": self.outcome,
            "detail": self.detail,
            "description": self.description,
            "defect": self.defect,
        }


@dataclass(frozen=True)
class UpstreamHealth:
    """Every action's outcome, and whether the patched result is still valid OpenAPI 3.0."""

    upstream: str
    version: str
    actions: tuple[ActionHealth, ...]
    invalid_result: str

    @property
    def failing(self) -> list[ActionHealth]:
        return [action for action in self.actions if action.outcome != APPLIED]

    @property
    def healthy(self) -> bool:
        return not self.failing and not self.invalid_result

    def counts(self) -> dict[str, int]:
        return {
            outcome: sum(1 for action in self.actions if action.outcome == outcome)
            for outcome in (APPLIED, MISSING, REDUNDANT)
        }

    def as_json(self) -> dict[str, Any]:
        return {
            "upstream": self.upstream,
            "version": self.version,
            "healthy": self.healthy,
            "counts": self.counts(),
            "invalid_result": self.invalid_result or None,
            "actions": [action.as_json() for action in self.actions],
        }


def would_change(node: JSONValue, update: JSONValue) -> bool:
    """Whether an overlay merge of ``update`` into ``node`` says anything ``node`` does not already say.

    Arrays concatenate in a merge, so an array update says nothing new when each of its items is already there.
    """
    if isinstance(node, dict) and isinstance(update, dict):
        return any(
            key not in node or would_change(node[key], value) for key, value in update.items()
        )
    if isinstance(node, list) and isinstance(update, list):
        return any(item not in node for item in update)
    return bool(node != update)


WORDING = frozenset({"description", "summary", "title", "example", "examples", "externalDocs"})
"""Keys whose values are prose or samples: what a document says in words, not what it means."""
NAMED_MAPS = frozenset(
    {
        "paths",
        "schemas",
        "properties",
        "responses",
        "securitySchemes",
        "links",
        "headers",
        "content",
    }
)
"""Mappings whose keys are names (a property may be called ``description``), not keywords."""


def meaning(value: JSONValue, *, names: bool = False) -> JSONValue:
    """``value`` without its wording; ``names``: ``value``'s keys are names, none of them wording."""
    if isinstance(value, dict):
        return {
            key: meaning(item, names=key in NAMED_MAPS and not names)
            for key, item in value.items()
            if names or key not in WORDING
        }
    if isinstance(value, list):
        return [meaning(item) for item in value]
    return value


def _names_at(target: str) -> bool:
    """Whether the nodes ``target`` matches are mappings of names (``$.paths``, ``...properties``)."""
    last = re.split(r"[.\[\]']+", target.rstrip("]'"))[-1]
    return last in NAMED_MAPS


def _nodes(document: JSONValue, target: str) -> list[JSONValue]:
    return [match.obj for match in _JSONPATH.finditer(target, document)]


_NAME_UNION = re.compile(r"\[('[^'\]]*'(?:\s*,\s*'[^'\]]*')+)\]")


def branches(target: str) -> list[str]:
    """A target with name unions (``['Message','OTP']``) as one target per combination of names, else none.

    A union that still matches through one name would hide that another name is gone.
    """
    union = _NAME_UNION.search(target)
    if union is None:
        return []
    names = re.findall(r"'([^']*)'", union.group(1))
    head, tail = target[: union.start()], target[union.end() :]
    return [
        expanded
        for name in names
        for expanded in (branches(f"{head}['{name}']{tail}") or [f"{head}['{name}']{tail}"])
    ]


_LAST_SEGMENT = re.compile(r"(\.[A-Za-z_$][\w$-]*|\.\*|\[[^\[\]]*\])$")


def parent_target(target: str) -> str | None:
    """``target`` without its last segment (``$.a.b['c']`` gives ``$.a.b``), or None at the root."""
    parent = _LAST_SEGMENT.sub("", target)
    return parent if parent != target and parent.startswith("$") else None


def _effect(document: JSONValue, action: Action) -> tuple[str, str]:
    """The outcome of ``action`` on ``document`` (before it is applied) and a few words on why."""
    nodes = _nodes(document, action.target)
    if not nodes:
        parent = parent_target(action.target)
        parents = _nodes(document, parent) if parent else []
        ancestor, nearest = parent, parents
        while ancestor and not nearest:
            ancestor = parent_target(ancestor)
            nearest = _nodes(document, ancestor) if ancestor else []
        moved = _references(nearest)
        if moved:
            return MISSING, f"{ancestor} is now a reference ({moved}): retarget the component"
        if action.remove and parents:
            return REDUNDANT, "the upstream no longer has what this action removes"
        return MISSING, "the target matches nothing in this upstream"
    lost = [branch for branch in branches(action.target) if not _nodes(document, branch)]
    if lost:
        return MISSING, f"part of the target matches nothing: {', '.join(lost)}"
    moved = _references(nodes)
    if (
        moved
        and not action.remove
        and not (isinstance(action.update, dict) and "$ref" in action.update)
    ):
        # OpenAPI 3.0 ignores the siblings of a $ref: an update merged beside one changes nothing.
        return MISSING, f"the target is now a reference ({moved}): retarget the component"
    if action.remove:
        return APPLIED, f"removes {len(nodes)} node(s)"
    if isinstance(action.update, dict) or all(isinstance(node, list) for node in nodes):
        changing = [node for node in nodes if would_change(node, action.update)]
        if not changing:
            return REDUNDANT, "the upstream already says what this action makes it say"
        names = _names_at(action.target)
        update_meaning = meaning(action.update, names=names)
        if update_meaning and not any(
            would_change(meaning(node, names=names), update_meaning) for node in changing
        ):
            # An action that adds what the vendor now declares, in the vendor's words: merging it
            # would only overwrite their wording with ours. (An action of wording alone is judged
            # as written: its words are its purpose.)
            return (
                REDUNDANT,
                "the upstream already means what this action makes it say; only wording differs",
            )
        return APPLIED, f"changes {len(changing)} of {len(nodes)} match(es)"
    return APPLIED, "replaces the target"


def _references(nodes: list[JSONValue]) -> str:
    """The ``$ref``s among ``nodes``, comma-separated (an inline schema moved to a component leaves one)."""
    return ", ".join(
        sorted({str(node["$ref"]) for node in nodes if isinstance(node, dict) and "$ref" in node})
    )


def check_upstream(
    document: JSONValue,
    overlays: Sequence[Overlay],
    *,
    upstream: str,
    catalogue: dict[str, list[str]],
) -> UpstreamHealth:
    """Apply ``overlays`` to ``document`` action by action, recording each action's outcome.

    An action whose target is missing is skipped, so the later ones are judged on what the earlier ones did.
    """
    result = copy.deepcopy(document)
    rows: list[ActionHealth] = []
    for overlay in overlays:
        outcomes: list[tuple[str, str]] = []
        pairs = replacement_pairs(overlay.actions)
        before: dict[int, list[JSONValue]] = {}
        for position, action in enumerate(overlay.actions):
            outcome, detail = _effect(result, action)
            if position in pairs:
                before[position] = copy.deepcopy(
                    _nodes(result, overlay.actions[pairs[position]].target)
                )
            if outcome == APPLIED:
                result = apply_action(result, action, source=overlay.source)
            outcomes.append((outcome, detail))
            for first, later in pairs.items():
                if (
                    later == position
                    and first in before
                    and outcomes[first][0] == APPLIED == outcome
                ) and before[first] == _nodes(result, action.target):
                    again = "puts back what the upstream already has"
                    outcomes[first] = (REDUNDANT, f"with action {action.index} it {again}")
                    outcomes[position] = (
                        REDUNDANT,
                        f"with action {overlay.actions[first].index} it {again}",
                    )
        rows.extend(
            ActionHealth(
                overlay=Path(overlay.source).name,
                index=action.index,
                target=action.target,
                description=" ".join(action.description.split()),
                outcome=outcome,
                detail=detail,
                defect=catalogue_defect(
                    catalogue, Path(overlay.source).name, action, overlay.title
                ),
            )
            for action, (outcome, detail) in zip(overlay.actions, outcomes, strict=True)
        )
    invalid = ""
    try:
        validate_openapi(result, after=f"{upstream} with every overlay")
    except OverlayError as error:
        invalid = str(error)
    version = str(document.get("info", {}).get("version", "")) if isinstance(document, dict) else ""
    return UpstreamHealth(upstream, version, tuple(rows), invalid)


def replacement_pairs(actions: Sequence[Action]) -> dict[int, int]:
    """A remove and the first later update of a target above it (a defective node replaced), by position."""
    pairs: dict[int, int] = {}
    for first, action in enumerate(actions):
        if not action.remove:
            continue
        for later in range(first + 1, len(actions)):
            if not actions[later].remove and action.target.startswith(actions[later].target):
                pairs[first] = later
                break
    return pairs


def load_catalogue(client_doc: Path) -> dict[str, list[str]]:
    """The defect catalogue of ``docs/client.md``: each overlay file's defects, in the table's order."""
    if not client_doc.is_file():
        return {}
    text = client_doc.read_text(encoding="utf-8")
    start = text.find(CATALOGUE_HEADING)
    if start < 0:
        return {}
    found: dict[str, list[str]] = {}
    for line in text[start:].splitlines()[1:]:
        if line.startswith("## "):
            break
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 3 or set(cells[0]) <= {"-", " ", ":"}:
            continue
        for name in re.findall(r"`(\d\d-[\w-]+\.ya?ml)`", cells[1]):
            found.setdefault(name, []).append(cells[0].lstrip("† "))
    return found


def catalogue_defect(
    catalogue: dict[str, list[str]], overlay: str, action: Action, title: str = ""
) -> str:
    """The catalogue row(s) of ``overlay`` that name what ``action`` targets, or all of them when none does."""
    rows = catalogue.get(overlay, [])
    if not rows:
        return f"(no row of the defect catalogue names this file; its title: {title or '?'})"
    said = f"{action.target} {action.description}".lower()

    def score(row: str) -> int:
        words = {
            word.lower()
            for code in re.findall(r"`([^`]+)`", row)
            for word in re.findall(r"\w{3,}", code)
        }
        return sum(1 for word in words if word in said)

    best = max(score(row) for row in rows)
    return " / ".join(row for row in rows if score(row) == best or best == 0)


def render_markdown(health: UpstreamHealth) -> str:
    """The per-action report as Markdown."""
    counts = health.counts()
    lines = [
        f"# Overlay health on {health.upstream} (info.version {health.version or '?'})",
        "",
        f"{counts[APPLIED]} applied, {counts[MISSING]} target missing, {counts[REDUNDANT]} redundant, "
        f"of {len(health.actions)} actions.",
        "",
    ]
    if health.invalid_result:
        lines += [f"**The patched result is not valid:** {health.invalid_result}", ""]
    if health.failing:
        lines += [
            "Each action below fails the build: fix its target (missing), or delete it (redundant: the vendor "
            "fixed the defect) together with its row of the defect catalogue in docs/client.md.",
            "",
            "| overlay | action | outcome | target | description | defect (docs/client.md) |",
            "|---|---|---|---|---|---|",
        ]
        lines += [
            f"| `{row.overlay}` | {row.index} | **{row.outcome}**: {row.detail} | `{row.target}` | "
            f"{_cell(row.description)} | {_cell(row.defect)} |"
            for row in health.failing
        ]
        lines.append("")
    lines += ["## Every action", "", "| overlay | action | outcome | target |", "|---|---|---|---|"]
    lines += [
        f"| `{row.overlay}` | {row.index} | {row.outcome} | `{row.target}` |"
        for row in health.actions
    ]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def summary_lines(health: UpstreamHealth) -> list[str]:
    """A terminal's view: the counts, then one line per failing action."""
    counts = health.counts()
    lines = [
        f"overlays on {health.upstream} ({health.version or '?'}): {counts[APPLIED]} applied, "
        f"{counts[MISSING]} target missing, {counts[REDUNDANT]} redundant"
    ]
    lines += [
        f"  {row.overlay} action {row.index} {row.outcome}: {row.target} ({row.detail})\n"
        f"      description: {row.description}\n      defect: {row.defect}"
        for row in health.failing
    ]
    if health.invalid_result:
        lines.append(f"  {health.invalid_result}")
    return lines
