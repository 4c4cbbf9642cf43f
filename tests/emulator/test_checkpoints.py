"""The checkpoint thread: the log reaches the database file without the writer's help."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from smsworks_emulator.store.checkpoints import Checkpointer


def _writer(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")  # the writer never checkpoints by itself
    conn.execute("CREATE TABLE t (n INTEGER)")
    return conn


def _rows_in_the_file_alone(path: Path, scratch: Path) -> int:
    shutil.copyfile(path, scratch)  # without the -wal beside it
    with sqlite3.connect(scratch) as copy:
        if copy.execute("SELECT count(*) FROM sqlite_master WHERE name = 't'").fetchone()[0] == 0:
            return 0  # not even the table has left the log yet
        return int(copy.execute("SELECT count(*) FROM t").fetchone()[0])


def test_stopping_copies_the_whole_log_into_the_database_file(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    writer = _writer(path)
    checkpointer = Checkpointer(str(path), every_seconds=3600)  # only the final one runs
    checkpointer.start()
    writer.executemany("INSERT INTO t VALUES (?)", [(n,) for n in range(100)])
    assert _rows_in_the_file_alone(path, tmp_path / "before.sqlite3") == 0
    checkpointer.stop()
    assert checkpointer.completed == 1
    assert _rows_in_the_file_alone(path, tmp_path / "after.sqlite3") == 100
    writer.close()


def test_checkpoints_repeat_while_the_writer_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    writer = _writer(path)
    checkpointer = Checkpointer(str(path), every_seconds=0.01)
    checkpointer.start()
    for n in range(200):
        writer.execute("INSERT INTO t VALUES (?)", (n,))
    checkpointer.stop()
    assert checkpointer.completed >= 2
    assert _rows_in_the_file_alone(path, tmp_path / "copy.sqlite3") == 200
    writer.close()
