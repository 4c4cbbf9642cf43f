"""Every message reaches a final status, and what it then costs follows the refund rule.

The emulator's forced-outcome numbers (``447700900001``-``005``, Ofcom's drama range) share the
emulator's ``MAGIC_PREFIX``, but what each must end as, and what that leaves charged, is the
oracle's statement (``pricing.FORCED_FINAL_STATUS``, ``pricing.charge_after_final_status``):
EXPIRED and UNDELIVERABLE UK messages are refunded, REJECTED is never charged.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from contract_tests import pricing
from contract_tests.budget import read_balance
from contract_tests.properties import send_destination
from contract_tests.targets import Target
from contract_tests.unwrap import expect
from smsworks import AuthenticatedClient
from smsworks.api.messages import get_message_by_id, send_message
from smsworks.models import Message, MessageResponse, SendMessageResponse
from smsworks.types import Unset
from smsworks_emulator.rules.outcomes import MAGIC_PREFIX, plan_delivery

# Two parts, so a refund of one part instead of the whole price shows.
CONTENT = "Forced outcome. " * 10 + "x"
ORDINARY_CONTENT = "Delivery check."
"""One part, the cheapest send: the test that also runs against the sandbox texts the user's phone."""
# Clock steps while following a message: seconds at first (deliveries take a few), then doubling
# from a minute, which passes the longest validity (2880 minutes = 48 hours) within the cap.
EMULATOR_STEPS = (1.0,) * 30 + tuple(60.0 * 2**k for k in range(13))
# Against the live service, real time: every 10 seconds for at most 4 minutes (inside the
# per-test timeout, so the cap's message is what a slow service gets).
SANDBOX_POLLS = (10.0,) * 24


def follow_to_final_status(
    client: AuthenticatedClient,
    messageid: str,
    wait: Callable[[float], None],
    steps: tuple[float, ...],
) -> tuple[MessageResponse, list[MessageResponse]]:
    """Read the message after each step until its status is final; fail past the last step."""
    history: list[MessageResponse] = []
    for step in (*steps, None):
        read = expect(get_message_by_id.sync(messageid, client=client), MessageResponse)
        history.append(read)
        if read.status in pricing.FINAL_STATUSES:
            return read, history
        if step is not None:
            wait(step)
    seen = " -> ".join(dict.fromkeys(str(read.status) for read in history))
    pytest.fail(f"message {messageid} not final after {sum(steps):g}s; statuses seen: {seen}")


def _permanent(read: MessageResponse) -> bool | None:
    reason = read.failurereason
    if isinstance(reason, Unset) or reason is None:
        return None
    permanent = getattr(reason, "permanent", None)
    return permanent if isinstance(permanent, bool) else None


def test_the_oracle_states_an_outcome_for_every_forced_number() -> None:
    """The emulator's plans only say which numbers are special; the oracle says how they end."""

    def plan(destination: str) -> object:
        return plan_delivery(destination, sent_ms=0, validity_minutes=2880, delay_ms=1000)

    ordinary = plan("447712345678")
    forced = {f"{n:03d}" for n in range(1000) if plan(f"{MAGIC_PREFIX}{n:03d}") != ordinary}
    assert forced == set(pricing.FORCED_FINAL_STATUS)


@pytest.mark.parametrize("suffix", sorted(pricing.FORCED_FINAL_STATUS))
def test_a_forced_outcome_ends_as_documented_and_is_charged_by_the_refund_rule(
    control: Target, suffix: str
) -> None:
    destination = MAGIC_PREFIX + suffix
    expected_status = pricing.FORCED_FINAL_STATUS[suffix]
    price = pricing.price(CONTENT, destination).credits
    client = control.client(control.new_customer())
    before = read_balance(client)
    message = Message(sender="Contract", destination=destination, content=CONTENT)
    sent = expect(send_message.sync(client=client, body=message), SendMessageResponse)
    if sent.status == "REJECTED":
        assert sent.credits_used == 0, f"rejected at once, yet creditsUsed {sent.credits_used:g}"

    final, history = follow_to_final_status(
        client, sent.messageid, control.advance_clock, EMULATOR_STEPS
    )
    assert final.status == expected_status, (
        f"{destination} ended {final.status}; the docs promise {expected_status}"
    )
    if suffix in pricing.TEMPORARY_FAILURE_FIRST:
        assert any(read.status == "SENT" and _permanent(read) is False for read in history), (
            f"{destination} never showed SENT with a temporary failure before {final.status}"
        )
    if final.status in ("UNDELIVERABLE", "REJECTED"):
        assert _permanent(final) is True, f"{final.status} without a permanent failurereason"
    kept = pricing.charge_after_final_status(final.status, destination, price)
    assert before - read_balance(client) == kept, (
        f"{destination} ended {final.status}: it should cost {kept:g} of its {price:g} credits, "
        f"but the balance fell by {before - read_balance(client):g}"
    )
    control.advance_clock(7 * 24 * 3600)
    assert before - read_balance(client) == kept, "the charge changed after the final status"


def test_a_message_reaches_a_final_status_charged_by_the_refund_rule(
    target: Target, spend: Callable[[float], None]
) -> None:
    """An ordinary message, on every target: on the sandbox, the one permitted number."""
    destination = send_destination(target, "447712345678")
    price = pricing.price(ORDINARY_CONTENT, destination).credits
    spend(price)
    client = target.client(target.new_customer())
    before = read_balance(client)
    message = Message(sender="Contract", destination=destination, content=ORDINARY_CONTENT)
    sent = expect(send_message.sync(client=client, body=message), SendMessageResponse)
    if target.control is not None:
        final, _ = follow_to_final_status(
            client, sent.messageid, target.advance_clock, EMULATOR_STEPS
        )
        assert final.status == "DELIVERED"
    else:
        final, _ = follow_to_final_status(client, sent.messageid, time.sleep, SANDBOX_POLLS)
    kept = pricing.charge_after_final_status(str(final.status), destination, price)
    assert before - read_balance(client) == kept, (
        f"ended {final.status}: should cost {kept:g} of {price:g} credits, "
        f"the balance fell by {before - read_balance(client):g}"
    )
