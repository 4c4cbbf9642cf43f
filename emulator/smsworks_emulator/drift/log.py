"""Findings gathered over a run, one entry per place and kind, and the reports written from them."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.etree import ElementTree

from .finding import Finding

_INDEX = re.compile(r"/[0-9]+(?=/|$)")


def general_pointer(pointer: str) -> str:
    """A pointer with each array index as ``*``: every element of a list is one place in a report."""
    return _INDEX.sub("/*", pointer)


@dataclass
class Entry:
    """The findings of one (operation, direction, pointer, kind), told apart by whether a variant tolerates them."""

    operation: str
    direction: str
    pointer: str
    kind: str
    declared: str
    seen: str
    variant: str | None
    tolerated: bool
    statuses: set[str] = field(default_factory=set)
    count: int = 0
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    example: str | None = None

    def describe(self) -> str:
        text = (
            f"{self.operation} {self.direction} {self.pointer or '(body)'}: {self.kind}: declared {self.declared}, "
            f"seen {self.seen} ({self.count}x"
        )
        text += f", known variant {self.variant})" if self.tolerated else ", unknown)"
        return text + (f"; e.g. {self.example}" if self.example else "")

    def to_dict(self) -> dict[str, object]:
        return {
            "operation": self.operation,
            "direction": self.direction,
            "pointer": self.pointer,
            "kind": self.kind,
            "declared": self.declared,
            "seen": self.seen,
            "variant": self.variant,
            "tolerated": self.tolerated,
            "statuses": sorted(self.statuses),
            "count": self.count,
            "first_seen": self.first_seen.isoformat() if self.first_seen else None,
            "last_seen": self.last_seen.isoformat() if self.last_seen else None,
            "example": self.example,
        }


Key = tuple[str, str, str, str, bool, str | None]


class FindingLog:
    """Aggregates findings: count, first and last time seen and one example per entry."""

    def __init__(self) -> None:
        self._entries: dict[Key, Entry] = {}
        self.checked = 0

    def add(
        self, findings: Iterable[Finding], example: str | None = None, when: datetime | None = None
    ) -> None:
        """Adds the findings of one checked message (``example``: e.g. ``POST /v1/message/send``)."""
        when = when or datetime.now(UTC)
        self.checked += 1
        for finding in findings:
            pointer = general_pointer(finding.pointer)
            key: Key = (
                finding.operation,
                finding.direction,
                pointer,
                finding.kind,
                finding.tolerated,
                finding.variant,
            )
            entry = self._entries.get(key)
            if entry is None:
                entry = Entry(
                    finding.operation,
                    finding.direction,
                    pointer,
                    finding.kind,
                    finding.declared,
                    finding.seen,
                    finding.variant,
                    finding.tolerated,
                    first_seen=when,
                    example=example,
                )
                self._entries[key] = entry
            entry.count += 1
            entry.statuses.add(finding.status)
            entry.last_seen = when if entry.last_seen is None else max(entry.last_seen, when)
            entry.first_seen = when if entry.first_seen is None else min(entry.first_seen, when)

    def entries(self) -> list[Entry]:
        return sorted(
            self._entries.values(), key=lambda e: (e.operation, e.direction, e.pointer, e.kind)
        )

    def tolerated(self) -> list[Entry]:
        return [entry for entry in self.entries() if entry.tolerated]

    def unknown(self) -> list[Entry]:
        return [entry for entry in self.entries() if not entry.tolerated]

    def to_json(self) -> str:
        document = {
            "checked": self.checked,
            "unknown": [entry.to_dict() for entry in self.unknown()],
            "tolerated": [entry.to_dict() for entry in self.tolerated()],
        }
        return json.dumps(document, indent=2) + "\n"

    def to_markdown(self) -> str:
        lines = ["# Drift findings", ""]
        lines.append(
            f"{self.checked} messages checked: {len(self.unknown())} unknown departures, "
            f"{len(self.tolerated())} tolerated (known wire variants)."
        )
        for title, entries in (
            ("Unknown departures", self.unknown()),
            ("Known variants seen", self.tolerated()),
        ):
            lines += ["", f"## {title}", ""]
            if not entries:
                lines.append("None.")
                continue
            lines += [
                "| operation | direction | status | pointer | kind | declared | seen | variant | count | first seen | "
                "last seen | example |",
                "|---|---|---|---|---|---|---|---|---|---|---|---|",
            ]
            for e in entries:
                cells = [
                    e.operation,
                    e.direction,
                    ", ".join(sorted(e.statuses)),
                    f"`{e.pointer}`" if e.pointer else "(body)",
                    e.kind,
                    e.declared,
                    e.seen,
                    e.variant or "",
                    str(e.count),
                    e.first_seen.isoformat(timespec="seconds") if e.first_seen else "",
                    e.last_seen.isoformat(timespec="seconds") if e.last_seen else "",
                    e.example or "",
                ]
                lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
        return "\n".join(lines) + "\n"

    def to_junit_xml(self) -> str:
        """One testcase per (operation, kind); it fails when an unknown departure of that kind was seen."""
        groups: dict[tuple[str, str], list[Entry]] = {}
        for entry in self.entries():
            groups.setdefault((entry.operation, entry.kind), []).append(entry)
        suite = ElementTree.Element(
            "testsuite",
            name="drift",
            tests=str(len(groups)),
            failures=str(sum(1 for g in groups.values() if any(not e.tolerated for e in g))),
        )
        for (operation, kind), entries in groups.items():
            case = ElementTree.SubElement(
                suite, "testcase", classname=f"drift.{operation}", name=kind
            )
            properties = ElementTree.SubElement(case, "properties")
            for entry in entries:
                ElementTree.SubElement(
                    properties, "property", name="finding", value=entry.describe()
                )
            unknown = [entry for entry in entries if not entry.tolerated]
            if unknown:
                failure = ElementTree.SubElement(case, "failure", message=unknown[0].describe())
                failure.text = "\n".join(entry.describe() for entry in unknown)
        return ElementTree.tostring(suite, encoding="unicode", xml_declaration=True) + "\n"
