"""Every response the suite sees, checked for drift from the patched spec (issue 15 part 3).

One :class:`DriftRecorder` per process holds the checker and the run's :class:`FindingLog`. The
generated client's calls reach it through httpx2 event hooks on the target's clients
(:func:`watch_client`), schemathesis' calls through the checks of ``st_checks``. At the end of the
pytest session ``conftest`` writes ``reports/drift.md`` and ``reports/drift.json`` and fails the run
on any departure the spec's table of known wire variants does not describe.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any

import httpx2
import yaml

from contract_tests.coverage.recorder import COVERAGE
from smsworks import AuthenticatedClient
from smsworks.wire import WIRE_CONTENT
from smsworks_emulator.drift import DriftChecker, Finding, FindingLog

SPEC_PATH = Path(__file__).resolve().parent.parent / "generated" / "openapi.yaml"
MARKDOWN_REPORT = "drift.md"
JSON_REPORT = "drift.json"


class DriftRecorder:
    """The checker and the log of one run; safe to call from several threads."""

    def __init__(self, spec_path: Path = SPEC_PATH) -> None:
        self.spec_path = spec_path
        self.lock = threading.Lock()
        self.log = FindingLog()

    @cached_property
    def checker(self) -> DriftChecker:
        spec: dict[str, Any] = yaml.load(
            self.spec_path.read_text(encoding="utf-8"),
            Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader),
        )
        return DriftChecker(spec)

    def check(
        self, method: str, path: str, status: int, content_type: str | None, body: bytes
    ) -> list[Finding]:
        """The findings of one response; none for a path outside the spec (the control endpoints)."""
        operation = self.checker.operation_for(method, path)
        if operation is None:
            return []
        return self.checker.check_response(operation, status, content_type, body)

    def observe(
        self, method: str, path: str, status: int, content_type: str | None, body: bytes
    ) -> list[Finding]:
        """:meth:`check` one response and log its findings."""
        findings = self.check(method, path, status, content_type, body)
        if self.checker.operation_for(method, path) is not None:
            with self.lock:
                self.log.add(findings, example=f"{method.upper()} {path} -> {status}")
        return findings

    def write_reports(self, directory: Path) -> tuple[Path, Path]:
        directory.mkdir(parents=True, exist_ok=True)
        markdown, document = directory / MARKDOWN_REPORT, directory / JSON_REPORT
        with self.lock:
            markdown.write_text(self.log.to_markdown(), encoding="utf-8")
            document.write_text(self.log.to_json(), encoding="utf-8")
        return markdown, document


RECORDER = DriftRecorder()


class WireDrift(AssertionError):
    """An answer departs from the spec in a way no known wire variant describes; the message names how."""


def _observer(recorder: DriftRecorder) -> Callable[[httpx2.Response], None]:
    def observe(response: httpx2.Response) -> None:
        # The same hook feeds the coverage report: what the suite sent, classified by the spec.
        COVERAGE.observe_request(
            response.request.method,
            str(response.request.url),
            response.request.content,
            response.status_code,
        )
        findings = recorder.observe(
            response.request.method,
            response.request.url.path,
            response.status_code,
            response.headers.get("content-type"),
            # The bytes as the service sent them, also when the client's reading transport normalised the body.
            response.extensions.get(WIRE_CONTENT, response.content),
        )
        unknown = [finding.describe() for finding in findings if not finding.tolerated]
        if unknown:
            # Raised before the generated code parses the answer: a test fails naming what
            # departed, not with an exception from deep inside a model's from_dict.
            raise WireDrift("; ".join(unknown))

    return observe


def _add_hook(client: httpx2.Client | httpx2.AsyncClient, hook: Any) -> None:
    hooks = client.event_hooks
    client.event_hooks = {**hooks, "response": [*hooks.get("response", []), hook]}


def watch_client(
    client: AuthenticatedClient, recorder: DriftRecorder = RECORDER
) -> AuthenticatedClient:
    """``client`` with every response of its sync and async httpx2 clients checked into ``recorder``."""
    observe = _observer(recorder)

    def sync_hook(response: httpx2.Response) -> None:
        response.read()
        observe(response)

    async def async_hook(response: httpx2.Response) -> None:
        await response.aread()
        observe(response)

    _add_hook(client.get_httpx_client(), sync_hook)
    _add_hook(client.get_async_httpx_client(), async_hook)
    return client
