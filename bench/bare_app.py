"""The floor: a bare Starlette endpoint answering POST /v1/message/send with a fixed body, nothing else.

It parses the JSON body (any real endpoint must) and serialises a response, so the ratio against it shows what the
emulator's validation, auth, credits and SQLite write cost on top of the same ASGI stack.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def send(request: Request) -> JSONResponse:
    await request.json()
    return JSONResponse(
        {"messageid": "m", "status": "SENT", "credits": 1.0, "creditsUsed": 1.0, "messageparts": 1},
        status_code=201,
    )


app = Starlette(routes=[Route("/v1/message/send", send, methods=["POST"])])
