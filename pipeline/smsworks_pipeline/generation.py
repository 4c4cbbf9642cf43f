"""``make generate`` and ``make check-generated``: the patched spec and the client project, deterministically."""

from __future__ import annotations

import filecmp
import keyword
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import openapi_python_client
import yaml
from openapi_python_client.strings import RESERVED_WORDS

from smsworks_pipeline.loading import JSONValue, dump_document
from smsworks_pipeline.overlay import apply_overlays, load_overlay, overlay_paths
from smsworks_pipeline.reader import SHAPES_NAME, reader_view, shapes_module
from smsworks_pipeline.upstream import load_upstream
from smsworks_pipeline.versions import SPEC_VERSION_NAME, spec_version, spec_version_module

PATCHED_SPEC_NAME = "openapi.yaml"
CLIENT_DIR_NAME = "client"
# Generated modules a hand-written frontdoor/ module replaces: the generator's errors.py holds only
# UnexpectedStatus, which frontdoor/errors.py keeps beside the front door's exception hierarchy.
REPLACEABLE = frozenset({"errors.py"})
LICENSE_NAME = "LICENSE"
PACKAGED_SPEC = Path("emulator") / "smsworks_emulator" / PATCHED_SPEC_NAME
"""The emulator's copy of the patched spec: package data of its wheel and sdist, kept current here."""
_HEADER = "# Written by `make generate` from openapi.yaml and overlays/*.yaml. Do not edit: change an overlay.\n"
SPEC_LIMITS_NAME = "_spec_limits.py"
"""A module of the client package holding the patched spec's limits that hand-written code needs."""


@dataclass(frozen=True)
class Project:
    """Where the pipeline's inputs live."""

    root: Path
    upstream: Path | None = None
    """Another vendor document to build from instead of ``openapi.yaml`` (``make generate UPSTREAM=path``)."""

    @property
    def spec(self) -> Path:
        return self.upstream or self.root / "openapi.yaml"

    @property
    def overlays(self) -> Path:
        return self.root / "overlays"

    @property
    def generator_config(self) -> Path:
        return self.root / "generator-config.yaml"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def front_door(self) -> Path:
        """Hand-written modules of the client package, placed into it by every generation."""
        return self.root / "frontdoor"

    def package_name(self) -> str:
        config = yaml.safe_load(self.generator_config.read_text(encoding="utf-8"))
        name = config.get("package_name_override") if isinstance(config, dict) else None
        if not isinstance(name, str) or not name.isidentifier():
            raise ValueError(
                f"{self.generator_config}: package_name_override: must name the package"
            )
        return name

    @property
    def license(self) -> Path:
        return self.root / LICENSE_NAME

    @property
    def packaged_spec(self) -> Path:
        return self.root / PACKAGED_SPEC


def patched_spec(project: Project) -> JSONValue:
    """The upstream spec with every overlay applied."""
    overlays = [load_overlay(path) for path in overlay_paths(project.overlays)]
    return apply_overlays(load_upstream(project.spec), overlays)


def patched_spec_text(project: Project) -> str:
    """The upstream spec with every overlay applied, as YAML text."""
    return _spec_text(patched_spec(project))


def _spec_text(document: JSONValue) -> str:
    return _HEADER + dump_document(document)


def generate(project: Project, out: Path) -> None:
    """Write ``out/openapi.yaml`` and the client project ``out/client``."""
    out.mkdir(parents=True, exist_ok=True)
    spec_path = out / PATCHED_SPEC_NAME
    document = patched_spec(project)
    spec_path.write_text(_spec_text(document), encoding="utf-8")
    client_dir = out / CLIENT_DIR_NAME
    # Generate beside, then swap, so an editable install of the old client never sees a half-written tree.
    with tempfile.TemporaryDirectory(dir=out) as scratch:
        fresh = Path(scratch) / CLIENT_DIR_NAME
        # The client is generated from the reader view (liberal in what it reads); the contract stays spec_path.
        reader_path = Path(scratch) / PATCHED_SPEC_NAME
        reader_path.write_text(_spec_text(reader_view(document)), encoding="utf-8")
        _run_generator(project, reader_path, fresh)
        place_front_door(project, fresh / project.package_name())
        write_spec_limits(document, fresh / project.package_name())
        version = spec_version(load_upstream(project.spec), overlay_paths(project.overlays))
        (fresh / project.package_name() / SPEC_VERSION_NAME).write_text(
            spec_version_module(version, _HEADER), encoding="utf-8"
        )
        (fresh / project.package_name() / SHAPES_NAME).write_text(
            shapes_module(document, _HEADER), encoding="utf-8"
        )
        shutil.rmtree(fresh / ".ruff_cache", ignore_errors=True)
        # The client's distribution carries the repository's licence (its metadata names the file).
        shutil.copyfile(project.license, fresh / LICENSE_NAME)
        if client_dir.exists():
            shutil.rmtree(client_dir)
        fresh.rename(client_dir)


def place_front_door(project: Project, package_dir: Path) -> None:
    """Copy the hand-written ``frontdoor/*.py`` (and ``py.typed`` is already there) into the package.

    A hand-written module may take the place of one the generator writes from its built-in
    templates (``errors.py``); it may not replace one rendered from ``templates/`` or an API module.
    """
    if not project.front_door.is_dir():
        return
    for source in sorted(project.front_door.glob("*.py")):
        target = package_dir / source.name
        if target.exists() and source.name not in REPLACEABLE:
            raise RuntimeError(f"frontdoor/{source.name} would overwrite a generated module")
        shutil.copyfile(source, target)


def write_spec_limits(document: JSONValue, package_dir: Path) -> None:
    """Write the patched spec's limits that the front door checks offline, so the overlay stays their one copy."""
    content = document["components"]["schemas"]["Message"]["properties"]["content"]
    text = (
        '"""Limits the patched spec states, for the front door\'s offline checks."""\n\n'
        + _HEADER
        + f"MAX_CONTENT_CHARACTERS = {int(content['maxLength'])}\n"
        + '"""``Message.content``\'s ``maxLength``: the service\'s cap, in characters."""\n'
    )
    (package_dir / SPEC_LIMITS_NAME).write_text(text, encoding="utf-8")


def copy_packaged_spec(project: Project, out: Path) -> Path:
    """Copy ``out/openapi.yaml`` to the emulator package, where its wheel and sdist find it."""
    shutil.copyfile(out / PATCHED_SPEC_NAME, project.packaged_spec)
    return project.packaged_spec


STOCK_TEMPLATES = ("model.py.jinja", "endpoint_module.py.jinja", "types.py.jinja")
"""The generator's templates that ours extend, seen by ours as ``stock/<name>``."""


def template_dir(project: Project, scratch: Path) -> Path:
    """``templates/`` plus ``stock/``: the installed generator's templates ours include, and Python's keywords.

    Jinja cannot name the template a custom one replaces, so the stock one is placed beside it under
    another name, read from the pinned generator at generation time rather than kept in the repository.
    """
    stock_source = Path(openapi_python_client.__file__).parent / "templates"
    assembled = scratch / "templates"
    shutil.copytree(project.templates, assembled)
    (assembled / "stock").mkdir()
    for name in STOCK_TEMPLATES:
        shutil.copyfile(stock_source / name, assembled / "stock" / name)
    # The names the generator suffixes with "_" that can be an attribute again: a builtin's, never a keyword.
    aliasable = sorted(RESERVED_WORDS - set(keyword.kwlist) - {"self"})
    (assembled / "stock" / "python.jinja").write_text(
        "{% set aliasable = " + repr(aliasable) + " %}\n", encoding="utf-8"
    )
    return assembled


def _run_generator(project: Project, spec_path: Path, output: Path) -> None:
    bin_dir = Path(sys.executable).parent
    command = [
        str(bin_dir / "openapi-python-client"),
        "generate",
        "--path",
        str(spec_path),
        "--config",
        str(project.generator_config),
        "--custom-template-path",
        str(template_dir(project, output.parent)),
        "--meta",
        "pdm",
        "--output-path",
        str(output),
        "--fail-on-warning",
    ]
    # The generator's post hooks call `ruff`; make sure it is the pinned one from this virtualenv.
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"openapi-python-client failed:\n{result.stdout}\n{result.stderr}")


def differences(expected: Path, actual: Path) -> list[str]:
    """Paths (relative to the trees) whose content differs, or that exist in only one tree."""
    found: list[str] = []

    def walk(comparison: filecmp.dircmp[str], prefix: str) -> None:
        for name in comparison.left_only:
            found.append(f"only in {expected.name}: {prefix}{name}")
        for name in comparison.right_only:
            found.append(f"only in the fresh generation: {prefix}{name}")
        _, mismatch, errors = filecmp.cmpfiles(
            comparison.left, comparison.right, comparison.common_files, shallow=False
        )
        found.extend(f"differs: {prefix}{name}" for name in [*mismatch, *errors])
        for name, sub in comparison.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    # Caches and the editable install's build directory are not part of the generated tree.
    ignored = [".ruff_cache", "__pycache__", ".mypy_cache", ".pytest_cache", ".pdm-build"]
    walk(filecmp.dircmp(expected, actual, ignore=ignored), "")
    return sorted(found)


def check(project: Project, committed: Path) -> list[str]:
    """Regenerate into a scratch directory and list how ``committed`` (and the emulator's copy
    of the patched spec) differ from it."""
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch) / committed.name
        generate(project, fresh)
        found = differences(committed, fresh)
        packaged = project.packaged_spec
        if packaged.is_symlink() or not packaged.is_file():
            found.append(f"not a file: {PACKAGED_SPEC}")
        elif not filecmp.cmp(packaged, fresh / PATCHED_SPEC_NAME, shallow=False):
            found.append(f"differs: {PACKAGED_SPEC}")
        return found
