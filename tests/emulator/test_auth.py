from __future__ import annotations

from datetime import UTC, datetime

import jwt
import pytest

from smsworks_emulator.http.auth import Authenticator, issue_token
from smsworks_emulator.rules.errors import ApiError

from .conftest import Api

KEY = "a-key-of-thirty-two-bytes-or-more!!"
NOW = datetime(2030, 1, 1, tzinfo=UTC)


def test_token_carries_the_services_claims() -> None:
    token = issue_token(secret=KEY, customer_id="cust-1", ttl_seconds=60, now=NOW)
    assert token.startswith("JWT ")
    claims = jwt.decode(
        token[4:], KEY, algorithms=["HS256"], options={"verify_exp": False, "verify_iat": False}
    )
    assert claims["key"] == "cust-1"
    assert claims["exp"] - claims["iat"] == 60
    assert claims["secret"]


@pytest.mark.parametrize("form", ["JWT {}", "{}", "jwt {}"])
def test_prefixed_and_bare_tokens_identify_the_customer(form: str) -> None:
    bare = issue_token(secret=KEY, customer_id="cust-1", now=NOW).removeprefix("JWT ")
    assert Authenticator(KEY).customer_at(form.format(bare), NOW.timestamp()) == "cust-1"


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        (None, "missing"),
        ("", "missing"),
        ("JWT not.a.jwt", "malformed"),
        ("Bearer abc", "scheme"),
    ],
)
def test_bad_headers_are_401(header: str | None, reason: str) -> None:
    with pytest.raises(ApiError, match=reason) as caught:
        Authenticator(KEY).customer_at(header, NOW.timestamp())
    assert caught.value.http_status == 401


def test_wrong_signature_and_expiry_are_401() -> None:
    token = issue_token(secret=KEY + "-other", customer_id="c", now=NOW)
    with pytest.raises(ApiError, match="signature"):
        Authenticator(KEY).customer_at(token, NOW.timestamp())
    token = issue_token(secret=KEY, customer_id="c", ttl_seconds=10, now=NOW)
    authenticator = Authenticator(KEY)
    assert authenticator.customer_at(token, NOW.timestamp()) == "c"
    with pytest.raises(ApiError, match="expired"):
        authenticator.customer_at(
            token, NOW.replace(second=11).timestamp()
        )  # cached token, still judged by the clock


def test_api_answers_401_in_the_error_model(api: Api) -> None:
    response = api.http.get("/v1/credits/balance")
    assert response.status_code == 401
    assert response.json()["message"].startswith("Authorization:")
    forged = issue_token(secret="not-the-emulators-secret-at-all-32-bytes", customer_id="alice")
    assert api.http.get("/v1/credits/balance", headers={"Authorization": forged}).status_code == 401


def test_tokens_expire_on_the_emulators_clock(api: Api) -> None:
    now = api.app.state.emulator.clock.now()
    token = issue_token(secret=api.settings.secret, customer_id="alice", ttl_seconds=60, now=now)
    assert api.http.get("/v1/utils/test", headers={"Authorization": token}).status_code == 200
    api.advance(61)
    assert api.http.get("/v1/utils/test", headers={"Authorization": token}).status_code == 401


def test_a_token_expires_at_its_exp_second() -> None:
    token = issue_token(secret=KEY, customer_id="c", ttl_seconds=10, now=NOW)
    exp = NOW.timestamp() + 10
    authenticator = Authenticator(KEY)
    assert authenticator.customer_at(token, exp - 0.001) == "c"
    with pytest.raises(ApiError, match="expired"):
        authenticator.customer_at(token, exp)
