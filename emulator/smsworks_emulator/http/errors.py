"""Errors at the HTTP edge: an :class:`ApiError` becomes its JSON response, anything else a logged 500."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from smsworks_emulator.http.wire import json_response
from smsworks_emulator.rules.errors import ApiError
from smsworks_emulator.store import StorageFault, StoreError

__all__ = ["STORE_EXIT_STATUS", "StoreError", "guarded", "storage_fault"]

STORE_EXIT_STATUS = {
    "not-a-database": 3,
    "corrupt": 4,
    "newer-schema": 5,
    "read-only": 6,
    "in-use": 7,
    "unreadable": 8,
    "unusable": 8,
    "write": 9,
}
"""``serve``'s exit status for each reason its database cannot be used (``StoreError.problem``)."""

STORAGE_RETRY_AFTER_SECONDS = 30
"""How long a caller is asked to wait when the disk refuses writes (an operator must act)."""

logger = logging.getLogger("smsworks_emulator")


def error_response(error: ApiError) -> Response:
    return json_response(error.http_status, error.body())


def internal_error(where: str) -> Response:
    """A true bug: logged with its traceback, answered as JSON so clients still parse it."""
    logger.exception("internal error in %s", where)
    return error_response(
        ApiError(500, "Internal error in the emulator; see its log", permanent=False)
    )


def storage_fault(error: StorageFault) -> Response:
    """A write the disk refused: 503 naming the cause, nothing of it kept (the store logged it)."""
    response = error_response(ApiError(503, str(error), permanent=False))
    response.headers["Retry-After"] = str(STORAGE_RETRY_AFTER_SECONDS)
    return response


def guarded(
    endpoint: Callable[[Request], Awaitable[Response]],
    settle: Callable[[], Awaitable[None]] | None = None,
) -> Callable[[Request], Awaitable[Response]]:
    """Turn :class:`ApiError` into its JSON response and anything else into a logged 500.

    ``settle`` runs before any answer goes out (the store's :meth:`durable`): an answer,
    error or not, may report writes, and none may be acknowledged before they are committed.
    """

    async def run(request: Request) -> Response:
        try:
            response = await endpoint(request)
        except ApiError as error:
            response = error_response(error)
        except StorageFault as error:
            response = storage_fault(error)
        except Exception:
            return internal_error(f"{request.method} {request.url.path}")
        if settle is not None:
            try:
                await settle()
            except StorageFault as error:
                return storage_fault(error)
            except Exception:
                return internal_error(f"{request.method} {request.url.path}")
        return response

    return run


async def http_error(request: Request, exc: Exception) -> Response:
    """Unknown routes and wrong methods, in the same JSON shape as every other error."""
    assert isinstance(exc, HTTPException)
    if exc.status_code == 405:
        message = f"method: {request.method} is not allowed on {request.url.path}"
    elif exc.status_code == 404:
        message = f"path: {request.url.path} is not an operation of the API"
    else:
        message = str(exc.detail)
    response = error_response(ApiError(exc.status_code, message))
    if exc.headers:
        response.headers.update(exc.headers)
    return response
