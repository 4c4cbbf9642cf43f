"""Control endpoints under ``/_emulator``: what a test needs and the live service doesn't have.

Reset, clock, tokens, balances, default report URL, inbound injection, the outbox and the log of
webhook attempts. With an admin key configured, every call needs ``X-Emulator-Admin-Key``.
"""

from __future__ import annotations

import hmac
import math
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from smsworks_emulator.http.auth import DEFAULT_TTL_SECONDS
from smsworks_emulator.http.auth import issue_token as sign_token
from smsworks_emulator.http.errors import guarded
from smsworks_emulator.http.wire import json_response, limit_param, query_param, read_json
from smsworks_emulator.rules.credits import MAX_CREDITS, credits, to_milli
from smsworks_emulator.rules.dates import DateError, format_iso, parse_schedule
from smsworks_emulator.rules.errors import ApiError, bad_request, unauthorized
from smsworks_emulator.service.clock import ClockError
from smsworks_emulator.service.emulator import Emulator

PREFIX = "/_emulator"
ADMIN_HEADER = "X-Emulator-Admin-Key"
MAX_TOKEN_TTL_SECONDS = 100 * 366 * 86400

ControlEndpoint = Callable[[Emulator, Request], Awaitable[Response]]


async def reset(emu: Emulator, request: Request) -> Response:
    emu.reset()
    return Response(status_code=204)


async def get_clock(emu: Emulator, request: Request) -> Response:
    return json_response(200, {"now": format_iso(emu.clock.now()), "mode": emu.clock.mode})


async def move_clock(emu: Emulator, request: Request) -> Response:
    body = await _object(request)
    try:
        if "set" in body:
            moment = parse_schedule(body["set"], field="set")
            now = await emu.scheduler.move_clock(moment=moment)
        elif "advance_seconds" in body:
            seconds = body["advance_seconds"]
            if (
                isinstance(seconds, bool)
                or not isinstance(seconds, int | float)
                or not math.isfinite(seconds)
            ):
                raise bad_request("advance_seconds: must be a number")
            now = await emu.scheduler.move_clock(advance_seconds=float(seconds))
        else:
            raise bad_request("body: give 'advance_seconds' (a number) or 'set' (a date)")
    except DateError as error:
        raise bad_request(str(error)) from None
    except ClockError as error:
        status = 409 if not emu.clock.controlled else 400
        raise ApiError(status, str(error)) from None
    except OverflowError:
        raise bad_request("advance_seconds: moves the clock past the year 9999") from None
    return json_response(200, {"now": format_iso(now)})


async def issue_token(emu: Emulator, request: Request) -> Response:
    body = await _object(request)
    customer = _text(body, "customer_id")
    ttl = body.get("ttl_seconds", DEFAULT_TTL_SECONDS)
    if isinstance(ttl, bool) or not isinstance(ttl, int) or not 1 <= ttl <= MAX_TOKEN_TTL_SECONDS:
        raise bad_request("ttl_seconds: must be an integer from 1 to about a century")
    token = sign_token(
        secret=emu.settings.secret, customer_id=customer, ttl_seconds=ttl, now=emu.clock.now()
    )
    return json_response(200, {"token": token, "customer_id": customer})


async def put_balance(emu: Emulator, request: Request) -> Response:
    customer = request.path_params["customer_id"]
    body = await _object(request)
    amount = body.get("credits")
    if (
        isinstance(amount, bool)
        or not isinstance(amount, int | float)
        or not 0 <= amount <= MAX_CREDITS
    ):
        raise bad_request(f"credits: must be a number from 0 to {MAX_CREDITS:g}")
    balance = emu.accounts.set_balance(customer, to_milli(amount))
    return json_response(200, {"customer_id": customer, "credits": credits(balance)})


async def put_report_url(emu: Emulator, request: Request) -> Response:
    customer = request.path_params["customer_id"]
    body = await _object(request)
    url = body.get("url")
    if url is not None and not (isinstance(url, str) and url.startswith(("http://", "https://"))):
        raise bad_request("url: must be an http:// or https:// URL, or null to clear it")
    emu.accounts.set_report_url(customer, url)
    return json_response(200, {"customer_id": customer, "url": url})


async def inject_inbound(emu: Emulator, request: Request) -> Response:
    body = await _object(request)
    customer = _text(body, "customer_id")
    message = emu.inbound.receive(
        customer, _text(body, "from"), _text(body, "to"), _text(body, "content")
    )
    return json_response(201, message)


async def outbox(emu: Emulator, request: Request) -> Response:
    limit = limit_param(request)
    emu.scheduler.advance_state()
    return json_response(200, emu.inspection.outbox(query_param(request, "customer_id"), limit))


async def webhook_log(emu: Emulator, request: Request) -> Response:
    limit = limit_param(request)
    return json_response(200, emu.webhooks.attempts_log(query_param(request, "customer_id"), limit))


async def _object(request: Request) -> dict[str, Any]:
    body = await read_json(request, required=True)
    if not isinstance(body, dict):
        raise bad_request("body: must be a JSON object")
    return body


def _text(body: dict[str, Any], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value:
        raise bad_request(f"{name}: is required (a non-empty string)")
    return value


ROUTES: tuple[tuple[str, str, ControlEndpoint], ...] = (
    ("POST", "/reset", reset),
    ("GET", "/clock", get_clock),
    ("POST", "/clock", move_clock),
    ("POST", "/tokens", issue_token),
    ("PUT", "/customers/{customer_id}/balance", put_balance),
    ("PUT", "/customers/{customer_id}/delivery-report-url", put_report_url),
    ("POST", "/inbound", inject_inbound),
    ("GET", "/outbox", outbox),
    ("GET", "/webhooks", webhook_log),
)


def control_routes(
    emu: Emulator, extra: Iterable[tuple[str, str, ControlEndpoint]] = ()
) -> list[Route]:
    """The routes above and ``extra`` ones, under :data:`PREFIX`, behind the admin key."""
    return [
        Route(PREFIX + path, _bind(emu, endpoint), methods=[method])
        for method, path, endpoint in (*ROUTES, *extra)
    ]


def _bind(emu: Emulator, endpoint: ControlEndpoint) -> Callable[[Request], Awaitable[Response]]:
    admin_key = emu.settings.admin_key

    async def run(request: Request) -> Response:
        if admin_key is not None:
            given = request.headers.get(ADMIN_HEADER, "")
            if not hmac.compare_digest(given.encode(), admin_key.encode()):
                raise unauthorized(f"{ADMIN_HEADER}: missing or wrong admin key")
        return await endpoint(emu, request)

    return guarded(run, emu.store.durable)
