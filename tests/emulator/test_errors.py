from __future__ import annotations

import pytest

from smsworks_emulator.rules.errors import CATALOGUE, ApiError, insufficient_credits, sample_error

from .conftest import Api


def test_every_error_body_is_an_extended_error_model() -> None:
    body = ApiError(404, "messageid: no message 'x'").body()
    assert body == {
        "message": "messageid: no message 'x'",
        "errorCode": 404,
        "status": "NOT_FOUND",
        "permanent": True,
    }


def test_insufficient_credits_reads_well() -> None:
    error = insufficient_credits(2.0, 1.5)
    assert error.http_status == 402
    assert error.message == "Insufficient credits: 2 needed, 1.5 available"


def test_sample_errors_cover_the_catalogue() -> None:
    for code in CATALOGUE:
        assert sample_error(str(code))["errorCode"] == code
    for bad in ("abc", "999"):
        with pytest.raises(ApiError, match=r"^errorcode:"):
            sample_error(bad)


def test_utils_errors_endpoint(api: Api) -> None:
    assert api.call("GET", "/utils/errors/402").json()["errorCode"] == 402
    assert api.call("GET", "/utils/errors/nope").status_code == 404
