"""Delivery reports: the message's MessageResponse POSTed to its report URL on each status change.

The URL is the message's ``deliveryreporturl`` or, failing that, the customer's default (set by
the control endpoint). A failed POST (no answer, or not 2xx) is retried after
``webhook_backoff_seconds``, doubling each time, at most ``webhook_max_attempts`` tries in all,
and never after the message's ``ttl`` has run out. A report to a host outside ``webhook_hosts``
is not sent: its one attempt is recorded as refused. Every attempt is recorded for
``GET /_emulator/webhooks``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from smsworks_emulator.rules.dates import iso_ms
from smsworks_emulator.rules.outcomes import MINUTE_MS
from smsworks_emulator.rules.report_hosts import report_host_allowed
from smsworks_emulator.service.clock import Clock
from smsworks_emulator.service.due import DueWork
from smsworks_emulator.service.records import message_response
from smsworks_emulator.service.transactions import Transactions
from smsworks_emulator.settings import EmulatorSettings
from smsworks_emulator.store import ANY_CUSTOMER, MessageRow, Repository

if TYPE_CHECKING:
    import httpx2

USER_AGENT = "smsworks-emulator delivery report"


class Webhooks:
    """The queue of delivery reports, their POSTs and retries, and the log of every attempt."""

    def __init__(
        self,
        transactions: Transactions,
        clock: Clock,
        due: DueWork,
        settings: EmulatorSettings,
    ) -> None:
        self._transactions = transactions
        self._clock = clock
        self._due = due
        no_retry = "no-webhook-retry" in settings.faults
        self._max_attempts = 1 if no_retry else settings.webhook_max_attempts
        self._backoff_ms = settings.webhook_backoff_seconds * 1000
        self._timeout_seconds = settings.webhook_timeout_seconds
        self._hosts = settings.webhook_hosts

    def enqueue(self, repository: Repository, row: MessageRow, url: str | None, at_ms: int) -> None:
        """Queue the report of ``row``'s current state to ``url``, due at ``at_ms``.

        ``url`` is the message's ``deliveryreporturl`` or its customer's default (nothing without).
        """
        if not url:
            return
        give_up = at_ms + int(row["ttl"]) * MINUTE_MS if row["ttl"] else None
        repository.queue_webhook(
            at_ms,
            row["customer_id"],
            row["messageid"],
            url,
            1,
            give_up,
            json.dumps(message_response(row)),
        )
        self._due.webhook_queued(at_ms)

    async def deliver_due(self, now_ms: int) -> int:
        """POST every report due by ``now_ms``; retries that fall due by then are posted too.

        Returns the number of attempts made. Each queue row is claimed (deleted) before its POST, so
        two concurrent callers never post the same report twice.
        """
        # Imported on the first report, not at start: httpx2 (with the command-line extras it
        # loads when they are installed) is a large share of a cold start.
        import httpx2

        attempts = 0
        headers = {"User-Agent": USER_AGENT}
        timeout = httpx2.Timeout(self._timeout_seconds)
        async with httpx2.AsyncClient(timeout=timeout, headers=headers) as client:
            while True:
                with self._transactions.store.transaction() as repository:
                    job = repository.claim_webhook(now_ms)
                if job is None:
                    return attempts
                attempts += 1
                refused = not report_host_allowed(job["url"], self._hosts)
                status_code: int | None
                error: str | None
                if refused:
                    allowed = ", ".join(sorted(self._hosts or ()))
                    status_code, error = None, f"not sent: host not in webhook_hosts ({allowed})"
                else:
                    status_code, error = await _post(client, job["url"], job["payload"])
                # A controlled clock stands still while we post: the attempt happened when it was due.
                at_ms = job["due_ms"] if self._clock.controlled else self._clock.now_ms()
                with self._transactions.store.transaction() as repository:
                    repository.record_attempt(job, status_code, error, at_ms)
                    succeeded = status_code is not None and 200 <= status_code < 300
                    if not succeeded and not refused and job["attempt"] < self._max_attempts:
                        retry_ms = at_ms + round(self._backoff_ms * 2 ** (job["attempt"] - 1))
                        if job["give_up_ms"] is None or retry_ms <= job["give_up_ms"]:
                            repository.queue_webhook(
                                retry_ms, job["customer_id"], job["messageid"], job["url"],
                                job["attempt"] + 1, job["give_up_ms"], job["payload"],
                            )  # fmt: skip
                            self._due.webhook_queued(retry_ms)

    def attempts_log(self, customer: str | None, limit: int | None = None) -> list[dict[str, Any]]:
        """The attempts (or the newest ``limit``), oldest first, optionally for one customer."""
        with self._transactions.read() as repository:
            rows = repository.attempts(ANY_CUSTOMER if customer is None else customer, limit)
        return [
            {
                "messageid": row["messageid"],
                "customer_id": row["customer_id"],
                "url": row["url"],
                "attempt": row["attempt"],
                "status_code": row["status_code"],
                "error": row["error"],
                "at": iso_ms(row["at_ms"]),
                "payload": json.loads(row["payload"]),
            }
            for row in rows
        ]


async def _post(
    client: httpx2.AsyncClient, url: str, payload: str
) -> tuple[int | None, str | None]:
    import httpx2  # already loaded by deliver_due

    try:
        response = await client.post(
            url, content=payload, headers={"Content-Type": "application/json"}
        )
    except httpx2.HTTPError as error:
        return None, f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    except ValueError as error:  # an URL httpx2 cannot even parse
        return None, f"invalid URL: {error}"
    return response.status_code, None if response.is_success else f"HTTP {response.status_code}"
