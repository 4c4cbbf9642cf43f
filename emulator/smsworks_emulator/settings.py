"""How an emulator instance is configured: one immutable object, checked when it is built."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from smsworks_emulator.rules.hosts import allowed_host_problem
from smsworks_emulator.rules.prices import PriceTable
from smsworks_emulator.rules.prices import parse_price as parse_price  # for the CLI
from smsworks_emulator.rules.report_hosts import LOOPBACK as LOOPBACK  # for the CLI
from smsworks_emulator.rules.segments import NON_UK_MULTIPLIER

ClockMode = Literal["real", "controlled"]
WireForm = Literal["spec", "live-like"]
WIRE_FORMS: tuple[WireForm, ...] = ("spec", "live-like")
"""``spec``: answers exactly as the patched spec declares them. ``live-like``: the known wire
variants of the live service (the spec's ``x-smsworks-wire-variants``), see docs/emulator.md."""

DEFAULT_DB_PATH = "smsworks-emulator.sqlite3"
# Not a secret: it only signs tokens for a local emulator. Pass your own with --secret.
DEFAULT_SECRET = "smsworks-emulator-development-secret"

DEFAULT_MAX_BODY_BYTES = 56 * 1024 * 1024
"""Above the largest valid request: a 5000-message ``/batch/any`` at every documented bound
(1280 four-byte characters of content, a 280-character tag, ...) is 49.7 MiB of compact UTF-8
JSON (docs/faults.md, "Body size limit")."""

FAULTS: dict[str, str] = {
    "ignore-auth": "accept requests without a valid Authorization header",
    "wrong-status": "sendMessage answers 200 instead of 201",
    "drop-field": "sendMessage's response lacks credits (the balance)",
    "undercharge-multipart": "sendMessage takes one credit less than creditsUsed for 2+ parts",
    "ucs2-part-70": "sendMessage counts 70 UCS-2 units per concatenated part, not 67",
    "partial-batch": "a batch short of credits sends and charges what the balance covers",
    "no-refund": "failed UK messages are not refunded when their status becomes final",
    "no-webhook-retry": "a failed delivery report is never retried",
    "accept-expired-token": "expired tokens are accepted",
    "ignore-skip": "message queries ignore skip",
    "quote-off-table": "GET /credits/{countrycode} quotes the UK's 1 credit for every country",
}
"""Contract-breaking switches (``--break-contract``): deliberate defects for proving that a
contract suite can fail. Test-only; off by default. Faults a real service has (latency, 5xx,
resets, stalls) are injected instead through ``injected_faults`` and ``/_emulator/faults``."""


@dataclass(frozen=True)
class EmulatorSettings:
    """Everything that changes how the emulator behaves. Defaults suit a developer's machine."""

    db_path: str = DEFAULT_DB_PATH
    """SQLite file, created when missing; ``":memory:"`` keeps nothing after the process ends."""
    secret: str = DEFAULT_SECRET
    """HS256 key that signs and checks tokens."""
    clock: ClockMode = "real"
    """``"controlled"`` freezes time until the control endpoint advances or sets it."""
    initial_credits: float = 100.0
    """Balance of a customer the first time its token is seen."""
    delivery_delay_seconds: float = 2.0
    """Time from SENT to DELIVERED for an ordinary destination."""
    admin_key: str | None = None
    """When set, control endpoints require the header ``X-Emulator-Admin-Key`` with this value."""
    seed: int | None = None
    """Makes message ids, batch ids and passcodes repeatable."""
    faults: frozenset[str] = field(default_factory=frozenset)
    """Contract-breaking switches, names from :data:`FAULTS`. Test-only."""
    injected_faults: Mapping[str, Any] | None = None
    """A fault document as ``PUT /_emulator/faults`` takes it, in force from the start."""
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    """Request bodies above this many bytes are refused with 413 before they are read whole."""
    journal_size: int = 1000
    """How many requests ``GET /_emulator/requests`` keeps (the oldest go first); 0 keeps none."""
    journal_body_bytes: int = 16384
    """How much of each request body the journal keeps; a longer body shows only its size."""
    non_uk_multiplier: float = NON_UK_MULTIPLIER
    """Credits per part for destinations outside the UK (UK: 1), but those of ``country_prices``."""
    country_prices: Mapping[str, float] = field(default_factory=dict)
    """Credits per part to these countries, by ISO 3166-1 alpha-2 code (``{"FR": 1.5}``); not the UK's."""
    webhook_max_attempts: int = 5
    """Delivery-report POSTs per status change before giving up."""
    webhook_backoff_seconds: float = 1.0
    """Wait before the first retry; doubles after every failed attempt."""
    webhook_timeout_seconds: float = 5.0
    """How long one delivery-report POST may take."""
    webhook_hosts: frozenset[str] | None = None
    """Hosts delivery reports may be POSTed to (``"loopback"``: any loopback address and
    ``localhost``); ``None``: any. A report to another host is recorded as refused, never sent."""
    otp_default_validity_seconds: int = 600
    """Validity of an OTP whose request gives none."""
    otp_max_failed_attempts: int = 5
    """Wrong passcodes after which an OTP is locked for good."""
    timezone: str = "Europe/London"
    """Where "midnight" is for ``/messages/volume`` (the service is British)."""
    tick_seconds: float = 0.1
    """How often a running server processes due work on its own."""
    wire: WireForm = "spec"
    allowed_hosts: frozenset[str] = field(default_factory=frozenset)
    """Host names answered besides this machine's (loopback addresses, ``localhost``, the address
    a request arrived on): a docker-compose service name, a dev container's. ``"*"``: any."""
    cors_origins: frozenset[str] = field(default_factory=frozenset)
    """Origins (``http://localhost:5173``) whose pages may call the emulator from a browser; none
    gets a CORS header otherwise, and a control request from another origin is refused."""
    """How API answers look on the wire, one of :data:`WIRE_FORMS`; control endpoints never change."""

    def __post_init__(self) -> None:
        unknown = sorted(set(self.faults) - set(FAULTS))
        if unknown:
            raise ValueError(f"faults: unknown {unknown}; known: {sorted(FAULTS)}")
        if self.clock not in ("real", "controlled"):
            raise ValueError(f"clock: must be 'real' or 'controlled', not {self.clock!r}")
        if self.wire not in WIRE_FORMS:
            raise ValueError(f"wire: must be one of {list(WIRE_FORMS)}, not {self.wire!r}")
        if not self.secret:
            raise ValueError("secret: must not be empty")
        if not self.db_path:
            raise ValueError("db_path: must not be empty (use ':memory:' for no file)")
        _require_non_negative("initial_credits", self.initial_credits)
        _require_non_negative("delivery_delay_seconds", self.delivery_delay_seconds)
        _require_non_negative("non_uk_multiplier", self.non_uk_multiplier)
        if not isinstance(self.country_prices, Mapping):
            raise ValueError("country_prices: must be a mapping of country code to credits")
        self.prices  # noqa: B018 - built now, so that a table that cannot be fails here
        _require_non_negative("webhook_backoff_seconds", self.webhook_backoff_seconds)
        _require_positive("webhook_timeout_seconds", self.webhook_timeout_seconds)
        _require_positive("tick_seconds", self.tick_seconds)
        for name, least in (("max_body_bytes", 1), ("journal_size", 0), ("journal_body_bytes", 0)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < least:
                raise ValueError(f"{name}: must be an integer >= {least}, not {value!r}")
        if self.webhook_hosts is not None and (
            not isinstance(self.webhook_hosts, frozenset)
            or not all(isinstance(h, str) and h for h in self.webhook_hosts)
        ):
            raise ValueError(
                f"webhook_hosts: must be None or a frozenset of host names, not {self.webhook_hosts!r}"
            )
        for entry in sorted(self.allowed_hosts):
            problem = allowed_host_problem(entry)
            if problem is not None:
                raise ValueError(f"allowed_hosts: {problem}")
        for origin in sorted(self.cors_origins):
            if not _is_origin(origin):
                raise ValueError(
                    f"cors_origins: {origin!r} is not an origin: scheme://host[:port], no path"
                )
        if self.injected_faults is not None and not isinstance(self.injected_faults, Mapping):
            raise ValueError("injected_faults: must be a fault document (a mapping) or None")
        for name in (
            "webhook_max_attempts",
            "otp_default_validity_seconds",
            "otp_max_failed_attempts",
        ):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 1:
                raise ValueError(f"{name}: must be an integer >= 1, not {value!r}")

    @cached_property
    def prices(self) -> PriceTable:
        """The one price table: what a send is charged and what ``GET /credits/{countrycode}`` quotes."""
        try:
            return PriceTable(abroad=self.non_uk_multiplier, countries=dict(self.country_prices))
        except ValueError as error:
            raise ValueError(f"country_prices: {error}") from None


def _is_origin(text: str) -> bool:
    scheme, sep, rest = text.partition("://")
    return (
        bool(sep)
        and scheme in ("http", "https")
        and bool(rest)
        and not any(c in rest for c in "/?#@ ")
        and text == text.lower()
    )


def _require_non_negative(name: str, value: float) -> None:
    if not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        raise ValueError(f"{name}: must be a finite number >= 0, not {value!r}")


def _require_positive(name: str, value: float) -> None:
    if not isinstance(value, int | float) or not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name}: must be a finite number > 0, not {value!r}")
