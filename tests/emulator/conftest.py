"""Shared helpers of the emulator's tests: a fresh in-process emulator and JSON shortcuts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx2
import pytest

from smsworks_emulator import EmulatorSettings
from smsworks_emulator.http.boundary import INTENT_HEADER
from smsworks_emulator.testing import InProcessEmulator, settings_for_tests

PROGRAM = {INTENT_HEADER: "1"}
"""What a program (not a web page) adds to a bodiless request that changes the emulator's state."""


class Api:
    """An HTTP client on one in-process emulator, with a token per customer."""

    def __init__(self, settings: EmulatorSettings) -> None:
        self.settings = settings
        self.emulator = InProcessEmulator(settings)
        self.app = self.emulator.app
        # No admin key: tests of the key send it themselves.
        self.http = self.emulator.http_client()

    def headers(self, customer: str) -> dict[str, str]:
        return {"Authorization": self.emulator.token(customer)}

    def call(
        self, method: str, path: str, customer: str = "alice", body: Any = None
    ) -> httpx2.Response:
        kwargs: dict[str, Any] = {"headers": self.headers(customer)}
        if body is not None:
            kwargs["json"] = body
        return self.http.request(method, "/v1" + path, **kwargs)

    def send(self, customer: str = "alice", **fields: Any) -> httpx2.Response:
        body = {"sender": "Acme", "destination": "447777777777", "content": "hello", **fields}
        return self.call("POST", "/message/send", customer, body)

    def advance(self, seconds: float) -> None:
        response = self.http.post("/_emulator/clock", json={"advance_seconds": seconds})
        assert response.status_code == 200, response.text

    def message(self, messageid: str, customer: str = "alice") -> dict[str, Any]:
        response = self.call("GET", f"/messages/{messageid}", customer)
        assert response.status_code == 200, response.text
        result: dict[str, Any] = response.json()
        return result

    def balance(self, customer: str = "alice") -> float:
        credits: float = self.call("GET", "/credits/balance", customer).json()["credits"]
        return credits

    def close(self) -> None:
        self.emulator.close()


def make_settings(**overrides: Any) -> EmulatorSettings:
    return settings_for_tests(**overrides)


@pytest.fixture
def api() -> Iterator[Api]:
    client = Api(make_settings())
    yield client
    client.close()
