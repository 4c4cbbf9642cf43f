"""Hypothesis settings shared by the client properties."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

from contract_tests.targets import Target


def property_settings(target: Target) -> settings:
    """``max_examples`` follows CONTRACT_DEPTH; no deadline (a real service has latency)."""
    return settings(
        max_examples=target.settings.depth,
        deadline=None,
        # Examples share the session's target on purpose: state lives in the service.
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def send_destination(target: Target, drawn: str) -> str:
    """``drawn``, except against the real service, where only the permitted number is texted."""
    return target.settings.send.destination if target.settings.send else drawn
