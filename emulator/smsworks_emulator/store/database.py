"""SQLite persistence: one connection, a versioned schema, and transactions that commit before
the API answers.

WAL journal with ``synchronous=NORMAL``: a committed transaction survives the emulator process
being killed (what "a restart loses nothing acknowledged" needs) without an fsync per request; only
a power cut can lose the last transactions. Every table a query filters on is indexed, so a
filtered ``/messages`` reads an index range, not the table.

Group commit: a COMMIT costs more than the writes of a whole send, so a served emulator lets the
requests that run in the same turn of its event loop share one. Each request's writes are a
SAVEPOINT inside the open transaction (a 402 or any error rolls back that request's writes
only); the COMMIT runs on the loop's next turn; and every request awaits :meth:`Store.durable`
before it answers, so nothing is acknowledged before the COMMIT that made it durable. Code on
any other thread (or before the loop starts) commits each transaction at once, as plain SQLite.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import fcntl
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from smsworks_emulator.store.checkpoints import Checkpointer
from smsworks_emulator.store.repository import Repository
from smsworks_emulator.store.schema import MIGRATIONS, SCHEMA_VERSION

MEMORY = ":memory:"
AUTOCHECKPOINT_PAGES = 1000
"""SQLite's default: the WAL is copied into the database once it holds this many pages."""


logger = logging.getLogger("smsworks_emulator")


class StoreError(RuntimeError):
    """The database cannot be used (newer schema, unreadable file, a failed commit).

    ``problem`` names the kind, for the command line's exit status.
    """

    def __init__(self, message: str, problem: str = "unusable") -> None:
        super().__init__(message)
        self.problem = problem


class StorageFault(StoreError):
    """A write could not be kept (disk full, file not writable): nothing of it was kept.

    Passing: the same write succeeds once the cause is gone, without a restart.
    """

    def __init__(self, cause: str) -> None:
        super().__init__(f"the emulator's database could not be written: {cause}", "write")
        self.cause = cause


def _cause(error: sqlite3.Error) -> str | None:
    """What stopped a write, in the words an operator acts on; ``None``: not a storage fault."""
    name = getattr(error, "sqlite_errorname", "")
    text = str(error).lower()
    if name == "SQLITE_FULL" or "disk is full" in text:
        return "disk full"
    if name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text:
        return "the file is not writable"
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        return "disk I/O error"
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return "the file cannot be opened"
    return None


class _Group:
    """One open transaction that the writes of several requests share."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self._loop_thread = threading.get_ident()  # groups are opened on their loop's thread
        self.settled = False
        self.failure: StoreError | None = None
        # One future per waiting request: a cancelled request cancels only its own.
        self._waiters: list[asyncio.Future[None]] = []

    async def wait(self) -> None:
        """Return once the group is committed (on its loop); raise its failure if it failed."""
        if not self.settled:
            waiter = self.loop.create_future()
            self._waiters.append(waiter)
            await waiter
        if self.failure is not None:
            raise self.failure

    def settle(self, failure: StoreError | None) -> None:
        """Wake the requests waiting on this group (from any thread)."""

        def wake() -> None:
            self.settled = True
            self.failure = failure
            for waiter in self._waiters:
                if not waiter.done():
                    waiter.set_result(None)
            self._waiters.clear()

        if self.loop.is_closed():
            self.settled, self.failure = True, failure  # nobody is left waiting
        elif threading.get_ident() == self._loop_thread:
            wake()  # the usual case: no need to wake the loop through its self-pipe
        else:
            self.loop.call_soon_threadsafe(wake)


# The group the current request (asyncio task) wrote into, so that it waits for that COMMIT.
_written_group: contextvars.ContextVar[_Group | None] = contextvars.ContextVar(
    "smsworks_emulator_written_group", default=None
)


class _Reading:
    """``with store.reading() as repository``: the lock held around reads; one per store, reused."""

    def __init__(self, lock: threading.RLock, repository: Repository) -> None:
        self._lock = lock
        self._repository = repository

    def __enter__(self) -> Repository:
        self._lock.acquire()
        return self._repository

    def __exit__(self, *exc_info: object) -> None:
        self._lock.release()


class Store:
    """The emulator's SQLite database.

    One connection shared under a lock: the ASGI app may be driven from more than one thread
    (the in-process sync transport runs each request in a helper thread), and SQLite serialises writers anyway.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._lock_file: int | None = None
        if path != MEMORY:
            _check_file(path)
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self._lock_file = _lock_exclusively(path)
        try:
            self.conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        except sqlite3.Error as error:
            self._unlock()
            raise StoreError(
                f"{path}: cannot be opened ({error}); check the path and its permissions",
                "unreadable",
            ) from error
        self.lock = threading.RLock()
        self.conn.row_factory = sqlite3.Row
        try:
            if path != MEMORY:
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA busy_timeout=5000")
        except sqlite3.Error as error:
            self.conn.close()
            self._unlock()
            raise _open_error(path, error) from error
        self._repository = Repository(self.conn)
        self._reading = _Reading(self.lock, self._repository)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread: int | None = None
        self._group: _Group | None = None
        self.checkpointer: Checkpointer | None = None
        self._rollback_listeners: list[Callable[[], None]] = []
        self.write_fault: str | None = None
        """Why the last write failed, until one succeeds again (reads then skip optional writes)."""
        if path == MEMORY:
            # A fresh in-memory database (every test's emulator) starts as a copy of one migrated
            # once per process: a page copy instead of parsing and running every migration again.
            _copy_migrated_memory_database(self.conn)
        self._migrate()

    @property
    def schema_version(self) -> int:
        return _schema_version(self.conn)

    def _migrate(self) -> None:
        with self.lock:
            try:
                _migrate(self.conn, self.path)
            except sqlite3.Error as error:
                self.conn.close()
                self._unlock()
                raise _open_error(self.path, error) from error
            except StoreError:
                self.conn.close()
                self._unlock()
                raise

    def _unlock(self) -> None:
        if self._lock_file is not None:
            os.close(self._lock_file)  # closing the descriptor releases its lock
            self._lock_file = None

    # -- group commit ---------------------------------------------------------------------

    def group_commits(self, loop: asyncio.AbstractEventLoop) -> None:
        """Let transactions made on ``loop``'s thread share COMMITs (a served emulator's loop).

        WAL checkpoints move to a thread of their own meanwhile (:mod:`checkpoints`), so that
        no request's COMMIT pays for copying the log into the database.
        """
        with self.lock:
            self._loop = loop
            self._loop_thread = threading.get_ident()
            if self.path != MEMORY and self.checkpointer is None:
                self.conn.execute("PRAGMA wal_autocheckpoint=0")
                self.checkpointer = Checkpointer(self.path)
                self.checkpointer.start()

    def stop_group_commits(self) -> None:
        """Commit what is pending and go back to one COMMIT per transaction."""
        with self.lock:
            self.commit_pending()
            self._loop = None
            self._loop_thread = None
            if self.checkpointer is not None:
                self.checkpointer.stop()
                self.checkpointer = None
                self.conn.execute(f"PRAGMA wal_autocheckpoint={AUTOCHECKPOINT_PAGES}")

    def on_rollback(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` after a group's COMMIT failed and its writes were rolled back."""
        self._rollback_listeners.append(listener)

    async def durable(self) -> None:
        """Return once everything this request wrote, or may have read, is committed.

        Raises :class:`StoreError` when that COMMIT failed (the writes are gone).
        """
        loop = asyncio.get_running_loop()
        written, pending = _written_group.get(), self._group
        if written is not None and written.loop is loop:
            await written.wait()
        if pending is not None and pending is not written and pending.loop is loop:
            await pending.wait()

    def commit_pending(self) -> None:
        """Commit the open group now, if there is one; :class:`StoreError` if that fails."""
        with self.lock:
            group = self._group
            if group is None:
                return
            self._group = None
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error as error:
                raise self._abandon(group, error) from error
            if self.write_fault is not None:
                self._recovered()
            group.settle(None)

    def _abandon(self, group: _Group, error: sqlite3.Error) -> StoreError:
        """Roll a failed group back, tell its requests, and return the error they get."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        self._group = None
        for listener in self._rollback_listeners:
            listener()
        cause = _cause(error)
        failure = (
            StoreError(f"the database could not commit ({error}); those writes were not kept")
            if cause is None
            else self._faulted(cause)
        )
        group.settle(failure)
        return failure

    def _faulted(self, cause: str) -> StorageFault:
        """Record a failed write; the log says so once, not once per request."""
        if self.write_fault != cause:
            logger.error(
                "the emulator's database %s could not be written: %s; writes are answered 503 "
                "until it can be (what was acknowledged is kept; reads go on)",
                self.path,
                cause,
            )
        self.write_fault = cause
        return StorageFault(cause)

    def _recovered(self) -> None:
        logger.warning("the emulator's database %s is written again", self.path)
        self.write_fault = None

    def _commit_if_still_open(self, group: _Group) -> None:
        with self.lock:
            if self._group is group:
                # A failure reaches the group's requests through durable(); nothing to raise here.
                with contextlib.suppress(StoreError):
                    self.commit_pending()

    def _grouping_here(self) -> bool:
        return self._loop is not None and threading.get_ident() == self._loop_thread

    # -- transactions ---------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Repository]:
        """One atomic unit: all of it is kept, or none of it when the block raises.

        Durable when the block ends, except on a served emulator's loop, where it is durable
        once :meth:`durable` returns (group commit). A write the disk refuses raises
        :class:`StorageFault`, with nothing of the unit kept.
        """
        try:
            with self.lock:
                if self._grouping_here():
                    group = self._group
                    if group is None:
                        assert self._loop is not None
                        self.conn.execute("BEGIN IMMEDIATE")
                        group = self._group = _Group(self._loop)
                        # Requests already running in this turn of the loop join before it commits.
                        self._loop.call_soon(self._commit_if_still_open, group)
                    _written_group.set(group)
                    with self._savepoint():
                        yield self._repository
                elif self._group is not None:
                    # Another thread, while a group is open: join it, then commit it at once.
                    with self._savepoint():
                        yield self._repository
                    self.commit_pending()
                else:
                    # _plain_transaction, inline: this is every in-process send's path.
                    conn = self.conn
                    conn.execute("BEGIN IMMEDIATE")
                    try:
                        yield self._repository
                    except BaseException:
                        if conn.in_transaction:  # SQLite may have rolled back already
                            conn.execute("ROLLBACK")
                        raise
                    try:
                        conn.execute("COMMIT")
                    except sqlite3.Error:
                        if conn.in_transaction:
                            conn.execute("ROLLBACK")
                        raise
                    if self.write_fault is not None:
                        self._recovered()
        except sqlite3.Error as error:
            cause = _cause(error)
            if cause is None:
                raise
            raise self._faulted(cause) from error

    @contextmanager
    def _plain_transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            # SQLite may have rolled back already (I/O error, disk full).
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    @contextmanager
    def _savepoint(self) -> Iterator[None]:
        self.conn.execute("SAVEPOINT unit")
        try:
            yield
        except BaseException:
            self._undo_unit()
            raise
        self.conn.execute("RELEASE unit")

    def _undo_unit(self) -> None:
        try:
            self.conn.execute("ROLLBACK TO unit")
            self.conn.execute("RELEASE unit")
        except sqlite3.Error as error:
            # SQLite rolled the whole transaction back on its own (I/O error, disk full).
            group = self._group
            if group is not None:
                self._abandon(group, error)

    def reading(self) -> _Reading:
        """The repository for reads outside a transaction (they see what is committed or pending)."""
        return self._reading

    def get_state(self, key: str) -> str | None:
        with self.lock:
            return self._repository.get_state(key)

    def wipe(self) -> None:
        """Delete every row of every data table (the schema stays)."""
        with self.transaction() as repository:
            repository.wipe()

    def close(self) -> None:
        with self.lock:
            if self.checkpointer is not None:
                self.stop_group_commits()
            self.commit_pending()
            self.conn.close()
            self._unlock()


def _check_file(path: str) -> None:
    """Refuse, before SQLite reads it, a file that cannot be the emulator's database."""
    file = Path(path)
    if file.is_dir():
        raise StoreError(
            f"{path}: is a directory, not a database file; give a file path", "unreadable"
        )
    if file.exists() and not os.access(file, os.W_OK):
        raise StoreError(
            f"{path}: is read-only; make it writable (chmod u+w) or give another --db",
            "read-only",
        )
    if file.exists() and not os.access(file.parent, os.W_OK):
        raise StoreError(
            f"{path}: its directory is read-only (SQLite writes its log beside the file); "
            "make it writable or give another --db",
            "read-only",
        )


def _lock_exclusively(path: str) -> int:
    """Hold ``<path>.lock`` exclusively while this store is open: one emulator per database.

    Two emulators on one file would each deliver, report and fire the same due work. The lock
    is the kernel's (flock), so it is released when the process ends, however it ends.
    """
    lock_path = path + ".lock"
    try:
        descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise StoreError(
            f"{lock_path}: cannot be created ({error.strerror}); make the directory writable "
            "or give another --db",
            "read-only",
        ) from error
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)
        raise StoreError(
            f"{path}: another running emulator is serving this database; stop it or give "
            "another --db",
            "in-use",
        ) from None
    return descriptor


def _open_error(path: str, error: sqlite3.Error) -> StoreError:
    """What is wrong with the file at ``path`` that SQLite refused, and what to do."""
    text = str(error).lower()
    if "not a database" in text:
        return StoreError(
            f"{path}: is not an emulator database (not an SQLite file); give another --db or "
            "remove the file to start afresh",
            "not-a-database",
        )
    if "malformed" in text or "corrupt" in text:
        return StoreError(
            f"{path}: the database is corrupt ({error}); restore it from a copy or remove it "
            "to start afresh",
            "corrupt",
        )
    cause = _cause(error)
    if cause == "the file is not writable":
        return StoreError(
            f"{path}: is read-only; make it and its directory writable or give another --db",
            "read-only",
        )
    return StoreError(
        f"{path}: cannot be used as the emulator's database ({error}); give another --db",
        "unreadable",
    )


_migrated_memory: sqlite3.Connection | None = None
_migrated_memory_lock = threading.Lock()


def _copy_migrated_memory_database(target: sqlite3.Connection) -> None:
    """Fill the empty ``target`` with a migrated, empty database (``_migrate`` then has nothing to do)."""
    global _migrated_memory
    with _migrated_memory_lock:
        if _migrated_memory is None:
            template = sqlite3.connect(MEMORY, check_same_thread=False, isolation_level=None)
            _migrate(template, MEMORY)
            _migrated_memory = template
        _migrated_memory.backup(target)


def _schema_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def _migrate(conn: sqlite3.Connection, path: str) -> None:
    """Bring the database at ``path`` (open as ``conn``) to :data:`SCHEMA_VERSION`, in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_version "
            "(version INTEGER PRIMARY KEY, applied_ms INTEGER NOT NULL)"
        )
        current = _schema_version(conn)
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{path}: has schema version {current}, newer than this emulator's "
                f"{SCHEMA_VERSION}; upgrade smsworks-emulator or give another --db",
                "newer-schema",
            )
        for version in range(current, SCHEMA_VERSION):
            for statement in _statements(MIGRATIONS[version]):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_version VALUES (?, ?)", (version + 1, int(time.time() * 1000))
            )
    except BaseException:
        if conn.in_transaction:  # SQLite may have rolled back already
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _statements(script: str) -> Iterator[str]:
    for statement in script.split(";"):
        if statement.strip():
            yield statement
