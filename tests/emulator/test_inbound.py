from __future__ import annotations

import pytest

from .conftest import Api


def test_inbound_lands_unread_with_its_keyword(api: Api) -> None:
    response = api.http.post(
        "/_emulator/inbound", json={"customer_id": "carol", "from": "447777777777", "to": "447860000000",
                                    "content": "  stop please"},
    )  # fmt: skip
    assert response.status_code == 201
    message = response.json()
    assert message["keyword"] == "STOP"
    assert message["customerid"] == "carol"
    assert api.message(message["messageid"], "carol")["status"] == "INCOMING"
    assert api.call("GET", f"/messages/{message['messageid']}", "alice").status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"from": "447777777777", "to": "447860000000", "content": "x"}, "customer_id"),
        ({"customer_id": "c", "from": "nope", "to": "447860000000", "content": "x"}, "from"),
        (
            {"customer_id": "c", "from": "447777777777", "to": "447860000000", "content": ""},
            "content",
        ),
    ],
)
def test_bad_injections_are_400_naming_the_field(
    api: Api, body: dict[str, str], field: str
) -> None:
    response = api.http.post("/_emulator/inbound", json=body)
    assert response.status_code == 400
    assert response.json()["message"].startswith(f"{field}:")
