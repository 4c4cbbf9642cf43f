"""Incoming SMS, injected by the control endpoint: they land in the customer's inbox unread."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from smsworks_emulator.errors import bad_request
from smsworks_emulator.numbers import NumberError, normalise_destination
from smsworks_emulator.records import MESSAGE_COLUMNS, message_response
from smsworks_emulator.segments import ContentError, segment_text

if TYPE_CHECKING:
    from smsworks_emulator.engine import Emulator


def receive(emu: Emulator, customer: str, sender: Any, to: Any, content: Any) -> dict[str, Any]:
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
    messageid = emu.ids.new_id()
    now_ms = emu.clock.now_ms()
    emu.ensure_customer(customer)
    with emu.write() as conn:
        conn.execute(
            "INSERT INTO messages (messageid, customer_id, kind, sender, destination, content, encoding, "
            "characters, parts, credits_milli, status, created_ms, modified_ms, validity, keyword, unread) "
            "VALUES (?, ?, 'inbound', ?, ?, ?, ?, ?, ?, 0, 'INCOMING', ?, ?, 0, ?, 1)",
            (messageid, customer, from_number, to_number, content, segmentation.encoding,
             segmentation.characters, segmentation.parts, now_ms, now_ms, keyword),
        )  # fmt: skip
        row = conn.execute(
            f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE messageid = ?",
            (messageid,),
        ).fetchone()
    return message_response(row)
