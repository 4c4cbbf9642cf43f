"""What the contract suite runs against, read once from the environment and checked up front.

Every problem is reported before the first request, naming the variable, so a CI job with a
missing secret fails in a second with a sentence instead of an hour later with a 401.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from smsworks_emulator.rules.numbers import NumberError, normalise_destination
from smsworks_emulator.settings import FAULTS

Target = Literal["emulator", "emulator-http", "sandbox"]
TARGETS: tuple[Target, ...] = ("emulator", "emulator-http", "sandbox")

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REPORTS_DIR = REPO_ROOT / "reports"
# Fits the default run in the time budget on two cores; nightly jobs raise it with CONTRACT_DEPTH.
DEFAULT_DEPTH = 25
# Texts a sandbox run may send to the test phone, whatever the credit budget allows.
DEFAULT_MAX_MESSAGES = 25


class ContractSettingsError(ValueError):
    """An environment variable of the contract suite is missing or wrong; the message names it."""


@dataclass(frozen=True)
class SendPermission:
    """The sandbox's permission to spend credits: where to send and how much may go."""

    destination: str
    """E.164 digits of the only number the suite may text."""
    credit_budget: float
    """Credits the whole run may spend, checked against the balance before and after."""
    max_messages: int = DEFAULT_MAX_MESSAGES
    """Texts the whole run may send to ``destination`` (``SMSWORKS_MAX_MESSAGES``)."""


@dataclass(frozen=True)
class ContractSettings:
    target: Target
    depth: int
    """Hypothesis ``max_examples`` for schemathesis' fuzzing and for the client properties."""
    faults: frozenset[str]
    """Test-only emulator faults (emulator targets): how the suite proves it can fail."""
    reports_dir: Path = DEFAULT_REPORTS_DIR
    """Where JUnit XML and the schemathesis cassette go."""
    operations: tuple[str, ...] = ()
    """operationIds schemathesis is limited to; empty means every operation."""
    base_url: str | None = None
    """Sandbox only: the service's base URL, ending in ``/v1``."""
    token: str | None = None
    """Sandbox only: the account's token, ``JWT eyJ...``."""
    send: SendPermission | None = None
    """Sandbox only: set when sending is allowed; ``None`` means nothing that costs credits runs."""

    @property
    def has_emulator_control(self) -> bool:
        """Whether clock, reset, balance and inbound injection are available."""
        return self.target != "sandbox"

    @property
    def may_spend_credits(self) -> bool:
        return self.target != "sandbox" or self.send is not None


def read_settings(environ: Mapping[str, str] | None = None) -> ContractSettings:
    """Read and check every variable; raise :class:`ContractSettingsError` on the first problem."""
    env = os.environ if environ is None else environ
    target = _target(env)
    depth = _positive_int(env, "CONTRACT_DEPTH", DEFAULT_DEPTH)
    faults = _faults(env)
    base = ContractSettings(
        target=target,
        depth=depth,
        faults=faults,
        reports_dir=_reports_dir(env),
        operations=_operations(env),
    )
    if target != "sandbox":
        return base
    if faults:
        raise ContractSettingsError(
            "SMSWORKS_EMULATOR_FAULTS: faults exist only in the emulator; "
            "unset it for SMSWORKS_TARGET=sandbox"
        )
    return replace(base, base_url=_base_url(env), token=_token(env), send=_send_permission(env))


def _target(env: Mapping[str, str]) -> Target:
    raw = env.get("SMSWORKS_TARGET", "").strip() or "emulator"
    for target in TARGETS:
        if raw == target:
            return target
    raise ContractSettingsError(f"SMSWORKS_TARGET: {raw!r} is not one of {', '.join(TARGETS)}")


def _positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ContractSettingsError(f"{name}: {raw!r} is not a whole number") from None
    if value < 1:
        raise ContractSettingsError(f"{name}: must be at least 1, not {value}")
    return value


def _reports_dir(env: Mapping[str, str]) -> Path:
    raw = env.get("CONTRACT_REPORTS_DIR", "").strip()
    return Path(raw).resolve() if raw else DEFAULT_REPORTS_DIR


def _operations(env: Mapping[str, str]) -> tuple[str, ...]:
    raw = env.get("CONTRACT_OPERATIONS", "")
    return tuple(name.strip() for name in raw.split(",") if name.strip())


def _faults(env: Mapping[str, str]) -> frozenset[str]:
    raw = env.get("SMSWORKS_EMULATOR_FAULTS", "")
    names = frozenset(name.strip() for name in raw.split(",") if name.strip())
    unknown = sorted(names - set(FAULTS))
    if unknown:
        raise ContractSettingsError(
            f"SMSWORKS_EMULATOR_FAULTS: unknown {', '.join(unknown)}; known: {', '.join(sorted(FAULTS))}"
        )
    return names


def _base_url(env: Mapping[str, str]) -> str:
    raw = env.get("SMSWORKS_BASE_URL", "").strip()
    if not raw:
        raise ContractSettingsError(
            "SMSWORKS_BASE_URL: required for SMSWORKS_TARGET=sandbox "
            "(for example https://api.thesmsworks.co.uk/v1)"
        )
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ContractSettingsError(f"SMSWORKS_BASE_URL: {raw!r} is not an http(s) URL")
    if parts.query or parts.fragment:
        raise ContractSettingsError(f"SMSWORKS_BASE_URL: {raw!r} must not have a query or fragment")
    return raw.rstrip("/")


def _token(env: Mapping[str, str]) -> str:
    raw = env.get("SMSWORKS_TOKEN", "").strip()
    if not raw:
        raise ContractSettingsError(
            "SMSWORKS_TOKEN: required for SMSWORKS_TARGET=sandbox (the account page's API token)"
        )
    jwt = raw.removeprefix("JWT ").strip()
    # A JWT is three base64url sections; anything else would only earn a 401 later.
    if jwt.count(".") != 2 or any(not section for section in jwt.split(".")):
        raise ContractSettingsError(
            "SMSWORKS_TOKEN: is not a JWT (expected 'JWT <header>.<payload>.<signature>')"
        )
    return "JWT " + jwt


def _send_permission(env: Mapping[str, str]) -> SendPermission | None:
    allow = env.get("SMSWORKS_ALLOW_SEND", "").strip()
    if allow in ("", "0"):
        return None
    if allow != "1":
        raise ContractSettingsError(f"SMSWORKS_ALLOW_SEND: must be 1 or 0, not {allow!r}")
    raw_destination = env.get("SMSWORKS_TEST_DESTINATION", "").strip()
    if not raw_destination:
        raise ContractSettingsError(
            "SMSWORKS_TEST_DESTINATION: required with SMSWORKS_ALLOW_SEND=1 "
            "(the one phone number the suite may text)"
        )
    try:
        destination = normalise_destination(raw_destination, field="SMSWORKS_TEST_DESTINATION")
    except NumberError as error:
        raise ContractSettingsError(str(error)) from None
    raw_budget = env.get("SMSWORKS_CREDIT_BUDGET", "").strip()
    if not raw_budget:
        raise ContractSettingsError(
            "SMSWORKS_CREDIT_BUDGET: required with SMSWORKS_ALLOW_SEND=1 "
            "(the most credits the run may spend)"
        )
    try:
        budget = float(raw_budget)
    except ValueError:
        raise ContractSettingsError(
            f"SMSWORKS_CREDIT_BUDGET: {raw_budget!r} is not a number"
        ) from None
    if not math.isfinite(budget) or budget <= 0:
        raise ContractSettingsError(
            f"SMSWORKS_CREDIT_BUDGET: must be a number above 0, not {raw_budget!r}"
        )
    max_messages = _positive_int(env, "SMSWORKS_MAX_MESSAGES", DEFAULT_MAX_MESSAGES)
    return SendPermission(destination=destination, credit_budget=budget, max_messages=max_messages)
