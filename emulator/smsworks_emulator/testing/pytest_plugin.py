"""pytest fixtures for testing code that talks to The SMS Works, against the emulator.

Loaded automatically once ``smsworks-emulator`` is installed (entry point ``pytest11``)::

    def test_sends(smsworks_client, smsworks_emulator):
        send_message.sync(client=smsworks_client, body=Message(...))
        smsworks_emulator.advance(5)        # deliveries happen

Override ``smsworks_emulator_settings`` in a conftest.py to change the defaults (an in-memory
database and a controlled clock). The wire form is the ini option ``smsworks_emulator_wire``
(``spec`` or ``live-like``), or per test ``@pytest.mark.smsworks_wire("live-like")``.
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


WIRE_INI = "smsworks_emulator_wire"
WIRE_MARKER = "smsworks_wire"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(WIRE_INI, "wire form of the emulator fixtures: spec or live-like", default="spec")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"{WIRE_MARKER}(form): the emulator fixtures answer in this wire form"
    )


@pytest.fixture
def smsworks_emulator_settings(request: pytest.FixtureRequest) -> EmulatorSettings:
    """Settings of the emulator fixtures; override to change them."""
    marker = request.node.get_closest_marker(WIRE_MARKER)
    wire = marker.args[0] if marker else request.config.getini(WIRE_INI)
    # The harness's in-memory database and controlled clock, with `serve`'s default secret.
    return settings_for_tests(secret=DEFAULT_SECRET, wire=wire)


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
