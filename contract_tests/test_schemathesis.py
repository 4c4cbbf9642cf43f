"""Every operation of the patched spec, through schemathesis' examples, coverage and fuzzing phases.

Positive and negative data; every check of schemathesis.toml (all of them). Auth comes from the
provider registered on the schema (contract_tests/st_config.py), not from this test.
"""

from __future__ import annotations

from typing import Any

import schemathesis

schema = schemathesis.pytest.from_fixture("st_schema")


@schema.parametrize()
def test_operation_honours_the_spec(case: schemathesis.Case[Any]) -> None:
    case.call_and_validate()
