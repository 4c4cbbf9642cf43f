"""examples/quickstart.py, the program the README shows, against a served emulator."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest

from smsworks_emulator.testing import served

QUICKSTART = Path(__file__).resolve().parents[2] / "examples" / "quickstart.py"


def test_quickstart_sends_reads_back_and_reports_running_out(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    main = runpy.run_path(str(QUICKSTART))["main"]
    with served() as emulator:
        monkeypatch.setenv("SMSWORKS_BASE_URL", emulator.base_url)
        monkeypatch.setenv("SMSWORKS_TOKEN", emulator.token("demo"))
        assert main() == 0
        out = capsys.readouterr().out
        assert "read back: SENT to 447700900999: 'Hello from smsworks'" in out
        listed = re.findall(r"^  \S+ SENT \S+$", out, re.MULTILINE)  # what the paging loop printed
        assert len(listed) == 1
        emulator.control.put("/_emulator/customers/demo/balance", json={"credits": 0})
        assert main() == 1
        assert "not sent, top up first: " in capsys.readouterr().err
