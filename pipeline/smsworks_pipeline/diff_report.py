"""The spec diff as ``reports/spec-diff.json`` and ``.md``, and a changelog section written from the JSON."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from smsworks_pipeline.coverage import Coverage
from smsworks_pipeline.diff import BREAKING, COMPATIBLE, WORDING, SpecDiff

REPORT_NAME = "spec-diff"
SCHEMA_VERSION = 1


def report_json(diff: SpecDiff, old: str, new: str, covered: list[Coverage]) -> dict[str, Any]:
    """The whole diff as data: what the Markdown report and the changelog section are written from.

    An operation the upstream leaves unnamed is shown by the operationId the overlays give it (from ``covered``).
    """
    names = {row.operation: row.operation_id for row in covered if row.operation_id != "(none)"}
    names.update(diff.operation_ids)
    return {
        "schema": SCHEMA_VERSION,
        "old": {"path": old, "version": diff.old_version},
        "new": {"path": new, "version": diff.new_version},
        "summary": {
            BREAKING: len(diff.of_impact(BREAKING)),
            COMPATIBLE: len(diff.of_impact(COMPATIBLE)),
            WORDING: len(diff.of_impact(WORDING)),
        },
        "operations": {
            "added": [_operation(diff, key, names) for key in diff.added],
            "removed": [_operation(diff, key, names) for key in diff.removed],
            "changed": diff.changed_operations,
        },
        "changes": [change.as_json() for change in diff.changes if change.impact != WORDING],
        "wording": [change.as_json() for change in diff.of_impact(WORDING)],
        "coverage": [row.as_json() for row in covered],
    }


def _operation(diff: SpecDiff, key: str, names: dict[str, str]) -> dict[str, str]:
    return {
        "operation": key,
        "operationId": names.get(key, ""),
        "summary": diff.summaries.get(key, ""),
    }


def _value(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return f"`{text if len(text) <= 80 else text[:77] + '...'}`".replace("|", "\\|")


def _change_line(change: dict[str, Any]) -> str:
    values = ""
    if change["old"] is not None or change["new"] is not None:
        values = f": {_value(change['old'])} → {_value(change['new'])}"
    return f"- `{change['operation']}` {change['where']}: {change['what']}{values}"


def render_markdown(report: dict[str, Any]) -> str:
    old, new, summary = report["old"], report["new"], report["summary"]
    lines = [
        f"# Spec diff: {old['version'] or old['path']} → {new['version'] or new['path']}",
        "",
        f"`{old['path']}` → `{new['path']}`, compared after resolving `$ref`s (see docs/client.md, "
        '"When the vendor\'s spec changes").',
        "",
        f"**{summary[BREAKING]} breaking**, {summary[COMPATIBLE]} compatible, {summary[WORDING]} wording.",
        "",
        "## Operations",
        "",
    ]
    operations = report["operations"]
    for title, rows in (("Added", operations["added"]), ("Removed", operations["removed"])):
        lines.append(f"{title}: " + ("none" if not rows else ""))
        lines += [
            f"- `{row['operation']}` {row['operationId']} {row['summary']}".rstrip() for row in rows
        ]
        lines.append("")
    lines.append("Changed: " + (", ".join(f"`{key}`" for key in operations["changed"]) or "none"))
    lines.append("")
    for impact, title in (
        (BREAKING, "Breaking for users of the client"),
        (COMPATIBLE, "Compatible"),
    ):
        rows = [change for change in report["changes"] if change["impact"] == impact]
        lines += [f"## {title}", ""]
        lines += [_change_line(change) for change in rows] or ["none"]
        lines.append("")
    lines += ["## The emulator and the contract suite", ""]
    if report["coverage"]:
        lines += ["| operation | operationId | emulator | contract model |", "|---|---|---|---|"]
        lines += [
            f"| `{row['operation']}` | {row['operationId']} | {row['emulator']} | {row['contract_model']} |"
            for row in report["coverage"]
        ]
    else:
        lines.append("nothing to do")
    lines.append("")
    wording = report["wording"]
    kinds = Counter(change["what"] for change in wording)
    lines += [
        "## Wording (never breaking)",
        "",
        ", ".join(f"{count} {what}" for what, count in sorted(kinds.items())) or "none",
        "",
    ]
    lines += [_change_line(change) for change in wording]
    return "\n".join(lines).rstrip("\n") + "\n"


def changelog_section(report: dict[str, Any]) -> str:
    """The client's entries of a Keep a Changelog release (``### Added`` / ``Changed`` / ``Removed``), from a
    spec-diff report's JSON; a breaking change is marked so, and wording is counted, not listed."""
    old, new = report["old"]["version"], report["new"]["version"]
    source = f"(the vendor's spec {old} → {new})"
    added = [
        f"- Client: `{row['operation']}`"
        + (f" (`{row['operationId']}`)" if row["operationId"] else "")
        + (f": {row['summary']}" if row["summary"] else "")
        + f" {source}"
        for row in report["operations"]["added"]
    ]
    removed = [
        f"- Client, **breaking**: `{row['operation']}` {source}"
        for row in report["operations"]["removed"]
    ]
    changed = [
        "- Client"
        + (", **breaking**" if change["impact"] == BREAKING else "")
        + ": "
        + _change_line(change).removeprefix("- ")
        + f" {source}"
        for change in report["changes"]
        if change["what"] not in ("operation added", "operation removed")
    ]
    wording = len(report["wording"])
    if wording:
        changed.append(f"- Client: {wording} changes of wording (descriptions, examples) {source}")
    lines: list[str] = []
    for title, rows in (("Added", added), ("Changed", changed), ("Removed", removed)):
        if rows:
            lines += [f"### {title}", "", *rows, ""]
    return "\n".join(lines) if lines else f"No change a client user can see {source}.\n"
