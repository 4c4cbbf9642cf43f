"""The schemathesis schema for a target, configured from the repository's schemathesis.toml.

The toml serves ``st run`` too, where the base URL and token come from the environment. Here the
target supplies both (an ASGI app has no URL; an emulator token is issued per run), so those two
keys are taken out before schemathesis resolves ``${...}`` placeholders, and an auth provider
registered on the schema signs every request.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import schemathesis
from schemathesis import BaseSchema

from contract_tests.settings import REPO_ROOT
from contract_tests.targets import Target
from smsworks_emulator.service.operations import CREDIT_SPENDING_OPERATIONS

SPEC_PATH = REPO_ROOT / "generated" / "openapi.yaml"
CONFIG_PATH = REPO_ROOT / "schemathesis.toml"
# Keys whose values the target provides when running under pytest.
_TARGET_KEYS = ("base-url", "auth")
FUZZ_CUSTOMER = "schemathesis-fuzz"
ST = Path(sys.executable).with_name("st")
"""The schemathesis CLI of this interpreter's environment."""
_FAILED_CHECK = re.compile(r"^\s*❌\s+(?P<check>.+?):\s+(?P<count>\d+)\s*$", re.MULTILINE)


def load_config(depth: int, reports_dir: Path) -> schemathesis.Config:
    data: dict[str, Any] = tomllib.loads(CONFIG_PATH.read_text(encoding="utf-8"))
    for key in _TARGET_KEYS:
        data.pop(key, None)
    data.setdefault("generation", {})["max-examples"] = depth
    reports = data.setdefault("reports", {})
    # Absolute paths, so reports land in the repository whatever directory pytest runs from.
    for name in ("junit", "vcr"):
        section = reports.setdefault(name, {})
        section["path"] = str(reports_dir / Path(section.get("path", f"schemathesis.{name}")).name)
    return schemathesis.Config.from_dict(data, base_dir=str(REPO_ROOT))


def cli_config(directory: Path, *, example_database: bool = True) -> Path:
    """The repository's toml for ``st``, written into ``directory`` with its reports and crash cache there.

    Without ``example_database``, Hypothesis keeps no example database for the run.
    """
    text = CONFIG_PATH.read_text(encoding="utf-8").replace('"reports/', f'"{directory}/')
    if not example_database:
        text = text.replace("[generation]\n", '[generation]\ndatabase = "none"\n', 1)
    config = directory / "schemathesis.toml"
    config.write_text(text, encoding="utf-8")
    return config


def st_command(*args: str, config: Path | None = None) -> list[str]:
    """``st`` with ``args``, reading ``config`` when given (run it from REPO_ROOT: the toml names
    its hooks module as ``contract_tests.st_hooks``)."""
    options = ["--config-file", str(config)] if config is not None else []
    return [str(ST), *options, *args]


def failed_checks(output: str) -> Counter[str]:
    """The failures ``st`` printed, counted by check (``ST202 Schema-valid request rejected``)."""
    failures: Counter[str] = Counter()
    for match in _FAILED_CHECK.finditer(output):
        failures[match["check"]] += int(match["count"])
    return failures


def schema_for(target: Target) -> BaseSchema:
    """The patched spec, bound to ``target`` and authenticated as one fuzzing customer."""
    config = load_config(target.settings.depth, target.settings.reports_dir)
    schema: BaseSchema = schemathesis.openapi.from_path(SPEC_PATH, config=config)
    if target.app is not None:
        schema.app = target.app
    else:
        schema.config.update(base_url=target.base_url)
    if target.settings.operations:
        schema = schema.include(operation_id=list(target.settings.operations))
    if target.name == "sandbox":
        schema = schema.exclude(operation_id=sorted(CREDIT_SPENDING_OPERATIONS))
    token = target.token(FUZZ_CUSTOMER)

    @schema.auth()
    class TargetToken:
        """The target's token for every generated request (``ignored_auth`` removes it to probe)."""

        def get(self, case: schemathesis.Case[Any], context: schemathesis.AuthContext) -> str:
            return token

        def set(
            self, case: schemathesis.Case[Any], data: str, context: schemathesis.AuthContext
        ) -> None:
            case.headers["Authorization"] = data

    return schema
