"""Storage faults on real filesystems: a full disk, a read-only one, files that are no database.

A small tmpfs is mounted for the tests that need a disk that fills or turns read-only (so they
run as root, as CI does, and are skipped otherwise); nothing of the emulator is replaced.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from smsworks_emulator.store import Store
from smsworks_emulator.store.schema import SCHEMA_VERSION

from .conftest import Api, make_settings

MAX_SENDS = 5000
"""Sends tried before the small disk must have filled (each adds a WAL frame or more)."""


def _mount(directory: Path, options: str) -> None:
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(directory)], check=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    disk = tmp_path / "disk"
    disk.mkdir()
    try:
        _mount(disk, "size=1m")
    except (OSError, subprocess.CalledProcessError) as error:
        pytest.skip(f"cannot mount a tmpfs here: {error}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def _fill(disk: Path) -> Path:
    """Take every free byte of ``disk`` with one file; return it (delete it to free the space)."""
    filler = disk / "filler"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for _ in range(4096):  # far more than the disk holds, in 4 KiB writes
            os.write(descriptor, b"\0" * 4096)
    except OSError:
        pass  # full
    finally:
        os.close(descriptor)
    return filler


def test_a_full_disk_refuses_writes_clearly_and_keeps_what_it_acknowledged(
    small_disk: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = small_disk / "emulator.sqlite3"
    api = Api(make_settings(db_path=str(db), initial_credits=100_000))
    acknowledged = [api.send().json()["messageid"]]
    before = api.balance()
    filler = _fill(small_disk)
    caplog.set_level(logging.WARNING, logger="smsworks_emulator")
    refused = None
    for _ in range(MAX_SENDS):
        response = api.send()
        if response.status_code != 201:
            refused = response
            break
        acknowledged.append(response.json()["messageid"])
    assert refused is not None, "the disk never filled"
    assert refused.status_code == 503, refused.text
    assert refused.json()["message"] == "the emulator's database could not be written: disk full"
    assert int(refused.headers["Retry-After"]) > 0
    balance = api.balance()
    # More refused writes, a refused batch and reads while the disk stays full.
    for _ in range(3):
        assert api.send().status_code == 503
    batch = api.call(
        "POST",
        "/batch/send",
        body={"sender": "Acme", "destinations": ["447777777777"] * 50, "content": "hello"},
    )
    assert batch.status_code == 503, batch.text
    assert api.call("GET", "/credits/balance").status_code == 200
    assert api.balance() == balance, "a refused write took credits"
    assert api.message(acknowledged[-1])["messageid"] == acknowledged[-1]
    faults = [r for r in caplog.records if "could not be written" in r.getMessage()]
    assert len(faults) == 1, [r.getMessage() for r in faults]

    filler.unlink()
    again = api.send()
    assert again.status_code == 201, again.text
    acknowledged.append(again.json()["messageid"])
    assert before > api.balance()
    api.close()

    reopened = Api(make_settings(db_path=str(db)))
    for messageid in acknowledged:
        assert reopened.message(messageid)["messageid"] == messageid
    assert reopened.call("POST", "/messages", body={"limit": 1000}).json().__len__() == len(
        acknowledged
    )
    reopened.close()


def _serve(db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smsworks_emulator", "serve", "--port", "0", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def _refused(db: Path, status: int, wanted: str) -> None:
    result = _serve(db)
    assert result.returncode == status, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert str(db) in lines[0]
    assert wanted in lines[0]


def test_random_bytes_are_not_a_database(tmp_path: Path) -> None:
    db = tmp_path / "random.sqlite3"
    db.write_bytes(os.urandom(8192))
    _refused(db, 3, "is not an emulator database")


def test_a_text_file_is_not_a_database(tmp_path: Path) -> None:
    db = tmp_path / "notes.sqlite3"
    db.write_text("these are my notes\n" * 100)
    _refused(db, 3, "is not an emulator database")


def test_a_corrupt_database_is_named(tmp_path: Path) -> None:
    db = tmp_path / "corrupt.sqlite3"
    Store(str(db)).close()
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
    data = bytearray(db.read_bytes())
    # Keep the 100-byte header; garble the schema page and every later one.
    data[100:] = os.urandom(len(data) - 100)
    db.write_bytes(bytes(data))
    _refused(db, 4, "corrupt")


def test_a_newer_schema_is_named(tmp_path: Path) -> None:
    db = tmp_path / "future.sqlite3"
    Store(str(db)).close()
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO schema_version VALUES (?, 0)", (SCHEMA_VERSION + 1,))
    _refused(db, 5, "newer than this emulator's")


def test_a_read_only_filesystem_is_named(small_disk: Path) -> None:
    db = small_disk / "emulator.sqlite3"
    Store(str(db)).close()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    _refused(db, 6, "read-only")


def test_a_second_emulator_on_one_file_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "shared.sqlite3"
    first = Store(str(db))
    try:
        _refused(db, 7, "another running emulator is serving this database")
    finally:
        first.close()
    assert _serve_briefly_possible(db)


def _serve_briefly_possible(db: Path) -> bool:
    """Once the first emulator closed its database, another may open it."""
    Store(str(db)).close()
    return True


def _proxy(report_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smsworks_emulator", "proxy", "--port", "0",
         "--upstream", "http://127.0.0.1:9/v1", "--report-dir", str(report_dir)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_a_report_dir_that_is_a_file_is_named(tmp_path: Path) -> None:
    report_dir = tmp_path / "reports"
    report_dir.write_text("not a folder")
    result = _proxy(report_dir)
    assert result.returncode == 3, result.stderr
    [line] = result.stderr.strip().splitlines()
    assert str(report_dir) in line
    assert "is a file, not a folder" in line


def test_a_read_only_report_dir_is_named(small_disk: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    result = _proxy(small_disk / "reports")
    assert result.returncode == 3, result.stderr
    [line] = result.stderr.strip().splitlines()
    assert "--report-dir" in line
    assert "Traceback" not in result.stderr
