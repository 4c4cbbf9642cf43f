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
        pool = secrets.token_bytes(16 * count)
        return [_uuid4_text(pool[start : start + 16]) for start in range(0, 16 * count, 16)]

    def passcode(self, length: int) -> str:
        value = int.from_bytes(self._next_bytes() + self._next_bytes(), "big")
        return str(value % 10**length).zfill(length)


def _uuid4_text(random16: bytes) -> str:
    raw = bytearray(random16)
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 4122 variant
    text = raw.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
