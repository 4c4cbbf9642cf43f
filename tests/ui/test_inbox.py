"""The web inbox in a real headless browser: what a developer watching their app relies on."""

from __future__ import annotations

from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from smsworks.api.credits_ import get_credits_balance
from smsworks.api.messages import send_message
from smsworks.models import CreditsResponse, Message, SendMessageResponse
from smsworks_emulator.testing import ServedEmulator

from .conftest import ADMIN_KEY, open_inbox, rows, text_of, wait_for


def send(
    emulator: ServedEmulator, customer: str, content: str, destination: str = "447700900123"
) -> str:
    with emulator.client(customer) as client:
        sent = send_message.sync(
            client=client,
            body=Message(sender="Acme", destination=destination, content=content, tag="ui-test"),
        )
    assert isinstance(sent, SendMessageResponse), sent
    return sent.messageid


def message_row_text(browser: WebDriver, messageid: str) -> str:
    found = browser.find_elements(By.CSS_SELECTOR, f'#messages tr[data-messageid="{messageid}"]')
    return str(found[0].text) if found else ""


def test_a_message_sent_through_the_client_appears_without_reloading(
    browser: WebDriver, emulator: ServedEmulator
) -> None:
    open_inbox(browser, emulator)
    assert "No customers yet" in text_of(browser, "no-customers")
    browser.execute_script("window.__sameDocument = 'kept';")

    messageid = send(emulator, "alice", "Your order has shipped")

    wait_for(
        browser,
        lambda: "Your order has shipped" in message_row_text(browser, messageid),
        "the sent message never appeared in the page",
    )
    row = message_row_text(browser, messageid)
    assert "447700900123" in row
    assert "Acme" in row
    assert "SENT" in row
    assert "ui-test" in row
    assert browser.execute_script("return window.__sameDocument;") == "kept", "the page reloaded"
    assert text_of(browser, "customer-name") == "alice"
    # 100 initial credits, one part to a UK number costs one.
    wait_for(browser, lambda: text_of(browser, "balance") == "99", "the balance never showed 99")


def test_an_inbound_message_injected_through_the_form_appears(
    browser: WebDriver, emulator: ServedEmulator
) -> None:
    send(emulator, "bob", "Reply STOP to opt out")
    open_inbox(browser, emulator, "&customer=bob")
    browser.find_element(By.CSS_SELECTOR, '.tabs [data-tab="inbound"]').click()
    field = browser.find_element(By.ID, "inbound-content")
    field.send_keys("STOP please")
    browser.find_element(By.ID, "inbound-send").click()

    shown = wait_for(
        browser,
        lambda: [row.text for row in rows(browser, "inbound") if "STOP please" in row.text],
        "the injected inbound message never appeared",
    )
    assert len(shown) == 1
    assert "447700900999" in shown[0]
    assert "STOP" in shown[0].split()  # the keyword column
    stored = emulator.control.get("/_emulator/inbound", params={"customer_id": "bob"}).json()
    assert [message["content"] for message in stored] == ["STOP please"]


def test_moving_the_controlled_clock_in_the_page_shows_delivered(
    browser: WebDriver, emulator: ServedEmulator
) -> None:
    messageid = send(emulator, "carol", "Your code is ready")
    open_inbox(browser, emulator, "&customer=carol")
    wait_for(browser, lambda: "SENT" in message_row_text(browser, messageid), "no SENT row")
    before = text_of(browser, "clock-now")

    browser.find_element(By.CSS_SELECTOR, '[data-advance="60"]').click()

    wait_for(
        browser,
        lambda: "DELIVERED" in message_row_text(browser, messageid),
        "the message never showed DELIVERED after the clock moved a minute",
    )
    assert text_of(browser, "clock-now") != before
    # Its history, opened in place: stored SENT, then DELIVERED.
    browser.find_element(By.CSS_SELECTOR, f'#messages tr[data-messageid="{messageid}"]').click()
    history = wait_for(
        browser,
        lambda: [
            item.text.split()[0]
            for item in browser.find_elements(By.CSS_SELECTOR, "#messages .history li")
        ],
        "the status history never opened",
    )
    assert history == ["SENT", "DELIVERED"]


HOSTILE = (
    "<script>document.title='owned';alert('script ran')</script>"
    "<img src=x onerror=\"document.title='owned';alert('handler ran')\"> & <b>bold</b>"
)


def test_markup_in_message_content_is_shown_as_text_and_never_runs(
    browser: WebDriver, emulator: ServedEmulator
) -> None:
    messageid = send(emulator, "mallory", HOSTILE)
    open_inbox(browser, emulator, "&customer=mallory")
    wait_for(browser, lambda: message_row_text(browser, messageid), "the message never appeared")
    browser.find_element(By.CSS_SELECTOR, f'#messages tr[data-messageid="{messageid}"]').click()
    shown = wait_for(
        browser,
        lambda: [
            item.text for item in browser.find_elements(By.CSS_SELECTOR, "#messages .full-content")
        ],
        "the message's content never opened",
    )

    assert shown == [HOSTILE]  # every character as text, nothing parsed as markup
    assert browser.title == "SMS Works emulator"
    try:
        alert_text = browser.switch_to.alert.text
    except NoAlertPresentException:
        alert_text = None
    assert alert_text is None, f"a dialog opened: {alert_text}"
    assert browser.find_elements(By.CSS_SELECTOR, "main script, main img, main b") == []


def test_the_admin_key_is_required_and_entered_once_in_the_page(
    browser: WebDriver, emulator: ServedEmulator
) -> None:
    send(emulator, "dave", "hello")
    browser.get(f"{emulator.origin}/_emulator/ui")
    wait_for(
        browser,
        lambda: browser.find_element(By.ID, "key-panel").is_displayed(),
        "the page never asked for the admin key",
    )
    assert rows(browser, "messages") == []
    assert browser.find_elements(By.CSS_SELECTOR, "#customers li") == []

    browser.find_element(By.ID, "key-input").send_keys("not-the-key")
    browser.find_element(By.CSS_SELECTOR, "#key-form button[type=submit]").click()
    wait_for(
        browser,
        lambda: "refused" in text_of(browser, "key-reason"),
        "a wrong key was not reported as refused",
    )
    assert browser.find_elements(By.CSS_SELECTOR, "#customers li") == []

    browser.find_element(By.ID, "key-input").send_keys(ADMIN_KEY)
    browser.find_element(By.CSS_SELECTOR, "#key-form button[type=submit]").click()
    wait_for(
        browser,
        lambda: (
            [
                item.text.split()[0]
                for item in browser.find_elements(By.CSS_SELECTOR, "#customers li")
            ]
            == ["dave"]
        ),
        "the right key never showed the customer",
    )
    assert not browser.find_element(By.ID, "key-panel").is_displayed()
    # Without the header the data endpoints refuse, whatever the page holds.
    refused = emulator.control.get("/_emulator/customers", headers={"X-Emulator-Admin-Key": ""})
    assert refused.status_code == 401


def test_a_key_in_the_address_fragment_is_used_and_removed_from_the_address(
    browser: WebDriver, emulator: ServedEmulator
) -> None:
    send(emulator, "erin", "hello")
    open_inbox(browser, emulator)
    wait_for(browser, lambda: text_of(browser, "customer-name") == "erin", "no customer shown")
    assert ADMIN_KEY not in browser.current_url


def test_the_journal_tab_shows_the_request_journal(
    browser: WebDriver, emulator: ServedEmulator
) -> None:
    send(emulator, "frank", "hello")
    open_inbox(browser, emulator, "&customer=frank")
    browser.find_element(By.CSS_SELECTOR, '.tabs [data-tab="journal"]').click()
    shown = wait_for(
        browser,
        lambda: [row.text for row in rows(browser, "journal") if "/v1/message/send" in row.text],
        "the journal's send request never appeared",
    )
    assert len(shown) == 1
    assert "sendMessage" in shown[0]


def test_the_balance_set_in_the_page_is_the_customers_balance(
    browser: WebDriver, emulator: ServedEmulator
) -> None:
    send(emulator, "grace", "hello")
    open_inbox(browser, emulator, "&customer=grace")
    wait_for(browser, lambda: text_of(browser, "balance") == "99", "the balance never showed 99")
    browser.find_element(By.ID, "balance-input").send_keys("42.5")
    browser.find_element(By.CSS_SELECTOR, "#balance-form button[type=submit]").click()
    wait_for(browser, lambda: text_of(browser, "balance") == "42.5", "the new balance never showed")
    with emulator.client("grace") as client:
        balance = get_credits_balance.sync(client=client)
    assert isinstance(balance, CreditsResponse)
    assert balance.credits_ == 42.5
