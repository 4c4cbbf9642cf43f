"""Test support: one harness with three modes, the pytest plugin, and a sync ASGI transport.

>>> from smsworks_emulator.testing import in_process
>>> with in_process() as emulator:
...     client = emulator.client("alice")
"""

from smsworks_emulator.testing.harness import (
    DEFAULT_CUSTOMER,
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

__all__ = [
    "DEFAULT_CUSTOMER",
    "IN_PROCESS_ORIGIN",
    "SECRET",
    "TOKEN_TTL_SECONDS",
    "ChildEmulator",
    "EmulatorHandle",
    "InProcessEmulator",
    "ServedEmulator",
    "child_process",
    "in_process",
    "served",
    "settings_for_tests",
]
