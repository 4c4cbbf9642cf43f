"""When the front door repeats a request, and how long it waits: ``smsworks.Retry``.

A read (every GET, and the POST searches ``get_messages``, ``get_inbox_messages`` and
``get_failed_messages``) is repeated on a connection failure, a timeout, 429, 500, 502, 503 and
504, with exponential backoff and jitter, or after the ``Retry-After`` the service sent.

Anything else (a send, a schedule, a batch, an OTP, a verification, a delete or a cancel) is
repeated only when the connection failed before the request could reach the service (it could
not connect, or no pooled connection came free). Once the request may have reached the service
the error is raised: a message is never sent twice.

The mechanics (attempt counting, backoff, jitter, the overall time cap) are stamina's.
"""

from __future__ import annotations

from dataclasses import dataclass

from smsworks.errors import APIConnectionError, APIError, retry_after_seconds


@dataclass(frozen=True)
class Retry:
    """A retry policy. ``Retry()`` is the default; ``Retry.off()`` (or ``retry=False``) never repeats."""

    attempts: int = 4
    """Attempts in all, the first included."""
    timeout: float = 60.0
    """No attempt starts after this many seconds since the first."""
    wait_initial: float = 0.5
    """Backoff before the second attempt, before jitter; then times ``wait_exp_base`` each time."""
    wait_max: float = 8.0
    """Backoff cap, before jitter."""
    wait_jitter: float = 0.5
    """Up to this many random seconds added to each backoff."""
    wait_exp_base: float = 2.0
    statuses: frozenset[int] = frozenset({429, 500, 502, 503, 504})
    """Statuses that repeat a read."""
    max_retry_after: float = 60.0
    """A ``Retry-After`` longer than this is not waited for: the error is raised at once."""

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError(f"attempts: must be at least 1, not {self.attempts}")
        for name in ("timeout", "wait_initial", "wait_max", "wait_jitter", "max_retry_after"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name}: must be >= 0, not {getattr(self, name)}")

    @classmethod
    def off(cls) -> Retry:
        """Never repeat a request."""
        return cls(attempts=1)

    def backoff(self, error: Exception, *, read: bool) -> bool | float:
        """Whether to repeat after ``error``: ``False``, ``True`` (usual backoff) or the seconds to wait."""
        if isinstance(error, APIConnectionError):
            return read or not error.reached_server
        if not read or not isinstance(error, APIError) or error.status_code not in self.statuses:
            return False
        if error.status_code in (429, 503):
            wait = retry_after_seconds(error.response)
            if wait is not None:
                return wait if wait <= self.max_retry_after else False
        return True


DEFAULT_RETRY = Retry()

__all__ = ["DEFAULT_RETRY", "Retry"]
