"""A phone signup: POST /signup texts a one-time passcode, POST /verify checks it.

The SMS Works client is built the way an application builds it, from the environment
(``SMSWORKS_TOKEN``); its tests point it at the emulator without changing this file.
Run it with ``uvicorn app:app`` from this folder.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from smsworks import SMSWorks
from smsworks.errors import APIError

SENDER = "SignupDemo"
TEMPLATE = "Your signup code is {{passcode}}"


def sms() -> SMSWorks:
    """The application's own client (token and address from the environment)."""
    return SMSWorks()


async def _phone(request: Request) -> tuple[str, dict[str, str]]:
    body = await request.json()
    if not isinstance(body, dict) or not isinstance(body.get("phone"), str):
        raise ValueError("phone: is required (text)")
    return body["phone"], body


async def signup(request: Request) -> JSONResponse:
    try:
        phone, _ = await _phone(request)
    except ValueError as error:
        return JSONResponse({"error": str(error)}, status_code=400)
    try:
        with sms() as client:
            sent = client.send_otp(destination=phone, sender=SENDER, template=TEMPLATE)
    except APIError as error:
        status = 400 if error.status_code == 400 else 503
        return JSONResponse({"error": "could not text that number"}, status_code=status)
    request.app.state.pending[phone] = str(sent.messageid)
    return JSONResponse({"phone": phone}, status_code=202)


async def verify(request: Request) -> JSONResponse:
    try:
        phone, body = await _phone(request)
    except ValueError as error:
        return JSONResponse({"error": str(error)}, status_code=400)
    code = body.get("code")
    if not isinstance(code, str):
        return JSONResponse({"error": "code: is required (text)"}, status_code=400)
    messageid = request.app.state.pending.get(phone)
    if messageid is None:
        return JSONResponse({"error": "phone: sign up first"}, status_code=404)
    try:
        with sms() as client:
            answer = client.verify_otp(messageid=messageid, passcode=code)
    except APIError:
        return JSONResponse({"phone": phone, "verified": False}, status_code=403)
    verified = answer.status == "VERIFIED"
    return JSONResponse(
        {"phone": phone, "verified": verified}, status_code=200 if verified else 403
    )


def create_app() -> Starlette:
    app = Starlette(
        routes=[
            Route("/signup", signup, methods=["POST"]),
            Route("/verify", verify, methods=["POST"]),
        ]
    )
    app.state.pending = {}  # phone -> OTP message id
    return app


app = create_app()
