"""Drift: the departures of messages on the wire from the patched spec, as findings.

Responses are checked liberally (a departure the spec's ``x-smsworks-wire-variants`` table describes is a
tolerated finding named by its variant), requests strictly. The contract suite and the drift proxy both report
through :class:`FindingLog`. This layer reads only the spec document it is given.
"""

from .checker import DriftChecker
from .finding import Finding
from .log import Entry, FindingLog

__all__ = ["DriftChecker", "Entry", "Finding", "FindingLog"]
