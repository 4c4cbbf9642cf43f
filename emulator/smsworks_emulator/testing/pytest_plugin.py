"""pytest fixtures for testing code that talks to The SMS Works, against the emulator.

Loaded automatically once ``smsworks-emulator`` is installed (entry point ``pytest11``)::

    def test_sends(smsworks_client, smsworks_emulator):
        send_message.sync(client=smsworks_client, body=Message(...))
        smsworks_emulator.advance(5)        # deliveries happen

Override ``smsworks_emulator_settings`` in a conftest.py to change the defaults (an in-memory
database and a controlled clock).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from smsworks_emulator.settings import DEFAULT_SECRET, EmulatorSettings
from smsworks_emulator.testing.harness import (
    InProcessEmulator,
    ServedEmulator,
    in_process,
    served,
    settings_for_tests,
)

if TYPE_CHECKING:
    from smsworks import AuthenticatedClient


@pytest.fixture
def smsworks_emulator_settings() -> EmulatorSettings:
    """Settings of the emulator fixtures; override to change them."""
    # The harness's in-memory database and controlled clock, with `serve`'s default secret.
    return settings_for_tests(secret=DEFAULT_SECRET)


@pytest.fixture
def smsworks_emulator(smsworks_emulator_settings: EmulatorSettings) -> Iterator[InProcessEmulator]:
    """An emulator in this process, spoken to through ASGI (no socket)."""
    with in_process(smsworks_emulator_settings) as handle:
        yield handle


@pytest.fixture
def smsworks_emulator_server(
    smsworks_emulator_settings: EmulatorSettings,
) -> Iterator[ServedEmulator]:
    """An emulator served by uvicorn on a free 127.0.0.1 port, stopped after the test."""
    with served(smsworks_emulator_settings) as handle:
        yield handle


@pytest.fixture
def smsworks_client(smsworks_emulator: InProcessEmulator) -> AuthenticatedClient:
    """A generated ``smsworks.AuthenticatedClient`` on the in-process emulator."""
    return smsworks_emulator.client()
