"""Fixtures of the drift proxy's tests: the proxy in front of the emulator, in each wire form."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from smsworks_emulator.testing import ServedEmulator
from tests.proxy.servers import Proxied, emulator_behind_proxy


@pytest.fixture
def spec_form() -> Iterator[tuple[ServedEmulator, Proxied]]:
    """The emulator answering as the spec declares, behind the proxy."""
    with emulator_behind_proxy("spec") as pair:
        yield pair


@pytest.fixture
def live_like() -> Iterator[tuple[ServedEmulator, Proxied]]:
    """The emulator answering with the live service's known variants (``--wire live-like``), behind the proxy."""
    with emulator_behind_proxy("live-like") as pair:
        yield pair
