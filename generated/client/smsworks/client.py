"""HTTP clients for smsworks.

The SMS Works authenticates with the header ``Authorization: JWT <jwt>``. The token shown on the account page already
starts with ``JWT ``; :class:`AuthenticatedClient` accepts it either way and always sends exactly one ``JWT`` prefix.
Requests time out after :data:`DEFAULT_TIMEOUT` unless told otherwise (httpx2's ``None`` would wait forever).
"""

import ssl
from typing import Any, Self

import httpx2
from attrs import define, evolve, field

from .http_client import checked_http_client
from .wire import AsyncReadingTransport, ReadingTransport

# servers[0].url of the spec: openapi-python-client does not hand `servers` to templates (a test keeps them equal).
DEFAULT_BASE_URL = "https://api.thesmsworks.co.uk/v1"
DEFAULT_TIMEOUT = httpx2.Timeout(30.0, connect=10.0)
TOKEN_PREFIX = "JWT"


def authorization_value(token: str, prefix: str = TOKEN_PREFIX) -> str:
    """The Authorization header value for ``token``, whether or not it already carries ``prefix``."""
    bare = token.strip()
    if prefix and (bare.lower() == prefix.lower() or bare[: len(prefix) + 1].lower() == f"{prefix.lower()} "):
        bare = bare[len(prefix) :].strip()
    if not bare:
        raise ValueError("token: empty; pass the token from your account page (it starts with 'JWT ')")
    return f"{prefix} {bare}" if prefix else bare


@define
class _HttpxClients:
    """What both clients share: the httpx2 clients they build and the settings those are built from."""

    raise_on_unexpected_status: bool = field(default=False, kw_only=True)
    _base_url: str = field(default=DEFAULT_BASE_URL, alias="base_url")
    _cookies: dict[str, str] = field(factory=dict, kw_only=True, alias="cookies")
    _headers: dict[str, str] = field(factory=dict, kw_only=True, alias="headers")
    _timeout: httpx2.Timeout | None = field(default=DEFAULT_TIMEOUT, kw_only=True, alias="timeout")
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl")
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects")
    _httpx_args: dict[str, Any] = field(factory=dict, kw_only=True, alias="httpx_args")
    _client: httpx2.Client | None = field(default=None, init=False)
    _async_client: httpx2.AsyncClient | None = field(default=None, init=False)

    def _all_headers(self) -> dict[str, str]:
        return dict(self._headers)

    def with_headers(self, headers: dict[str, str]) -> Self:
        """A new client matching this one with additional headers."""
        if self._client is not None:
            self._client.headers.update(headers)
        if self._async_client is not None:
            self._async_client.headers.update(headers)
        return evolve(self, headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> Self:
        """A new client matching this one with additional cookies."""
        if self._client is not None:
            self._client.cookies.update(cookies)
        if self._async_client is not None:
            self._async_client.cookies.update(cookies)
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx2.Timeout) -> Self:
        """A new client matching this one with a new timeout configuration."""
        if self._client is not None:
            self._client.timeout = timeout
        if self._async_client is not None:
            self._async_client.timeout = timeout
        return evolve(self, timeout=timeout)

    def set_httpx_client(self, client: httpx2.Client) -> Self:
        """Use ``client`` for requests. It is used as given: its own headers, cookies, timeout and transport apply
        (wrap its transport in :class:`smsworks.wire.ReadingTransport` to read the service's known wire variants)."""
        self._client = checked_http_client(client, httpx2.Client, "set_httpx_client")
        return self

    def get_httpx_client(self) -> httpx2.Client:
        """The underlying httpx2.Client, built on first use."""
        if self._client is None:
            args = dict(self._httpx_args)
            inner = args.pop("transport", None) or httpx2.HTTPTransport(verify=self._verify_ssl)
            self._client = httpx2.Client(
                base_url=self._base_url,
                cookies=self._cookies,
                headers=self._all_headers(),
                timeout=self._timeout,
                verify=self._verify_ssl,
                follow_redirects=self._follow_redirects,
                transport=ReadingTransport(inner),
                **args,
            )
        return self._client

    def __enter__(self) -> Self:
        """Enter a context manager for the underlying httpx2.Client (it cannot be entered twice)."""
        self.get_httpx_client().__enter__()
        return self

    def __exit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit the context manager of the underlying httpx2.Client."""
        self.get_httpx_client().__exit__(*args, **kwargs)

    def set_async_httpx_client(self, async_client: httpx2.AsyncClient) -> Self:
        """Use ``async_client`` for async requests, as given."""
        self._async_client = checked_http_client(async_client, httpx2.AsyncClient, "set_async_httpx_client")
        return self

    def get_async_httpx_client(self) -> httpx2.AsyncClient:
        """The underlying httpx2.AsyncClient, built on first use."""
        if self._async_client is None:
            args = dict(self._httpx_args)
            inner = args.pop("transport", None) or httpx2.AsyncHTTPTransport(verify=self._verify_ssl)
            self._async_client = httpx2.AsyncClient(
                base_url=self._base_url,
                cookies=self._cookies,
                headers=self._all_headers(),
                timeout=self._timeout,
                verify=self._verify_ssl,
                follow_redirects=self._follow_redirects,
                transport=AsyncReadingTransport(inner),
                **args,
            )
        return self._async_client

    async def __aenter__(self) -> Self:
        """Enter a context manager for the underlying httpx2.AsyncClient (it cannot be entered twice)."""
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit the context manager of the underlying httpx2.AsyncClient."""
        await self.get_async_httpx_client().__aexit__(*args, **kwargs)


@define
class Client(_HttpxClients):
    """A client for operations that need no authentication.

    Keyword arguments: ``base_url`` (default :data:`DEFAULT_BASE_URL`), ``cookies``, ``headers``, ``timeout``
    (default :data:`DEFAULT_TIMEOUT`), ``verify_ssl``, ``follow_redirects``, ``httpx_args`` (passed on to the httpx2
    client), and ``raise_on_unexpected_status``: raise ``errors.UnexpectedStatus`` when the API answers with a
    status code the OpenAPI document does not declare.
    """


@define
class AuthenticatedClient(_HttpxClients):
    """A client for The SMS Works' secured operations.

    ``token`` is the API token from the account page, with or without its leading ``JWT ``; the client sends
    ``Authorization: JWT <jwt>``. Other keyword arguments are those of :class:`Client`.
    """

    token: str = field(kw_only=True)
    prefix: str = field(default=TOKEN_PREFIX, kw_only=True)
    auth_header_name: str = field(default="Authorization", kw_only=True)

    def __attrs_post_init__(self) -> None:
        authorization_value(self.token, self.prefix)  # fail now, naming the field, rather than on first request

    def _all_headers(self) -> dict[str, str]:
        return {**self._headers, self.auth_header_name: authorization_value(self.token, self.prefix)}
