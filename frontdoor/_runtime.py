"""What ``SMSWorks`` and ``AsyncSMSWorks`` share: construction, one request with retries, errors, paging.

The operation methods themselves are generated from the patched spec into ``smsworks.api``; each
builds its request with the operation's generated ``_get_kwargs`` and hands it here with the
operation's description (:class:`Operation`) and its success parser. The sync and async classes
differ only in how they wait: everything they decide is decided by the functions in this module.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self, TypeVar

import httpx
import stamina

from smsworks.client import DEFAULT_BASE_URL, DEFAULT_TIMEOUT, authorization_value
from smsworks.errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    SMSWorksError,
    error_for,
)
from smsworks.retry import DEFAULT_RETRY, Retry

logger = logging.getLogger("smsworks")

T = TypeVar("T")
Body = TypeVar("Body")
Item = TypeVar("Item")

DEFAULT_PAGE_SIZE = 1000
"""The service's own ``limit`` default and maximum page."""

# Failures after which the request cannot have reached the service: no connection was made.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


@dataclass(frozen=True)
class Operation:
    """One operation of the spec, as the front door needs it."""

    name: str
    """The snake_case operationId, as the method is named."""
    method: str
    path: str
    read: bool
    """Safe to repeat once it reached the service: GETs and the POST searches."""


def build_body(model: Callable[..., Body], body: Body | None, fields: Mapping[str, Any]) -> Body:
    """The request body: ``body`` as given, or ``model(**fields)``; not both."""
    if body is not None:
        if fields:
            raise TypeError(
                f"pass the body either as a {getattr(model, '__name__', 'model')} or as keyword "
                f"arguments, not both (got {', '.join(sorted(fields))})"
            )
        return body
    return model(**fields)


def _timeout(timeout: float | httpx.Timeout | None) -> httpx.Timeout:
    if timeout is None:
        return DEFAULT_TIMEOUT
    if isinstance(timeout, httpx.Timeout):
        return timeout
    return httpx.Timeout(timeout)


def _retry(retry: Retry | bool | None) -> Retry:
    if retry is None or retry is True:
        return DEFAULT_RETRY
    if retry is False:
        return Retry.off()
    return retry


def _connection_error(
    operation: Operation, request: httpx.Request, error: httpx.TransportError
) -> APIConnectionError:
    reached = not isinstance(error, _NOT_SENT)
    kind = APITimeoutError if isinstance(error, httpx.TimeoutException) else APIConnectionError
    return kind(operation.name, request, reached_server=reached)


def _log(operation: Operation, attempt: int, started: float, outcome: str) -> None:
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(
            "%s %s %s -> %s in %.1f ms (attempt %d)",
            operation.name,
            operation.method.upper(),
            operation.path,
            outcome,
            (time.perf_counter() - started) * 1000,
            attempt,
        )


def _checked(
    operation: Operation, response: httpx.Response, parse: Callable[[httpx.Response], T]
) -> T:
    if not 200 <= response.status_code < 300:
        raise error_for(operation.name, response)
    try:
        return parse(response)
    except SMSWorksError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise APIError(
            operation.name,
            response,
            body=None,
            message=f"unreadable success body ({type(error).__name__}: {error}): {response.text[:200]!r}",
            error_code=None,
            permanent=None,
        ) from error


def _repeats(retry: Retry, operation: Operation, error: SMSWorksError) -> bool:
    """Whether the first attempt's failure is worth another attempt.

    The first attempt runs outside stamina, so a call that succeeds at once costs no retry machinery;
    when it failed and may be repeated, stamina's loop starts by re-raising that failure (its attempt 1),
    which makes stamina wait exactly as if it had made the attempt itself.
    """
    return retry.attempts > 1 and retry.backoff(error, read=operation.read) is not False


class _Settings:
    """Constructor arguments both classes take."""

    def __init__(
        self,
        token: str,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | bool | None = None,
    ) -> None:
        self._authorization = authorization_value(token)
        self.base_url = base_url.rstrip("/")
        self.timeout = _timeout(timeout)
        self.retry = _retry(retry)

    def _request_arguments(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        arguments = dict(kwargs)
        arguments["url"] = self.base_url + kwargs["url"]
        arguments["headers"] = {**kwargs.get("headers", {}), "Authorization": self._authorization}
        arguments["timeout"] = self.timeout
        return arguments

    def __repr__(self) -> str:  # never the token
        return f"{type(self).__name__}(base_url={self.base_url!r})"


def _page_query(query: Any, skip: int, limit: int) -> Any:
    page = query.__class__.from_dict(query.to_dict())
    page.skip = skip
    page.limit = limit
    return page


def _check_page_size(page_size: int) -> None:
    if page_size < 1:
        raise ValueError(f"page_size: must be at least 1, not {page_size}")


def _fresh(items: list[Any], seen: set[Any]) -> Iterator[Any]:
    for item in items:
        key = getattr(item, "messageid", None) or id(item)
        if key not in seen:
            seen.add(key)
            yield item


class SyncBase(_Settings):
    """Construction, requests and paging for :class:`smsworks.SMSWorks`."""

    def __init__(
        self,
        token: str,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | bool | None = None,
        httpx_client: httpx.Client | None = None,
    ) -> None:
        super().__init__(token, base_url=base_url, timeout=timeout, retry=retry)
        self._owns_client = httpx_client is None
        self._http = httpx_client if httpx_client is not None else httpx.Client()

    def close(self) -> None:
        """Close the httpx client, unless it was passed in."""
        if self._owns_client:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _once(self, operation: Operation, request: httpx.Request, attempt: int) -> httpx.Response:
        started = time.perf_counter()
        try:
            response = self._http.send(request)
        except httpx.TransportError as error:
            _log(operation, attempt, started, type(error).__name__)
            raise _connection_error(operation, request, error) from error
        _log(operation, attempt, started, str(response.status_code))
        return response

    def _call(
        self, operation: Operation, kwargs: dict[str, Any], parse: Callable[[httpx.Response], T]
    ) -> T:
        request = self._http.build_request(**self._request_arguments(kwargs))
        try:
            return _checked(operation, self._once(operation, request, 1), parse)
        except SMSWorksError as error:
            if not _repeats(self.retry, operation, error):
                raise
            first = error
        for attempt in stamina.retry_context(
            on=lambda error: self.retry.backoff(error, read=operation.read),
            attempts=self.retry.attempts,
            timeout=self.retry.timeout,
            wait_initial=self.retry.wait_initial,
            wait_max=self.retry.wait_max,
            wait_jitter=self.retry.wait_jitter,
            wait_exp_base=self.retry.wait_exp_base,
        ):
            with attempt:
                if attempt.num == 1:
                    raise first  # already happened: stamina decides the wait from it
                return _checked(operation, self._once(operation, request, attempt.num), parse)
        raise AssertionError("unreachable: stamina re-raises the last error")  # pragma: no cover

    def _pages(
        self,
        call: Callable[[Any], list[Item]],
        query: Any,
        page_size: int,
    ) -> Iterator[Item]:
        _check_page_size(page_size)
        seen: set[Any] = set()
        skip = query.skip if isinstance(query.skip, int) else 0
        while True:
            page = call(_page_query(query, skip, page_size))
            fresh = list(_fresh(page, seen))
            yield from fresh
            if len(page) < page_size or not fresh:
                return
            skip += len(page)


class AsyncBase(_Settings):
    """Construction, requests and paging for :class:`smsworks.AsyncSMSWorks`."""

    def __init__(
        self,
        token: str,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float | httpx.Timeout | None = None,
        retry: Retry | bool | None = None,
        httpx_client: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(token, base_url=base_url, timeout=timeout, retry=retry)
        self._owns_client = httpx_client is None
        self._http = httpx_client if httpx_client is not None else httpx.AsyncClient()

    async def close(self) -> None:
        """Close the httpx client, unless it was passed in."""
        if self._owns_client:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    async def _once(
        self, operation: Operation, request: httpx.Request, attempt: int
    ) -> httpx.Response:
        started = time.perf_counter()
        try:
            response = await self._http.send(request)
        except httpx.TransportError as error:
            _log(operation, attempt, started, type(error).__name__)
            raise _connection_error(operation, request, error) from error
        _log(operation, attempt, started, str(response.status_code))
        return response

    async def _call(
        self, operation: Operation, kwargs: dict[str, Any], parse: Callable[[httpx.Response], T]
    ) -> T:
        request = self._http.build_request(**self._request_arguments(kwargs))
        try:
            return _checked(operation, await self._once(operation, request, 1), parse)
        except SMSWorksError as error:
            if not _repeats(self.retry, operation, error):
                raise
            first = error
        async for attempt in stamina.retry_context(
            on=lambda error: self.retry.backoff(error, read=operation.read),
            attempts=self.retry.attempts,
            timeout=self.retry.timeout,
            wait_initial=self.retry.wait_initial,
            wait_max=self.retry.wait_max,
            wait_jitter=self.retry.wait_jitter,
            wait_exp_base=self.retry.wait_exp_base,
        ):
            with attempt:
                if attempt.num == 1:
                    raise first  # already happened: stamina decides the wait from it
                response = await self._once(operation, request, attempt.num)
                return _checked(operation, response, parse)
        raise AssertionError("unreachable: stamina re-raises the last error")  # pragma: no cover

    async def _pages(
        self,
        call: Callable[[Any], Awaitable[list[Item]]],
        query: Any,
        page_size: int,
    ) -> AsyncIterator[Item]:
        _check_page_size(page_size)
        seen: set[Any] = set()
        skip = query.skip if isinstance(query.skip, int) else 0
        while True:
            page = await call(_page_query(query, skip, page_size))
            fresh = list(_fresh(page, seen))
            for item in fresh:
                yield item
            if len(page) < page_size or not fresh:
                return
            skip += len(page)
