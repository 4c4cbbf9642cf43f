"""``smsworks.__version__`` and ``smsworks.SPEC_VERSION`` say which client and which spec a user has."""

from __future__ import annotations

import tomllib
from pathlib import Path

import smsworks
from smsworks_pipeline.loading import load_document
from smsworks_pipeline.overlay import overlay_paths
from smsworks_pipeline.versions import overlays_id, spec_version

ROOT = Path(__file__).resolve().parents[2]


def test_the_client_version_is_its_distributions() -> None:
    project = tomllib.loads((ROOT / "generated" / "client" / "pyproject.toml").read_text())
    assert smsworks.__version__ == project["project"]["version"]


def test_spec_version_names_the_upstream_and_the_overlays_applied() -> None:
    upstream = load_document(ROOT / "openapi.yaml")
    generated_from = smsworks.SPEC_VERSION
    assert generated_from == spec_version(upstream, overlay_paths(ROOT / "overlays"))
    assert smsworks.SPEC_VERSION.startswith(f"{upstream['info']['version']}+overlays.")


def test_any_change_to_an_overlay_changes_the_identifier(tmp_path: Path) -> None:
    first, second = tmp_path / "10-a.yaml", tmp_path / "20-b.yaml"
    first.write_text("overlay: 1.0.0\n")
    second.write_text("overlay: 1.0.0\n")
    before = overlays_id([first, second])
    second.write_text("overlay: 1.0.0\n# one more action\n")
    assert overlays_id([first, second]) != before
    assert overlays_id([first]) != overlays_id([first, second])
