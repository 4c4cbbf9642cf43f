"""Every integration test runs twice: in-process (ASGI, no socket) and against a real uvicorn server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from smsworks_emulator.testing import EmulatorHandle, in_process, served, settings_for_tests


@pytest.fixture(params=["in-process", "served"])
def emulator(request: pytest.FixtureRequest) -> Iterator[EmulatorHandle]:
    settings = settings_for_tests()
    runner = in_process if request.param == "in-process" else served
    with runner(settings) as handle:
        yield handle


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
