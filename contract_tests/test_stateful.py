"""Sequences the overlay's links allow: send -> get -> delete, schedule -> cancel, batch -> get,
OTP send -> get, with ``use_after_free`` and ``ensure_resource_availability`` among the checks.
"""

from __future__ import annotations

import hypothesis
from schemathesis import BaseSchema

from contract_tests.settings import ContractSettings

# The links each chain must exist: a spec change that drops one should fail here, not go quiet.
EXPECTED_LINKS = {
    ("sendMessage", "getMessageById"),
    ("sendMessage", "deleteMessage"),
    ("scheduleMessage", "cancelScheduledJob"),
    ("sendBatch", "getBatchById"),
    ("scheduleBatch", "cancelScheduledBatchJob"),
    ("sendOtp", "getOtpById"),
}


def test_links_drive_the_state_machine(
    st_schema: BaseSchema, contract_settings: ContractSettings
) -> None:
    checks = st_schema.config.checks_config_for()
    assert checks.use_after_free.enabled
    assert checks.ensure_resource_availability.enabled
    machine = st_schema.as_state_machine()
    settings = hypothesis.settings(
        max_examples=contract_settings.depth,
        stateful_step_count=6,
        deadline=None,
        database=None,
        suppress_health_check=list(hypothesis.HealthCheck),
    )
    machine.run(settings=settings)
