"""The client on httpx2: a user's own httpx2 client is used, an old ``httpx`` one is refused at construction
with the fix, and a private CA is trusted through an ``ssl.SSLContext`` over real TLS on loopback."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
import trustme

import smsworks
from smsworks.api.credits_ import get_credits_balance
from smsworks.errors import APIConnectionError
from smsworks.models import CreditsResponse
from smsworks_emulator.http.app import create_app, emulator_of
from smsworks_emulator.http.auth import issue_token
from smsworks_emulator.testing import SECRET, TOKEN_TTL_SECONDS, settings_for_tests
from smsworks_emulator.testing.loopback import HOST, serving

TOKEN = "JWT eyJhbGciOiJIUzI1NiJ9.eyJjdXN0b21lcl9pZCI6Imh0dHAifQ.c2lnbmF0dXJl"
FIX = r"httpx2.*`import httpx2` and `httpx2\.(Async)?Client\(\.\.\.\)`"


def old_httpx_clients() -> tuple[object, object]:
    """An ``httpx.Client`` and ``httpx.AsyncClient`` of the old package, as a user might still build them."""
    # Not an import statement: nothing of ours imports httpx (the architecture test), and a user may not have it.
    old = pytest.importorskip("httpx")
    return old.Client(), old.AsyncClient()


def test_the_front_door_refuses_an_old_httpx_client_at_construction_naming_the_fix() -> None:
    sync, async_ = old_httpx_clients()
    with pytest.raises(TypeError, match=r"httpx_client: got httpx\.Client.*" + FIX):
        smsworks.SMSWorks(TOKEN, httpx_client=sync)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"httpx_client: got httpx\.AsyncClient.*" + FIX):
        smsworks.AsyncSMSWorks(TOKEN, httpx_client=async_)  # type: ignore[arg-type]


def test_the_generated_client_refuses_an_old_httpx_client_naming_the_fix() -> None:
    sync, async_ = old_httpx_clients()
    client = smsworks.AuthenticatedClient(token=TOKEN)
    with pytest.raises(TypeError, match=r"set_httpx_client: got httpx\.Client.*" + FIX):
        client.set_httpx_client(sync)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"set_async_httpx_client: got httpx\.AsyncClient.*" + FIX):
        client.set_async_httpx_client(async_)  # type: ignore[arg-type]


def test_a_sync_client_where_an_async_one_belongs_is_refused() -> None:
    with (
        httpx2.Client() as sync,
        pytest.raises(TypeError, match=r"expected an httpx2\.AsyncClient"),
    ):
        smsworks.AsyncSMSWorks(TOKEN, httpx_client=sync)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def authority() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def https_emulator(
    authority: trustme.CA, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """An emulator over HTTPS on 127.0.0.1, its certificate signed by a private CA; (base URL, token)."""
    folder = tmp_path_factory.mktemp("tls")
    issued = authority.issue_cert(HOST)
    cert, key = folder / "cert.pem", folder / "key.pem"
    issued.cert_chain_pems[0].write_to_path(str(cert))
    issued.private_key_pem.write_to_path(str(key))
    app = create_app(settings_for_tests())
    token = issue_token(
        secret=SECRET,
        customer_id="tls",
        ttl_seconds=TOKEN_TTL_SECONDS,
        now=emulator_of(app).clock.now(),
    )
    try:
        with serving(app, certificate=(str(cert), str(key)), lifespan="off") as server:
            yield server.origin + "/v1", token
    finally:
        emulator_of(app).close()


def trusting(authority: trustme.CA, tmp_path: Path) -> ssl.SSLContext:
    """What docs/client.md tells a user with a private CA to do: a context that trusts its file."""
    ca_file = tmp_path / "private-ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    return ssl.create_default_context(cafile=str(ca_file))


def test_the_front_door_trusts_a_private_ca_through_its_own_httpx2_client(
    https_emulator: tuple[str, str], authority: trustme.CA, tmp_path: Path
) -> None:
    base_url, token = https_emulator
    with (
        httpx2.Client(verify=trusting(authority, tmp_path)) as own,
        smsworks.SMSWorks(token, base_url=base_url, httpx_client=own) as client,
    ):
        assert isinstance(client.get_credits_balance(), CreditsResponse)

    async def balance() -> CreditsResponse:
        async with (
            httpx2.AsyncClient(verify=trusting(authority, tmp_path)) as own_async,
            smsworks.AsyncSMSWorks(token, base_url=base_url, httpx_client=own_async) as client,
        ):
            return await client.get_credits_balance()

    assert isinstance(asyncio.run(balance()), CreditsResponse)


def test_the_generated_client_trusts_a_private_ca_through_verify_ssl(
    https_emulator: tuple[str, str], authority: trustme.CA, tmp_path: Path
) -> None:
    base_url, token = https_emulator
    context = trusting(authority, tmp_path)
    with smsworks.AuthenticatedClient(base_url=base_url, token=token, verify_ssl=context) as client:
        assert isinstance(get_credits_balance.sync(client=client), CreditsResponse)


def test_without_the_ca_the_system_trust_store_refuses_the_certificate(
    https_emulator: tuple[str, str],
) -> None:
    base_url, token = https_emulator
    with (
        smsworks.SMSWorks(token, base_url=base_url, retry=False) as client,
        pytest.raises(APIConnectionError) as refused,
    ):
        client.get_credits_balance()
    assert "CERTIFICATE_VERIFY_FAILED" in str(refused.value.__cause__)
