"""Nothing redacted reaches what the proxy keeps: no token, no full phone number, no message content (its
length and encoding only) in the JSON endpoints, the report files or the log, under default settings."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from smsworks_emulator.proxy.reports import write_reports
from smsworks_emulator.proxy.server import CLIENT_LOGGERS
from smsworks_emulator.testing import ServedEmulator
from tests.proxy.servers import CONTENT, PHONE, Proxied, emulator_behind_proxy

NATIONAL = "0" + PHONE[2:]
"""The same number as a British user writes it: 07700900123."""


def secrets_of(proxy: Proxied) -> list[str]:
    token = proxy.token.removeprefix("JWT ")
    return [token, token.rsplit(".", 1)[1], PHONE, PHONE[2:], CONTENT, CONTENT[:20]]


def exercise(emulator: ServedEmulator, proxy: Proxied) -> None:
    """Traffic that carries the token, the number and the text in every place they can be."""
    sent = proxy.send()
    assert sent.status_code == 201, sent.text
    messageid = sent.json()["messageid"]
    assert CONTENT in proxy.call("GET", f"/messages/{messageid}").text  # the record quotes both
    proxy.call("POST", "/messages", {"destination": PHONE})
    proxy.call(
        "POST", "/batch/send", {"sender": "Acme", "destinations": [PHONE], "content": CONTENT}
    )
    otp = proxy.call("POST", "/otp/send", {"destination": PHONE})
    passcode = emulator.otp_for(PHONE)
    proxy.call("POST", "/otp/verify", {"messageid": otp.json()["messageid"], "passcode": passcode})
    # Requests that break the spec, so that findings quote what was sent.
    proxy.send(destination="0" + PHONE)  # a pattern finding quotes the number
    proxy.send(destination=NATIONAL)
    proxy.call("POST", "/message/send", {"sender": "Acme", "destination": PHONE, "content": 12})
    broken = f'{{"destination": "{PHONE}", "content": "{CONTENT}", '.encode()
    proxy.http.post(
        "/v1/message/send",
        content=broken,
        headers={"Authorization": proxy.token, "Content-Type": "application/json"},
    )
    # A token in the query string, as a careless client may send it.
    proxy.http.get("/v1/credits/balance", params={"token": proxy.token})


@pytest.mark.parametrize("wire", ["spec", "live-like"])
def test_no_token_number_or_content_is_kept_anywhere(
    wire: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with emulator_behind_proxy(wire) as (emulator, proxy):
        exercise(emulator, proxy)
        drift = proxy.http.get("/_emulator/drift").text
        journal = proxy.http.get("/_emulator/drift/exchanges").text
        page = proxy.http.get("/_emulator/ui").text
        written = write_reports(proxy.watch, tmp_path)
    # The proxy's own log; the test's client logs its own requests under httpx2 (test_cli.py reads the
    # whole log of the command, the upstream client's included).
    log = "\n".join(
        record.getMessage()
        for record in caplog.records
        if not record.name.startswith(CLIENT_LOGGERS)
    )
    assert "new unknown departure" in log
    kept = {"drift": drift, "exchanges": journal, "page": page, "log": log}
    kept.update({path.name: path.read_text(encoding="utf-8") for path in written})
    for secret in secrets_of(proxy):
        for name, text in kept.items():
            assert secret not in text, f"{secret!r} in {name}"
    # Redacted, not dropped: what is kept says what was there.
    entries = json.loads(journal)
    sent = next(e for e in reversed(entries) if e["operation"] == "sendMessage")
    assert sent["request"]["destination"] == "+44…23"
    assert sent["request"]["content"] == {"characters": len(CONTENT), "encoding": "GSM-7"}
    record = next(e for e in entries if e["operation"] == "getMessageById")
    assert record["response"]["destination"] == "+44…23"
    assert record["response"]["content"] == {"characters": len(CONTENT), "encoding": "GSM-7"}
    verify = next(e for e in entries if e["operation"] == "verifyOtp")
    assert verify["request"]["passcode"] == "[redacted]"
    patterns = [e for e in json.loads(drift)["unknown"] if e["kind"] == "pattern"]
    assert {e["seen"] for e in patterns} >= {"'0…23'"}
    unparseable = next(e for e in json.loads(drift)["unknown"] if e["kind"] == "unparseable-body")
    assert unparseable["seen"].startswith("a body that is not JSON")


def test_keep_content_keeps_the_text_and_still_no_token_or_number(tmp_path: Path) -> None:
    with emulator_behind_proxy("spec", {"keep_content": True}) as (emulator, proxy):
        exercise(emulator, proxy)
        journal = proxy.http.get("/_emulator/drift/exchanges").text
        drift = proxy.drift()
        written = write_reports(proxy.watch, tmp_path)
    assert CONTENT in journal
    assert drift["redaction"] == {"content": "kept"}
    texts = [journal, *(path.read_text(encoding="utf-8") for path in written)]
    for secret in secrets_of(proxy)[:4]:
        assert all(secret not in text for text in texts), secret
