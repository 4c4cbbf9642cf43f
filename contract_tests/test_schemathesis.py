"""Every operation of the patched spec, through schemathesis' examples, coverage and fuzzing phases.

Positive and negative data; every check of schemathesis.toml (all of them). Auth comes from the
provider registered on the schema (contract_tests/st_config.py), not from this test.
"""

from __future__ import annotations

from typing import Any

import schemathesis

from contract_tests.settings import read_settings
from contract_tests.st_config import schema_for
from contract_tests.targets import shared_target

# Built while collecting, so that every operation is a test of its own in the JUnit report.
# (schemathesis' lazy `from_fixture` loader also breaks on pytest 9, which renamed Node._nodeid.)
schema = schema_for(shared_target(read_settings()))


@schema.parametrize()
def test_operation_honours_the_spec(case: schemathesis.Case[Any]) -> None:
    case.call_and_validate()
