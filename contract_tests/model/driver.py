"""Calls through the generated client, answered as raw status and JSON.

Each request is built by the generated raw function (``_get_kwargs`` of its module, from the
client's own body model) and sent on the client's httpx2 client; the answer is compared as JSON,
so it holds however the client's parsed models change (sparse records, normalised numbers).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from smsworks import AuthenticatedClient
from smsworks.api.batch_messages import (
    cancel_scheduled_batch_job,
    get_batch_by_id,
    schedule_batch,
    send_any_batch,
    send_batch,
)
from smsworks.api.credits_ import get_credits_balance, get_credits_for_country
from smsworks.api.messages import (
    cancel_scheduled_job,
    delete_message,
    get_failed_messages,
    get_inbox_messages,
    get_message_by_id,
    get_message_volume,
    get_messages,
    get_scheduled_messages,
    schedule_message,
    send_binary_message,
    send_flash_message,
    send_message,
)
from smsworks.api.one_time_password import get_otp_by_id, send_otp, verify_otp
from smsworks.api.utils import test_credentials
from smsworks.models import (
    OTP,
    BatchMessage,
    BatchToSchedule,
    BinaryMessage,
    Message,
    MessageToSchedule,
    OTPVerify,
    Query,
)


@dataclass(frozen=True)
class Answer:
    status: int
    body: Any

    def show(self) -> str:
        text = json.dumps(self.body, ensure_ascii=False)
        return f"{self.status} {text[:600]}"


BODY_MODELS: dict[ModuleType, Any] = {
    send_message: Message,
    send_flash_message: Message,
    send_binary_message: BinaryMessage,
    schedule_message: MessageToSchedule,
    schedule_batch: BatchToSchedule,
    send_batch: BatchMessage,
    get_messages: Query,
    get_failed_messages: Query,
    get_inbox_messages: Query,
    send_otp: OTP,
    verify_otp: OTPVerify,
}
OPERATIONS = {
    "send": send_message,
    "flash": send_flash_message,
    "binary": send_binary_message,
    "schedule": schedule_message,
    "batch": send_batch,
    "any-batch": send_any_batch,
    "batch-read": get_batch_by_id,
    "search": get_messages,
    "failed": get_failed_messages,
    "inbox": get_inbox_messages,
    "read": get_message_by_id,
    "delete": delete_message,
    "cancel": cancel_scheduled_job,
    "schedule-batch": schedule_batch,
    "cancel-batch": cancel_scheduled_batch_job,
    "schedules": get_scheduled_messages,
    "volume": get_message_volume,
    "otp-send": send_otp,
    "otp-verify": verify_otp,
    "otp-read": get_otp_by_id,
    "balance": get_credits_balance,
    "quote": get_credits_for_country,
    "utils-test": test_credentials,
}


def call(client: AuthenticatedClient, operation: str, body: Any = None, ident: str = "") -> Answer:
    module = OPERATIONS[operation]
    if module is send_any_batch:
        kwargs = module._get_kwargs(body=[Message.from_dict(item) for item in body])
    elif module in BODY_MODELS:
        kwargs = module._get_kwargs(body=BODY_MODELS[module].from_dict(body))
    elif ident:
        kwargs = module._get_kwargs(ident)
    else:
        kwargs = module._get_kwargs()
    response = client.get_httpx_client().request(**kwargs)
    try:
        parsed = response.json() if response.content else None
    except ValueError:
        parsed = response.text
    return Answer(response.status_code, parsed)
