"""Which operation of the spec a method and path name, without going through the router.

The journal and the fault injector sit in front of routing, so they resolve operations here. The
table is built from the spec's own paths; exact paths win over templated ones, as OpenAPI path
matching says (``/messages/schedule`` before ``/messages/{messageid}``).
"""

from __future__ import annotations

import re

from smsworks_emulator.http.spec import Spec


class OperationMatcher:
    """``operation_id(method, path)`` for full request paths (base path included)."""

    def __init__(self, spec: Spec) -> None:
        self.base_path = spec.base_path
        self._exact: dict[tuple[str, str], str] = {}
        self._templated: list[tuple[str, re.Pattern[str], str]] = []
        for operation in spec.operations.values():
            full = spec.base_path + operation.path
            method = operation.method.upper()
            if "{" in full:
                pattern = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(full))
                self._templated.append(
                    (method, re.compile(pattern + r"\Z"), operation.operation_id)
                )
            else:
                self._exact[(method, full)] = operation.operation_id
        self.operation_ids = frozenset(spec.operations)

    def operation_id(self, method: str, path: str) -> str | None:
        if method == "HEAD":
            method = "GET"
        found = self._exact.get((method, path))
        if found is not None:
            return found
        for wanted, pattern, operation_id in self._templated:
            if wanted == method and pattern.match(path):
                return operation_id
        return None
