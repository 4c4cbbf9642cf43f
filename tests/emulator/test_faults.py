"""Injected faults: latency, errors, resets and stalls, scoped, seeded, and free of side effects."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest

from smsworks_emulator import create_app
from smsworks_emulator.cli import main
from smsworks_emulator.http.faults import FaultError, plan_from_text
from smsworks_emulator.testing import ServedEmulator, child_process, in_process, served

from .conftest import PROGRAM, Api, make_settings

ERROR_FIELDS = {"message", "errorCode", "status", "permanent"}


def put_faults(api: Api, *rules: dict[str, Any], seed: int | None = 7) -> httpx2.Response:
    document: dict[str, Any] = {"rules": list(rules)}
    if seed is not None:
        document["seed"] = seed
    response = api.http.put("/_emulator/faults", json=document)
    assert response.status_code == 200, response.text
    return response


def outbox(api: Api) -> list[Any]:
    entries: list[Any] = api.http.get("/_emulator/outbox").json()
    return entries


@pytest.mark.parametrize("status", [500, 502, 503, 429])
def test_an_error_fault_answers_in_the_error_model_and_changes_nothing(
    api: Api, status: int
) -> None:
    balance = api.balance()
    put_faults(
        api, {"kind": "error", "status": status, "retry_after": 3, "operations": ["sendMessage"]}
    )
    response = api.send()
    assert response.status_code == status
    assert response.headers["retry-after"] == "3"
    assert response.headers["content-type"] == "application/json;charset=UTF-8"
    body = response.json()
    assert set(body) == ERROR_FIELDS
    assert body["errorCode"] == status
    assert body["permanent"] is False
    assert body["message"].startswith("fault:")
    # Nothing was sent, nothing charged; other operations are untouched.
    assert outbox(api) == []
    assert api.balance() == balance
    assert api.call("GET", "/utils/test").status_code == 200


def test_without_retry_after_no_header_is_sent(api: Api) -> None:
    put_faults(api, {"kind": "error", "status": 503})
    response = api.call("GET", "/utils/test")
    assert response.status_code == 503
    assert "retry-after" not in response.headers


def test_faults_are_scoped_by_customer_and_operation(api: Api) -> None:
    put_faults(
        api,
        {
            "kind": "error",
            "status": 429,
            "customers": ["bob"],
            "operations": ["sendMessage", "getCreditsBalance"],
        },
    )
    assert api.send("alice").status_code == 201
    assert api.send("bob").status_code == 429
    assert api.call("GET", "/credits/balance", "bob").status_code == 429
    assert api.call("GET", "/utils/test", "bob").status_code == 200
    # A request whose token proves no customer matches no customer-scoped rule (and gets its 401).
    assert api.http.post("/v1/message/send", json={}).status_code == 401


def test_times_limits_a_fault_so_a_retry_succeeds(api: Api) -> None:
    put_faults(api, {"kind": "error", "status": 503, "retry_after": 1, "times": 2})
    assert [api.send().status_code for _ in range(3)] == [503, 503, 201]
    shown = api.http.get("/_emulator/faults").json()
    assert shown["rules"][0]["applied"] == 2
    assert len(outbox(api)) == 1


def statuses(api: Api, count: int) -> list[int]:
    return [api.call("GET", "/utils/test").status_code for _ in range(count)]


def test_a_seed_makes_a_run_repeat(api: Api) -> None:
    rule = {"kind": "error", "status": 500, "probability": 0.5}
    put_faults(api, rule, seed=11)
    first = statuses(api, 40)
    assert set(first) == {200, 500}
    put_faults(api, rule, seed=11)
    assert statuses(api, 40) == first
    put_faults(api, rule, seed=12)
    assert statuses(api, 40) != first


def test_without_a_seed_the_emulators_seed_is_used_and_shown() -> None:
    api = Api(make_settings(seed=99))
    shown = put_faults(api, {"kind": "reset", "probability": 0}, seed=None).json()
    assert shown["seed"] == 99
    unseeded = Api(make_settings())
    assert isinstance(
        put_faults(unseeded, {"kind": "stall", "probability": 0}, seed=None).json()["seed"], int
    )


def test_latency_delays_then_serves(api: Api) -> None:
    put_faults(api, {"kind": "latency", "latency_ms": 150, "jitter_ms": 50})
    started = time.perf_counter()
    response = api.send()
    elapsed = time.perf_counter() - started
    assert response.status_code == 201
    assert elapsed >= 0.15
    assert len(outbox(api)) == 1  # a slow request still does its work


def test_latency_adds_up_before_an_error(api: Api) -> None:
    put_faults(
        api,
        {"kind": "latency", "latency_ms": 100},
        {"kind": "error", "status": 502},
    )
    started = time.perf_counter()
    assert api.call("GET", "/utils/test").status_code == 502
    assert time.perf_counter() - started >= 0.1


def test_control_endpoints_are_never_faulted(api: Api) -> None:
    put_faults(api, {"kind": "error", "status": 500})
    assert api.http.get("/_emulator/clock").status_code == 200
    assert api.http.delete("/_emulator/faults", headers=PROGRAM).status_code == 204
    assert api.http.get("/_emulator/faults").json() == {"seed": None, "rules": []}
    assert api.send().status_code == 201


def test_get_shows_the_rules_as_understood(api: Api) -> None:
    put_faults(
        api,
        {"kind": "latency", "latency_ms": 5, "operations": ["sendMessage"]},
        {"kind": "error", "status": 429, "retry_after": 2, "customers": ["bob"], "times": 1},
    )
    assert api.http.get("/_emulator/faults").json() == {
        "seed": 7,
        "rules": [
            {
                "kind": "latency",
                "probability": 1.0,
                "operations": ["sendMessage"],
                "latency_ms": 5.0,
                "jitter_ms": 0.0,
                "applied": 0,
            },
            {
                "kind": "error",
                "probability": 1.0,
                "times": 1,
                "customers": ["bob"],
                "status": 429,
                "retry_after": 2,
                "applied": 0,
            },
        ],
    }


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ([], "body:"),
        ({"rules": "x"}, "rules:"),
        ({"rules": [], "extra": 1}, "extra:"),
        ({"rules": [], "seed": "x"}, "seed:"),
        ({"rules": [{"kind": "explode"}]}, "rules[0].kind:"),
        ({"rules": [{"kind": "error", "status": 404}]}, "rules[0].status:"),
        ({"rules": [{"kind": "error"}]}, "rules[0].status:"),
        ({"rules": [{"kind": "reset", "probability": 2}]}, "rules[0].probability:"),
        ({"rules": [{"kind": "stall", "operations": ["nope"]}]}, "rules[0].operations:"),
        ({"rules": [{"kind": "stall", "customers": []}]}, "rules[0].customers:"),
        ({"rules": [{"kind": "stall", "latency_ms": 5}]}, "rules[0].latency_ms:"),
        ({"rules": [{"kind": "latency", "latency_ms": -1}]}, "rules[0].latency_ms:"),
        ({"rules": [{"kind": "reset", "times": 0}]}, "rules[0].times:"),
        (
            {"rules": [{"kind": "error", "status": 503, "retry_after": 1.5}]},
            "rules[0].retry_after:",
        ),
    ],
)
def test_a_bad_fault_document_is_refused_naming_the_field(
    api: Api, document: Any, field: str
) -> None:
    response = api.http.put("/_emulator/faults", json=document)
    assert response.status_code == 400
    assert response.json()["message"].startswith(field)
    assert api.http.get("/_emulator/faults").json()["rules"] == []


def test_faults_can_be_in_force_from_the_start(tmp_path: Path) -> None:
    document = {"seed": 1, "rules": [{"kind": "error", "status": 503}]}
    api = Api(make_settings(injected_faults=document))
    assert api.send().status_code == 503
    with pytest.raises(ValueError, match=r"rules\[0\]\.status"):
        create_app(make_settings(injected_faults={"rules": [{"kind": "error"}]}))
    path = tmp_path / "faults.json"
    path.write_text('{"rules": []}')
    assert plan_from_text(f"@{path}") == {"rules": []}
    with pytest.raises(FaultError, match="not JSON"):
        plan_from_text("{")
    assert (
        main(["serve", "--inject-faults", '{"rules": [{"kind": "nope"}]}', "--db", ":memory:"]) == 2
    )


def test_an_in_process_reset_raises_in_the_caller(api: Api) -> None:
    put_faults(api, {"kind": "reset"})
    with pytest.raises(ConnectionResetError):
        api.send()
    assert outbox(api) == []


@pytest.fixture
def server() -> Iterator[ServedEmulator]:
    with served(make_settings()) as handle:
        yield handle


def served_send(server: ServedEmulator, timeout: float = 10) -> httpx2.Response:
    with httpx2.Client(base_url=server.base_url, timeout=timeout) as client:
        return client.post(
            "/message/send",
            json={"sender": "Acme", "destination": "447777777777", "content": "hi"},
            headers={"Authorization": server.token("alice")},
        )


def test_a_reset_drops_the_connection_without_an_answer(server: ServedEmulator) -> None:
    server.control.put("/_emulator/faults", json={"rules": [{"kind": "reset", "times": 1}]})
    with pytest.raises((httpx2.ReadError, httpx2.RemoteProtocolError)):
        served_send(server)
    assert server.control.get("/_emulator/outbox").json() == []
    assert served_send(server).status_code == 201


def test_a_stall_never_answers_until_the_client_gives_up(server: ServedEmulator) -> None:
    server.control.put(
        "/_emulator/faults", json={"rules": [{"kind": "stall", "operations": ["sendMessage"]}]}
    )
    started = time.perf_counter()
    with pytest.raises(httpx2.ReadTimeout):
        served_send(server, timeout=0.5)
    assert time.perf_counter() - started >= 0.5
    assert server.control.get("/_emulator/outbox").json() == []
    server.control.delete("/_emulator/faults")
    assert served_send(server).status_code == 201


def test_the_fault_endpoints_need_the_admin_key() -> None:
    api = Api(make_settings(admin_key="sesame"))
    document = {"rules": [{"kind": "error", "status": 500}]}
    assert api.http.put("/_emulator/faults", json=document).status_code == 401
    assert api.http.get("/_emulator/faults").status_code == 401
    assert api.http.delete("/_emulator/faults", headers=PROGRAM).status_code == 401
    assert api.send().status_code == 201
    granted = {"X-Emulator-Admin-Key": "sesame"}
    assert api.http.put("/_emulator/faults", json=document, headers=granted).status_code == 200
    assert api.send().status_code == 500


def test_the_generated_client_reads_an_injected_429_as_the_error_model() -> None:
    from smsworks.api.messages import send_message
    from smsworks.models import ExtendedErrorModel, Message, SendMessageResponse

    with in_process() as emulator:
        emulator.control.put(
            "/_emulator/faults",
            json={"rules": [{"kind": "error", "status": 429, "retry_after": 2, "times": 1}]},
        )
        client = emulator.client()
        body = Message(sender="Acme", destination="447777777777", content="hi")
        refused = send_message.sync_detailed(client=client, body=body)
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "2"
        assert isinstance(refused.parsed, ExtendedErrorModel)
        assert refused.parsed.error_code == 429
        assert refused.parsed.permanent is False
        retried = send_message.sync_detailed(client=client, body=body)
        assert isinstance(retried.parsed, SendMessageResponse)


def test_serve_inject_faults_starts_with_them_in_force() -> None:
    document = '{"seed": 3, "rules": [{"kind": "error", "status": 502, "operations": ["testCredentials"]}]}'
    with child_process(extra_args=["--inject-faults", document]) as server:
        headers = {"Authorization": server.token("alice")}
        with httpx2.Client(base_url=server.base_url, timeout=10) as client:
            assert client.get("/utils/test", headers=headers).status_code == 502
            assert client.get("/credits/balance", headers=headers).status_code == 200
        assert server.control.get("/_emulator/faults").json()["seed"] == 3
