"""The known wire variants, read from the spec document's root ``x-smsworks-wire-variants`` (overlays/62)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

VARIANTS_KEY = "x-smsworks-wire-variants"


@dataclass(frozen=True)
class Variant:
    """One entry of the table: what departure it tolerates, and where."""

    name: str
    departure: str
    at: frozenset[str]
    seen: frozenset[str]
    operations: frozenset[str]
    statuses: dict[str, frozenset[str]]
    schema: str | None = None
    codes: frozenset[str] = frozenset()

    def tolerates_value(self, kind: str, location: str | None, seen: str) -> bool:
        """A ``type`` or ``required`` departure at one of its ``Schema.property`` locations."""
        if kind != self.departure or kind not in ("type", "required") or location not in self.at:
            return False
        return kind == "required" or not self.seen or seen in self.seen

    def tolerates_shape(self, operation: str, seen: str) -> bool:
        return (
            self.departure == "shape"
            and operation in self.operations
            and (not self.seen or seen in self.seen)
        )

    def tolerates_status(self, operation: str, status: str) -> bool:
        return self.departure == "status" and status in self.statuses.get(operation, frozenset())

    def replaces_body(self, code: str) -> bool:
        """A ``body`` variant: at this status any operation may answer with its ``schema`` instead."""
        return self.departure == "body" and self.schema is not None and code in self.codes


def read_variants(document: dict[str, Any]) -> tuple[Variant, ...]:
    """Every variant of the document, in its order (none when the document has no table)."""
    table = document.get(VARIANTS_KEY, [])
    if not isinstance(table, list):
        raise ValueError(f"{VARIANTS_KEY} must be a list")
    return tuple(
        Variant(
            name=str(entry["name"]),
            departure=str(entry["departure"]),
            at=frozenset(str(item) for item in entry.get("at", [])),
            seen=frozenset(str(item) for item in entry.get("seen", [])),
            operations=frozenset(str(item) for item in entry.get("operations", [])),
            statuses={
                str(operation): frozenset(str(status) for status in statuses)
                for operation, statuses in entry.get("statuses", {}).items()
            },
            schema=str(entry["schema"]) if entry.get("schema") else None,
            codes=frozenset(str(code) for code in entry.get("codes", [])),
        )
        for entry in table
    )
