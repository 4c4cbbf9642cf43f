"""The pipeline places the hand-written frontdoor/ modules into the generated package, and nothing more."""

from __future__ import annotations

from pathlib import Path

import pytest

from smsworks_pipeline.generation import Project, place_front_door, write_spec_limits

ROOT = Path(__file__).resolve().parents[2]


def _project(tmp_path: Path, modules: dict[str, str]) -> tuple[Project, Path]:
    (tmp_path / "frontdoor").mkdir()
    for name, text in modules.items():
        (tmp_path / "frontdoor" / name).write_text(text, encoding="utf-8")
    package = tmp_path / "out" / "smsworks"
    package.mkdir(parents=True)
    (package / "errors.py").write_text("# generated\n", encoding="utf-8")
    (package / "client.py").write_text("# generated\n", encoding="utf-8")
    return Project(tmp_path), package


def test_new_modules_are_copied_and_errors_replaced(tmp_path: Path) -> None:
    project, package = _project(tmp_path, {"retry.py": "R = 1\n", "errors.py": "E = 1\n"})
    place_front_door(project, package)
    assert (package / "retry.py").read_text(encoding="utf-8") == "R = 1\n"
    assert (package / "errors.py").read_text(encoding="utf-8") == "E = 1\n"


def test_a_generated_module_is_never_overwritten(tmp_path: Path) -> None:
    project, package = _project(tmp_path, {"client.py": "C = 1\n"})
    with pytest.raises(RuntimeError, match=r"frontdoor/client\.py would overwrite"):
        place_front_door(project, package)
    assert (package / "client.py").read_text(encoding="utf-8") == "# generated\n"


def test_every_frontdoor_module_is_in_the_committed_package() -> None:
    for source in (ROOT / "frontdoor").glob("*.py"):
        placed = ROOT / "generated" / "client" / "smsworks" / source.name
        assert placed.read_bytes() == source.read_bytes(), source.name


def test_the_front_doors_limits_are_written_from_the_spec(tmp_path: Path) -> None:
    spec = {"components": {"schemas": {"Message": {"properties": {"content": {"maxLength": 321}}}}}}
    write_spec_limits(spec, tmp_path)
    namespace: dict[str, object] = {}
    exec((tmp_path / "_spec_limits.py").read_text(encoding="utf-8"), namespace)
    assert namespace["MAX_CONTENT_CHARACTERS"] == 321
