"""The price table: what ``GET /credits/{countrycode}`` quotes is what a send to that country is charged."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from typing import Any

import phonenumbers
import pytest

from smsworks.segments import estimate
from smsworks_emulator.cli import main
from smsworks_emulator.rules.prices import PriceError, PriceTable
from smsworks_emulator.rules.segments import NON_UK_MULTIPLIER, segment_text
from tests.emulator.conftest import Api, make_settings

PRICES = {"FR": 1.5, "CA": 0.5, "AX": 3.0, "DE": 0.0}
"""Canada shares +1 with the United States, the Åland Islands +358 with Finland."""
SECRET = "prices-test-secret-long-enough-for-hs256"


@pytest.fixture
def priced() -> Iterator[Api]:
    api = Api(make_settings(country_prices=PRICES, initial_credits=100_000.0))
    yield api
    api.close()


def _quote(api: Api, code: str) -> dict[str, Any]:
    response = api.call("GET", f"/credits/{code}")
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def _charged(response: Any) -> float:
    assert response.status_code == 201, response.text
    used: float = response.json()["creditsUsed"]
    return used


def test_the_uk_costs_one_credit_and_every_other_country_the_price_abroad(api: Api) -> None:
    assert _quote(api, "GB") == {"code": "GB", "country": "United Kingdom", "credits": 1.0}
    assert _quote(api, "FR") == {"code": "FR", "country": "France", "credits": NON_UK_MULTIPLIER}
    # The Crown dependencies share the UK's +44 numbering plan, and its price (names as
    # phonenumbers has them, from java.util.Locale: "Isle Of Man").
    for code, name in (("JE", "Jersey"), ("GG", "Guernsey"), ("IM", "Isle Of Man")):
        assert _quote(api, code) == {"code": code, "country": name, "credits": 1.0}


def test_configured_countries_cost_their_price(priced: Api) -> None:
    assert _quote(priced, "FR")["credits"] == 1.5
    assert _quote(priced, "CA") == {"code": "CA", "country": "Canada", "credits": 0.5}
    assert _quote(priced, "US")["credits"] == NON_UK_MULTIPLIER
    assert _quote(priced, "DE")["credits"] == 0.0
    assert _quote(priced, "GB")["credits"] == 1.0


def test_every_countrys_quote_is_what_one_part_to_its_example_number_costs(priced: Api) -> None:
    """Each region phonenumbers knows, through the send path: quote and charge agree everywhere."""
    checked = 0
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        example = phonenumbers.example_number(region)
        if example is None:
            continue
        destination = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
        quote = _quote(priced, region)
        assert quote["code"] == region
        sent = priced.send(destination=destination, content="hi")
        assert _charged(sent) == quote["credits"], (region, destination)
        checked += 1
    assert checked > 200


def test_several_parts_cost_the_quote_times_the_parts(priced: Api) -> None:
    content = "a" * 161  # two GSM-7 parts
    assert segment_text(content).parts == 2
    assert _charged(priced.send(destination="33612345678", content=content)) == 3.0
    assert _charged(priced.send(destination="447777777777", content=content)) == 2.0


def test_the_clients_estimate_with_a_quote_is_the_charge(priced: Api) -> None:
    for country, destination in (
        ("FR", "+33612345678"),
        ("CA", "+14165550123"),
        ("GB", "447777777777"),
    ):
        quote = _quote(priced, country)["credits"]
        for content in ("hi", "a" * 161, "ж" * 71):
            expected = estimate(content, destination, non_uk_multiplier=quote).credits
            assert _charged(priced.send(destination=destination, content=content)) == expected


def test_batches_schedules_and_otps_are_charged_by_the_same_table(priced: Api) -> None:
    numbers = ["33612345678", "14165550123", "12025550123", "447797712345"]
    expected = [1.5, 0.5, NON_UK_MULTIPLIER, 1.0]
    batch = priced.call("POST", "/batch/send", body={"sender": "Acme", "destinations": numbers,
                                                     "content": "hi"})  # fmt: skip
    assert batch.status_code == 201, batch.text
    records = priced.call("GET", f"/batch/{batch.json()['batchid']}").json()
    assert {r["destination"]: r["credits"] for r in records} == dict(
        zip(numbers, expected, strict=True)
    )

    messages = [{"sender": "Acme", "destination": n, "content": "hi"} for n in numbers]
    before = priced.balance()
    assert priced.call("POST", "/batch/any", body=messages).status_code == 201
    assert priced.balance() == before - sum(expected)

    before = priced.balance()
    scheduled = priced.call("POST", "/message/schedule", body={
        "sender": "Acme", "destination": "358181234567", "content": "hi",
        "schedule": "2099-01-01T00:00:00Z"})  # fmt: skip
    assert scheduled.status_code == 200, scheduled.text
    assert priced.balance() == before - 3.0  # the Åland Islands, not Finland

    otp = priced.call("POST", "/otp/send", body={"destination": "14165550123"})
    assert _charged(otp) == 0.5


@pytest.mark.parametrize("code", ["gb", "GBR", "G", "G1", "É1", "%20%20"])
def test_a_malformed_country_code_is_400_naming_the_parameter(api: Api, code: str) -> None:
    response = api.call("GET", f"/credits/{code}")
    assert response.status_code == 400, response.text
    assert response.json()["message"].startswith("countrycode: ")


@pytest.mark.parametrize("code", ["ZZ", "AQ", "XX"])
def test_a_code_of_no_country_with_numbers_is_404(api: Api, code: str) -> None:
    response = api.call("GET", f"/credits/{code}")
    assert response.status_code == 404, response.text
    body = response.json()
    assert (
        body["message"] == f"countrycode: {code!r} is the code of no country the service sends to"
    )


def test_a_region_without_a_name_is_quoted_without_one(api: Api) -> None:
    """Kosovo (XK) has numbers (+383) but no ISO 3166-1 code, so no name in the table."""
    assert _quote(api, "XK") == {"code": "XK", "credits": NON_UK_MULTIPLIER}


def test_the_balance_path_is_not_a_country(api: Api) -> None:
    assert api.call("GET", "/credits/balance").json() == {"credits": 100.0}


def test_a_quote_needs_a_token(api: Api) -> None:
    response = api.http.get("/v1/credits/GB")
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("countries", "problem"),
    [
        ({"GB": 2.0}, "GB: its numbers are UK numbers"),
        ({"JE": 2.0}, "JE: its numbers are UK numbers"),
        ({"fr": 1.0}, "'fr': not the ISO 3166-1 code"),
        ({"ZZ": 1.0}, "'ZZ': not the ISO 3166-1 code"),
        ({"FR": -1.0}, "country FR: must be a finite number of credits >= 0"),
        ({"FR": float("nan")}, "country FR: must be a finite number"),
        ({"FR": True}, "country FR: must be a finite number"),
    ],
)
def test_a_table_that_cannot_be_is_refused(countries: dict[str, float], problem: str) -> None:
    with pytest.raises(PriceError, match=problem):
        PriceTable(countries=countries)
    with pytest.raises(ValueError, match=f"country_prices: .*{problem}"):
        make_settings(country_prices=countries)


def test_the_price_abroad_is_the_non_uk_multiplier() -> None:
    table = make_settings(non_uk_multiplier=3.0, country_prices={"FR": 1.0}).prices
    assert table.per_part("DE") == 3.0
    assert table.per_part("FR") == 1.0
    assert table.per_part("ZZ") is None
    # A number of no country (a non-geographic calling code) costs the price abroad.
    assert table.credits(segment_text("hi"), "80012345678") == 3.0


def test_serve_price_options_set_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--db", ":memory:", "--price", "GB=2"]) == 2
    assert "GB: its numbers are UK numbers" in capsys.readouterr().err
    assert main(["serve", "--db", ":memory:", "--price", "FR"]) == 2
    assert "expected COUNTRY=CREDITS" in capsys.readouterr().err
    assert main(["serve", "--db", ":memory:", "--price", "FR=1", "--price", "FR=2"]) == 2
    assert "FR is given twice" in capsys.readouterr().err

    process = subprocess.Popen(
        [sys.executable, "-m", "smsworks_emulator", "serve", "--port", "0", "--db", ":memory:",
         "--secret", SECRET, "--log-level", "warning", "--price", "FR=1.25", "--price-abroad", "4"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert "listening on http://127.0.0.1:" in line, line
        base = line.split()[3]
        token = subprocess.run(
            [sys.executable, "-m", "smsworks_emulator", "token", "--secret", SECRET],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        quotes = {}
        for code in ("FR", "DE", "GB"):
            request = urllib.request.Request(
                f"{base}/credits/{code}", headers={"Authorization": token}
            )
            with urllib.request.urlopen(request, timeout=10) as response:
                quotes[code] = json.load(response)["credits"]
        assert quotes == {"FR": 1.25, "DE": 4.0, "GB": 1.0}
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=15)
    assert process.returncode == 0, err
