"""What ends a run of the proxy or of ``drift check`` with a failing status; imports nothing (the command line
reads it on every run)."""

from __future__ import annotations

FAIL_ON = ("never", "unknown", "unknown-response")
"""``unknown``: any unknown departure fails the run; ``unknown-response``: only the upstream's, not what the
clients sent (a suite that sends invalid requests on purpose)."""
EXIT_UNKNOWN = 1
EXIT_REPORT_DIR = 3
"""The exit status when ``--report-dir`` cannot hold the reports (checked before anything runs)."""
"""The exit status when ``--fail-on`` counts a departure that was seen."""
