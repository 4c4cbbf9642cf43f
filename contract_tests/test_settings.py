"""The suite's environment variables: defaults, and one clear error naming each wrong variable."""

from __future__ import annotations

import pytest

from contract_tests.settings import ContractSettingsError, read_settings

TOKEN = "JWT aaa.bbb.ccc"
SANDBOX = {"SMSWORKS_TARGET": "sandbox", "SMSWORKS_BASE_URL": "https://api.example/v1"}


def test_the_default_is_the_in_process_emulator() -> None:
    settings = read_settings({})
    assert settings.target == "emulator"
    assert settings.has_emulator_control
    assert settings.may_spend_credits


def test_contract_depth_sets_max_examples() -> None:
    assert read_settings({"CONTRACT_DEPTH": "500"}).depth == 500


def test_a_sandbox_without_permission_may_not_spend() -> None:
    settings = read_settings({**SANDBOX, "SMSWORKS_TOKEN": TOKEN.removeprefix("JWT ")})
    assert settings.token == TOKEN
    assert not settings.may_spend_credits
    assert not settings.has_emulator_control


def test_permission_normalises_the_destination() -> None:
    settings = read_settings(
        {
            **SANDBOX,
            "SMSWORKS_TOKEN": TOKEN,
            "SMSWORKS_ALLOW_SEND": "1",
            "SMSWORKS_TEST_DESTINATION": "07700 900123",
            "SMSWORKS_CREDIT_BUDGET": "2.5",
        }
    )
    assert settings.send is not None
    assert settings.send.destination == "447700900123"
    assert settings.send.credit_budget == 2.5
    assert settings.send.max_messages == 25


def test_max_messages_caps_the_texts_to_the_test_phone() -> None:
    env = {
        **SANDBOX,
        "SMSWORKS_TOKEN": TOKEN,
        "SMSWORKS_ALLOW_SEND": "1",
        "SMSWORKS_TEST_DESTINATION": "447700900123",
        "SMSWORKS_CREDIT_BUDGET": "25",
        "SMSWORKS_MAX_MESSAGES": "3",
    }
    settings = read_settings(env)
    assert settings.send is not None
    assert settings.send.max_messages == 3
    with pytest.raises(ContractSettingsError, match="SMSWORKS_MAX_MESSAGES"):
        read_settings({**env, "SMSWORKS_MAX_MESSAGES": "0"})


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"SMSWORKS_TARGET": "production"}, "SMSWORKS_TARGET"),
        ({"CONTRACT_DEPTH": "0"}, "CONTRACT_DEPTH"),
        ({"CONTRACT_DEPTH": "many"}, "CONTRACT_DEPTH"),
        ({"SMSWORKS_EMULATOR_FAULTS": "slow"}, "SMSWORKS_EMULATOR_FAULTS"),
        ({"SMSWORKS_TARGET": "sandbox"}, "SMSWORKS_BASE_URL"),
        ({**SANDBOX, "SMSWORKS_BASE_URL": "ftp://x"}, "SMSWORKS_BASE_URL"),
        (SANDBOX, "SMSWORKS_TOKEN"),
        ({**SANDBOX, "SMSWORKS_TOKEN": "JWT abc"}, "SMSWORKS_TOKEN"),
        ({**SANDBOX, "SMSWORKS_TOKEN": TOKEN, "SMSWORKS_ALLOW_SEND": "yes"}, "SMSWORKS_ALLOW_SEND"),
        (
            {
                **SANDBOX,
                "SMSWORKS_TOKEN": TOKEN,
                "SMSWORKS_ALLOW_SEND": "1",
                "SMSWORKS_TEST_DESTINATION": "call me",
            },
            "SMSWORKS_TEST_DESTINATION",
        ),
        (
            {
                **SANDBOX,
                "SMSWORKS_TOKEN": TOKEN,
                "SMSWORKS_ALLOW_SEND": "1",
                "SMSWORKS_TEST_DESTINATION": "447700900123",
                "SMSWORKS_CREDIT_BUDGET": "-1",
            },
            "SMSWORKS_CREDIT_BUDGET",
        ),
        ({**SANDBOX, "SMSWORKS_EMULATOR_FAULTS": "drop-field"}, "SMSWORKS_EMULATOR_FAULTS"),
    ],
)
def test_a_wrong_variable_is_named(env: dict[str, str], named: str) -> None:
    with pytest.raises(ContractSettingsError, match=named):
        read_settings(env)
