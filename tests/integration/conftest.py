"""Every integration test runs three times: in-process (ASGI, no socket), against a real uvicorn server,
and against a real uvicorn server answering in the live-like wire form (the shapes the live service is
likely to send: numbers for ids, sparse records, the object schedule answer, the framework's 400 body)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from smsworks_emulator.testing import EmulatorHandle, in_process, served, settings_for_tests


@pytest.fixture(params=["in-process", "served", "served-live-like"])
def emulator(request: pytest.FixtureRequest) -> Iterator[EmulatorHandle]:
    live_like = request.param == "served-live-like"
    settings = settings_for_tests(wire="live-like" if live_like else "spec")
    runner = in_process if request.param == "in-process" else served
    with runner(settings) as handle:
        yield handle


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
