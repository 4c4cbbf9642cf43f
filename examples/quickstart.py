"""Estimate what an SMS costs, send it through the front door, read it back, handle running out of credits, page through messages.

Run against the emulator (``make emulator`` in another terminal, then
``SMSWORKS_BASE_URL=http://127.0.0.1:8080/v1 SMSWORKS_TOKEN="$(.venv/bin/smsworks-emulator token --customer demo)"
.venv/bin/python examples/quickstart.py``) or against the live service with the token from your account page.
This file is also checked by ``mypy --strict``: it shows the client's types as a user meets them.
"""

from __future__ import annotations

import os
import sys

import smsworks
from smsworks.models import MetaData


def main() -> int:
    with smsworks.SMSWorks(
        os.environ["SMSWORKS_TOKEN"],  # "JWT eyJ..." from the account page, or the bare JWT
        base_url=os.environ.get("SMSWORKS_BASE_URL", smsworks.client.DEFAULT_BASE_URL),
    ) as client:
        estimate = smsworks.segments.estimate("Hello from smsworks")
        print(
            f"will cost {estimate.credits:g} credit(s): {estimate.parts} {estimate.encoding} part(s)"
        )
        try:
            sent = client.send_message(
                sender="SMSWorks",
                destination=os.environ.get("SMSWORKS_DESTINATION", "447700900999"),
                content="Hello from smsworks",
                tag="quickstart",
                metadata=[MetaData(key="order", value="42")],
            )
        except smsworks.InsufficientCreditsError as error:
            print(f"not sent, top up first: {error.message}", file=sys.stderr)
            return 1
        print(f"sent {sent.messageid}: {sent.credits_used} credits used, {sent.credits_} left")

        message = client.get_message_by_id(sent.messageid)
        print(f"read back: {message.status} to {message.destination}: {message.content!r}")

        for earlier in client.iter_messages(sender="SMSWorks", page_size=100):
            print(f"  {earlier.created} {earlier.status} {earlier.messageid}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
