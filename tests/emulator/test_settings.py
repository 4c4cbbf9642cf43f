from __future__ import annotations

import pytest

from smsworks_emulator.settings import FAULTS, EmulatorSettings


def test_defaults_suit_a_developer_machine() -> None:
    settings = EmulatorSettings()
    assert settings.db_path == "smsworks-emulator.sqlite3"
    assert settings.clock == "real"
    assert settings.initial_credits == 100.0
    assert settings.delivery_delay_seconds == 2.0
    assert settings.faults == frozenset()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("clock", "sundial"),
        ("initial_credits", -1.0),
        ("delivery_delay_seconds", float("nan")),
        ("webhook_max_attempts", 0),
        ("secret", ""),
        ("faults", frozenset({"explode"})),
    ],
)
def test_bad_values_are_refused_naming_the_field(field: str, value: object) -> None:
    with pytest.raises(ValueError, match=f"^{field}:"):
        EmulatorSettings(**{field: value})  # type: ignore[arg-type]


def test_every_fault_is_documented() -> None:
    assert set(FAULTS) == {
        "ignore-auth",
        "wrong-status",
        "drop-field",
        "undercharge-multipart",
        "ucs2-part-70",
        "partial-batch",
        "no-refund",
        "no-webhook-retry",
        "accept-expired-token",
        "ignore-skip",
        "quote-off-table",
    }
    assert all(FAULTS.values())
