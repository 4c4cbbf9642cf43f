"""A skip reported with its own reason only.

Hypothesis adds a note naming the explicit example an exception was raised in ("Failing explicit
example: ..."). pytest prints an exception's notes with its message, so a budget skip inside an
``@example`` read as a failure in the skip summary, followed by an empty example.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    if call.excinfo is not None and call.excinfo.errisinstance(pytest.skip.Exception):
        vars(call.excinfo.value).pop("__notes__", None)
    yield
