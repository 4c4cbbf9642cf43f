"""The spec's operations as ASGI endpoints: due work, auth, body check, handler, JSON reply."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from smsworks_emulator.http.auth import Customers
from smsworks_emulator.http.errors import guarded
from smsworks_emulator.http.live_like import LiveLike
from smsworks_emulator.http.spec import Operation, Spec
from smsworks_emulator.http.wire import is_text, json_response, read_json
from smsworks_emulator.rules.errors import bad_request, not_found
from smsworks_emulator.service.emulator import Emulator
from smsworks_emulator.service.operations import OPERATIONS, Call

Endpoint = Callable[[Request], Awaitable[Response]]


def api_routes(emu: Emulator, spec: Spec, customers: Customers) -> list[Route]:
    """One route per path, so that a 405's Allow header lists every method the spec documents."""
    by_path: dict[str, dict[str, Endpoint]] = {}
    wire = LiveLike(spec) if emu.settings.wire == "live-like" else None
    for operation in spec.operations.values():
        by_path.setdefault(operation.path, {})[operation.method] = operation_endpoint(
            emu, operation, customers, wire
        )
    # /messages/schedule must win over /messages/{messageid}, as OpenAPI path matching says.
    ordered = sorted(by_path.items(), key=lambda item: "{" in item[0])
    return [
        Route(spec.base_path + path, _by_method(endpoints), methods=list(endpoints))
        for path, endpoints in ordered
    ]


def operation_endpoint(
    emu: Emulator, operation: Operation, customers: Customers, wire: LiveLike | None = None
) -> Endpoint:
    """The ASGI endpoint of one operation; ``wire`` reshapes its answers (the live-like form)."""
    entry = OPERATIONS[operation.operation_id]
    handler = entry.handler
    balance_only = entry.reads_only_the_balance
    scheduler, clock = emu.scheduler, emu.clock
    has_body, body_required = operation.has_body, operation.body_required

    async def endpoint(request: Request) -> Response:
        now_ms = clock.now_ms()
        scheduler.catch_up(now_ms, balance_only=balance_only)
        customer = customers.customer_for(request.headers.get("authorization"), now_ms)
        params = dict(request.path_params)
        for name, value in params.items():
            if not value.isprintable() or not is_text(value):
                raise not_found(f"{name}: no such resource")
        for parameter in operation.path_parameters:
            problem = parameter.error(params[parameter.name])
            if problem is not None:
                framework = (
                    None
                    if wire is None
                    else wire.parameter_errors(operation, parameter, params[parameter.name])
                )
                if framework is not None:
                    return json_response(400, framework)
                raise bad_request(problem)
        body = None
        if has_body:
            body = await read_json(request, required=body_required)
            problem = operation.body_error(body)
            if problem is not None:
                framework = None if wire is None else wire.validation_errors(operation, body)
                if framework is not None:
                    return json_response(400, framework)
                raise bad_request(problem)
        status, payload = handler(emu, Call(customer, body, params, now_ms))
        if wire is not None:
            status, payload = wire.answer(operation.operation_id, status, payload)
        response = json_response(status, payload)
        if scheduler.webhooks_due(clock.now_ms()):
            # Reports go out after the answer, so a slow receiver never slows the API down.
            response.background = BackgroundTask(scheduler.run_due)
        return response

    return guarded(endpoint, emu.store.durable)


def _by_method(endpoints: dict[str, Endpoint]) -> Endpoint:
    if len(endpoints) == 1:
        return next(iter(endpoints.values()))

    async def dispatch(request: Request) -> Response:
        method = "GET" if request.method == "HEAD" else request.method
        return await endpoints[method](request)

    return dispatch
