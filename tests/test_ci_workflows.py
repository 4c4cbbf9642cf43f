"""``make lint-ci`` holds every CI workflow to its schema and to zizmor, and fails on a broken one.

Each case copies ``.github/`` and ``examples/ci/`` into a temporary tree, breaks one file the way a
hand edit can, and runs the real target on that tree (``CI_ROOT``), offline.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TIMEOUT_SECONDS = 120


def _copy(tree: Path) -> Path:
    shutil.copytree(REPO / ".github", tree / ".github")
    shutil.copytree(REPO / "examples" / "ci", tree / "examples" / "ci")
    return tree


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(REPO), "lint-ci", f"CI_ROOT={tree}"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )


def _edit(path: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(tree: Path) -> None:
        file = tree / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def test_the_repositorys_workflows_pass(tmp_path: Path) -> None:
    result = _lint(_copy(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    checked = result.stdout
    for name in ("ci.yml", "release.yml", "upstream-watch.yml", "action.yml", "contract-tests.yml"):
        assert name in checked
    assert ".gitlab-ci.yml" in checked


# Each break, and what the check must say about it.
BREAKS = {
    # The schema: a job with no runner.
    "github workflow without runs-on": (
        _edit(".github/workflows/ci.yml", "    runs-on: ubuntu-latest\n", ""),
        "'runs-on' is a required property",
    ),
    # The schema: a key misspelt.
    "composite action with a misspelt key": (
        _edit(".github/actions/contract-test/action.yml", "using: composite", "usin: composite"),
        "action.yml::$.runs",
    ),
    # zizmor: an action by a movable tag.
    "action not pinned by commit": (
        _edit(
            "examples/ci/github/contract-tests.yml",
            "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1",
            "actions/checkout@v7",
        ),
        "unpinned-uses",
    ),
    # zizmor: a value from the event expanded into a shell script.
    "template injection": (
        _edit(
            ".github/workflows/ci.yml",
            "      - run: bash .ci/run\n",
            "      - run: echo ${{ github.event.pull_request.title }} && bash .ci/run\n",
        ),
        "template-injection",
    ),
    # The GitLab CI schema: a script that is not a list of commands.
    "gitlab job with a bad script": (
        _edit(
            "examples/ci/gitlab/.gitlab-ci.yml",
            "    SMSWORKS_TARGET: live-like\n",
            "    SMSWORKS_TARGET: live-like\n  script: 42\n",
        ),
        "$['live-like'].script: 42 is not of type 'string'",
    ),
}


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_a_broken_workflow_fails_the_check(tmp_path: Path, name: str) -> None:
    tree = _copy(tmp_path)
    edit, evidence = BREAKS[name]
    edit(tree)
    result = _lint(tree)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{name} passed:\n{output}"
    assert evidence in output, output
