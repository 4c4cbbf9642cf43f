"""The drift proxy's page in a real headless browser: its Drift tab shows the findings live, and what an
upstream sends (a content type, a status text, a field's value) is shown as text, never run."""

from __future__ import annotations

import httpx2
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from tests.proxy.servers import HOSTILE, PHONE, departing_app, proxied, serving

from .conftest import rows, text_of, wait_for


def _batch(base_url: str) -> httpx2.Response:
    body = {"sender": "Acme", "destinations": [PHONE], "content": "hello"}
    return httpx2.post(base_url + "/batch/send", json=body, timeout=30)


def test_the_drift_tab_shows_findings_live_and_a_hostile_value_as_text(browser: WebDriver) -> None:
    hostile_type = f"text/html; note={HOSTILE}"
    with (
        serving(departing_app(content_type_of_batch=hostile_type)) as upstream,
        proxied(upstream.origin + "/v1") as proxy,
    ):
        assert proxy.send().status_code == 201
        browser.get(proxy.served.origin + "/_emulator/ui")
        wait_for(browser, lambda: "live" in text_of(browser, "live"), "the page never went live")
        title = browser.title
        assert text_of(browser, "upstream") == upstream.origin + "/v1"
        assert len(rows(browser, "unknown")) == 2
        assert "sendMessage" in rows(browser, "unknown")[0].text

        # A departure seen after the page opened appears without reloading it.
        assert _batch(proxy.base_url).status_code == 201
        wait_for(
            browser,
            lambda: any("content-type" in row.text for row in rows(browser, "unknown")),
            "the batch's findings never appeared",
        )
        cells = browser.find_elements(By.CSS_SELECTOR, "#unknown tbody td")
        assert any(cell.text == hostile_type for cell in cells), [cell.text for cell in cells]
        assert text_of(browser, "count-unknown") == "4"
        # Shown as text: no element was made of it, and its handler never ran.
        assert browser.find_elements(By.CSS_SELECTOR, "#main img") == []
        assert browser.title == title
        assert browser.execute_script("return document.querySelectorAll('img').length") == 0

        browser.find_element(By.CSS_SELECTOR, '.tabs [data-tab="exchanges"]').click()
        wait_for(
            browser,
            lambda: len(rows(browser, "exchanges")) == 2,
            "the Exchanges tab never listed both exchanges",
        )
        assert (
            not browser.find_element(By.ID, "exchanges")
            .find_element(By.XPATH, "..")
            .get_attribute("hidden")
        )
        assert "/v1/batch/send" in rows(browser, "exchanges")[0].text
