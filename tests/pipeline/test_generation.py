"""`make generate` is deterministic and `make check-generated` notices any drift."""

import shutil
from pathlib import Path

import pytest

from smsworks_pipeline.generation import Project, check, differences, generate

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gen") / "generated"
    generate(Project(ROOT), out)
    return out


def test_generation_writes_the_patched_spec_and_an_installable_client(fresh: Path) -> None:
    assert (fresh / "openapi.yaml").read_text().startswith("# Written by `make generate`")
    client = fresh / "client"
    assert 'name = "smsworks"' in (client / "pyproject.toml").read_text()
    assert (client / "smsworks" / "py.typed").exists()
    assert (client / "smsworks" / "api" / "messages" / "send_message.py").exists()
    assert not (client / ".ruff_cache").exists()


def test_generating_twice_gives_identical_trees(fresh: Path, tmp_path: Path) -> None:
    again = tmp_path / "generated"
    generate(Project(ROOT), again)
    assert differences(fresh, again) == []


def test_the_committed_tree_is_current(fresh: Path) -> None:
    assert differences(ROOT / "generated", fresh) == []


def test_check_reports_edited_added_and_removed_files(fresh: Path, tmp_path: Path) -> None:
    stale = tmp_path / "generated"
    shutil.copytree(fresh, stale)
    (stale / "client" / "smsworks" / "client.py").write_text("# edited by hand\n")
    (stale / "client" / "smsworks" / "extra.py").write_text("")
    (stale / "client" / "README.md").unlink()
    assert check(Project(ROOT), stale) == [
        "differs: client/smsworks/client.py",
        "only in generated: client/smsworks/extra.py",
        "only in the fresh generation: client/README.md",
    ]
