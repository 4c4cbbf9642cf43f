"""Loopback is not a boundary: what a web page in the developer's browser can and cannot make a
served emulator (and the drift proxy) do, tried over real HTTP as an attacker's page would.

- DNS rebinding: the page's name resolves to 127.0.0.1, so its requests carry ``Host:
  attacker.example``; every route answers 403 and nothing of the emulator's.
- Cross-site: a page elsewhere (another port of localhost included) can send simple requests; none
  that changes state under ``/_emulator`` gets through, and the store is as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import httpx2
import pytest
from starlette.routing import Route

from smsworks_emulator.http.boundary import ALLOWED_HOSTS_ENV, INTENT_HEADER
from smsworks_emulator.testing import ServedEmulator, child_process, served, settings_for_tests
from tests.proxy.servers import proxied

ATTACKER = "attacker.example"
CUSTOMER = "victim"


@pytest.fixture(scope="module")
def emulator() -> Iterator[ServedEmulator]:
    with served(settings_for_tests()) as running:
        yield running


@pytest.fixture
def raw(emulator: ServedEmulator) -> Iterator[httpx2.Client]:
    """A client that sends only what a test gives it: no admin key, no intent header."""
    with httpx2.Client(base_url=emulator.origin, timeout=30.0) as client:
        yield client


def control_routes(emulator: ServedEmulator) -> list[tuple[str, str]]:
    """Every ``/_emulator`` route of the app, by method, with its path parameters filled in."""
    found = []
    for route in emulator.app.routes:
        if isinstance(route, Route) and route.path.startswith("/_emulator"):
            path = route.path.replace("{customer_id}", CUSTOMER).replace("{name}", "app.js")
            found += [(method, path) for method in sorted(route.methods or ()) if method != "HEAD"]
    return found


def test_every_control_route_refuses_a_rebound_host(
    emulator: ServedEmulator, raw: httpx2.Client
) -> None:
    routes = control_routes(emulator)
    assert len(routes) >= 15, routes  # the table is read from the app: none is forgotten
    port = emulator.origin.rsplit(":", 1)[1]
    for method, path in routes:
        response = raw.request(
            method, path, headers={"Host": f"{ATTACKER}:{port}", INTENT_HEADER: "1"}, json={}
        )
        assert response.status_code == 403, (method, path, response.text)
        body = response.json()
        assert ATTACKER in body["message"], body
        assert "--allowed-host" in body["message"], body
        assert set(body) >= {"message", "errorCode", "status", "permanent"}


def test_the_api_and_the_inbox_refuse_a_rebound_host(
    emulator: ServedEmulator, raw: httpx2.Client
) -> None:
    forged = {"Host": ATTACKER, "Authorization": emulator.token(CUSTOMER)}
    assert raw.get("/v1/credits/balance", headers=forged).status_code == 403
    assert raw.get("/_emulator/ui", headers=forged).status_code == 403
    sent = raw.post(
        "/v1/message/send",
        headers=forged,
        json={"sender": "Acme", "destination": "447700900123", "content": "hi"},
    )
    assert sent.status_code == 403
    assert emulator.outbox.to("447700900123") == []


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "localhost", "LOCALHOST.", "[::1]", "app.localhost", "127.0.0.2"]
)
def test_the_names_of_this_machine_are_answered(
    emulator: ServedEmulator, raw: httpx2.Client, host: str
) -> None:
    port = emulator.origin.rsplit(":", 1)[1]
    for value in (host, f"{host}:{port}"):
        response = raw.get("/v1/credits/balance", headers={"Host": value, **_auth(emulator)})
        assert response.status_code == 200, (value, response.text)


def test_allowed_hosts_are_answered_and_no_others() -> None:
    settings = settings_for_tests(allowed_hosts=frozenset({"emulator", ".dev.test"}))
    with served(settings) as emulator, httpx2.Client(base_url=emulator.origin) as raw:
        for host, status in (
            ("emulator:8080", 200),
            ("dev.test", 200),
            ("box.dev.test", 200),
            ("emulator.evil.test", 403),
            ("notdev.test", 403),
        ):
            response = raw.get("/v1/credits/balance", headers={"Host": host, **_auth(emulator)})
            assert response.status_code == status, (host, response.text)


def test_any_host_is_answered_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="smsworks_emulator"):
        settings = settings_for_tests(allowed_hosts=frozenset({"*"}))
        with served(settings) as emulator, httpx2.Client(base_url=emulator.origin) as raw:
            response = raw.get("/v1/credits/balance", headers={"Host": ATTACKER, **_auth(emulator)})
            assert response.status_code == 200
    assert any("--allowed-host '*'" in record.getMessage() for record in caplog.records)


def test_a_reset_from_another_origin_is_refused_and_the_store_kept(
    emulator: ServedEmulator, raw: httpx2.Client
) -> None:
    _send(emulator, "447700900124")
    before = len(emulator.outbox)
    attempts: list[dict[str, Any]] = [
        {"headers": {"Origin": f"http://{ATTACKER}"}},  # a page elsewhere, form or no-cors fetch
        {"headers": {"Origin": "http://127.0.0.1:1"}},  # another port of this machine
        {"headers": {"Origin": "null"}},  # a sandboxed frame or a file:// page
        {"headers": {"Sec-Fetch-Site": "cross-site"}},
        {"headers": {"Sec-Fetch-Site": "same-site"}},
        {"headers": {"Content-Type": "text/plain"}, "content": b"{}"},  # a form's enctype
        {"headers": {"Content-Type": "application/x-www-form-urlencoded"}, "content": b"a=b"},
        {},  # no body at all: a simple request
    ]
    for attempt in attempts:
        response = raw.post("/_emulator/reset", **attempt)
        assert response.status_code == 403, (attempt, response.text)
        assert response.json()["status"] == "FORBIDDEN"
    # A foreign origin is refused even with what a program would send.
    response = raw.post(
        "/_emulator/tokens",
        headers={"Origin": f"http://{ATTACKER}"},
        json={"customer_id": CUSTOMER},
    )
    assert response.status_code == 403, response.text
    assert "token" not in response.json()
    assert len(emulator.outbox) == before


def test_a_program_and_the_servers_own_page_may_change_state(
    emulator: ServedEmulator, raw: httpx2.Client
) -> None:
    assert raw.post("/_emulator/reset", headers={INTENT_HEADER: "1"}).status_code == 204
    assert (
        raw.post("/_emulator/reset", headers={"Content-Type": "application/json"}).status_code
        == 204
    )
    own = {"Origin": emulator.origin, "Sec-Fetch-Site": "same-origin"}
    response = raw.post("/_emulator/clock", headers=own, json={"advance_seconds": 1})
    assert response.status_code in (200, 409), response.text  # 409: the clock is real here
    assert raw.post("/_emulator/tokens", headers=own, json={"customer_id": "x"}).status_code == 200


def test_no_cors_header_is_sent_unless_an_origin_is_given(
    emulator: ServedEmulator, raw: httpx2.Client
) -> None:
    page = "http://localhost:5173"
    preflight = raw.options(
        "/_emulator/tokens",
        headers={"Origin": page, "Access-Control-Request-Method": "POST"},
    )
    assert not any(name.lower().startswith("access-control-") for name in preflight.headers)
    read = raw.get("/_emulator/outbox", headers={"Origin": page})
    assert "access-control-allow-origin" not in read.headers


def test_a_cors_origin_is_let_in_alone() -> None:
    page = "http://localhost:5173"
    settings = settings_for_tests(cors_origins=frozenset({page}))
    with served(settings) as emulator, httpx2.Client(base_url=emulator.origin) as raw:
        preflight = raw.options(
            "/_emulator/tokens",
            headers={"Origin": page, "Access-Control-Request-Method": "POST"},
        )
        assert preflight.headers["access-control-allow-origin"] == page
        minted = raw.post("/_emulator/tokens", headers={"Origin": page}, json={"customer_id": "x"})
        assert minted.status_code == 200
        assert minted.headers["access-control-allow-origin"] == page
        other = raw.post(
            "/_emulator/tokens",
            headers={"Origin": "http://localhost:6006"},
            json={"customer_id": "x"},
        )
        assert other.status_code == 403
        assert "access-control-allow-origin" not in other.headers


def test_the_proxy_refuses_a_rebound_host_and_answers_its_own() -> None:
    with served(settings_for_tests()) as emulator:
        token = emulator.token(CUSTOMER)
        with proxied(emulator.base_url, token) as proxy:
            forged = {"Host": ATTACKER, "Authorization": token}
            for path in ("/v1/credits/balance", "/_emulator/drift", "/_emulator/ui"):
                response = proxy.http.get(path, headers=forged)
                assert response.status_code == 403, (path, response.text)
                assert "proxy" in response.json()["message"]
                assert "--allowed-host" in response.json()["message"]
            assert (
                proxy.http.get("/v1/credits/balance", headers={"Authorization": token}).status_code
                == 200
            )
            assert proxy.drift()["exchanges"] == 1  # the refused ones never reached the upstream
        with proxied(emulator.base_url, token, allowed_hosts=frozenset({"proxy"})) as proxy:
            allowed = proxy.http.get(
                "/v1/credits/balance", headers={"Host": "proxy", "Authorization": token}
            )
            assert allowed.status_code == 200


def test_serve_takes_allowed_hosts_and_origins_from_options_and_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ALLOWED_HOSTS_ENV, "devbox, other-box")
    page = "http://localhost:5173"
    options = ["--allowed-host", "compose-svc", "--cors-origin", page]
    with (
        child_process(extra_args=options) as emulator,
        httpx2.Client(base_url=emulator.origin) as raw,
    ):
        auth = {"Authorization": emulator.token(CUSTOMER)}
        for host, status in (
            ("compose-svc", 200),
            ("devbox", 200),
            ("other-box", 200),
            (ATTACKER, 403),
        ):
            response = raw.get("/v1/credits/balance", headers={"Host": host, **auth})
            assert response.status_code == status, (host, response.text)
        minted = raw.post("/_emulator/tokens", headers={"Origin": page}, json={"customer_id": "x"})
        assert minted.headers["access-control-allow-origin"] == page


def test_settings_refuse_what_is_not_a_name_or_an_origin() -> None:
    for bad in ("http://x", "x:80", "a/b", ""):
        with pytest.raises(ValueError, match="allowed_hosts"):
            settings_for_tests(allowed_hosts=frozenset({bad}))
    for bad in ("localhost:5173", "http://localhost:5173/", "HTTP://X", "ftp://x"):
        with pytest.raises(ValueError, match="cors_origins"):
            settings_for_tests(cors_origins=frozenset({bad}))


def _auth(emulator: ServedEmulator) -> dict[str, str]:
    return {"Authorization": emulator.token(CUSTOMER)}


def _send(emulator: ServedEmulator, destination: str) -> None:
    with emulator.client(CUSTOMER) as client:
        client.get_httpx_client().post(
            "/message/send", json={"sender": "Acme", "destination": destination, "content": "hi"}
        ).raise_for_status()
