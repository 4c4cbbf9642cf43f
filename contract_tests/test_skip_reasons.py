"""A test the budget skips inside one of hypothesis's explicit examples says why, and only why."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

SKIPPED_IN_AN_EXPLICIT_EXAMPLE = """
import pytest
from hypothesis import example, given, strategies as st

@given(st.text())
@example("")
def test_sends(content):
    pytest.skip("credit budget reached")
"""


def test_a_skip_in_an_explicit_example_reports_its_reason_alone(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(SKIPPED_IN_AN_EXPLICIT_EXAMPLE)
    result = pytester.runpytest(
        "-p", "contract_tests.skip_reasons", "-rs", "-p", "no:cacheprovider"
    )
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(["SKIPPED *credit budget reached"])
    assert "explicit example" not in result.stdout.str()


def test_without_the_hook_hypothesis_notes_the_example_in_the_reason(
    pytester: pytest.Pytester,
) -> None:
    # What the hook is for: the same run without it shows the note, so the test above can fail.
    pytester.makepyfile(SKIPPED_IN_AN_EXPLICIT_EXAMPLE)
    result = pytester.runpytest("-rs", "-p", "no:cacheprovider")
    result.assert_outcomes(skipped=1)
    assert "explicit example" in result.stdout.str()
