"""Injected faults: make the API misbehave on purpose, to test how a client copes.

Not to be confused with the contract-breaking switches (``--break-contract``), which make the
emulator wrong so that a contract suite can prove it fails. These are faults a real service has:

- ``latency``: the answer comes ``latency_ms`` plus up to ``jitter_ms`` later (the request is
  then served normally);
- ``error``: an answer with ``status`` 500, 502, 503 or 429 and the spec's ExtendedErrorModel,
  with ``Retry-After: retry_after`` when given;
- ``reset``: the connection is reset (TCP RST) without an answer;
- ``stall``: the request is accepted and never answered, until the client gives up.

Each rule may be limited to ``operations`` (operationIds) and/or ``customers`` (the token's
customer), fire with a ``probability`` (default 1) and at most ``times`` times. Rules are tried
in order for each API request: latencies add up, and the first error, reset or stall that fires
ends the request there, before the emulator sees it: a faulted request changes no state and
charges nothing. Draws come from one generator seeded by ``seed`` (the emulator's ``--seed``
when absent, else a random seed, shown by ``GET``), so the same requests in the same order meet
the same faults.

``PUT /_emulator/faults`` sets the rules (replacing any before), ``GET`` shows them with how
often each fired, ``DELETE`` clears them; ``smsworks-emulator serve --inject-faults`` starts with
some. Control endpoints are never faulted.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import random
import socket
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from smsworks_emulator.http.auth import Authenticator
from smsworks_emulator.http.errors import error_response
from smsworks_emulator.http.journal import RAW_RECEIVE
from smsworks_emulator.http.matching import OperationMatcher
from smsworks_emulator.http.wire import json_response, read_json
from smsworks_emulator.rules.errors import ApiError, bad_request
from smsworks_emulator.service.emulator import Emulator

KINDS = ("latency", "error", "reset", "stall")
ERROR_STATUSES = (500, 502, 503, 429)
MAX_LATENCY_MS = 600_000.0
_FIELDS: dict[str, frozenset[str]] = {
    "latency": frozenset({"latency_ms", "jitter_ms"}),
    "error": frozenset({"status", "retry_after"}),
    "reset": frozenset(),
    "stall": frozenset(),
}
_COMMON = frozenset({"kind", "probability", "times", "operations", "customers"})


class FaultError(ValueError):
    """A fault document that cannot be used; the message names the field."""


@dataclass
class FaultRule:
    kind: str
    probability: float = 1.0
    times: int | None = None
    operations: frozenset[str] | None = None
    customers: frozenset[str] | None = None
    latency_ms: float = 0.0
    jitter_ms: float = 0.0
    status: int = 503
    retry_after: int | None = None
    applied: int = 0

    def to_json(self) -> dict[str, Any]:
        shown: dict[str, Any] = {"kind": self.kind, "probability": self.probability}
        if self.times is not None:
            shown["times"] = self.times
        if self.operations is not None:
            shown["operations"] = sorted(self.operations)
        if self.customers is not None:
            shown["customers"] = sorted(self.customers)
        if self.kind == "latency":
            shown |= {"latency_ms": self.latency_ms, "jitter_ms": self.jitter_ms}
        elif self.kind == "error":
            shown["status"] = self.status
            if self.retry_after is not None:
                shown["retry_after"] = self.retry_after
        shown["applied"] = self.applied
        return shown


def parse_plan(document: Any, operation_ids: frozenset[str]) -> tuple[int | None, list[FaultRule]]:
    """``(seed, rules)`` from a fault document; :class:`FaultError` naming the field otherwise."""
    if not isinstance(document, Mapping):
        raise FaultError('body: must be a JSON object {"seed"?: int, "rules": [...]}')
    unknown = sorted(set(document) - {"seed", "rules"})
    if unknown:
        raise FaultError(f"{unknown[0]}: unknown field; known: rules, seed")
    seed = document.get("seed")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise FaultError("seed: must be an integer")
    raw_rules = document.get("rules")
    if not isinstance(raw_rules, list):
        raise FaultError("rules: is required (a list of fault rules)")
    return seed, [_rule(raw, f"rules[{i}]", operation_ids) for i, raw in enumerate(raw_rules)]


def _rule(raw: Any, where: str, operation_ids: frozenset[str]) -> FaultRule:
    if not isinstance(raw, Mapping):
        raise FaultError(f"{where}: must be an object")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise FaultError(f"{where}.kind: must be one of {', '.join(KINDS)}, not {kind!r}")
    unknown = sorted(set(raw) - _COMMON - _FIELDS[kind])
    if unknown:
        raise FaultError(f"{where}.{unknown[0]}: not a field of a {kind} fault")
    rule = FaultRule(kind)
    rule.probability = _number(raw, "probability", where, 1.0, 0.0, 1.0)
    if "times" in raw:
        times = raw["times"]
        if isinstance(times, bool) or not isinstance(times, int) or times < 1:
            raise FaultError(f"{where}.times: must be an integer >= 1")
        rule.times = times
    rule.operations = _names(raw, "operations", where)
    if rule.operations is not None:
        strange = sorted(rule.operations - operation_ids)
        if strange:
            raise FaultError(
                f"{where}.operations: {strange[0]!r} is not an operationId of the spec"
            )
    rule.customers = _names(raw, "customers", where)
    if kind == "latency":
        rule.latency_ms = _number(raw, "latency_ms", where, 0.0, 0.0, MAX_LATENCY_MS)
        rule.jitter_ms = _number(raw, "jitter_ms", where, 0.0, 0.0, MAX_LATENCY_MS)
    elif kind == "error":
        status = raw.get("status")
        if status not in ERROR_STATUSES or isinstance(status, bool):
            choices = ", ".join(map(str, ERROR_STATUSES))
            raise FaultError(f"{where}.status: is required, one of {choices}")
        rule.status = int(status)
        if "retry_after" in raw:
            after = raw["retry_after"]
            if isinstance(after, bool) or not isinstance(after, int) or not 0 <= after <= 86400:
                raise FaultError(f"{where}.retry_after: must be whole seconds from 0 to 86400")
            rule.retry_after = after
    return rule


def _number(
    raw: Mapping[str, Any], name: str, where: str, default: float, low: float, high: float
) -> float:
    value = raw.get(name, default)
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not low <= value <= high
    ):
        raise FaultError(f"{where}.{name}: must be a number from {low:g} to {high:g}")
    return float(value)


def _names(raw: Mapping[str, Any], name: str, where: str) -> frozenset[str] | None:
    if name not in raw:
        return None
    value = raw[name]
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(item, str) and item for item in value)
    ):
        raise FaultError(f"{where}.{name}: must be a non-empty list of non-empty strings")
    return frozenset(value)


class FaultInjector:
    """The rules in force and the seeded generator that decides when they fire."""

    def __init__(
        self, emu: Emulator, matcher: OperationMatcher, authenticator: Authenticator
    ) -> None:
        self.emu = emu
        self.authenticator = authenticator
        self.matcher = matcher
        self.prefix = matcher.base_path + "/"
        self.rules: list[FaultRule] = []
        self.seed: int | None = None
        self.rng = random.Random()

    @property
    def active(self) -> bool:
        return bool(self.rules)

    def configure(self, document: Any) -> None:
        seed, rules = parse_plan(document, self.matcher.operation_ids)
        if seed is None:
            seed = self.emu.settings.seed
        if seed is None:
            seed = random.SystemRandom().randrange(2**32)
        self.seed = seed
        self.rng = random.Random(seed)
        self.rules = rules

    def clear(self) -> None:
        self.rules = []
        self.seed = None

    def describe(self) -> dict[str, Any]:
        return {"seed": self.seed, "rules": [rule.to_json() for rule in self.rules]}

    def decide(self, scope: Scope) -> tuple[float, FaultRule | None]:
        """Milliseconds to wait, and the error, reset or stall to answer with (or None)."""
        path: str = scope["path"]
        if not path.startswith(self.prefix):
            return 0.0, None
        operation = self.matcher.operation_id(scope["method"], path)
        if operation is None:
            return 0.0, None
        delay = 0.0
        customer: str | None = None
        customer_known = False
        for rule in self.rules:
            if rule.times is not None and rule.applied >= rule.times:
                continue
            if rule.operations is not None and operation not in rule.operations:
                continue
            if rule.customers is not None:
                if not customer_known:
                    customer, customer_known = self._customer(scope), True
                if customer not in rule.customers:
                    continue
            if rule.probability < 1.0 and self.rng.random() >= rule.probability:
                continue
            rule.applied += 1
            if rule.kind != "latency":
                return delay, rule
            delay += rule.latency_ms
            if rule.jitter_ms:
                delay += self.rng.random() * rule.jitter_ms
        return delay, None

    def _customer(self, scope: Scope) -> str | None:
        for name, value in scope["headers"]:
            if name == b"authorization":
                try:
                    return self.authenticator.customer_at(
                        value.decode("latin-1"), self.emu.clock.now_ms() / 1000
                    )
                except ApiError:
                    return None
        return None


class Faults:
    """ASGI middleware applying a :class:`FaultInjector`'s rules; free when none are set."""

    def __init__(self, app: ASGIApp, injector: FaultInjector) -> None:
        self.app = app
        self.injector = injector

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.injector.rules or scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        delay_ms, fault = self.injector.decide(scope)
        if delay_ms:
            await asyncio.sleep(delay_ms / 1000)
        if fault is None:
            await self.app(scope, receive, send)
        elif fault.kind == "error":
            await _error(fault, scope, receive, send)
        elif fault.kind == "reset":
            await _reset(scope.get(RAW_RECEIVE, receive))
        else:
            await _until_disconnected(receive)


async def _error(fault: FaultRule, scope: Scope, receive: Receive, send: Send) -> None:
    response = error_response(
        ApiError(
            fault.status,
            f"fault: injected {fault.status} for {scope['method']} {scope['path']} "
            "(/_emulator/faults)",
            status="REJECTED" if fault.status == 429 else "FAILED",
            permanent=False,
        )
    )
    if fault.retry_after is not None:
        response.headers["Retry-After"] = str(fault.retry_after)
    await response(scope, receive, send)


async def _reset(raw_receive: Receive) -> None:
    """Abort the connection with a TCP RST (SO_LINGER 0) when served; raise when in-process."""
    transport = getattr(getattr(raw_receive, "__self__", None), "transport", None)
    if transport is None:
        raise ConnectionResetError("fault: injected connection reset (/_emulator/faults)")
    sock = transport.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError, AttributeError):  # uvloop's socket stand-in may refuse
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()
    # The server learns the connection is gone on its next loop turn; until then it would answer.
    await _until_disconnected(raw_receive)


async def _until_disconnected(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


def fault_routes(injector: FaultInjector) -> list[tuple[str, str, Any]]:
    """``GET``, ``PUT`` and ``DELETE /_emulator/faults``, as control endpoints ``(emu, request)``."""

    async def show(emu: Emulator, request: Request) -> Response:
        return json_response(200, injector.describe())

    async def put(emu: Emulator, request: Request) -> Response:
        try:
            injector.configure(await read_json(request, required=True))
        except FaultError as error:
            raise bad_request(str(error)) from None
        return json_response(200, injector.describe())

    async def clear(emu: Emulator, request: Request) -> Response:
        injector.clear()
        return Response(status_code=204)

    return [("GET", "/faults", show), ("PUT", "/faults", put), ("DELETE", "/faults", clear)]


def plan_from_text(text: str) -> Any:
    """A fault document from ``--inject-faults``: JSON text, or ``@path`` of a JSON file."""
    source = text
    if text.startswith("@"):
        try:
            with open(text[1:], encoding="utf-8") as handle:
                source = handle.read()
        except OSError as error:
            raise FaultError(f"--inject-faults: cannot read {text[1:]} ({error})") from None
    try:
        return json.loads(source)
    except ValueError as error:
        raise FaultError(f"--inject-faults: not JSON ({error})") from None


__all__: Sequence[str] = ("FaultError", "FaultInjector", "Faults", "fault_routes", "parse_plan")
