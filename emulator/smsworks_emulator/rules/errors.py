"""Errors as the service reports them: the spec's ExtendedErrorModel, whatever the status.

Every error body carries ``message``, ``errorCode``, ``status`` and ``permanent``: operations whose
``default`` response is ExtendedErrorModel require the last three, and the plain ErrorModel of the
other operations is satisfied by the same body. ``message`` starts with the field at fault
(``destination: ...``) so that a developer sees what to fix.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ErrorKind:
    """One entry of the catalogue that ``GET /utils/errors/{errorcode}`` serves."""

    code: int
    http_status: int
    status: str
    permanent: bool
    sample: str


CATALOGUE: dict[int, ErrorKind] = {
    kind.code: kind
    for kind in (
        ErrorKind(400, 400, "REJECTED", True, "destination: not a phone number"),
        ErrorKind(401, 401, "UNAUTHORIZED", True, "Authorization: missing or invalid token"),
        ErrorKind(402, 402, "REJECTED", True, "Insufficient credits: 2 needed, 1 available"),
        ErrorKind(404, 404, "NOT_FOUND", True, "messageid: no such message"),
        ErrorKind(405, 405, "REJECTED", True, "method: GET is not allowed on /message/send"),
        ErrorKind(409, 409, "REJECTED", True, "messageid: the scheduled message was already sent"),
        ErrorKind(415, 400, "REJECTED", True, "Content-Type: must be application/json"),
        ErrorKind(500, 500, "FAILED", False, "Internal error; please try again"),
    )
}


class ApiError(Exception):
    """An error the API answers with; raised anywhere below the HTTP layer."""

    def __init__(
        self,
        http_status: int,
        message: str,
        *,
        error_code: int | None = None,
        status: str | None = None,
        permanent: bool = True,
    ) -> None:
        super().__init__(message)
        self.http_status = http_status
        self.message = message
        code = error_code if error_code is not None else http_status
        self.error_code = code
        kind = CATALOGUE.get(code)
        self.status = status or (kind.status if kind else "REJECTED")
        self.permanent = permanent

    def body(self) -> dict[str, object]:
        return {
            "message": self.message,
            "errorCode": self.error_code,
            "status": self.status,
            "permanent": self.permanent,
        }


def bad_request(message: str) -> ApiError:
    return ApiError(400, message)


def not_found(message: str) -> ApiError:
    return ApiError(404, message)


def conflict(message: str) -> ApiError:
    return ApiError(409, message)


def unauthorized(message: str) -> ApiError:
    return ApiError(401, message)


def insufficient_credits(needed: float, available: float) -> ApiError:
    return ApiError(
        402,
        f"Insufficient credits: {needed:g} needed, {available:g} available",
        status="REJECTED",
    )


def sample_error(code_text: str) -> dict[str, object]:
    """The body ``/utils/errors/{errorcode}`` returns; 404 for a code outside the catalogue."""
    try:
        code = int(code_text)
    except ValueError:
        raise not_found(f"errorcode: {code_text!r} is not a number") from None
    kind = CATALOGUE.get(code)
    if kind is None:
        raise not_found(f"errorcode: unknown code {code}; known: {sorted(CATALOGUE)}")
    return {
        "message": kind.sample,
        "errorCode": kind.code,
        "status": kind.status,
        "permanent": kind.permanent,
    }
