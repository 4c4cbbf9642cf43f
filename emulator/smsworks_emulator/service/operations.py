"""The table of the spec's 24 operations: each one's handler and what else is known of it.

A handler is a function of (emulator, call) -> (status, body). Routing, authentication, body
validation against the spec and error handling are done once, by the HTTP layer; the handlers
only do the operation's own work. The contract suite and the benchmarks read this table too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from smsworks_emulator.rules.credits import credits, to_milli
from smsworks_emulator.rules.errors import not_found, sample_error
from smsworks_emulator.rules.statuses import MessageKind, ScheduleStatus
from smsworks_emulator.service import batches, schedules
from smsworks_emulator.service.emulator import Emulator
from smsworks_emulator.service.outbound import Outgoing, prepare, total_price


@dataclass(frozen=True)
class Call:
    customer: str
    body: Any
    params: dict[str, str]
    now_ms: int


Reply = tuple[int, Any]
Handler = Callable[[Emulator, Call], Reply]


@dataclass(frozen=True)
class OperationEntry:
    handler: Handler
    spends_credits: bool = False
    """It sends (or schedules) messages, and so costs credits on the live service."""
    reads_only_the_balance: bool = False
    """It creates state and reads nothing stored but the balance (see ``Scheduler.catch_up``)."""


def _outgoing(emu: Emulator, call: Call, kind: MessageKind) -> Outgoing:
    return prepare(call.body, kind=kind, prices=emu.prices)


def send_message(emu: Emulator, call: Call) -> Reply:
    message = _outgoing(emu, call, MessageKind.SMS)
    faults = emu.settings.faults
    if "ucs2-part-70" in faults and message.segmentation.encoding == "UCS-2":
        parts = message.segmentation.parts_at_70
        per_part = message.credits_milli // message.segmentation.parts
        segmentation = replace(message.segmentation, parts=parts)
        message = message._replace(segmentation=segmentation, credits_milli=per_part * parts)
    body = emu.messages.send(call.customer, message, call.now_ms)
    if "undercharge-multipart" in faults and body["messageparts"] > 1:
        with emu.transactions.write() as repository:
            repository.refund(call.customer, to_milli(1))
        body["credits"] += 1
    if "drop-field" in faults:
        body.pop("credits")
    return (200 if "wrong-status" in faults else 201), body


def send_flash(emu: Emulator, call: Call) -> Reply:
    message = _outgoing(emu, call, MessageKind.FLASH)
    return 201, emu.messages.send(call.customer, message, call.now_ms)


def send_binary(emu: Emulator, call: Call) -> Reply:
    message = _outgoing(emu, call, MessageKind.BINARY)
    return 201, emu.messages.send(call.customer, message, call.now_ms)


def schedule_message(emu: Emulator, call: Call) -> Reply:
    due_ms = schedules.due_time(call.body, call.now_ms)
    message = _outgoing(emu, call, MessageKind.SMS)
    schedule_id = emu.schedules.create(
        call.customer, [message], due_ms, call.now_ms, is_batch=False
    )
    return 200, [{"messageid": schedule_id, "status": ScheduleStatus.SCHEDULED}]


def get_messages(emu: Emulator, call: Call) -> Reply:
    query = call.body
    if "ignore-skip" in emu.settings.faults:
        query = {name: value for name, value in query.items() if name != "skip"}
    return 200, emu.queries.search(call.customer, query, "all")


def get_inbox(emu: Emulator, call: Call) -> Reply:
    return 200, emu.queries.search(call.customer, call.body, "inbox")


def get_failed(emu: Emulator, call: Call) -> Reply:
    return 200, emu.queries.search(call.customer, call.body, "failed")


def get_scheduled(emu: Emulator, call: Call) -> Reply:
    return 200, emu.schedules.listing(call.customer, call.now_ms)


def get_message(emu: Emulator, call: Call) -> Reply:
    return 200, emu.messages.get(call.customer, call.params["messageid"])


def delete_message(emu: Emulator, call: Call) -> Reply:
    return 200, emu.messages.delete(call.customer, call.params["messageid"])


def cancel_scheduled(emu: Emulator, call: Call) -> Reply:
    return 200, emu.schedules.cancel(call.customer, call.params["messageid"], is_batch=False)


def message_volume(emu: Emulator, call: Call) -> Reply:
    return 200, emu.queries.volume(call.customer, call.now_ms)


def send_batch(emu: Emulator, call: Call) -> Reply:
    batch = batches.prepare_batch(call.body, emu.prices)
    return 201, emu.batches.send(call.customer, _partial(emu, call, batch), call.now_ms)


def send_any_batch(emu: Emulator, call: Call) -> Reply:
    batch = batches.prepare_any(call.body, emu.prices)
    return 201, emu.batches.send(call.customer, _partial(emu, call, batch), call.now_ms)


def _partial(emu: Emulator, call: Call, batch: list[Outgoing]) -> list[Outgoing]:
    """The fault ``partial-batch``: only the messages the balance covers (all without it)."""
    if "partial-batch" not in emu.settings.faults:
        return batch
    left, kept = emu.accounts.balance_milli(call.customer), 0
    for message in batch:
        left -= total_price([message])
        if left < 0:
            break
        kept += 1
    return batch[:kept] or batch


def get_batch(emu: Emulator, call: Call) -> Reply:
    return 200, emu.batches.get(call.customer, call.params["batchid"])


def schedule_batch(emu: Emulator, call: Call) -> Reply:
    due_ms = schedules.due_time(call.body, call.now_ms)
    batch = batches.prepare_batch(call.body, emu.prices)
    batchid = emu.schedules.create(call.customer, batch, due_ms, call.now_ms, is_batch=True)
    return 201, {"batchid": batchid, "status": batches.BATCH_STATUS}


def cancel_scheduled_batch(emu: Emulator, call: Call) -> Reply:
    return 200, emu.schedules.cancel(call.customer, call.params["batchid"], is_batch=True)


def send_otp(emu: Emulator, call: Call) -> Reply:
    return 201, emu.otps.send(call.customer, call.body, call.now_ms)


def verify_otp(emu: Emulator, call: Call) -> Reply:
    return 200, emu.otps.verify(call.customer, call.body, call.now_ms)


def get_otp(emu: Emulator, call: Call) -> Reply:
    return 200, emu.otps.get(call.customer, call.params["messageid"], call.now_ms)


def credits_balance(emu: Emulator, call: Call) -> Reply:
    return 200, {"credits": credits(emu.accounts.balance_milli(call.customer))}


def credits_for_country(emu: Emulator, call: Call) -> Reply:
    # The spec's pattern has checked the code's form (two capital letters).
    code = call.params["countrycode"]
    quote = emu.prices.quote(code)
    if quote is None:
        raise not_found(f"countrycode: {code!r} is the code of no country the service sends to")
    if "quote-off-table" in emu.settings.faults:
        quote = replace(quote, credits=1.0)
    return 200, quote.to_json()


def test_credentials(emu: Emulator, call: Call) -> Reply:
    return 200, {"message": call.customer}


def get_error(emu: Emulator, call: Call) -> Reply:
    return 200, sample_error(call.params["errorcode"])


def _sends(handler: Handler) -> OperationEntry:
    return OperationEntry(handler, spends_credits=True, reads_only_the_balance=True)


OPERATIONS: Mapping[str, OperationEntry] = {
    "sendMessage": _sends(send_message),
    "sendFlashMessage": _sends(send_flash),
    "scheduleMessage": _sends(schedule_message),
    "sendBinaryMessage": _sends(send_binary),
    "getMessages": OperationEntry(get_messages),
    "getInboxMessages": OperationEntry(get_inbox),
    "getFailedMessages": OperationEntry(get_failed),
    "getScheduledMessages": OperationEntry(get_scheduled),
    "getMessageById": OperationEntry(get_message),
    "deleteMessage": OperationEntry(delete_message),
    "cancelScheduledJob": OperationEntry(cancel_scheduled),
    "getMessageVolume": OperationEntry(message_volume),
    "sendBatch": _sends(send_batch),
    "sendAnyBatch": _sends(send_any_batch),
    "getBatchById": OperationEntry(get_batch),
    "scheduleBatch": _sends(schedule_batch),
    "cancelScheduledBatchJob": OperationEntry(cancel_scheduled_batch),
    "sendOtp": _sends(send_otp),
    "verifyOtp": OperationEntry(verify_otp),
    "getOtpById": OperationEntry(get_otp),
    "getCreditsBalance": OperationEntry(credits_balance),
    "getCreditsForCountry": OperationEntry(credits_for_country),
    "testCredentials": OperationEntry(test_credentials),
    "getError": OperationEntry(get_error),
}
"""Every operation of the spec by operationId (a test checks the two agree)."""

CREDIT_SPENDING_OPERATIONS = frozenset(
    operation_id for operation_id, entry in OPERATIONS.items() if entry.spends_credits
)
