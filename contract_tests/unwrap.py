"""Turn the generated client's ``Model | ErrorModel | None`` results into the model or a clear failure."""

from __future__ import annotations

from typing import Any, TypeVar

T = TypeVar("T")


class UnexpectedResponse(AssertionError):
    """The service answered with an error model (or nothing) where the test needed success."""


def expect(parsed: Any, model: type[T]) -> T:
    if isinstance(parsed, model):
        return parsed
    detail = parsed.to_dict() if hasattr(parsed, "to_dict") else parsed
    raise UnexpectedResponse(f"expected {model.__name__}, got {type(parsed).__name__}: {detail!r}")


def expect_list(parsed: Any, item: type[T]) -> list[T]:
    if isinstance(parsed, list) and all(isinstance(element, item) for element in parsed):
        return parsed
    detail = parsed.to_dict() if hasattr(parsed, "to_dict") else parsed
    raise UnexpectedResponse(f"expected a list of {item.__name__}, got {detail!r}")


def otp_messageid(response: Any) -> str:
    """The id an OTP send returned (optional in the spec, required for everything after)."""
    messageid = getattr(response, "messageid", None)
    if not isinstance(messageid, str) or not messageid:
        raise UnexpectedResponse(f"the OTP response has no messageid: {response!r}")
    return messageid
