"""Incoming SMS, injected by the control endpoint: they land in the customer's inbox unread."""

from __future__ import annotations

from typing import Any

from smsworks_emulator.rules.errors import bad_request
from smsworks_emulator.rules.numbers import NumberError, normalise_destination
from smsworks_emulator.rules.segments import ContentError, segment_text
from smsworks_emulator.service.accounts import Accounts
from smsworks_emulator.service.clock import Clock
from smsworks_emulator.service.records import message_response
from smsworks_emulator.service.transactions import Transactions


class Inbound:
    def __init__(self, transactions: Transactions, clock: Clock, accounts: Accounts) -> None:
        self._transactions = transactions
        self._clock = clock
        self._accounts = accounts

    def receive(self, customer: str, sender: Any, to: Any, content: Any) -> dict[str, Any]:
        """Store an incoming message (status INCOMING, unread) and return its MessageResponse.

        The keyword is the first word of the content, upper-cased, as the service files replies.
        """
        try:
            from_number = normalise_destination(sender, field="from")
            to_number = normalise_destination(to, field="to")
            segmentation = segment_text(content)
        except (NumberError, ContentError) as error:
            raise bad_request(str(error)) from None
        words = content.split()
        keyword = words[0].upper() if words else ""
        messageid = self._transactions.ids.new_id()
        now_ms = self._clock.now_ms()
        self._accounts.ensure(customer)
        with self._transactions.write() as repository:
            row = repository.insert_inbound(
                messageid,
                customer,
                from_number,
                to_number,
                content,
                segmentation.encoding,
                segmentation.characters,
                segmentation.parts,
                keyword,
                now_ms,
            )
        return message_response(row)
