"""The schemathesis schema for a target, configured from the repository's schemathesis.toml.

The toml serves ``st run`` too, where the base URL and token come from the environment. Here the
target supplies both (an ASGI app has no URL; an emulator token is issued per run), so those two
keys are taken out before schemathesis resolves ``${...}`` placeholders, and an auth provider
registered on the schema signs every request.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import schemathesis
from schemathesis import BaseSchema

from contract_tests.targets import Target
from smsworks_emulator.service.operations import CREDIT_SPENDING_OPERATIONS

REPO_ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = REPO_ROOT / "generated" / "openapi.yaml"
CONFIG_PATH = REPO_ROOT / "schemathesis.toml"
# Keys whose values the target provides when running under pytest.
_TARGET_KEYS = ("base-url", "auth")
FUZZ_CUSTOMER = "schemathesis-fuzz"


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
