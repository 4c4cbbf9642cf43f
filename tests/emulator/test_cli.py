"""The smsworks-emulator command: help, token, and a real server stopped by SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import jwt
import pytest

from smsworks_emulator.cli import (
    ADMIN_KEY_ENV,
    PUBLIC_OVERRIDE,
    SECRET_ENV,
    exposure_problem,
    is_loopback,
    main,
)
from smsworks_emulator.settings import DEFAULT_SECRET

SECRET = "cli-test-secret-long-enough-for-hs256"


def test_help_documents_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "serve" in out
    assert "token" in out
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    serve_help = capsys.readouterr().out
    for option in (
        "--host",
        "--port",
        "--db",
        "--secret",
        "--seed",
        "--delivery-delay",
        "--break-contract",
        "TEST-ONLY",
        "--loop",
        "--http",
        "--inject-faults",
        "--max-body-bytes",
        "--journal-size",
        "--wire",
        "--allow-public-without-auth",
        "--allowed-host",
        "--cors-origin",
    ):
        assert option in serve_help


def test_token_prints_a_token_for_the_customer(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["token", "--customer", "me", "--secret", SECRET, "--ttl", "60"]) == 0
    token = capsys.readouterr().out.strip()
    assert token.startswith("JWT ")
    claims = jwt.decode(token[4:], SECRET, algorithms=["HS256"])
    assert claims["key"] == "me"


def test_bad_values_exit_2_naming_the_field(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["token", "--ttl", "0"]) == 2
    assert "ttl_seconds:" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("options", "stack"),
    [
        # On Linux uvloop and httptools are dependencies, so the default is the fast pair.
        pytest.param(
            [],
            "event loop: uvloop, HTTP parser: httptools",
            marks=pytest.mark.skipif(sys.platform != "linux", reason="uvloop is for Linux"),
        ),
        (["--loop", "asyncio", "--http", "h11"], "event loop: asyncio, HTTP parser: h11"),
    ],
    ids=["default", "asyncio-h11"],
)
def test_served_over_http_then_sigterm_exits_cleanly(
    tmp_path: Path, options: list[str], stack: str
) -> None:
    db = tmp_path / "served.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-m", "smsworks_emulator", "serve", "--port", "0", "--db", str(db), "--secret", SECRET,
         "--log-level", "warning", *options],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert "listening on http://127.0.0.1:" in line, line
        assert stack in line, line
        base = line.split()[3]
        token = subprocess.run(
            [sys.executable, "-m", "smsworks_emulator", "token", "--customer", "curl-user", "--secret", SECRET],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        body = json.dumps(
            {"sender": "Acme", "destination": "447777777777", "content": "via the CLI"}
        ).encode()
        request = urllib.request.Request(
            base + "/message/send", data=body, method="POST",
            headers={"Authorization": token, "Content-Type": "application/json"},
        )  # fmt: skip
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 201
            messageid = json.load(response)["messageid"]
        read = urllib.request.Request(
            base + f"/messages/{messageid}", headers={"Authorization": token}
        )
        with urllib.request.urlopen(read, timeout=10) as response:
            assert json.load(response)["content"] == "via the CLI"
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=15)
    assert process.returncode == 0, err
    assert db.exists()


def _serve(*options: str) -> subprocess.CompletedProcess[str]:
    """``serve`` as a child process that is expected to stop on its own (a refusal)."""
    env = {
        name: value for name, value in os.environ.items() if name not in (SECRET_ENV, ADMIN_KEY_ENV)
    }
    return subprocess.run(
        [sys.executable, "-m", "smsworks_emulator", "serve", "--port", "0", "--db", ":memory:", *options],
        capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("options", "named", "not_named"),
    [
        ([], ["--admin-key", "--secret"], []),
        (["--admin-key", "k"], ["--secret"], ["--admin-key"]),
        (["--secret", SECRET], ["--admin-key"], ["--secret"]),
    ],
    ids=["neither", "no-secret", "no-admin-key"],
)
def test_serving_a_public_address_unprotected_is_refused(
    options: list[str], named: list[str], not_named: list[str]
) -> None:
    finished = _serve("--host", "0.0.0.0", *options)
    assert finished.returncode == 2, finished.stderr
    assert "listening" not in finished.stdout
    assert "refusing to serve on 0.0.0.0" in finished.stderr
    assert PUBLIC_OVERRIDE in finished.stderr
    for option in named:
        assert f"{option} (env" in finished.stderr
    for option in not_named:
        assert f" {option} (env" not in finished.stderr


def test_the_override_passes_the_refusal() -> None:
    # A bad fault document fails after the exposure check and before anything binds.
    finished = _serve("--host", "0.0.0.0", PUBLIC_OVERRIDE, "--inject-faults", "{not json")
    assert finished.returncode == 2
    assert "refusing" not in finished.stderr
    assert "listening" not in finished.stdout


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("", False),
        ("192.168.1.20", False),
        ("emulator.example", False),
    ],
)
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_a_protected_public_address_is_allowed() -> None:
    assert exposure_problem("0.0.0.0", "key", SECRET) is None
    assert exposure_problem("127.0.0.1", None, DEFAULT_SECRET) is None
    assert exposure_problem("0.0.0.0", "", SECRET) is not None


def test_serve_wire_live_like_answers_with_the_variants() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "smsworks_emulator", "serve", "--port", "0", "--db", ":memory:", "--secret", SECRET,
         "--log-level", "warning", "--wire", "live-like"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert "listening on http://127.0.0.1:" in line, line
        base = line.split()[3]
        token = subprocess.run(
            [sys.executable, "-m", "smsworks_emulator", "token", "--secret", SECRET],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        headers = {"Authorization": token, "Content-Type": "application/json"}
        body = json.dumps({"sender": "Acme", "destination": "447777777777", "content": "hi"})
        send = urllib.request.Request(
            base + "/message/send", data=body.encode(), method="POST", headers=headers
        )
        with urllib.request.urlopen(send, timeout=10) as response:
            messageid = json.load(response)["messageid"]
        read = urllib.request.Request(base + f"/messages/{messageid}", headers=headers)
        with urllib.request.urlopen(read, timeout=10) as response:
            record = json.load(response)
        assert record["destination"] == 447777777777
        assert "tag" not in record
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=15)
    assert process.returncode == 0, err
