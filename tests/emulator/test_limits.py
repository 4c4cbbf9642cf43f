"""The request body limit: 413 in the spec's error model, before a big body is read whole."""

from __future__ import annotations

import json
import select
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest

from smsworks_emulator.settings import DEFAULT_MAX_BODY_BYTES
from smsworks_emulator.testing import ChildEmulator, child_process

from .conftest import Api, make_settings

MIB = 1024 * 1024
# The spec's ExtendedErrorModel, written out here rather than read from the emulator.
ERROR_FIELDS = {"message", "errorCode", "status", "permanent"}


def assert_413(response: httpx2.Response) -> None:
    assert response.status_code == 413, response.text
    assert response.headers["content-type"] == "application/json;charset=UTF-8"
    body = response.json()
    assert set(body) == ERROR_FIELDS
    assert body["errorCode"] == 413
    assert body["message"].startswith("body:")
    assert body["permanent"] is True


def message(content: str = "hi") -> dict[str, Any]:
    return {"sender": "Acme", "destination": "447777777777", "content": content}


def test_a_body_over_the_limit_is_refused_and_sends_nothing() -> None:
    api = Api(make_settings(max_body_bytes=1000))
    too_big = api.send(content="x" * 1200)
    assert_413(too_big)
    assert api.http.get("/_emulator/outbox").json() == []
    assert api.send(content="x" * 500).status_code == 201


def chunks(payload: bytes, size: int) -> Iterator[bytes]:
    for start in range(0, len(payload), size):
        yield payload[start : start + size]


def test_a_chunked_body_is_counted_as_it_comes() -> None:
    api = Api(make_settings(max_body_bytes=1000))
    headers = {**api.headers("alice"), "Content-Type": "application/json"}
    small = json.dumps(message("x" * 500)).encode()
    accepted = api.http.post("/v1/message/send", content=chunks(small, 100), headers=headers)
    assert accepted.request.headers["transfer-encoding"] == "chunked"
    assert accepted.status_code == 201, accepted.text
    assert api.message(accepted.json()["messageid"])["content"] == "x" * 500
    big = json.dumps(message("x" * 1200)).encode()
    assert_413(api.http.post("/v1/message/send", content=chunks(big, 100), headers=headers))
    assert len(api.http.get("/_emulator/outbox").json()) == 1


@pytest.mark.slow
def test_the_largest_valid_batch_is_under_the_limit_and_accepted() -> None:
    # 5000 messages at every bound the service documents or the emulator enforces, with generous
    # room where none is documented, in four-byte UTF-8 characters (the widest per character).
    wide = "\U0001f600"
    one = {
        "sender": "123456789012345",
        "destination": "+447777777777",
        "content": wide * 1280,
        "tag": wide * 280,
        "deliveryreporturl": "https://example.com/" + "r" * 2028,
        "ttl": 10,
        "validity": 2880,
        "responseemail": ["a" * 64 + "@" + "b" * 189] * 2,
        "metadata": [{"key": "k" * 16, "value": "v" * 48} for _ in range(16)],
    }
    body = json.dumps([one] * 5000, ensure_ascii=False, separators=(",", ":")).encode()
    assert 45 * MIB < len(body) < DEFAULT_MAX_BODY_BYTES
    api = Api(make_settings())
    api.http.put("/_emulator/customers/alice/balance", json={"credits": 10**9})
    response = api.http.post(
        "/v1/batch/any",
        content=body,
        headers={**api.headers("alice"), "Content-Type": "application/json"},
        timeout=120,
    )
    assert response.status_code == 201, response.text[:300]
    batch = api.call("GET", f"/batch/{response.json()['batchid']}").json()
    assert len(batch) == 5000


def read_status_line(sock: socket.socket, timeout: float) -> bytes:
    sock.settimeout(timeout)
    received = b""
    while b"\r\n" not in received:
        chunk = sock.recv(4096)
        assert chunk, f"the server closed the connection without answering: {received!r}"
        received += chunk
    return received.split(b"\r\n")[0]


def rss_kib(pid: int) -> int:
    """Resident memory of a process (``VmRSS``), in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError(f"/proc/{pid}/status has no VmRSS line")


def connect(server: ChildEmulator) -> socket.socket:
    return socket.create_connection(("127.0.0.1", server.port))


def test_a_declared_64_mib_body_gets_413_before_it_is_sent() -> None:
    with child_process() as server, connect(server) as sock:
        head = (
            "POST /v1/message/send HTTP/1.1\r\n"
            f"Host: 127.0.0.1\r\nAuthorization: {server.token('alice')}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {64 * MIB}\r\n\r\n"
        )
        sock.sendall(head.encode() + b"[" * MIB)  # 1 MiB of the 64 announced, then wait
        assert read_status_line(sock, timeout=30).startswith(b"HTTP/1.1 413 ")


def test_a_streamed_body_gets_413_once_past_the_limit() -> None:
    limit = MIB
    with (
        child_process(extra_args=["--max-body-bytes", str(limit)]) as server,
        connect(server) as sock,
    ):
        head = (
            "POST /v1/message/send HTTP/1.1\r\n"
            f"Host: 127.0.0.1\r\nAuthorization: {server.token('alice')}\r\n"
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        sock.sendall(head.encode())
        chunk = b"10000\r\n" + b"[" * 0x10000 + b"\r\n"  # 64 KiB chunks
        sent = 0
        answered = False
        while sent < 64 * MIB:  # bounded: stop at 64 MiB whatever happens
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                answered = True
                break
            sock.sendall(chunk)
            sent += 0x10000
        assert answered, "no answer after 64 MiB sent"
        assert read_status_line(sock, timeout=30).startswith(b"HTTP/1.1 413 ")
        # The answer came once the limit was passed, not after the whole stream.
        assert sent < 16 * limit, sent


def sixty_four_mib() -> Iterator[bytes]:
    block = b"[" * MIB
    for _ in range(64):
        yield block


def test_64_mib_sent_whole_gets_413_with_the_servers_memory_flat(
    served_warm: ChildEmulator,
) -> None:
    before = rss_kib(served_warm.pid)
    started = time.perf_counter()
    with httpx2.Client(base_url=served_warm.origin, timeout=60) as client:
        response = client.post(
            "/v1/message/send",
            content=sixty_four_mib(),
            headers={
                "Authorization": served_warm.token("alice"),
                "Content-Type": "application/json",
                "Content-Length": str(64 * MIB),
            },
        )
    elapsed = time.perf_counter() - started
    assert_413(response)
    grown_kib = rss_kib(served_warm.pid) - before
    print(f"64 MiB body: 413 after {elapsed:.2f} s; server RSS grew {grown_kib} KiB")
    assert grown_kib < 16 * 1024, f"the server's memory grew by {grown_kib} KiB"


@pytest.fixture
def served_warm() -> Iterator[ChildEmulator]:
    with child_process() as server:
        headers = {"Authorization": server.token("alice")}
        with httpx2.Client(base_url=server.origin, timeout=30) as client:
            for _ in range(20):  # first requests load what every request needs
                sent = client.post("/v1/message/send", json=message(), headers=headers)
                assert sent.status_code == 201, sent.text
        yield server
