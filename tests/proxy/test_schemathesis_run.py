"""A schemathesis run over every operation, through the proxy, against the emulator in its spec form: every
answer matches the spec (no response finding), and what the run sent on purpose against the spec (its negative
cases) is reported as request findings, never as the service's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.proxy.servers import emulator_behind_proxy

ROOT = Path(__file__).resolve().parents[2]
ST = Path(sys.executable).with_name("st")
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


@pytest.mark.slow
def test_st_run_over_every_operation_through_the_proxy_finds_no_response_departure(
    tmp_path: Path,
) -> None:
    (tmp_path / "empty.toml").write_text("", encoding="utf-8")  # not the repository's toml
    with emulator_behind_proxy("spec", initial_credits=100000.0) as (_, proxy):
        arguments = [str(ROOT / "generated" / "openapi.yaml"), "--url", proxy.base_url]
        arguments += ["-H", f"Authorization: {proxy.token}", "--checks", CHECKS]
        arguments += ["--max-examples", "2", "--seed", "1"]
        run = subprocess.run(
            [str(ST), "--config-file", str(tmp_path / "empty.toml"), "run", *arguments],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        drift = proxy.drift()
    assert run.returncode == 0, run.stdout[-4000:]
    assert drift["checked"] > 500
    assert drift["upstream_failures"] == {}
    assert drift["tolerated"] == []
    responses = [entry for entry in drift["unknown"] if entry["direction"] == "response"]
    assert responses == [], responses[:5]
    operations = {entry["operation"] for entry in drift["unknown"]}
    assert "sendMessage" in operations  # the run's negative bodies, held against the request side
