"""Observe mode never changes traffic: the request reaches the upstream as it came, the answer comes back as it
came, but for the hop-by-hop headers (and Host, which is the upstream's)."""

from __future__ import annotations

import gzip
import json
from typing import Any

import httpx2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tests.proxy.servers import proxied, serving

ANSWER = gzip.compress(b'{"messageid":"m-1","status":"SENT","credits":9.0,"creditsUsed":1.0}')


def echo_app(seen: list[dict[str, Any]]) -> Starlette:
    """An upstream that keeps what it received and answers with headers a proxy must keep or drop."""

    async def send(request: Request) -> Response:
        seen.append(
            {
                "method": request.method,
                "raw_path": request.scope["raw_path"],
                "query": request.scope["query_string"],
                "headers": list(request.scope["headers"]),
                "body": await request.body(),
            }
        )
        return Response(
            ANSWER,
            201,
            headers={
                "Content-Type": "application/json;charset=UTF-8",
                "Content-Encoding": "gzip",
                "X-Request-Id": "abc-123",
                "Set-Cookie": "session=1; Path=/",
                "Keep-Alive": "timeout=5",
                "Connection": "keep-alive, X-Hop",
                "X-Hop": "only for the next hop",
                "Server": "upstream/1.0",
            },
        )

    return Starlette(routes=[Route("/v1/message/send", send, methods=["POST"])])


def test_a_request_and_its_answer_pass_unchanged_but_for_hop_by_hop_headers() -> None:
    seen: list[dict[str, Any]] = []
    body = json.dumps({"sender": "Acme", "destination": "447700900123", "content": "é"}).encode()
    no_date = {
        "date_header": False
    }  # the same headers on every answer: a direct call to compare with
    with (
        serving(echo_app(seen), options=no_date) as upstream,
        proxied(upstream.origin + "/v1") as proxy,
    ):
        direct = httpx2.post(upstream.origin + "/v1/message/send", content=body, timeout=30)
        seen.clear()
        with proxy.http.stream(
            "POST",
            "/v1/message/send?trace=1&x=%2F",
            content=body,
            headers={
                "Authorization": "JWT the-token",
                "Content-Type": "application/json",
                "Accept-Encoding": "gzip",
                "X-Custom": "kept",
                "Connection": "keep-alive, X-Private",
                "X-Private": "for the proxy only",
                "TE": "trailers",
            },
        ) as response:
            raw = b"".join(response.iter_raw())
        assert proxy.drift()["exchanges"] == 1  # a later request sees the exchange recorded
    (request,) = seen
    assert request["method"] == "POST"
    assert request["raw_path"] == b"/v1/message/send"
    assert request["query"] == b"trace=1&x=%2F"
    assert request["body"] == body
    names = [name for name, _ in request["headers"]]
    headers = dict(request["headers"])
    assert headers[b"authorization"] == b"JWT the-token"
    assert headers[b"x-custom"] == b"kept"
    assert headers[b"content-type"] == b"application/json"
    assert headers[b"accept-encoding"] == b"gzip"
    assert headers[b"host"] == f"127.0.0.1:{upstream.port}".encode()
    assert headers[b"content-length"] == str(len(body)).encode()
    for dropped in (b"connection", b"x-private", b"te"):
        assert dropped not in names
    assert names.count(b"host") == 1
    assert response.status_code == 201
    assert raw == ANSWER  # the gzip bytes as the upstream sent them, not decoded
    assert response.headers["content-encoding"] == "gzip"
    assert response.headers["x-request-id"] == "abc-123"
    assert response.headers["set-cookie"] == "session=1; Path=/"
    assert response.headers.get_list("server") == ["uvicorn", "upstream/1.0"]  # both, as they came
    assert response.headers["content-length"] == str(len(ANSWER))
    hop_by_hop = {"connection", "keep-alive", "x-hop"}
    assert [item for item in direct.headers.multi_items() if item[0] not in hop_by_hop] == [
        item for item in response.headers.multi_items() if item[0] not in hop_by_hop
    ]
    for hop in ("keep-alive", "x-hop"):
        assert hop in direct.headers
        assert hop not in response.headers


def test_the_answer_of_a_gzip_upstream_is_checked_decoded() -> None:
    seen: list[dict[str, Any]] = []
    with serving(echo_app(seen)) as upstream, proxied(upstream.origin + "/v1") as proxy:
        proxy.send()
        drift = proxy.drift()
    assert drift["checked"] == 1
    assert drift["unknown"] == []
    assert drift["not_checked"] == {}


def test_a_path_outside_the_api_is_forwarded_and_not_checked() -> None:
    seen: list[dict[str, Any]] = []
    with serving(echo_app(seen)) as upstream, proxied(upstream.origin + "/v1") as proxy:
        response = proxy.http.get("/v1/not/an/operation")
        drift = proxy.drift()
    assert response.status_code == 404  # the upstream's own answer
    assert drift["exchanges"] == 1
    assert drift["not_operations"] == 1
    assert drift["checked"] == 0


def test_the_proxy_serves_the_upstream_base_path() -> None:
    seen: list[dict[str, Any]] = []
    with serving(echo_app(seen)) as upstream, proxied(upstream.origin + "/v1") as proxy:
        # A client configured without the base path still reaches the API under it.
        response = httpx2.post(proxy.served.origin + "/message/send", content=b"{}", timeout=30)
    assert response.status_code == 201
    assert seen[0]["raw_path"] == b"/v1/message/send"
