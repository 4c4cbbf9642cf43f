"""Tokens as the service issues them: HS256 JWTs with claims key, secret, iat and exp.

The customer is the ``key`` claim. The header may carry ``JWT <jwt>`` (what the account page
shows) or the bare JWT. Expiry is judged by the emulator's clock, so a test can expire a token by
advancing time.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

import jwt

from smsworks_emulator.rules.errors import unauthorized
from smsworks_emulator.service.accounts import Accounts

ALGORITHM = "HS256"
SCHEME = "JWT"
DEFAULT_TTL_SECONDS = 3600
ANONYMOUS_CUSTOMER = "anonymous"
"""Who a request without valid auth is, under the test-only fault ``ignore-auth``."""
_CACHE_LIMIT = 4096


def issue_token(
    *,
    secret: str,
    customer_id: str,
    ttl_seconds: int = DEFAULT_TTL_SECONDS,
    now: datetime | None = None,
) -> str:
    """A token for ``customer_id``, as the account page gives it: ``"JWT eyJ..."``."""
    if not customer_id or not isinstance(customer_id, str):
        raise ValueError("customer_id: must be a non-empty string")
    if not isinstance(ttl_seconds, int) or ttl_seconds < 1:
        raise ValueError(f"ttl_seconds: must be an integer >= 1, not {ttl_seconds!r}")
    issued = int((now or datetime.now().astimezone()).timestamp())
    claims = {
        "key": customer_id,
        # The service puts the account's API secret here; a stable stand-in keeps tokens realistic.
        "secret": hashlib.sha256(f"{secret}:{customer_id}".encode()).hexdigest()[:32],
        "iat": issued,
        "exp": issued + ttl_seconds,
    }
    return f"{SCHEME} {jwt.encode(claims, secret, algorithm=ALGORITHM)}"


class Authenticator:
    """Checks Authorization headers; remembers good signatures so a hot token costs a dict lookup."""

    def __init__(self, secret: str) -> None:
        self._secret = secret
        self._verified: dict[str, tuple[str, int]] = {}

    def customer_at(self, header: str | None, now_seconds: float) -> str:
        """The customer id the header proves at ``now_seconds`` (since the epoch), or 401."""
        if header is None or not header.strip():
            raise unauthorized("Authorization: missing; send 'Authorization: JWT <token>'")
        token = header.strip()
        if token[: len(SCHEME) + 1].upper() == f"{SCHEME} ":
            token = token[len(SCHEME) + 1 :].strip()
        elif " " in token:
            raise unauthorized(
                "Authorization: unknown scheme; send 'JWT <token>' or the bare token"
            )
        known = self._verified.get(token)
        if known is None:
            known = self._verify(token)
        customer, expires = known
        if now_seconds >= expires:
            raise unauthorized("Authorization: token expired")
        return customer

    def _verify(self, token: str) -> tuple[str, int]:
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                # Time claims are judged by the emulator's clock (which a test may move), not the wall clock.
                options={
                    "verify_exp": False,
                    "verify_iat": False,
                    "verify_nbf": False,
                    "require": ["key", "exp"],
                },
            )
        except jwt.InvalidSignatureError:
            raise unauthorized("Authorization: token signature does not match") from None
        except jwt.PyJWTError as error:
            raise unauthorized(f"Authorization: malformed token ({error})") from None
        customer, expires = claims.get("key"), claims.get("exp")
        if not isinstance(customer, str) or not customer:
            raise unauthorized("Authorization: token claim 'key' must be a non-empty string")
        if not isinstance(expires, int | float):
            raise unauthorized("Authorization: token claim 'exp' must be a number")
        if len(self._verified) >= _CACHE_LIMIT:
            self._verified.clear()
        self._verified[token] = (customer, int(expires))
        return customer, int(expires)


class Customers:
    """The customer a request speaks for: authenticated, and created on its first request."""

    def __init__(
        self,
        authenticator: Authenticator,
        accounts: Accounts,
        *,
        ignore_auth: bool,
        accept_expired: bool = False,
    ) -> None:
        self._accept_expired = accept_expired  # True only for the test-only fault
        self._authenticator = authenticator
        self._accounts = accounts
        self._ignore_auth = ignore_auth

    def customer_for(self, header: str | None, now_ms: int) -> str:
        """The authenticated customer at ``now_ms`` (401 otherwise), created with the initial
        balance if new."""
        now = 0.0 if self._accept_expired else now_ms / 1000
        if self._ignore_auth:
            try:
                customer = self._authenticator.customer_at(header, now)
            except Exception:
                customer = ANONYMOUS_CUSTOMER
        else:
            customer = self._authenticator.customer_at(header, now)
        self._accounts.ensure(customer)
        return customer
