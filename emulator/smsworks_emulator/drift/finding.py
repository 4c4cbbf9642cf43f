"""One departure of a message on the wire from the patched spec."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Direction = Literal["request", "response"]


@dataclass(frozen=True)
class Finding:
    """A departure: where (operation, direction, status, JSON pointer), what (kind), and whether it is known.

    ``kind`` is one of ``type``, ``required``, ``enum``, ``pattern``, ``shape``, ``body`` (the whole body is
    another schema's, ``seen``), ``undeclared-status``, ``content-type`` or ``unparseable-body``. ``variant`` names the known wire variant that tolerates it
    (``tolerated`` is then true); an unknown departure has neither.
    """

    operation: str
    direction: Direction
    status: str
    pointer: str
    kind: str
    declared: str
    seen: str
    variant: str | None = None
    tolerated: bool = False

    def describe(self) -> str:
        """One line a person reads: ``sendMessage response 200 /messageid: type: declared string, seen integer``."""
        where = f"{self.operation} {self.direction}" + (f" {self.status}" if self.status else "")
        text = f"{where} {self.pointer or '(body)'}: {self.kind}: declared {self.declared}, seen {self.seen}"
        if self.tolerated:
            text += f" (known variant {self.variant})"
        return text
