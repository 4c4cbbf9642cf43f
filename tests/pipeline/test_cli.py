"""The pipeline's command line: exit codes and messages a CI log needs."""

import shutil
from pathlib import Path

import pytest

from smsworks_pipeline.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("openapi.yaml", "generator-config.yaml", "LICENSE"):
        shutil.copy(ROOT / name, tmp_path / name)
    for name in ("overlays", "templates"):
        shutil.copytree(ROOT / name, tmp_path / name)
    (tmp_path / "emulator" / "smsworks_emulator").mkdir(parents=True)
    return tmp_path


def test_apply_prints_the_patched_spec(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project), "apply"]) == 0
    assert "operationId: sendMessage" in capsys.readouterr().out


def test_generate_then_check_passes_and_drift_fails(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = project / "generated"
    assert main(["--root", str(project), "generate", "--out", str(out)]) == 0
    assert main(["--root", str(project), "check", "--out", str(out)]) == 0
    (out / "openapi.yaml").write_text("openapi: 3.0.1\n")
    capsys.readouterr()
    assert main(["--root", str(project), "check", "--out", str(out)]) == 1
    output = capsys.readouterr().out
    assert "is stale: run `make generate`" in output
    assert "differs: openapi.yaml" in output


def test_the_emulators_copy_of_the_spec_is_written_and_checked(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = project / "generated"
    assert main(["--root", str(project), "generate", "--out", str(out)]) == 0
    packaged = project / "emulator" / "smsworks_emulator" / "openapi.yaml"
    assert packaged.read_bytes() == (out / "openapi.yaml").read_bytes()
    assert (out / "client" / "LICENSE").read_bytes() == (project / "LICENSE").read_bytes()
    packaged.write_text("openapi: 3.0.1\n")
    capsys.readouterr()
    assert main(["--root", str(project), "check", "--out", str(out)]) == 1
    assert "differs: emulator/smsworks_emulator/openapi.yaml" in capsys.readouterr().out
    packaged.unlink()
    packaged.symlink_to(out / "openapi.yaml")  # a symlink is not package data in a wheel
    assert main(["--root", str(project), "check", "--out", str(out)]) == 1
    assert "not a file: emulator/smsworks_emulator/openapi.yaml" in capsys.readouterr().out


def test_an_overlay_that_no_longer_fits_fails_with_exit_2(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "overlays" / "99-stale.yaml").write_text(
        "overlay: 1.0.0\ninfo: {title: t, version: '1'}\n"
        "actions:\n  - target: $.components.schemas.Gone\n    description: a moved defect\n    remove: true\n"
    )
    assert main(["--root", str(project), "apply"]) == 2
    error = capsys.readouterr().err
    assert (
        "99-stale.yaml: action 1 (target '$.components.schemas.Gone'): target matches nothing"
        in error
    )
