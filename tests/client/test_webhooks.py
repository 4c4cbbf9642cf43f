"""The emulator's real delivery reports, received by the Starlette receiver docs/client.md shows."""

from __future__ import annotations

import json
import time

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

import smsworks
from smsworks.models import MessageResponse
from smsworks.webhooks import parse_delivery_report
from smsworks_emulator import EmulatorSettings
from smsworks_emulator.testing import served

from .loopback import serve


def test_every_delivery_report_parses() -> None:
    reports: list[MessageResponse] = []

    async def delivery_report(request: Request) -> Response:  # the receiver of docs/client.md
        try:
            report = parse_delivery_report(await request.body())
        except ValueError as error:
            return Response(str(error), status_code=400)
        reports.append(report)
        return Response(status_code=204)

    receiver = Starlette(routes=[Route("/sms/delivery", delivery_report, methods=["POST"])])
    settings = EmulatorSettings(db_path=":memory:", clock="controlled")
    with serve(receiver) as origin, served(settings) as emulator:
        client = smsworks.SMSWorks(emulator.token("hooks"), base_url=emulator.base_url)
        with client:
            url = origin + "/sms/delivery"
            delivered = client.send_message(
                sender="Acme", destination="447777777777", content="a", deliveryreporturl=url
            )
            failed = client.send_message(
                sender="Acme", destination="447700900001", content="b", deliveryreporturl=url
            )
            emulator.advance(10)
            deadline = time.monotonic() + 10
            while len(reports) < 2:
                assert time.monotonic() < deadline, f"only {len(reports)} of 2 reports arrived"
                time.sleep(0.05)
    outcomes = {report.messageid: report.status for report in reports}
    assert outcomes == {delivered.messageid: "DELIVERED", failed.messageid: "UNDELIVERABLE"}
    assert len(reports) == 2


def test_a_sparse_report_with_a_numeric_id_is_read() -> None:
    report = parse_delivery_report(
        b'{"messageid": 612661318, "status": "DELIVERED", "statuscode": 0}'
    )
    assert (report.messageid, report.status) == ("612661318", "DELIVERED")
    assert report.additional_properties == {"statuscode": 0}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b"not json", "not JSON"),
        (b"[1, 2]", "JSON object"),
        (json.dumps({"status": "DELIVERED"}), "messageid: is required"),
        ({"messageid": "1", "status": ["SENT"]}, "status: must be text"),
    ],
)
def test_what_is_not_a_delivery_report_is_refused_by_name(body: object, field: str) -> None:
    with pytest.raises(ValueError, match=field):
        parse_delivery_report(body)  # type: ignore[arg-type]
