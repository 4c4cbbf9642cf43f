"""The 23 operations of the spec, each a function of (emulator, call) -> (status, body).

Routing, authentication, body validation against the spec and error handling are done once, in
:func:`operation_endpoint`; the handlers below only do the operation's own work.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import Response

from smsworks_emulator import batches, messages, otp, queries, schedules
from smsworks_emulator.accounts import balance_milli
from smsworks_emulator.engine import Emulator
from smsworks_emulator.errors import bad_request, not_found, sample_error
from smsworks_emulator.outbound import prepare
from smsworks_emulator.records import credits
from smsworks_emulator.spec import Operation
from smsworks_emulator.wire import guarded, json_response, read_json

MAX_SKIP = 2**62
MAX_CREDITS = 1e12


@dataclass(frozen=True)
class Call:
    customer: str
    body: Any
    params: dict[str, str]
    now_ms: int


Reply = tuple[int, Any]
Handler = Callable[[Emulator, Call], Reply]


def _outgoing(emu: Emulator, call: Call, kind: str) -> Any:
    return prepare(call.body, kind=kind, non_uk_multiplier=emu.settings.non_uk_multiplier)


def send_message(emu: Emulator, call: Call) -> Reply:
    body = messages.send(emu, call.customer, _outgoing(emu, call, "sms"), call.now_ms)
    faults = emu.settings.faults
    if "drop-field" in faults:
        body.pop("creditsUsed")
    return (200 if "wrong-status" in faults else 201), body


def send_flash(emu: Emulator, call: Call) -> Reply:
    return 201, messages.send(emu, call.customer, _outgoing(emu, call, "flash"), call.now_ms)


def send_binary(emu: Emulator, call: Call) -> Reply:
    return 201, messages.send(emu, call.customer, _outgoing(emu, call, "binary"), call.now_ms)


def schedule_message(emu: Emulator, call: Call) -> Reply:
    due_ms = schedules.due_time(call.body, call.now_ms)
    message = _outgoing(emu, call, "sms")
    schedule_id = schedules.create(
        emu, call.customer, [message], due_ms, call.now_ms, is_batch=False
    )
    return 200, [{"messageid": schedule_id, "status": "SCHEDULED"}]


def get_messages(emu: Emulator, call: Call) -> Reply:
    return 200, queries.search(emu, call.customer, _query(call.body), "all")


def get_inbox(emu: Emulator, call: Call) -> Reply:
    return 200, queries.search(emu, call.customer, _query(call.body), "inbox")


def get_failed(emu: Emulator, call: Call) -> Reply:
    return 200, queries.search(emu, call.customer, _query(call.body), "failed")


def _query(body: dict[str, Any]) -> dict[str, Any]:
    query = dict(body)
    if "skip" in query:
        query["skip"] = min(query["skip"], MAX_SKIP)
    wanted = query.get("credits")
    if wanted is not None:
        # Any number is valid; beyond a trillion none can match, and SQLite's integers end.
        query["credits"] = max(-MAX_CREDITS, min(MAX_CREDITS, wanted))
    return query


def get_scheduled(emu: Emulator, call: Call) -> Reply:
    with emu.store.lock:
        return 200, schedules.listing(emu.store.read(), call.customer, call.now_ms)


def get_message(emu: Emulator, call: Call) -> Reply:
    return 200, messages.get(emu, call.customer, call.params["messageid"])


def delete_message(emu: Emulator, call: Call) -> Reply:
    return 200, messages.delete(emu, call.customer, call.params["messageid"])


def cancel_scheduled(emu: Emulator, call: Call) -> Reply:
    return 200, schedules.cancel(emu, call.customer, call.params["messageid"], is_batch=False)


def message_volume(emu: Emulator, call: Call) -> Reply:
    return 200, queries.volume(emu, call.customer, call.now_ms)


def send_batch(emu: Emulator, call: Call) -> Reply:
    batch = batches.prepare_batch(call.body, emu.settings.non_uk_multiplier)
    return 201, batches.send(emu, call.customer, batch, call.now_ms)


def send_any_batch(emu: Emulator, call: Call) -> Reply:
    batch = batches.prepare_any(call.body, emu.settings.non_uk_multiplier)
    return 201, batches.send(emu, call.customer, batch, call.now_ms)


def get_batch(emu: Emulator, call: Call) -> Reply:
    return 200, batches.get(emu, call.customer, call.params["batchid"])


def schedule_batch(emu: Emulator, call: Call) -> Reply:
    due_ms = schedules.due_time(call.body, call.now_ms)
    batch = batches.prepare_batch(call.body, emu.settings.non_uk_multiplier)
    batchid = schedules.create(emu, call.customer, batch, due_ms, call.now_ms, is_batch=True)
    return 201, {"batchid": batchid, "status": "SCHEDULED"}


def cancel_scheduled_batch(emu: Emulator, call: Call) -> Reply:
    return 200, schedules.cancel(emu, call.customer, call.params["batchid"], is_batch=True)


def send_otp(emu: Emulator, call: Call) -> Reply:
    return 201, otp.send(emu, call.customer, call.body, call.now_ms)


def verify_otp(emu: Emulator, call: Call) -> Reply:
    return 200, otp.verify(emu, call.customer, call.body, call.now_ms)


def get_otp(emu: Emulator, call: Call) -> Reply:
    return 200, otp.get(emu, call.customer, call.params["messageid"], call.now_ms)


def credits_balance(emu: Emulator, call: Call) -> Reply:
    with emu.store.lock:
        return 200, {"credits": credits(balance_milli(emu.store.read(), call.customer))}


def test_credentials(emu: Emulator, call: Call) -> Reply:
    return 200, {"message": call.customer}


def get_error(emu: Emulator, call: Call) -> Reply:
    return 200, sample_error(call.params["errorcode"])


HANDLERS: dict[str, Handler] = {
    "sendMessage": send_message,
    "sendFlashMessage": send_flash,
    "scheduleMessage": schedule_message,
    "sendBinaryMessage": send_binary,
    "getMessages": get_messages,
    "getInboxMessages": get_inbox,
    "getFailedMessages": get_failed,
    "getScheduledMessages": get_scheduled,
    "getMessageById": get_message,
    "deleteMessage": delete_message,
    "cancelScheduledJob": cancel_scheduled,
    "getMessageVolume": message_volume,
    "sendBatch": send_batch,
    "sendAnyBatch": send_any_batch,
    "getBatchById": get_batch,
    "scheduleBatch": schedule_batch,
    "cancelScheduledBatchJob": cancel_scheduled_batch,
    "sendOtp": send_otp,
    "verifyOtp": verify_otp,
    "getOtpById": get_otp,
    "getCreditsBalance": credits_balance,
    "testCredentials": test_credentials,
    "getError": get_error,
}


READ_ONLY_THE_BALANCE = frozenset(
    {
        "sendMessage",
        "sendFlashMessage",
        "sendBinaryMessage",
        "scheduleMessage",
        "sendBatch",
        "sendAnyBatch",
        "scheduleBatch",
        "sendOtp",
    }
)
"""Operations that create state and read nothing stored but the balance (see ``catch_up``)."""


def operation_endpoint(
    emu: Emulator, operation: Operation
) -> Callable[[Request], Awaitable[Response]]:
    """The ASGI endpoint of one operation: due work, auth, body check, handler, JSON reply."""
    handler = HANDLERS[operation.operation_id]
    balance_only = operation.operation_id in READ_ONLY_THE_BALANCE

    async def endpoint(request: Request) -> Response:
        now_ms = emu.clock.now_ms()
        emu.catch_up(now_ms, balance_only=balance_only)
        customer = emu.customer_for(request.headers.get("authorization"))
        params = dict(request.path_params)
        for name, value in params.items():
            if not value.isprintable() or _not_text(value):
                raise not_found(f"{name}: no such resource")
        body = None
        if operation.body_validator is not None:
            body = await read_json(request, required=operation.body_required)
            problem = operation.body_error(body)
            if problem is not None:
                raise bad_request(problem)
        status, payload = handler(emu, Call(customer, body, params, now_ms))
        response = json_response(status, payload)
        if emu.webhooks_due(emu.clock.now_ms()):
            # Reports go out after the answer, so a slow receiver never slows the API down.
            response.background = BackgroundTask(emu.run_due)
        return response

    return guarded(endpoint, emu.store.durable)


def _not_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
