"""A web page as an attacker writes it, in a real Chromium, against an emulator on loopback with
the developer's defaults (no admin key).

- From another loopback origin (another port), the page sends what browsers send without asking:
  a ``no-cors`` fetch and a form posted to ``/_emulator/reset`` and ``/_emulator/tokens``. The
  form's answer, which the test reads from its frame, is the 403; the message sent before is
  still there.
- DNS rebinding: Chromium resolves ``attacker.example`` to 127.0.0.1 (``--host-resolver-rules``),
  so the page is same-origin with the emulator; it gets 403, not the outbox.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from selenium.webdriver.remote.webdriver import WebDriver
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from smsworks_emulator.testing import ServedEmulator, served
from smsworks_emulator.testing.loopback import LoopbackServer

from .conftest import require_browser, settings, start_chromium, wait_for

DESTINATION = "447700900555"
CONTENT = "Your code is 482913"
CUSTOMER = "developer"
REBOUND = "attacker.example"


@pytest.fixture
def unprotected() -> Iterator[ServedEmulator]:
    """The emulator as `make emulator` serves it: loopback, no admin key; one message sent."""
    with served(settings(admin_key=None)) as emulator:
        with emulator.client(CUSTOMER) as client:
            client.get_httpx_client().post(
                "/message/send",
                json={"sender": "Acme", "destination": DESTINATION, "content": CONTENT},
            ).raise_for_status()
        yield emulator


def attacker_page(target: str) -> str:
    """What a page elsewhere can do without the emulator's leave: simple requests only."""
    target = html.escape(target, quote=True)
    return f"""<!doctype html>
<title>attacker</title>
<iframe name="reset-frame" id="reset-frame"></iframe>
<iframe name="token-frame" id="token-frame"></iframe>
<form id="reset" method="post" action="{target}/_emulator/reset" target="reset-frame"></form>
<form id="token" method="post" action="{target}/_emulator/tokens" target="token-frame"
      enctype="text/plain"><input name='{{"customer_id":"{CUSTOMER}","x":"' value='"}}'></form>
<script>
  fetch("{target}/_emulator/reset", {{method: "POST", mode: "no-cors"}})
    .then(() => fetch("{target}/_emulator/tokens", {{
      method: "POST", mode: "no-cors", headers: {{"Content-Type": "text/plain"}},
      body: JSON.stringify({{customer_id: "{CUSTOMER}"}})}}))
    .then(() => {{ document.title = "fetched"; }}, (e) => {{ document.title = "failed " + e; }});
  document.getElementById("reset").submit();
  document.getElementById("token").submit();
</script>"""


def page_server(body: str) -> LoopbackServer:
    async def page(request: Request) -> HTMLResponse:
        return HTMLResponse(body)

    return LoopbackServer(Starlette(routes=[Route("/", page)]), name="attacker page")


def frame_text(browser: WebDriver, frame: str) -> str:
    browser.switch_to.frame(frame)
    try:
        return str(browser.find_element("tag name", "body").text)
    finally:
        browser.switch_to.default_content()


def test_a_page_on_another_loopback_origin_cannot_reset_or_mint_tokens(
    browser: WebDriver, unprotected: ServedEmulator
) -> None:
    server = page_server(attacker_page(unprotected.origin))
    try:
        browser.get(server.origin + "/")
        wait_for(browser, lambda: browser.title == "fetched", "the page's fetches never ended")
        for frame in ("reset-frame", "token-frame"):
            text = wait_for(browser, partial(frame_text, browser, frame), f"{frame} stayed empty")
            assert "403" in text or "FORBIDDEN" in text, text
            assert "is not this emulator's own" in text, text
            assert "JWT " not in text  # no token was minted
    finally:
        server.close()
    sent = unprotected.outbox.to(DESTINATION)
    assert [message.content for message in sent] == [CONTENT], "the store was reset"


def test_a_rebound_name_gets_403_not_the_outbox(
    tmp_path: Path, unprotected: ServedEmulator
) -> None:
    require_browser()
    browser = start_chromium(tmp_path / "profile", f"--host-resolver-rules=MAP {REBOUND} 127.0.0.1")
    try:
        port = unprotected.origin.rsplit(":", 1)[1]
        for path in ("/_emulator/outbox", "/_emulator/otps", "/_emulator/ui"):
            browser.get(f"http://{REBOUND}:{port}{path}")
            text = str(browser.find_element("tag name", "body").text)
            assert f"'{REBOUND}:{port}' is not a name this emulator answers to" in text, text
            assert "--allowed-host" in text
            assert CONTENT not in text
            assert DESTINATION not in text
        # The same browser on the emulator's own name reads it: the refusal is the Host's doing.
        browser.get(f"{unprotected.origin}/_emulator/outbox")
        assert CONTENT in str(browser.find_element("tag name", "body").text)
    finally:
        browser.quit()
    assert len(unprotected.outbox.to(DESTINATION)) == 1
