"""What the journal, the body limit and the fault check cost per request.

``python -m bench.middleware``: the middleware layers of the emulator's app around a trivial ASGI
app, called directly on one event loop (no socket, no router), against the trivial app alone; the
difference is the layers' own cost. Measured for a GET without a body and a POST with a small JSON
body (which the journal reads ahead), with no fault set and with a fault rule that does not match.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from smsworks_emulator import EmulatorSettings, create_app, issue_token

CALLS = 2_000
ROUNDS = 40
BODY = b'{"sender":"Acme","destination":"447777777777","content":"hello"}'


async def inner(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["method"] == "POST":
        await receive()
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"{}", "more_body": False})


def request(method: str, token: str) -> tuple[Scope, Callable[[], Awaitable[Message]]]:
    headers = [(b"host", b"bench"), (b"authorization", token.encode())]
    if method == "POST":
        headers += [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(BODY))]
        path = "/v1/message/send"
    else:
        path = "/v1/credits/balance"
    scope: Scope = {"type": "http", "method": method, "path": path, "headers": headers}

    async def receive() -> Message:
        return {
            "type": "http.request",
            "body": BODY if method == "POST" else b"",
            "more_body": False,
        }

    return scope, receive


async def per_call_us(app: ASGIApp, method: str, token: str) -> float:
    scope, receive = request(method, token)

    async def send(message: Message) -> None:
        return None

    rounds = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        for _ in range(CALLS):
            await app(dict(scope), receive, send)
        rounds.append((time.perf_counter() - started) / CALLS * 1e6)
    # The fastest round: on a shared machine, the others measure the neighbours too.
    return min(rounds)


async def measure() -> None:
    settings = EmulatorSettings(db_path=":memory:")
    app = create_app(settings)
    faults = app.state.faults
    # The app's own middleware list, wrapped around the trivial app as Starlette wraps its router.
    layered: ASGIApp = inner
    for middleware in reversed(app.user_middleware):
        layered = middleware.cls(layered, *middleware.args, **middleware.kwargs)
    token = issue_token(secret=settings.secret, customer_id="bench")
    print(f"fastest of {ROUNDS} rounds of {CALLS} calls, microseconds per request")
    for method in ("GET", "POST"):
        bare = await per_call_us(inner, method, token)
        idle = await per_call_us(layered, method, token)
        faults.configure(
            {"seed": 1, "rules": [{"kind": "error", "status": 503, "customers": ["x"]}]}
        )
        armed = await per_call_us(layered, method, token)
        faults.clear()
        print(
            f"{method:4}  bare {bare:5.2f}   +layers, no fault {idle - bare:5.2f}   "
            f"+layers, a fault rule that does not match {armed - bare:5.2f}"
        )


if __name__ == "__main__":
    asyncio.run(measure())
