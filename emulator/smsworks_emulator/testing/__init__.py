"""Test support: one harness with three modes, the pytest plugin, and a sync ASGI transport.

>>> from smsworks_emulator.testing import in_process
>>> with in_process() as emulator:
...     client = emulator.client("alice")
"""

from smsworks_emulator.testing.harness import (
    IN_PROCESS_ORIGIN,
    SECRET,
    TOKEN_TTL_SECONDS,
    ChildEmulator,
    EmulatorHandle,
    InProcessEmulator,
    ServedEmulator,
    child_process,
    in_process,
    served,
    settings_for_tests,
)
from smsworks_emulator.testing.receiver import ReportReceiver, report_receiver
from smsworks_emulator.testing.test_api import (
    DEFAULT_CUSTOMER,
    Faults,
    Outbox,
    SentMessage,
    TestApi,
    WebhookAttempt,
)

__all__ = [
    "DEFAULT_CUSTOMER",
    "IN_PROCESS_ORIGIN",
    "SECRET",
    "TOKEN_TTL_SECONDS",
    "ChildEmulator",
    "EmulatorHandle",
    "Faults",
    "InProcessEmulator",
    "Outbox",
    "ReportReceiver",
    "SentMessage",
    "ServedEmulator",
    "TestApi",
    "WebhookAttempt",
    "child_process",
    "in_process",
    "report_receiver",
    "served",
    "settings_for_tests",
]
