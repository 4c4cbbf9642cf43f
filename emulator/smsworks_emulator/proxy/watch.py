"""The drift watch: each exchange checked against the spec, its findings gathered, a redacted journal of them.

One :class:`DriftWatch` serves the proxy (exchanges as they pass) and the offline check of a recording (exchanges
as they were recorded). What it keeps is redacted by its :class:`Redactor` before it is kept.
"""

from __future__ import annotations

import json
import logging
import zlib
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal
from urllib.parse import urlsplit

from smsworks_emulator.drift import DriftChecker, Finding, FindingLog
from smsworks_emulator.proxy.redaction import Redactor

logger = logging.getLogger("smsworks_emulator.proxy")

Mode = Literal["observe", "strict", "offline"]
Outcome = Literal["forwarded", "refused", "timeout", "upstream-error", "no-answer"]
"""``forwarded``: the upstream's answer went back as it came; ``refused``: ``--strict`` answered a departing
answer with 502; ``timeout`` (504) and ``upstream-error`` (502): the upstream gave no usable answer;
``no-answer``: a recording holds the request alone."""
JOURNAL_SIZE = 1000
FAILURES_KEPT = 100


@dataclass(frozen=True)
class Exchange:
    """One request and the upstream's answer, as bytes (``status`` None: no answer came)."""

    method: str
    path: str
    """As the upstream saw it, query included: ``/v1/message/send``."""
    request_content_type: str | None
    request_body: bytes
    status: int | None
    response_content_type: str | None = None
    response_body: bytes = b""
    response_encoding: str | None = None
    """The answer's ``Content-Encoding``: the body is checked once decoded."""
    check_request: bool = True
    """False for a request a test generated to be invalid on purpose (a negative case of a recording)."""
    label: str | None = None
    """How a recording names it (a cassette's interaction id); the journal id otherwise."""
    when: datetime | None = None


@dataclass(frozen=True)
class Checked:
    """The redacted findings of one exchange."""

    operation: str | None
    request: tuple[Finding, ...] = ()
    response: tuple[Finding, ...] = ()
    note: str | None = None
    """Why part of it was not checked (an encoding the proxy cannot read, a check that failed)."""

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.request + self.response

    @property
    def unknown_response(self) -> list[Finding]:
        return [finding for finding in self.response if not finding.tolerated]


@dataclass
class Failure:
    """The upstream gave no usable answer: ``kind`` is ``timeout`` or ``upstream-error``."""

    exchange: int
    time: datetime
    kind: str
    operation: str | None
    message: str

    def to_dict(self) -> dict[str, object]:
        return {
            "exchange": self.exchange,
            "time": self.time.isoformat(),
            "kind": self.kind,
            "operation": self.operation,
            "message": self.message,
        }


@dataclass
class DriftWatch:
    """Findings over a run, a bounded journal of exchanges and the upstream's failures, all redacted."""

    checker: DriftChecker
    redactor: Redactor = field(default_factory=Redactor)
    mode: Mode = "observe"
    upstream: str | None = None
    source: str | None = None
    """The recording an offline check read."""
    journal_size: int = JOURNAL_SIZE
    log: FindingLog = field(default_factory=FindingLog)
    exchanges: int = 0
    not_operations: int = 0
    """Exchanges whose method and path are no operation of the spec (not checked)."""
    not_checked: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    recent_failures: deque[Failure] = field(default_factory=lambda: deque(maxlen=FAILURES_KEPT))
    journal: deque[dict[str, Any]] = field(init=False)

    def __post_init__(self) -> None:
        self.journal = deque(maxlen=self.journal_size)

    # -- checking -----------------------------------------------------------------------------

    def check(self, exchange: Exchange) -> Checked:
        """The exchange's findings, redacted; never raises (a failing check is a note)."""
        path = urlsplit(exchange.path).path
        operation = self.checker.operation_for(exchange.method, path)
        if operation is None:
            return Checked(None)
        try:
            request: list[Finding] = []
            if exchange.check_request:
                request = self.checker.check_request(
                    operation, exchange.request_content_type, exchange.request_body
                )
            response: list[Finding] = []
            note = None
            if exchange.status is not None:
                body = _decoded(exchange.response_body, exchange.response_encoding)
                if body is None:
                    note = f"answer body not checked: Content-Encoding {exchange.response_encoding}"
                    body = b""
                response = self.checker.check_response(
                    operation, exchange.status, exchange.response_content_type, body
                )
                if note is not None:
                    response = [f for f in response if f.kind != "unparseable-body"]
        except Exception as error:  # a bug of the checker must not stop the traffic
            logger.exception("checking %s %s failed", exchange.method, self.redactor.text(path))
            return Checked(operation, note=f"not checked: {type(error).__name__}")
        redact = self.redactor.finding
        return Checked(
            operation,
            tuple(redact(f) for f in request),
            tuple(redact(f) for f in response),
            note,
        )

    # -- recording ----------------------------------------------------------------------------

    def record(
        self,
        exchange: Exchange,
        checked: Checked,
        *,
        outcome: Outcome = "forwarded",
        answered: int | None = None,
        latency_ms: float | None = None,
        upstream_ms: float | None = None,
        message: str | None = None,
    ) -> int:
        """Keeps the exchange and its findings; its journal id. ``answered``: the status the client got."""
        self.exchanges += 1
        number = self.exchanges
        when = exchange.when or datetime.now(UTC)
        path = self.redactor.text(exchange.path)
        label = exchange.label or f"exchange {number}"
        if checked.operation is None:
            self.not_operations += 1
        else:
            unknown = any(not finding.tolerated for finding in checked.findings)
            known_before = len(self.log.unknown()) if unknown else 0
            self.log.add(checked.findings, example=f"{label}: {exchange.method} {path}", when=when)
            if unknown and len(self.log.unknown()) > known_before:
                for finding in checked.findings:
                    if not finding.tolerated:
                        logger.warning("new unknown departure: %s", finding.describe())
        if checked.note:
            self.not_checked[checked.note] += 1
        if outcome in ("timeout", "upstream-error"):
            self.failures[outcome] += 1
            failure = Failure(
                number, when, outcome, checked.operation, self.redactor.text(message or "")
            )
            self.recent_failures.append(failure)
            logger.warning("exchange %d %s %s: %s", number, exchange.method, path, failure.message)
        self.journal.append(
            {
                "id": number,
                "label": label,
                "time": when.isoformat(),
                "method": exchange.method,
                "path": path,
                "operation": checked.operation,
                "status": answered if answered is not None else exchange.status,
                "upstream_status": exchange.status,
                "outcome": outcome,
                "latency_ms": None if latency_ms is None else round(latency_ms, 3),
                "upstream_ms": None if upstream_ms is None else round(upstream_ms, 3),
                "unknown": sum(1 for f in checked.findings if not f.tolerated),
                "tolerated": sum(1 for f in checked.findings if f.tolerated),
                "findings": [f.describe() for f in checked.findings],
                "note": checked.note or (self.redactor.text(message) if message else None),
                "request": self.redactor.body(exchange.request_body, exchange.request_content_type),
                "response": self._answer_view(exchange),
            }
        )
        return number

    def _answer_view(self, exchange: Exchange) -> Any:
        body = _decoded(exchange.response_body, exchange.response_encoding)
        if body is None:
            return {"bytes": len(exchange.response_body), "encoding": exchange.response_encoding}
        return self.redactor.body(body, exchange.response_content_type)

    # -- reading ------------------------------------------------------------------------------

    def recent(self, limit: int | None = None) -> list[dict[str, Any]]:
        """The journal, newest first."""
        entries = list(reversed(self.journal))
        return entries if limit is None else entries[:limit]

    def document(self) -> dict[str, Any]:
        """What ``GET /_emulator/drift`` answers and ``drift.json`` holds."""
        findings = json.loads(self.log.to_json())
        return {
            "mode": self.mode,
            "upstream": self.upstream,
            "source": self.source,
            "exchanges": self.exchanges,
            "checked": findings["checked"],
            "not_operations": self.not_operations,
            "not_checked": dict(self.not_checked),
            "unknown": findings["unknown"],
            "tolerated": findings["tolerated"],
            "upstream_failures": dict(self.failures),
            "recent_failures": [failure.to_dict() for failure in self.recent_failures],
            "redaction": {
                "content": "kept" if self.redactor.keep_content else "length and encoding"
            },
        }

    def has_unknown(self, direction: str | None = None) -> bool:
        """Whether an unknown departure was seen (of ``direction``, ``request`` or ``response``, when given)."""
        return any(direction in (None, entry.direction) for entry in self.log.unknown())


def _decoded(body: bytes, encoding: str | None) -> bytes | None:
    """The body without its Content-Encoding (gzip, deflate); None for one this cannot read."""
    name = (encoding or "identity").strip().lower()
    if name in ("", "identity") or not body:
        return body
    try:
        if name in ("gzip", "x-gzip"):
            return zlib.decompress(body, 16 + zlib.MAX_WBITS)
        if name == "deflate":
            try:
                return zlib.decompress(body)
            except zlib.error:
                return zlib.decompress(body, -zlib.MAX_WBITS)  # raw deflate, as some servers send
    except zlib.error:
        return None
    return None
