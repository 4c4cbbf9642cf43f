"""WAL checkpoints on a thread of their own, so that no request pays for them.

A checkpoint copies the write-ahead log into the database file (and syncs it). Left to SQLite, it
runs inside whichever COMMIT pushes the log past 1000 pages, on the event loop that serves the
API. Here a separate connection does it every few tenths of a second: the loop never waits for it,
SQLite releases the GIL while it works, and a PASSIVE checkpoint never blocks the writer.
"""

from __future__ import annotations

import logging
import sqlite3
import threading

logger = logging.getLogger("smsworks_emulator")

CHECKPOINT_SECONDS = 0.5


class Checkpointer:
    """A daemon thread that checkpoints the WAL of the database at ``path`` until stopped."""

    def __init__(self, path: str, every_seconds: float = CHECKPOINT_SECONDS) -> None:
        self.path = path
        self.every_seconds = every_seconds
        self.completed = 0
        """Checkpoints that copied the whole log (what a test can wait for)."""
        self._stopping = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name="smsworks-emulator-checkpoints", daemon=True
        )

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop after one last checkpoint."""
        self._stopping.set()
        self._thread.join()

    def _run(self) -> None:
        conn = sqlite3.connect(self.path, isolation_level=None)
        try:
            # The same durability as the writer's connection (see store.py).
            conn.execute("PRAGMA synchronous=NORMAL")
            while not self._stopping.wait(self.every_seconds):
                self._checkpoint(conn)
            self._checkpoint(conn)
        finally:
            conn.close()

    def _checkpoint(self, conn: sqlite3.Connection) -> None:
        try:
            busy, logged, copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except sqlite3.Error:
            logger.exception("WAL checkpoint failed; will retry")
            return
        if not busy and logged == copied:
            self.completed += 1
