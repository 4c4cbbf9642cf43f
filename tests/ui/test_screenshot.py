"""A realistic session in the inbox, saved as ``reports/ui.png`` (the docs show a copy)."""

from __future__ import annotations

from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from smsworks.api.batch_messages import send_batch
from smsworks.api.messages import send_message
from smsworks.api.one_time_password import send_otp
from smsworks.models import OTP, BatchMessage, Message, MetaData
from smsworks_emulator.testing import ServedEmulator, report_receiver

from .conftest import ROOT, open_inbox, rows, wait_for

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_screenshot_of_a_busy_inbox(browser: WebDriver, emulator: ServedEmulator) -> None:
    with report_receiver() as hook:
        customer = "acme-shop"
        with emulator.client(customer) as client:
            set_url = emulator.control.put(
                f"/_emulator/customers/{customer}/delivery-report-url", json={"url": hook.url}
            )
            assert set_url.status_code == 200, set_url.text
            send_message.sync(client=client, body=Message(
                sender="AcmeShop", destination="447700900123", tag="orders",
                content="Your order #4521 has shipped and will arrive tomorrow.",
                metadata=[MetaData(key="order", value="4521"), MetaData(key="channel", value="web")],
            ))  # fmt: skip
            send_message.sync(client=client, body=Message(
                sender="AcmeShop", destination="447700900004", tag="orders",
                content="Your parcel is out for delivery today",
            ))  # fmt: skip
            send_message.sync(client=client, body=Message(
                sender="AcmeShop", destination="447700900001", tag="marketing",
                content="Spring sale: 20% off everything this weekend. Reply STOP to opt out.",
            ))  # fmt: skip
            emulator.advance(2)
            send_batch.sync(client=client, body=BatchMessage(
                sender="AcmeShop", destinations=["447700900200", "447700900201"], tag="reminders",
                content="Reminder: your appointment is tomorrow at 10:00.",
            ))  # fmt: skip
            send_otp.sync(client=client, body=OTP(destination="447700900300", sender="AcmeShop"))
            send_message.sync(client=client, body=Message(
                sender="AcmeShop", destination="447700900002",
                content="<script>alert('hi')</script> is shown as text",
            ))  # fmt: skip
        emulator.advance(1)
        inbound = emulator.control.post("/_emulator/inbound", json={
            "customer_id": customer, "from": "447700900123", "to": "447700900000",
            "content": "STOP",
        })  # fmt: skip
        assert inbound.status_code == 201, inbound.text
        wait_for(browser, lambda: len(hook.reports) >= 4, "the delivery reports never arrived")

        open_inbox(browser, emulator, f"&customer={customer}")
        wait_for(browser, lambda: len(rows(browser, "messages")) == 7, "not every message shown")
        first = browser.find_elements(By.CSS_SELECTOR, "#messages tr.message")[-1]
        first.click()
        wait_for(
            browser,
            lambda: browser.find_elements(By.CSS_SELECTOR, "#messages .attempts .badge"),
            "the opened message never showed its delivery reports",
        )

    path = ROOT / "reports" / "ui.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(path)), "the browser could not take a screenshot"
    assert Path(path).read_bytes().startswith(PNG_SIGNATURE)
