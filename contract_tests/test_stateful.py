"""Sequences the overlay's links allow: send -> get -> delete, schedule -> cancel, batch -> get,
OTP send -> get, with ``use_after_free`` and ``ensure_resource_availability`` among the checks.
"""

from __future__ import annotations

import hypothesis
import pytest
from schemathesis import BaseSchema

from contract_tests.targets import Target

# The chains the issue names; a spec change that drops a link fails here instead of going quiet.
EXPECTED_LINKS = {
    ("sendMessage", "getMessageById"),
    ("sendMessage", "deleteMessage"),
    ("scheduleMessage", "cancelScheduledJob"),
    ("sendBatch", "getBatchById"),
    ("sendAnyBatch", "getBatchById"),
    ("scheduleBatch", "cancelScheduledBatchJob"),
    ("sendOtp", "getOtpById"),
}
STEPS_PER_SCENARIO = 6


def _declared_links(schema: BaseSchema) -> set[tuple[str, str]]:
    links = set()
    for methods in schema.raw_schema["paths"].values():
        for operation in methods.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for response in operation["responses"].values():
                for link in response.get("links", {}).values():
                    links.add((operation["operationId"], link["operationId"]))
    return links


def test_the_spec_links_every_chain(st_schema: BaseSchema) -> None:
    assert _declared_links(st_schema) >= EXPECTED_LINKS


def test_links_drive_the_state_machine(st_schema: BaseSchema, target: Target) -> None:
    if target.name == "sandbox":
        pytest.skip("every link starts at an operation that costs credits (a send)")
    checks = st_schema.config.checks_config_for()
    assert checks.use_after_free.enabled
    assert checks.ensure_resource_availability.enabled
    settings = hypothesis.settings(
        max_examples=target.settings.depth,
        stateful_step_count=STEPS_PER_SCENARIO,
        deadline=None,
        database=None,
        suppress_health_check=list(hypothesis.HealthCheck),
    )
    st_schema.as_state_machine().run(settings=settings)
