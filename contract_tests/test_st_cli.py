"""schemathesis.toml works from the ``st`` CLI too, and its crash files replay with ``st replay``.

Against a server that drops ``credits`` (a test-only fault), ``st run`` must fail and write a
crash file; ``st replay`` of that file must fail the same way, which is how a CI failure is
reproduced on a developer's machine.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from contract_tests.settings import REPO_ROOT
from contract_tests.st_config import SPEC_PATH, cli_config, failed_checks, st_command
from contract_tests.targets import FUZZING_CREDITS
from smsworks_emulator.testing import child_process


def _st(
    command: list[str], env: dict[str, str], cwd: Path, timeout: float = 240
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.mark.usefixtures("default_target")
def test_st_run_fails_on_a_broken_emulator_and_st_replay_reproduces_it(tmp_path: Path) -> None:
    # The repository's toml with its report and cache paths moved into this test's directory.
    config = cli_config(tmp_path)
    credits = ["--initial-credits", repr(FUZZING_CREDITS)]
    with child_process(faults=["drop-field"], extra_args=credits) as server:
        env = {
            **os.environ,
            "SMSWORKS_BASE_URL": server.base_url,
            "SMSWORKS_TOKEN": server.token("cli"),
        }
        run = _st(
            st_command(
                "run",
                "generated/openapi.yaml",
                "--include-operation-id",
                "sendMessage",
                "--max-examples",
                "5",
                config=config,
            ),
            env,
            REPO_ROOT,
        )
        assert run.returncode == 1, run.stdout[-3000:] + run.stderr[-2000:]
        assert "Response violates schema" in run.stdout
        assert (tmp_path / "schemathesis-junit.xml").is_file()
        assert (tmp_path / "schemathesis-cassette.yaml").is_file()
        crashes = tmp_path / "schemathesis-cache" / "crashes"
        assert [path for path in crashes.glob("*.json") if path.name != "manifest.json"]

        replay = _st(st_command("replay", str(crashes), "--keep", config=config), env, REPO_ROOT)
        assert replay.returncode == 1, replay.stdout[-3000:] + replay.stderr[-2000:]
        assert "Response violates schema" in replay.stdout


def _code_rule_errors() -> list[re.Pattern[str]]:
    """The errors docs/spec-rules.md lists for the rules the spec cannot state, as patterns."""
    text = (REPO_ROOT / "docs" / "spec-rules.md").read_text(encoding="utf-8")
    section = text.split("## Rules the spec cannot state", 1)[1].split("\n## ", 1)[0]
    patterns = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] in ("rule", "---"):
            continue
        for quoted in re.findall(r"`([^`]+)`", cells[3]):
            escaped = re.escape(quoted)
            escaped = re.sub(r"<[^>]*>", ".*", escaped.replace(r"\<", "<").replace(r"\>", ">"))
            patterns.append(re.compile(escaped.replace(r"\.\.\.", ".*")))
    assert patterns, "docs/spec-rules.md lists no error of a code rule"
    return patterns


@pytest.mark.usefixtures("default_target")
def test_the_stock_cli_finds_only_the_rules_the_spec_cannot_state(tmp_path: Path) -> None:
    """`st run` as a new user runs it: outside the repository, no toml, no hooks."""
    credits = ["--initial-credits", repr(FUZZING_CREDITS)]
    with child_process(extra_args=credits) as server:
        token = server.token("stock")
        run = _st(
            st_command(
                "run",
                str(SPEC_PATH),
                "--url",
                server.base_url,
                "-H",
                f"Authorization: {token}",
                "--checks",
                "all",
                "--exclude-checks",
                "ignored_auth",
                "--max-examples",
                "5",
                "--seed",
                "7",
            ),
            {k: v for k, v in os.environ.items() if not k.startswith("SMSWORKS_")},
            tmp_path,
            timeout=600,
        )
    output = run.stdout
    checks = failed_checks(output)
    assert set(checks) <= {"ST202 Schema-valid request rejected"}, output[-5000:]
    allowed = _code_rule_errors()
    for body in re.findall(r"^\s+`(\{.*\})`$", output, flags=re.MULTILINE):
        message = json.loads(body)["message"]
        assert any(pattern.fullmatch(message) for pattern in allowed), message
