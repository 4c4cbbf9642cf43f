"""No whole phone number survives redaction, in any written form, in any place a request carries one.

The forms and places are spelt out here; the check is only that the number's national digits
(all but the last two kept) appear nowhere in what is recorded.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from hypothesis import given, settings
from hypothesis import strategies as st

from smsworks_emulator.proxy.redaction import Redactor

from ..emulator.conftest import Api, make_settings

nationals = st.from_regex(r"7[0-9]{9}", fullmatch=True)
FORMS = (
    lambda n: "+44" + n,
    lambda n: "44" + n,
    lambda n: "0" + n,
    lambda n: "0044" + n,
    lambda n: quote("+44" + n, safe=""),  # %2B44…
    lambda n: "+44 " + n[:4] + " " + n[4:],
)
PLACES = (
    lambda v: f"/v1/messages/{v}",
    lambda v: f"/v1/messages?destination={v}&limit=1",
    lambda v: f"JWT abc; X-Number: {v}",
    lambda v: f"destination: {v!r} is not a possible phone number",
    lambda v: f"number {v}.",
    lambda v: json.dumps({"note": f"call {v} now"}),
)


def _whole(national: str) -> str:
    return national[:-2]


@settings(max_examples=200, deadline=None)
@given(national=nationals, form=st.sampled_from(FORMS), place=st.sampled_from(PLACES))
def test_the_proxy_keeps_no_whole_number_in_text(national: str, form, place) -> None:  # type: ignore[no-untyped-def]
    recorded = Redactor().text(place(form(national)))
    assert _whole(national) not in recorded, recorded


@settings(max_examples=100, deadline=None)
@given(
    national=nationals,
    form=st.sampled_from(FORMS),
    key=st.sampled_from(["destination", "sender", "from", "to", "note"]),
)
def test_the_proxy_keeps_no_whole_number_in_a_body(national: str, form, key: str) -> None:  # type: ignore[no-untyped-def]
    body = json.dumps({key: form(national), "destinations": [form(national)]}).encode()
    recorded = json.dumps(Redactor().body(body, "application/json"), ensure_ascii=False)
    assert _whole(national) not in recorded, recorded


@settings(max_examples=25, deadline=None)
@given(national=nationals, form=st.sampled_from(FORMS[:2]))
def test_the_journal_keeps_no_whole_number(national: str, form) -> None:  # type: ignore[no-untyped-def]
    api = Api(make_settings())
    try:
        number = form(national)
        api.send(destination=number, sender="0" + national)
        api.call("GET", "/messages/" + quote(number, safe=""))
        api.call("POST", "/messages", body={"destination": number, "sender": "0044" + national})
        api.send(destination="not " + number)
        entries = api.http.get("/_emulator/requests").json()
        assert entries
        recorded = json.dumps(entries, ensure_ascii=False)
        assert _whole(national) not in recorded, recorded
    finally:
        api.close()
