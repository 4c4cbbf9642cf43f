"""Command line: ``python -m smsworks_pipeline generate|check|apply``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from smsworks_pipeline.generation import (
    Project,
    check,
    copy_packaged_spec,
    generate,
    patched_spec_text,
)
from smsworks_pipeline.overlay import OverlayError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="smsworks-overlay",
        description="Apply overlays to openapi.yaml and generate the smsworks client.",
    )
    parser.add_argument(
        "--root", type=Path, default=Path.cwd(), help="project root (default: current dir)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    generate_cmd = commands.add_parser(
        "generate",
        help="write OUT/openapi.yaml, the client project OUT/client and the emulator's copy of the spec",
    )
    generate_cmd.add_argument("--out", type=Path, default=Path("generated"))
    check_cmd = commands.add_parser("check", help="fail when OUT differs from a fresh generation")
    check_cmd.add_argument("--out", type=Path, default=Path("generated"))
    commands.add_parser("apply", help="print the patched spec to standard output")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    project = Project(args.root.resolve())
    try:
        if args.command == "apply":
            sys.stdout.write(patched_spec_text(project))
        elif args.command == "generate":
            generate(project, args.out)
            packaged = copy_packaged_spec(project, args.out)
            print(f"wrote {args.out / 'openapi.yaml'}, {args.out / 'client'} and {packaged}")
        else:
            problems = check(project, args.out)
            if problems:
                print(f"{args.out} is stale: run `make generate` and commit the result.")
                print("\n".join(f"  {line}" for line in problems))
                return 1
            print(f"{args.out} matches a fresh generation")
    except OverlayError as error:
        print(f"overlay error: {error}", file=sys.stderr)
        return 2
    return 0
