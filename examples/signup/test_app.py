"""The signup app's tests, written only with the smsworks-emulator pytest plugin's public API.

``smsworks_app`` points every SMS Works client the app builds at this test's own emulator;
``smsworks_emulator`` is that emulator, to read what was texted and to make things go wrong.
"""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from smsworks_emulator.testing import InProcessEmulator

from .app import create_app

PHONE = "+447700900123"


@pytest.fixture
def web(smsworks_app: InProcessEmulator) -> TestClient:
    return TestClient(create_app())


def test_signup_texts_a_code_that_verifies(
    web: TestClient, smsworks_emulator: InProcessEmulator
) -> None:
    assert web.post("/signup", json={"phone": PHONE}).status_code == 202
    smsworks_emulator.assert_sent(to="07700900123", containing="Your signup code", count=1)
    code = smsworks_emulator.otp_for(PHONE)
    answer = web.post("/verify", json={"phone": PHONE, "code": code})
    assert answer.json() == {"phone": PHONE, "verified": True}


def test_a_wrong_code_does_not_verify(
    web: TestClient, smsworks_emulator: InProcessEmulator
) -> None:
    web.post("/signup", json={"phone": PHONE})
    wrong = "000000" if smsworks_emulator.otp_for(PHONE) != "000000" else "111111"
    answer = web.post("/verify", json={"phone": PHONE, "code": wrong})
    assert (answer.status_code, answer.json()["verified"]) == (403, False)


def test_signup_says_so_when_the_sms_service_is_down(
    web: TestClient, smsworks_emulator: InProcessEmulator
) -> None:
    with smsworks_emulator.faults.fail("sendOtp", status=503):
        assert web.post("/signup", json={"phone": PHONE}).status_code == 503
    assert len(smsworks_emulator.outbox) == 0
