"""A semantic diff of two OpenAPI 3.0 documents, classified for a user of the generated client.

Both documents are first read as what they mean (:mod:`smsworks_pipeline.canonical`), so serialisation noise is no
change. Each difference is then *breaking* (code written against the old client may stop working: a removed
operation or field, a type or format change, a newly required request field, a narrowed request enum, a widened
response enum, which the client's literal enums refuse) or *compatible* (additions, loosened request rules); a change
of description, summary, title or example is *wording*, listed apart and never breaking.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from smsworks_pipeline.canonical import WORDING_KEYS, Canonicaliser
from smsworks_pipeline.loading import JSONValue

BREAKING, COMPATIBLE, WORDING = "breaking", "compatible", "wording"
REQUEST, RESPONSE = "request", "response"
# Constraints that narrow what is accepted as they grow (min*) or shrink (max*).
_LOWER_BOUNDS = ("minimum", "minLength", "minItems", "minProperties")
_UPPER_BOUNDS = ("maximum", "maxLength", "maxItems", "maxProperties")


@dataclass(frozen=True)
class Change:
    """One difference: where it is, what it is, old and new, and what it means for a user of the client."""

    operation: str
    where: str
    what: str
    impact: str
    old: Any = None
    new: Any = None

    def as_json(self) -> dict[str, Any]:
        return {
            "operation": self.operation,
            "where": self.where,
            "what": self.what,
            "impact": self.impact,
            "old": self.old,
            "new": self.new,
        }


@dataclass(frozen=True)
class SpecDiff:
    """The operations each side has, and every change between them."""

    old_version: str
    new_version: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changes: tuple[Change, ...]
    operation_ids: dict[str, str]
    """``METHOD /path`` to the operationId the new (or, for a removed one, the old) document gives it."""
    summaries: dict[str, str]

    def of_impact(self, impact: str) -> list[Change]:
        return [change for change in self.changes if change.impact == impact]

    @property
    def breaking(self) -> list[Change]:
        return self.of_impact(BREAKING)

    @property
    def changed_operations(self) -> list[str]:
        return sorted(
            {change.operation for change in self.changes if change.impact != WORDING}
            - set(self.added)
            - set(self.removed)
        )


def diff_documents(old: JSONValue, new: JSONValue) -> SpecDiff:
    """Compare two OpenAPI 3.0 documents by meaning."""
    before = Canonicaliser(old).operations()
    after = Canonicaliser(new).operations()
    added = tuple(sorted(set(after) - set(before)))
    removed = tuple(sorted(set(before) - set(after)))
    changes: list[Change] = [
        Change(key, "operation", "operation added", COMPATIBLE) for key in added
    ]
    changes += [Change(key, "operation", "operation removed", BREAKING) for key in removed]
    for key in sorted(set(before) & set(after)):
        changes += _operation_changes(key, before[key], after[key])
    ids = {
        key: str(op["operationId"])
        for key, op in {**before, **after}.items()
        if op.get("operationId")
    }
    summaries = {
        key: str(op.get("summary") or op.get("description") or "").strip().split("\n")[0]
        for key, op in {**before, **after}.items()
    }
    return SpecDiff(_version(old), _version(new), added, removed, tuple(changes), ids, summaries)


def _version(document: JSONValue) -> str:
    info = document.get("info") if isinstance(document, dict) else None
    return str(info.get("version", "")) if isinstance(info, dict) else ""


def _operation_changes(key: str, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    found: list[Change] = []
    add = found.append
    if old.get("operationId") != new.get("operationId"):
        impact = COMPATIBLE if not old.get("operationId") else BREAKING
        add(
            Change(
                key,
                "operationId",
                "operationId changed",
                impact,
                old.get("operationId"),
                new.get("operationId"),
            )
        )
    if old["security"] != new["security"]:
        add(
            Change(
                key,
                "security",
                "security requirements changed",
                BREAKING,
                old["security"],
                new["security"],
            )
        )
    if old["tags"] != new["tags"]:
        # The raw functions live in a module named after the first tag: they move.
        impact = BREAKING if _module(old["tags"]) != _module(new["tags"]) else COMPATIBLE
        add(Change(key, "tags", "tags changed", impact, old["tags"], new["tags"]))
    for word in ("summary", "description"):
        if old.get(word) != new.get(word):
            add(Change(key, word, f"{word} changed", WORDING, old.get(word), new.get(word)))
    found += _parameter_changes(key, old["parameters"], new["parameters"])
    found += _body_changes(key, old.get("requestBody"), new.get("requestBody"))
    found += _response_changes(key, old["responses"], new["responses"])
    return found


def _module(tags: list[str]) -> str:
    """The module of ``smsworks.api`` an operation's raw functions are in: its first tag, snake_cased."""
    return "_".join(str(tags[0]).lower().split()) if tags else ""


def _parameter_changes(key: str, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    found: list[Change] = []
    for name in sorted(set(old) | set(new)):
        where = f"parameter {name}"
        if name not in new:
            found.append(Change(key, where, "parameter removed", BREAKING))
        elif name not in old:
            required = new[name]["required"]
            what = "required parameter added" if required else "optional parameter added"
            found.append(Change(key, where, what, BREAKING if required else COMPATIBLE))
        else:
            before, after = old[name], new[name]
            if before["required"] != after["required"]:
                impact = BREAKING if after["required"] else COMPATIBLE
                found.append(
                    Change(
                        key,
                        where,
                        "required changed",
                        impact,
                        before["required"],
                        after["required"],
                    )
                )
            for rule in ("style", "explode"):
                if before.get(rule) != after.get(rule):
                    found.append(
                        Change(
                            key,
                            where,
                            f"{rule} changed",
                            BREAKING,
                            before.get(rule),
                            after.get(rule),
                        )
                    )
            for word in sorted(WORDING_KEYS & (set(before) | set(after))):
                if before.get(word) != after.get(word):
                    found.append(
                        Change(
                            key,
                            where,
                            f"{word} changed",
                            WORDING,
                            before.get(word),
                            after.get(word),
                        )
                    )
            found += schema_changes(key, where, before["schema"], after["schema"], REQUEST)
    return found


def _body_changes(key: str, old: dict[str, Any] | None, new: dict[str, Any] | None) -> list[Change]:
    where = "request body"
    if old is None and new is None:
        return []
    if new is None:
        return [Change(key, where, "request body removed", BREAKING)]
    if old is None:
        required = new["required"]
        return [Change(key, where, "request body added", BREAKING if required else COMPATIBLE)]
    found: list[Change] = []
    if old["required"] != new["required"]:
        impact = BREAKING if new["required"] else COMPATIBLE
        found.append(
            Change(key, where, "required changed", impact, old["required"], new["required"])
        )
    if old.get("description") != new.get("description"):
        found.append(
            Change(
                key,
                where,
                "description changed",
                WORDING,
                old.get("description"),
                new.get("description"),
            )
        )
    found += _content_changes(key, where, old["content"], new["content"], REQUEST)
    return found


def _response_changes(key: str, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    found: list[Change] = []
    for status in sorted(set(old) | set(new)):
        where = f"response {status}"
        success = status.startswith("2")
        if status not in new:
            found.append(Change(key, where, "status removed", BREAKING if success else COMPATIBLE))
        elif status not in old:
            # A second success status widens what the front door's method returns.
            widens = success and any(code.startswith("2") for code in old)
            found.append(Change(key, where, "status added", BREAKING if widens else COMPATIBLE))
        else:
            if old[status].get("description") != new[status].get("description"):
                found.append(
                    Change(
                        key,
                        where,
                        "description changed",
                        WORDING,
                        old[status].get("description"),
                        new[status].get("description"),
                    )
                )
            found += _content_changes(
                key, where, old[status]["content"], new[status]["content"], RESPONSE
            )
    return found


def _content_changes(
    key: str, where: str, old: dict[str, Any], new: dict[str, Any], side: str
) -> list[Change]:
    found: list[Change] = []
    for media in sorted(set(old) | set(new)):
        here = f"{where} {media}"
        if media not in new:
            found.append(Change(key, here, "media type removed", BREAKING))
        elif media not in old:
            found.append(Change(key, here, "media type added", COMPATIBLE))
        else:
            found += schema_changes(key, here, old[media], new[media], side)
    return found


def schema_changes(
    key: str, where: str, old: dict[str, Any], new: dict[str, Any], side: str
) -> list[Change]:
    """The changes between two canonical schemas, as a request (``side`` REQUEST) or a response reads them."""
    found: list[Change] = []

    def add(what: str, impact: str, before: Any = None, after: Any = None) -> None:
        found.append(Change(key, where, what, impact, before, after))

    request = side == REQUEST
    for rule in ("type", "format", "$recursive"):
        if old.get(rule) != new.get(rule):
            add(f"{rule} changed", BREAKING, old.get(rule), new.get(rule))
    _enum_changes(old, new, request, add)
    _bound_changes(old, new, request, add)
    if old.get("pattern") != new.get("pattern"):
        narrows = request and new.get("pattern") is not None
        add(
            "pattern changed",
            BREAKING if narrows else COMPATIBLE,
            old.get("pattern"),
            new.get("pattern"),
        )
    if old.get("nullable") != new.get("nullable"):
        # A request may no longer send null; a response may now hold one.
        narrows = bool(old.get("nullable")) if request else bool(new.get("nullable"))
        add(
            "nullable changed",
            BREAKING if narrows else COMPATIBLE,
            old.get("nullable"),
            new.get("nullable"),
        )
    if old.get("default") != new.get("default"):
        add("default changed", COMPATIBLE, old.get("default"), new.get("default"))
    for word in sorted(WORDING_KEYS):
        if old.get(word) != new.get(word):
            add(f"{word} changed", WORDING, old.get(word), new.get(word))
    handled = {
        "type",
        "format",
        "$recursive",
        "enum",
        "pattern",
        "nullable",
        "default",
        "required",
        "properties",
        "items",
        "additionalProperties",
        *WORDING_KEYS,
        *_LOWER_BOUNDS,
        *_UPPER_BOUNDS,
    }
    for rule in sorted((set(old) | set(new)) - handled):
        if old.get(rule) != new.get(rule):
            add(f"{rule} changed", BREAKING, old.get(rule), new.get(rule))
    if old.get("additionalProperties") != new.get("additionalProperties"):
        before, after = old.get("additionalProperties", True), new.get("additionalProperties", True)
        if isinstance(before, dict) and isinstance(after, dict):
            found += schema_changes(key, f"{where} {{*}}", before, after, side)
        else:
            add(
                "additionalProperties changed",
                BREAKING if request and after is False else COMPATIBLE,
                before,
                after,
            )
    if "items" in old and "items" in new:
        found += schema_changes(key, f"{where}[]", old["items"], new["items"], side)
    elif "items" in old or "items" in new:
        add("items changed", BREAKING, old.get("items"), new.get("items"))
    found += _property_changes(key, where, old, new, request)
    return found


def _enum_changes(old: dict[str, Any], new: dict[str, Any], request: bool, add: Any) -> None:
    if old.get("enum") == new.get("enum"):
        return
    if "enum" not in new:
        add("enum removed", BREAKING, old["enum"], None)  # a Literal type becomes a plain one
        return
    if "enum" not in old:
        add("enum added", BREAKING if request else COMPATIBLE, None, new["enum"])
        return
    gone = [value for value in old["enum"] if value not in new["enum"]]
    came = [value for value in new["enum"] if value not in old["enum"]]
    if gone:
        add("enum values removed", BREAKING if request else COMPATIBLE, gone, None)
    if came:
        # The client's literal enums refuse a value they do not know, so a response's new value breaks its reader.
        add("enum values added", COMPATIBLE if request else BREAKING, None, came)


def _bound_changes(old: dict[str, Any], new: dict[str, Any], request: bool, add: Any) -> None:
    for rule in (*_LOWER_BOUNDS, *_UPPER_BOUNDS):
        before, after = old.get(rule), new.get(rule)
        if before == after:
            continue
        if not request:
            narrows = (
                False  # a response's bounds promise something; reading code is not broken by them
            )
        elif after is None:
            narrows = False
        elif before is None:
            narrows = True
        else:
            narrows = after > before if rule in _LOWER_BOUNDS else after < before
        add(f"{rule} changed", BREAKING if narrows else COMPATIBLE, before, after)


def _property_changes(
    key: str, where: str, old: dict[str, Any], new: dict[str, Any], request: bool
) -> list[Change]:
    found: list[Change] = []
    before, after = old.get("properties", {}), new.get("properties", {})
    required_before, required_after = set(old.get("required", [])), set(new.get("required", []))
    for name in sorted(set(before) | set(after)):
        here = f"{where} .{name}"
        if name not in after:
            found.append(Change(key, here, "field removed", BREAKING))
        elif name not in before:
            required = name in required_after
            what = "required field added" if required else "optional field added"
            found.append(Change(key, here, what, BREAKING if required and request else COMPATIBLE))
        else:
            was, now = name in required_before, name in required_after
            if was != now:
                # A request must now send it; a response may now leave it out.
                narrows = now if request else was
                found.append(
                    Change(
                        key, here, "required changed", BREAKING if narrows else COMPATIBLE, was, now
                    )
                )
            found += schema_changes(
                key, here, before[name], after[name], REQUEST if request else RESPONSE
            )
    return found
