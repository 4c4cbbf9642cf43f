"""Identifiers and passcodes: random, or repeatable from a seed."""

from __future__ import annotations

import hashlib
import secrets
import threading


class IdSource:
    """uuid4-shaped ids and numeric passcodes.

    With a seed, the n-th value is a hash of (seed, n), so a run is repeatable and, because the
    counter is persisted by the store, a restarted emulator does not hand out an id twice.
    """

    def __init__(self, seed: int | None, start: int = 0) -> None:
        self.seed = seed
        self._counter = start
        self._lock = threading.Lock()

    @property
    def counter(self) -> int:
        return self._counter

    def restart(self) -> None:
        """Start the sequence again from its first value."""
        with self._lock:
            self._counter = 0

    def _next_bytes(self) -> bytes:
        if self.seed is None:
            return secrets.token_bytes(16)
        with self._lock:
            self._counter += 1
            n = self._counter
        return hashlib.sha256(f"{self.seed}:{n}".encode()).digest()[:16]

    def new_id(self) -> str:
        """``str(uuid.UUID(bytes=..., version=4))``, spelled out: every send draws one."""
        return _uuid4_text(self._next_bytes())

    def new_ids(self, count: int) -> list[str]:
        """``count`` ids at once (a batch): one draw of random bytes instead of one per id."""
        if self.seed is not None:
            return [self.new_id() for _ in range(count)]
        # What _uuid4_text does, on the hex of one pool: the version nibble becomes 4, and the
        # variant's two high bits 10 (the nibble 8, 9, a or b, keeping its two low bits).
        text = secrets.token_bytes(16 * count).hex()
        variant = _VARIANT
        return [
            f"{text[at : at + 8]}-{text[at + 8 : at + 12]}-4{text[at + 13 : at + 16]}-"
            f"{variant[text[at + 16]]}{text[at + 17 : at + 20]}-{text[at + 20 : at + 32]}"
            for at in range(0, 32 * count, 32)
        ]

    def passcode(self, length: int) -> str:
        value = int.from_bytes(self._next_bytes() + self._next_bytes(), "big")
        return str(value % 10**length).zfill(length)


_VARIANT = {digit: "89ab"[int(digit, 16) & 3] for digit in "0123456789abcdef"}


def _uuid4_text(random16: bytes) -> str:
    raw = bytearray(random16)
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 4122 variant
    text = raw.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
