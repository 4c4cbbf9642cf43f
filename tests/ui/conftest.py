"""A real headless Chromium (Debian's, through its chromedriver) on a real emulator server.

``make ui-test`` installs the browser when it is missing and sets ``SMSWORKS_REQUIRE_BROWSER=1``:
then a missing browser fails the run. Run directly without the browser, these tests are skipped
with the reason.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.common.exceptions import (
    NoAlertPresentException,
    NoSuchElementException,
    StaleElementReferenceException,
)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from smsworks_emulator import EmulatorSettings
from smsworks_emulator.testing import ServedEmulator, served

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WAIT_SECONDS = 10.0
ADMIN_KEY = "ui-test-admin-key"
SECRET = "ui-test-secret-long-enough-for-hs256"
ROOT = Path(__file__).resolve().parents[2]


def _browser_missing() -> str | None:
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if shutil.which(path) is None]
    return f"{', '.join(missing)} not installed (make ui-test installs them)" if missing else None


def require_browser() -> None:
    """Skips the test, with the reason, when the browser is missing (fails it under make ui-test)."""
    reason = _browser_missing()
    if reason is not None:
        if os.environ.get("SMSWORKS_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


def start_chromium(profile: Path, *extra_arguments: str) -> WebDriver:
    """Debian's headless Chromium with a new profile in ``profile``; the caller quits it."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless",
        "--no-sandbox",  # runs as root in CI
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1440,1000",
        f"--user-data-dir={profile}",
        *extra_arguments,
    ):
        options.add_argument(argument)
    browser = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    browser.set_page_load_timeout(WAIT_SECONDS)
    return browser


@pytest.fixture(scope="session")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    require_browser()
    browser = start_chromium(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture
def browser(driver: WebDriver) -> Iterator[WebDriver]:
    """The shared browser, on a blank page with no stored admin key between tests."""
    yield driver
    with_alert = _dismiss_alert(driver)
    driver.get("about:blank")
    driver.delete_all_cookies()
    assert not with_alert, "a dialog was open at the end of the test"


def _dismiss_alert(driver: WebDriver) -> bool:
    try:
        driver.switch_to.alert.dismiss()
    except NoAlertPresentException:
        return False
    return True


def settings(admin_key: str | None = ADMIN_KEY) -> EmulatorSettings:
    return EmulatorSettings(
        db_path=":memory:", clock="controlled", secret=SECRET, admin_key=admin_key
    )


@pytest.fixture
def emulator() -> Iterator[ServedEmulator]:
    """A uvicorn server on a free loopback port, with a controlled clock and an admin key."""
    with served(settings()) as handle:
        yield handle


def open_inbox(browser: WebDriver, emulator: ServedEmulator, fragment: str = "") -> None:
    browser.get(f"{emulator.origin}/_emulator/ui#key={ADMIN_KEY}{fragment}")
    wait_for(browser, lambda: "live" in text_of(browser, "live"), "the page never went live")


def wait_for(browser: WebDriver, condition: Callable[[], Any], message: str) -> Any:
    """``condition()`` once truthy, polled for at most WAIT_SECONDS; fails with ``message``."""
    # The page redraws a list when its data changes: an element read mid-redraw is retried.
    return WebDriverWait(
        browser,
        WAIT_SECONDS,
        poll_frequency=0.1,
        ignored_exceptions=(NoSuchElementException, StaleElementReferenceException),
    ).until(lambda _: condition(), message=f"after {WAIT_SECONDS} s: {message}")


def text_of(browser: WebDriver, element_id: str) -> str:
    return str(browser.find_element("id", element_id).text)


def rows(browser: WebDriver, table_id: str) -> list[WebElement]:
    return list(browser.find_elements("css selector", f"#{table_id} tbody tr"))
