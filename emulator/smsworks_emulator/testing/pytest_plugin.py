"""pytest fixtures for testing code that talks to The SMS Works, against the emulator.

Loaded automatically once ``smsworks-emulator`` is installed (entry point ``pytest11``)::

    def test_sends(smsworks, smsworks_emulator):
        smsworks.send_message(sender="Acme", destination="447700900123", content="hi")
        smsworks_emulator.assert_sent(to="07700900123", containing="hi")

``smsworks`` / ``async_smsworks`` are front-door clients on the test's own in-process emulator;
``smsworks_app`` makes every client the application builds during the test talk to it (no
argument to pass, no socket). The test API of the emulator handle: docs/testing.md.

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
    from smsworks import AsyncSMSWorks, AuthenticatedClient, SMSWorks


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


@pytest.fixture
def smsworks(smsworks_emulator: InProcessEmulator) -> Iterator[SMSWorks]:
    """A front-door ``smsworks.SMSWorks`` on the in-process emulator, closed after the test."""
    from smsworks import SMSWorks

    with SMSWorks(
        smsworks_emulator.token(),
        base_url=smsworks_emulator.base_url,
        httpx_client=smsworks_emulator.http_client(),
    ) as client:
        yield client


@pytest.fixture
def async_smsworks(smsworks_emulator: InProcessEmulator) -> AsyncSMSWorks:
    """A front-door ``smsworks.AsyncSMSWorks`` on the in-process emulator (its httpx2 client is closed
    with the emulator)."""
    from smsworks import AsyncSMSWorks

    return AsyncSMSWorks(
        smsworks_emulator.token(),
        base_url=smsworks_emulator.base_url,
        httpx_client=smsworks_emulator.async_http_client(),
    )


@pytest.fixture
def smsworks_app(
    smsworks_emulator: InProcessEmulator, monkeypatch: pytest.MonkeyPatch
) -> Iterator[InProcessEmulator]:
    """Every ``SMSWorks``/``AsyncSMSWorks`` built during the test, anywhere in the application,
    talks to the in-process emulator: ``SMSWORKS_TOKEN`` and ``SMSWORKS_BASE_URL`` are set to it
    and ``smsworks.intercept`` carries the calls through ASGI (no socket)."""
    import smsworks

    monkeypatch.setenv("SMSWORKS_TOKEN", smsworks_emulator.token())
    monkeypatch.setenv("SMSWORKS_BASE_URL", smsworks_emulator.base_url)
    with smsworks.intercept(
        transport=smsworks_emulator.transport(),
        async_transport=smsworks_emulator.async_transport(),
    ):
        yield smsworks_emulator
