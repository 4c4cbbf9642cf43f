"""The spec a client was generated from, as one string: the upstream's version and the overlays applied to it."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from smsworks_pipeline.loading import JSONValue

SPEC_VERSION_NAME = "_spec_version.py"
"""The module of the client package holding ``SPEC_VERSION`` (``smsworks.SPEC_VERSION`` re-exports it)."""


def overlays_id(paths: Sequence[Path]) -> str:
    """12 hex digits of a SHA-256 over each overlay file's name and bytes, in the order they are applied."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def spec_version(upstream: JSONValue, overlay_files: Sequence[Path]) -> str:
    """``1.10.0+overlays.<id>``: a PEP 440 local version, so two builds from different overlays never share one."""
    version = (
        str(upstream.get("info", {}).get("version", "0")) if isinstance(upstream, dict) else "0"
    )
    return f"{version}+overlays.{overlays_id(overlay_files)}"


def spec_version_module(version: str, header: str) -> str:
    return (
        '"""The spec this client was generated from: the upstream\'s ``info.version`` and the overlays applied."""\n\n'
        + header
        + f'SPEC_VERSION = "{version}"\n'
        + '"""``<upstream info.version>+overlays.<12 hex digits of the overlay files\' SHA-256>``."""\n'
    )
