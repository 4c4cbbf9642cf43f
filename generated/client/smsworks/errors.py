"""What ``smsworks.SMSWorks`` and ``smsworks.AsyncSMSWorks`` raise, and what the raw functions raise.

::

    SMSWorksError
    ├── APIError                  the service answered, but not with success
    │   ├── BadRequestError       400 (and 422)
    │   ├── AuthenticationError   401, 403
    │   ├── InsufficientCreditsError  402
    │   ├── NotFoundError         404
    │   ├── RateLimitError        429 (``retry_after``)
    │   └── ServerError           5xx
    └── APIConnectionError        no answer: the connection failed or broke
        └── APITimeoutError       no answer in time

:class:`UnexpectedStatus` is what the raw ``smsworks.api.*`` functions raise when asked to
(``raise_on_unexpected_status=True``).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import math
from collections.abc import Mapping
from typing import Any

import httpx2

from smsworks.models import ExtendedErrorModel, ValidationErrorModel


class SMSWorksError(Exception):
    """Base of every error the front door raises."""


class APIError(SMSWorksError):
    """The service answered with a status that is not success.

    ``message``, ``error_code`` and ``permanent`` come from the body when it is the spec's error
    model (``{message, errorCode, status, permanent}``); otherwise ``body`` is ``None`` and
    ``message`` holds the start of the raw text.
    """

    def __init__(
        self,
        operation: str,
        response: httpx2.Response,
        *,
        body: ExtendedErrorModel | None,
        message: str,
        error_code: int | None,
        permanent: bool | None,
    ) -> None:
        self.operation = operation
        self.response = response
        self.status_code = response.status_code
        self.body = body
        self.message = message
        self.error_code = error_code
        self.permanent = permanent
        super().__init__(self._describe())

    def _describe(self) -> str:
        details = []
        if self.error_code is not None:
            details.append(f"errorCode {self.error_code}")
        if self.permanent is not None:
            details.append("permanent" if self.permanent else "temporary")
        suffix = f" ({', '.join(details)})" if details else ""
        reason = self.message or self.response.reason_phrase
        return f"{self.operation}: HTTP {self.status_code} {reason}{suffix}"

    @property
    def text(self) -> str:
        """The response body as text."""
        return self.response.text

    @property
    def validation(self) -> ValidationErrorModel | None:
        """The framework's validation failures (``{"message", "errors": [...]}``) as data, when the body is one."""
        try:
            data = json.loads(self.response.content) if self.response.content else None
        except ValueError:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("errors"), list):
            return None
        try:
            return ValidationErrorModel.from_dict(data)
        except (KeyError, TypeError, ValueError, AttributeError):
            return None


class BadRequestError(APIError):
    """400 (or 422): the request was refused as it stands; the message names the field."""


class AuthenticationError(APIError):
    """401 or 403: the token is missing, malformed, expired or not allowed this."""


class InsufficientCreditsError(APIError):
    """402: the account has too few credits for this send; nothing was sent."""


class NotFoundError(APIError):
    """404: no such message, batch, OTP or error code for this account."""


class RateLimitError(APIError):
    """429: too many requests. ``retry_after`` is the wait in seconds the service asked for."""

    def __init__(self, operation: str, response: httpx2.Response, **fields: Any) -> None:
        self.retry_after = retry_after_seconds(response)
        super().__init__(operation, response, **fields)

    def _describe(self) -> str:
        text = super()._describe()
        if self.retry_after is not None:
            text += f"; retry after {self.retry_after:g} s"
        return text


class ServerError(APIError):
    """5xx: the service failed."""


class APIConnectionError(SMSWorksError):
    """No answer: the connection could not be made, or broke before a response arrived.

    ``reached_server`` is ``False`` when the request cannot have reached the service (the
    connection was never established), so even a send may be repeated safely.
    """

    def __init__(self, operation: str, request: httpx2.Request, *, reached_server: bool) -> None:
        self.operation = operation
        self.request = request
        self.reached_server = reached_server
        super().__init__(self._describe())

    def _describe(self) -> str:
        where = "may have reached" if self.reached_server else "did not reach"
        cause = self.__cause__ or self.__context__
        what = f"{type(cause).__name__}: {cause}" if cause else "connection failed"
        return f"{self.operation}: {self.request.method} {self.request.url.path}: {what} (the request {where} the service)"

    def __str__(self) -> str:
        return self._describe()


class APITimeoutError(APIConnectionError):
    """No answer within the client's ``timeout``."""


class UnexpectedStatus(Exception):
    """Raised by the raw ``smsworks.api.*`` functions for a status the spec does not declare,
    when the client was made with ``raise_on_unexpected_status=True``."""

    def __init__(self, status_code: int, content: bytes):
        self.status_code = status_code
        self.content = content
        super().__init__(
            f"Unexpected status code: {status_code}\n\nResponse content:\n{content.decode(errors='ignore')}"
        )


_BY_STATUS: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: InsufficientCreditsError,
    403: AuthenticationError,
    404: NotFoundError,
    422: BadRequestError,
    429: RateLimitError,
}
_RAW_TEXT_LIMIT = 500


_MAX_FAILURES = 20
"""Failures named in a message at most; the rest stay in the body."""


def error_for(operation: str, response: httpx2.Response) -> APIError:
    """The :class:`APIError` subclass for ``response``; never fails on the body's content."""
    body: ExtendedErrorModel | None = None
    message = ""
    error_code: int | None = None
    permanent: bool | None = None
    try:
        data = json.loads(response.content) if response.content else None
    except ValueError:
        data = None
    if isinstance(data, dict):
        raw_message = data.get("message")
        message = raw_message if isinstance(raw_message, str) else ""
        raw_code = data.get("errorCode")
        if (
            isinstance(raw_code, int | float)
            and not isinstance(raw_code, bool)
            and math.isfinite(raw_code)
            and raw_code == int(raw_code)
        ):
            error_code = int(raw_code)
        raw_permanent = data.get("permanent")
        permanent = raw_permanent if isinstance(raw_permanent, bool) else None
        if message and error_code is not None and isinstance(data.get("status"), str):
            try:
                body = ExtendedErrorModel.from_dict(data)
            except (KeyError, TypeError, ValueError):
                body = None
        details = validation_failures(data)
        if details:
            # The framework's 400 ({"message": "Validation errors", "errors": [...]}): name what failed.
            message = f"{message or 'Validation errors'}: " + "; ".join(details)
    if not message:
        message = response.text[:_RAW_TEXT_LIMIT].strip()
    if response.status_code >= 500:
        kind: type[APIError] = ServerError
    else:
        kind = _BY_STATUS.get(response.status_code, APIError)
    return kind(
        operation, response, body=body, message=message, error_code=error_code, permanent=permanent
    )


def validation_failures(data: Mapping[str, Any]) -> list[str]:
    """The failures of a ``ValidationErrorModel`` body (the framework's 400), innermost messages first.

    Each entry reads ``"<parameter>.<path>: <message>"``, e.g. ``"smsMessage: Missing required property: sender"``;
    an empty list for any other body. The body itself stays readable as ``APIError.response.json()``.
    """
    failures: list[str] = []
    errors = data.get("errors")
    if not isinstance(errors, list):
        return failures
    for parameter in errors[:_MAX_FAILURES]:
        if not isinstance(parameter, dict):
            continue
        name = _text(parameter.get("name"))
        inner = parameter.get("errors")
        details = (
            [item for item in inner if isinstance(item, dict)] if isinstance(inner, list) else []
        )
        for detail in details[:_MAX_FAILURES] or [parameter]:
            raw_path = detail.get("path")
            path: list[Any] = raw_path if isinstance(raw_path, list) else []
            where = ".".join(str(part) for part in [name, *path] if str(part))
            text = _text(detail.get("message"))
            failures.append(f"{where}: {text}" if where else text)
    return failures[:_MAX_FAILURES]


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def retry_after_seconds(
    response: httpx2.Response, *, now: dt.datetime | None = None
) -> float | None:
    """``Retry-After`` in seconds (from delay-seconds or an HTTP date), or ``None`` if absent or unreadable."""
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        seconds = (when - (now or dt.datetime.now(dt.UTC))).total_seconds()
        return max(0.0, seconds)
    if not math.isfinite(seconds) or seconds < 0:
        return None
    return seconds


__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "InsufficientCreditsError",
    "NotFoundError",
    "RateLimitError",
    "SMSWorksError",
    "ServerError",
    "UnexpectedStatus",
    "error_for",
    "retry_after_seconds",
]
