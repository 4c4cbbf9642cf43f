from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from smsworks_emulator.drift import DriftChecker

SPEC_PATH = Path(__file__).resolve().parents[2] / "generated" / "openapi.yaml"


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    return document


@pytest.fixture(scope="session")
def checker(spec: dict[str, Any]) -> DriftChecker:
    return DriftChecker(spec)
