"""Transactions on the store that also keep the id counter, so a seeded restart never repeats an id."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

from smsworks_emulator.rules.ids import IdSource
from smsworks_emulator.store import Repository, Store

ID_COUNTER = "id_counter"


class Transactions:
    """Reads and writes of the emulator's state, through the store's repository."""

    def __init__(self, store: Store, seed: int | None) -> None:
        self.store = store
        self.ids = IdSource(seed, int(store.get_state(ID_COUNTER) or 0))
        self._saved_counter = self.ids.counter

    @contextmanager
    def write(self) -> Iterator[Repository]:
        """One atomic unit of writes: all of it is kept, or none of it when the block raises."""
        with self.store.transaction() as repository:
            yield repository
            # Ids drawn before the transaction began (to name what it writes) count too.
            if self.ids.seed is not None and self.ids.counter != self._saved_counter:
                repository.put_state(ID_COUNTER, str(self.ids.counter))
                self._saved_counter = self.ids.counter

    def read(self) -> AbstractContextManager[Repository]:
        """The repository for reads (under the store's lock, outside a transaction)."""
        return self.store.reading()  # one object, reused: reads are every request's hot path

    def restart_ids(self) -> None:
        """Start the id sequence again (after a reset wiped the saved counter)."""
        self.ids.restart()
        self._saved_counter = 0

    def forget_saved_counter(self) -> None:
        """A failed group commit took the saved counter back: save it again with the next write."""
        self._saved_counter = -1
