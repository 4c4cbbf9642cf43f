"""The upstream side: HTTPS with a private CA (``--upstream-ca``), an upstream that stalls (504) or resets the
connection (502), each answered with the spec's error model and recorded; ``--strict`` refusing a departure."""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import anyio.to_thread
import pytest
import trustme
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from smsworks_emulator.http.app import create_app, emulator_of
from smsworks_emulator.http.auth import issue_token
from smsworks_emulator.testing import SECRET, TOKEN_TTL_SECONDS, settings_for_tests
from smsworks_emulator.testing.loopback import HOST
from tests.proxy.servers import departing_app, proxied, serving

ERROR_MODEL_KEYS = {"message", "errorCode", "status", "permanent"}
"""The spec's ExtendedErrorModel."""


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[str, str]]:
    """A private CA's file, and a server certificate for 127.0.0.1 it signed (cert, key)."""
    folder = tmp_path_factory.mktemp("tls")
    authority = trustme.CA()
    issued = authority.issue_cert(HOST)
    ca_file, cert_file, key_file = folder / "ca.pem", folder / "cert.pem", folder / "key.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    issued.cert_chain_pems[0].write_to_path(str(cert_file))
    issued.private_key_pem.write_to_path(str(key_file))
    return ca_file, (str(cert_file), str(key_file))


def test_an_https_upstream_signed_by_a_private_ca_is_reached_with_upstream_ca(
    certificate: tuple[Path, tuple[str, str]],
) -> None:
    ca_file, pair = certificate
    app = create_app(settings_for_tests())
    token = issue_token(
        secret=SECRET,
        customer_id="tls",
        ttl_seconds=TOKEN_TTL_SECONDS,
        now=emulator_of(app).clock.now(),
    )
    try:
        with serving(app, certificate=pair) as upstream:
            assert upstream.origin.startswith("https://")
            with proxied(upstream.origin + "/v1", token, upstream_ca=str(ca_file)) as proxy:
                sent = proxy.send()
                drift = proxy.drift()
            with proxied(upstream.origin + "/v1", token) as untrusting:
                refused = untrusting.send()
                failed = untrusting.drift()
    finally:
        emulator_of(app).close()
    assert sent.status_code == 201, sent.text
    assert drift["checked"] == 1
    assert drift["unknown"] == []
    assert drift["upstream_failures"] == {}
    # Without the CA the system's trust store does not know it: a gateway's 502, recorded.
    assert refused.status_code == 502
    assert set(refused.json()) == ERROR_MODEL_KEYS
    assert "CERTIFICATE_VERIFY_FAILED" in refused.json()["message"]
    assert failed["upstream_failures"] == {"upstream-error": 1}
    assert failed["recent_failures"][0]["operation"] == "sendMessage"


def test_an_unreadable_ca_file_is_an_error_before_anything_binds(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-ca.pem"
    with (
        pytest.raises(ValueError, match="upstream CA: cannot read"),
        proxied("https://127.0.0.1:9/v1", upstream_ca=str(missing)),
    ):
        pass


def stalling_app(release: threading.Event) -> Starlette:
    """An upstream that takes the request and never answers (until the test ends)."""

    async def stall(request: Request) -> Response:
        await request.body()
        await anyio.to_thread.run_sync(release.wait)  # released when the test ends
        return Response(b"{}", 201, media_type="application/json")

    return Starlette(routes=[Route("/v1/message/send", stall, methods=["POST"])])


def test_an_upstream_that_stalls_is_answered_504_and_recorded() -> None:
    release = threading.Event()
    try:
        with serving(stalling_app(release)) as upstream:
            with proxied(upstream.origin + "/v1", timeout_seconds=0.5) as proxy:
                answer = proxy.send()
                drift = proxy.drift()
                journal = proxy.http.get("/_emulator/drift/exchanges").json()
            release.set()
    finally:
        release.set()
    assert answer.status_code == 504
    body = answer.json()
    assert set(body) == ERROR_MODEL_KEYS
    assert body["errorCode"] == 504
    assert body["permanent"] is False
    assert "no answer from" in body["message"]
    assert drift["upstream_failures"] == {"timeout": 1}
    (failure,) = drift["recent_failures"]
    assert (failure["kind"], failure["operation"], failure["exchange"]) == (
        "timeout",
        "sendMessage",
        1,
    )
    assert journal[0]["outcome"] == "timeout"
    assert journal[0]["status"] == 504
    assert journal[0]["upstream_status"] is None


BALANCE = b'{"credits":1.0}'
ANSWER_THEN_CLOSE = (
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
    + b"Content-Length: %d\r\n\r\n" % len(BALANCE)
    + BALANCE
)


@contextmanager
def raw_server(answer: bytes | None) -> Iterator[str]:
    """A TCP server that reads a request, sends ``answer`` and closes the connection (a keep-alive answer the
    server does not keep); with ``answer`` None, it resets the connection (RST, no answer). Its origin."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind((HOST, 0))
    listener.listen(8)
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with connection:
                connection.settimeout(5)
                with suppress(OSError):
                    connection.recv(65536)
                if answer is not None:
                    with suppress(OSError):
                        connection.sendall(answer)
                    continue
                # Linger on, for 0 seconds: close() sends RST instead of FIN.
                connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


def test_an_upstream_that_resets_the_connection_is_answered_502_and_recorded() -> None:
    with raw_server(None) as origin, proxied(origin + "/v1") as proxy:
        answer = proxy.call("GET", "/credits/balance")
        drift = proxy.drift()
    assert answer.status_code == 502
    body = answer.json()
    assert set(body) == ERROR_MODEL_KEYS
    assert body["errorCode"] == 502
    assert body["message"].startswith(f"upstream: {origin} failed: ")
    assert drift["upstream_failures"] == {"upstream-error": 1}
    assert drift["recent_failures"][0]["operation"] == "getCreditsBalance"


def test_strict_answers_a_departing_answer_with_502_naming_the_departure() -> None:
    with serving(departing_app()) as upstream:
        with proxied(upstream.origin + "/v1", strict=True) as proxy:
            refused = proxy.send()
            journal = proxy.http.get("/_emulator/drift/exchanges").json()
            drift = proxy.drift()
        with proxied(upstream.origin + "/v1") as observing:
            passed = observing.send()
    assert refused.status_code == 502
    body = refused.json()
    assert set(body) == ERROR_MODEL_KEYS
    assert body["message"].startswith("upstream answer departs from the spec: ")
    assert (
        "sendMessage response 201 /status: type: declared string, seen integer" in body["message"]
    )
    assert "sendMessage response 201 /credits: required" in body["message"]
    assert journal[0]["outcome"] == "refused"
    assert journal[0]["upstream_status"] == 201
    assert drift["mode"] == "strict"
    assert len(drift["unknown"]) == 2
    # Observe mode hands the same answer on as it came.
    assert passed.status_code == 201
    assert passed.json()["status"] == 7


def test_strict_passes_a_healthy_answer_and_a_known_variant() -> None:
    for wire in ("spec", "live-like"):
        app = create_app(settings_for_tests(wire=wire))
        emulator = emulator_of(app)
        token = issue_token(
            secret=SECRET,
            customer_id="strict",
            ttl_seconds=TOKEN_TTL_SECONDS,
            now=emulator.clock.now(),
        )
        try:
            with (
                serving(app) as upstream,
                proxied(upstream.origin + "/v1", token, strict=True) as proxy,
            ):
                sent = proxy.send()
                assert sent.status_code == 201, sent.text
                record = proxy.call("GET", f"/messages/{sent.json()['messageid']}")
                drift = proxy.drift()
        finally:
            emulator.close()
        assert record.status_code == 200, (wire, record.text)
        assert drift["unknown"] == []
        assert bool(drift["tolerated"]) == (wire == "live-like")


def test_a_keep_alive_connection_the_upstream_closed_is_not_reused() -> None:
    """Each answer's connection is closed by the upstream after it: every later request still gets through."""
    with raw_server(ANSWER_THEN_CLOSE) as origin, proxied(origin + "/v1") as proxy:
        answers = [proxy.call("GET", "/credits/balance") for _ in range(5)]
        drift = proxy.drift()
    assert [answer.status_code for answer in answers] == [200] * 5
    assert all(answer.content == BALANCE for answer in answers)
    assert drift["upstream_failures"] == {}


def test_requests_share_the_upstream_connections() -> None:
    peers: list[tuple[str, int]] = []

    async def balance(request: Request) -> Response:
        peers.append(request.scope["client"])
        return Response(BALANCE, 200, media_type="application/json;charset=UTF-8")

    app = Starlette(routes=[Route("/v1/credits/balance", balance, methods=["GET"])])
    with serving(app) as upstream, proxied(upstream.origin + "/v1") as proxy:
        for _ in range(10):
            assert proxy.call("GET", "/credits/balance").status_code == 200
    assert len(peers) == 10
    assert len(set(peers)) < 10  # keep-alive: not one connection per request
