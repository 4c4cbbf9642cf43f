"""Send an SMS with the generated client, then read it back.

Run against the emulator (``make emulator`` in another terminal, then
``SMSWORKS_BASE_URL=http://127.0.0.1:8080/v1 SMSWORKS_TOKEN="$(.venv/bin/smsworks-emulator token --customer demo)"
.venv/bin/python examples/quickstart.py``) or against the live service with the token from your account page.
This file is also checked by ``mypy --strict``: it shows the client's types as a user meets them.
"""

from __future__ import annotations

import os
import sys

import smsworks
from smsworks.api.credits_ import get_credits_balance
from smsworks.api.messages import get_message_by_id, send_message
from smsworks.models import (
    CreditsResponse,
    ExtendedErrorModel,
    Message,
    MessageResponse,
    MetaData,
    SendMessageResponse,
)


def main() -> int:
    client = smsworks.AuthenticatedClient(
        base_url=os.environ.get("SMSWORKS_BASE_URL", smsworks.client.DEFAULT_BASE_URL),
        token=os.environ["SMSWORKS_TOKEN"],  # "JWT eyJ..." from the account page, or the bare JWT
    )
    with client:
        sent = send_message.sync(
            client=client,
            body=Message(
                sender="SMSWorks",
                destination=os.environ.get("SMSWORKS_DESTINATION", "447700900999"),
                content="Hello from smsworks",
                tag="quickstart",
                metadata=[MetaData(key="order", value="42")],
            ),
        )
        if isinstance(sent, ExtendedErrorModel):
            print(f"refused: {sent.message} (errorCode {sent.error_code})", file=sys.stderr)
            return 1
        if not isinstance(sent, SendMessageResponse):
            print("no response", file=sys.stderr)
            return 1
        parts: int | None = sent.messageparts if isinstance(sent.messageparts, int) else None
        print(
            f"sent {sent.messageid}: {sent.credits_used} credits, {parts} part(s), {sent.credits_} left"
        )

        message = get_message_by_id.sync(client=client, messageid=sent.messageid)
        if isinstance(message, MessageResponse):
            print(f"read back: {message.status} to {message.destination}: {message.content!r}")

        balance = get_credits_balance.sync(client=client)
        if isinstance(balance, CreditsResponse):
            print(f"balance: {balance.credits_}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
