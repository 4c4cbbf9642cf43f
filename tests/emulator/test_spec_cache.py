"""The spec's cache file: a second start reads what the first one built, never anything else."""

from __future__ import annotations

from pathlib import Path

import pytest

from smsworks_emulator.http import spec as spec_module
from smsworks_emulator.http.spec import CACHE_ENV, Spec

BODY = {"sender": "Acme", "destination": "447777777777"}  # no content: rejected


def _fresh(monkeypatch: pytest.MonkeyPatch, folder: Path) -> Spec:
    """A spec built as a new process would build it, with ``folder`` as the cache."""
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return spec_module.load_spec.__wrapped__()


def _summary(spec: Spec) -> dict[str, tuple[str, str, str | None, bool, str]]:
    return {
        name: (op.method, op.path, op.body_pointer, op.body_required, op.body_name)
        for name, op in spec.operations.items()
    }


def test_a_second_start_reads_the_cache_and_builds_the_same_spec(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    first = _fresh(monkeypatch, tmp_path)
    (entry,) = tmp_path.glob("spec-*.json")
    second = _fresh(monkeypatch, tmp_path)
    assert second.document == first.document
    assert second.body_schemas == first.body_schemas
    assert _summary(second) == _summary(first)
    send = second.operations["sendMessage"]
    assert send.body_error(BODY) == first.operations["sendMessage"].body_error(BODY)
    assert send.body_error(BODY) == "content: is required"
    assert list(tmp_path.glob("spec-*.json")) == [entry]


def test_a_damaged_cache_entry_is_built_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    built = _fresh(monkeypatch, tmp_path)
    (entry,) = tmp_path.glob("spec-*.json")
    entry.write_text('{"document": {"paths"', encoding="utf-8")
    again = _fresh(monkeypatch, tmp_path)
    assert _summary(again) == _summary(built)
    assert _fresh(monkeypatch, tmp_path).document == built.document  # written whole again


def test_a_cache_folder_that_cannot_be_written_does_not_stop_a_start(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    spec = _fresh(monkeypatch, blocked / "cache")
    assert "sendMessage" in spec.operations
