"""An OTP verifies once and only once; a wrong passcode never verifies."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contract_tests import strategies
from contract_tests.budget import predicted_cost
from contract_tests.properties import property_settings, send_destination
from contract_tests.targets import Target
from contract_tests.unwrap import expect, otp_messageid
from smsworks import AuthenticatedClient
from smsworks.api.one_time_password import send_otp, verify_otp
from smsworks.models import OTP, OTPResponse, OTPVerify, OTPVerifyResponse

TEMPLATE = "Your code is {{passcode}}"
VERIFIED = "VERIFIED"


@st.composite
def passcodes(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A passcode and one to three wrong guesses of the same length."""
    length = draw(st.integers(min_value=4, max_value=10))
    digits = st.text(alphabet="0123456789", min_size=length, max_size=length)
    right = draw(digits)
    wrong = draw(st.lists(digits.filter(lambda guess: guess != right), min_size=1, max_size=3))
    return right, wrong


def _verified(parsed: object) -> bool:
    return isinstance(parsed, OTPVerifyResponse) and parsed.status == VERIFIED


async def _send_async(client: AuthenticatedClient, otp: OTP) -> str:
    async with client:
        return otp_messageid(expect(await send_otp.asyncio(client=client, body=otp), OTPResponse))


async def _verify_async(client: AuthenticatedClient, body: OTPVerify) -> object:
    async with client:
        return await verify_otp.asyncio(client=client, body=body)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_an_otp_verifies_once_and_a_wrong_passcode_never(
    target: Target, spend: Callable[[float], None], mode: str
) -> None:
    @property_settings(target)
    @given(drawn=strategies.uk_mobile, codes=passcodes())
    def check(drawn: str, codes: tuple[str, list[str]]) -> None:
        right, wrong = codes
        destination = send_destination(target, drawn)
        content = TEMPLATE.replace("{{passcode}}", right)
        spend(predicted_cost(content, destination))
        customer = target.new_customer()
        otp = OTP(destination=destination, length=len(right), passcode=right, template=TEMPLATE)
        client = target.client(customer)
        if mode == "sync":
            messageid = otp_messageid(expect(send_otp.sync(client=client, body=otp), OTPResponse))
        else:
            messageid = asyncio.run(_send_async(target.client(customer), otp))

        def verify(passcode: str) -> object:
            body = OTPVerify(passcode=passcode, messageid=messageid)
            if mode == "sync":
                return verify_otp.sync(client=client, body=body)
            return asyncio.run(_verify_async(target.client(customer), body))

        for guess in wrong:
            assert not _verified(verify(guess)), f"wrong passcode {guess!r} verified"
        first = verify(right)
        assert _verified(first), f"the right passcode did not verify: {first!r}"
        assert not _verified(verify(right)), "a passcode verified twice"

    check()
