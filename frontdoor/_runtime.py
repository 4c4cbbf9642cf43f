"""What ``SMSWorks`` and ``AsyncSMSWorks`` share: construction, one request with retries, errors, paging.

The operation methods themselves are generated from the patched spec into ``smsworks.api``; each
builds its request with the operation's generated ``_get_kwargs`` and hands it here with the
operation's description (:class:`Operation`, which carries its success parser). The sync and async classes
differ only in their I/O (sending, sleeping between attempts, closing): construction, request
building, what a response or a failure means, whether to repeat and where paging stands are
decided once, in ``_Base`` and the functions of this module.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Generic, Protocol, Self, TypeVar

import httpx2
import stamina

from smsworks.client import DEFAULT_BASE_URL, DEFAULT_TIMEOUT, authorization_value
from smsworks.configuration import (
    base_url_from,
    intercepting_async_transport,
    intercepting_transport,
    token_from,
)
from smsworks.errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    SMSWorksError,
    error_for,
)
from smsworks.http_client import checked_http_client
from smsworks.retry import DEFAULT_RETRY, Retry
from smsworks.wire import normalised, operation_for

logger = logging.getLogger("smsworks")

T = TypeVar("T")
Body = TypeVar("Body")
Item = TypeVar("Item")
H = TypeVar("H", httpx2.Client, httpx2.AsyncClient)

# Failures after which the request cannot have reached the service: no connection was made.
_NOT_SENT = (httpx2.ConnectError, httpx2.ConnectTimeout, httpx2.PoolTimeout)


@dataclass(frozen=True)
class Operation(Generic[T]):
    """One operation of the spec, as the front door needs it."""

    name: str
    """The snake_case operationId, as the method is named."""
    method: str
    path: str
    read: bool
    """Safe to repeat once it reached the service: GETs and the POST searches."""
    parse: Callable[[httpx2.Response], T]
    """The success response's model (the operation's 2xx, or its default when it declares none)."""


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


def _timeout(timeout: float | httpx2.Timeout | None) -> httpx2.Timeout:
    if timeout is None:
        return DEFAULT_TIMEOUT
    if isinstance(timeout, httpx2.Timeout):
        return timeout
    return httpx2.Timeout(timeout)


def _retry(retry: Retry | bool | None) -> Retry:
    if retry is None or retry is True:
        return DEFAULT_RETRY
    if retry is False:
        return Retry.off()
    return retry


def _log(operation: Operation[Any], attempt: int, started: float, outcome: str) -> None:
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


def _answered(
    operation: Operation[T], response: httpx2.Response, attempt: int, started: float
) -> T:
    """The parsed success of ``response``, or the :class:`APIError` it stands for (logged either way)."""
    _log(operation, attempt, started, str(response.status_code))
    if not 200 <= response.status_code < 300:
        raise error_for(operation.name, response)
    try:
        operation_id = operation_for(operation.method.upper(), operation.path)
        return operation.parse(
            response if operation_id is None else normalised(operation_id, response)
        )
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


def _unanswered(
    operation: Operation[Any],
    request: httpx2.Request,
    error: httpx2.TransportError,
    attempt: int,
    started: float,
) -> APIConnectionError:
    """The :class:`APIConnectionError` for a request that got no response (logged)."""
    _log(operation, attempt, started, type(error).__name__)
    reached = not isinstance(error, _NOT_SENT)
    kind = APITimeoutError if isinstance(error, httpx2.TimeoutException) else APIConnectionError
    return kind(operation.name, request, reached_server=reached)


class _Attempts(Protocol):
    """stamina's retry context: iterated by the sync class, async-iterated by the async one."""

    def __iter__(self) -> Iterator[stamina.Attempt]: ...

    def __aiter__(self) -> AsyncIterator[stamina.Attempt]: ...


class _Pager:
    """Where a paging walk stands: the query of the next page, and which items are new."""

    def __init__(self, query: Any, page_size: int) -> None:
        if page_size < 1:
            raise ValueError(f"page_size: must be at least 1, not {page_size}")
        self._query = query
        self._page_size = page_size
        self._skip = query.skip if isinstance(query.skip, int) else 0
        self._seen: set[Any] = set()
        self.done = False

    def query(self) -> Any:
        page = self._query.__class__.from_dict(self._query.to_dict())
        page.skip = self._skip
        page.limit = self._page_size
        return page

    def fresh(self, page: list[Item]) -> list[Item]:
        """The items of ``page`` not yielded before; the walk is done after a short or stale page."""
        fresh = []
        for item in page:
            key = getattr(item, "messageid", None) or id(item)
            if key not in self._seen:
                self._seen.add(key)
                fresh.append(item)
        self.done = len(page) < self._page_size or not fresh
        self._skip += len(page)
        return fresh


class _Base(Generic[H]):
    """Construction, request building, retry decisions and paging: everything but the I/O."""

    def __init__(
        self,
        token: str | None = None,
        *,
        base_url: str | None = None,
        timeout: float | httpx2.Timeout | None = None,
        retry: Retry | bool | None = None,
        httpx_client: H | None = None,
    ) -> None:
        self._authorization = authorization_value(token_from(token))
        self.base_url = base_url_from(base_url, DEFAULT_BASE_URL).rstrip("/")
        self.timeout = _timeout(timeout)
        self.retry = _retry(retry)
        self._owns_client = httpx_client is None
        self._http: H = (
            self._new_http()
            if httpx_client is None
            else checked_http_client(httpx_client, self._http_class())
        )

    def _http_class(self) -> type[H]:
        raise NotImplementedError

    def _new_http(self) -> H:
        raise NotImplementedError

    def _request(self, kwargs: dict[str, Any]) -> httpx2.Request:
        """The request of an operation's generated ``_get_kwargs``, on this client's URL, token and timeout."""
        return self._http.build_request(
            **{
                **kwargs,
                "url": self.base_url + kwargs["url"],
                "headers": {**kwargs.get("headers", {}), "Authorization": self._authorization},
                "timeout": self.timeout,
            }
        )

    def _retrying(self, operation: Operation[Any], first: SMSWorksError) -> _Attempts | None:
        """stamina's attempts after the first failed with ``first``, or ``None`` when it is not repeated.

        The first attempt runs outside stamina, so a call that succeeds at once costs no retry machinery;
        stamina's attempt 1 re-raises ``first``, which makes it wait exactly as if it had made the attempt.
        """
        backoff = self.retry.backoff
        if self.retry.attempts < 2 or backoff(first, read=operation.read) is False:
            return None
        attempts: _Attempts = stamina.retry_context(
            on=lambda error: backoff(error, read=operation.read),
            attempts=self.retry.attempts,
            timeout=self.retry.timeout,
            wait_initial=self.retry.wait_initial,
            wait_max=self.retry.wait_max,
            wait_jitter=self.retry.wait_jitter,
            wait_exp_base=self.retry.wait_exp_base,
        )
        return attempts

    def __repr__(self) -> str:  # never the token
        return f"{type(self).__name__}(base_url={self.base_url!r})"


class SyncBase(_Base[httpx2.Client]):
    """Requests and paging for :class:`smsworks.SMSWorks`, over an ``httpx2.Client``."""

    def _http_class(self) -> type[httpx2.Client]:
        return httpx2.Client

    def _new_http(self) -> httpx2.Client:
        return httpx2.Client(transport=intercepting_transport())

    def close(self) -> None:
        """Close the httpx2 client, unless it was passed in."""
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

    def _attempt(self, operation: Operation[T], request: httpx2.Request, attempt: int) -> T:
        started = time.perf_counter()
        try:
            response = self._http.send(request)
        except httpx2.TransportError as error:
            raise _unanswered(operation, request, error, attempt, started) from error
        return _answered(operation, response, attempt, started)

    def _call(self, operation: Operation[T], kwargs: dict[str, Any]) -> T:
        request = self._request(kwargs)
        try:
            return self._attempt(operation, request, 1)
        except SMSWorksError as error:
            first = error
            attempts = self._retrying(operation, first)
            if attempts is None:
                raise
        for attempt in attempts:
            with attempt:
                if attempt.num == 1:
                    raise first  # already happened: stamina decides the wait from it
                return self._attempt(operation, request, attempt.num)
        raise AssertionError("unreachable: stamina re-raises the last error")  # pragma: no cover

    def _pages(
        self, call: Callable[[Any], list[Item]], query: Any, page_size: int
    ) -> Iterator[Item]:
        pager = _Pager(query, page_size)
        while not pager.done:
            yield from pager.fresh(call(pager.query()))


class AsyncBase(_Base[httpx2.AsyncClient]):
    """Requests and paging for :class:`smsworks.AsyncSMSWorks`, over an ``httpx2.AsyncClient``."""

    def _http_class(self) -> type[httpx2.AsyncClient]:
        return httpx2.AsyncClient

    def _new_http(self) -> httpx2.AsyncClient:
        return httpx2.AsyncClient(transport=intercepting_async_transport())

    async def close(self) -> None:
        """Close the httpx2 client, unless it was passed in."""
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

    async def _attempt(self, operation: Operation[T], request: httpx2.Request, attempt: int) -> T:
        started = time.perf_counter()
        try:
            response = await self._http.send(request)
        except httpx2.TransportError as error:
            raise _unanswered(operation, request, error, attempt, started) from error
        return _answered(operation, response, attempt, started)

    async def _call(self, operation: Operation[T], kwargs: dict[str, Any]) -> T:
        request = self._request(kwargs)
        try:
            return await self._attempt(operation, request, 1)
        except SMSWorksError as error:
            first = error
            attempts = self._retrying(operation, first)
            if attempts is None:
                raise
        async for attempt in attempts:
            with attempt:
                if attempt.num == 1:
                    raise first  # already happened: stamina decides the wait from it
                return await self._attempt(operation, request, attempt.num)
        raise AssertionError("unreachable: stamina re-raises the last error")  # pragma: no cover

    async def _pages(
        self, call: Callable[[Any], Awaitable[list[Item]]], query: Any, page_size: int
    ) -> AsyncIterator[Item]:
        pager = _Pager(query, page_size)
        while not pager.done:
            for item in pager.fresh(await call(pager.query())):
                yield item
