"""Command line: ``python -m smsworks_pipeline generate|check|apply|diff|check-upstream|changelog``.

Exit statuses: 0 success; 1 the check failed (a stale tree, a breaking change, an unhealthy overlay); 2 the inputs
could not be used (an overlay that does not fit, a document that is not OpenAPI 3.0).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from smsworks_pipeline import diff_report
from smsworks_pipeline.coverage import coverage
from smsworks_pipeline.diff import BREAKING, WORDING, diff_documents
from smsworks_pipeline.generation import (
    Project,
    check,
    copy_packaged_spec,
    generate,
    patched_spec_text,
)
from smsworks_pipeline.overlay import OverlayError, load_overlay, overlay_paths
from smsworks_pipeline.upstream import (
    UpstreamError,
    UpstreamHealth,
    check_upstream,
    load_catalogue,
    load_upstream,
    render_markdown,
    summary_lines,
)

UPSTREAM_REPORT = "upstream-check"
FAIL_ON = ("breaking", "any", "never")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="smsworks-overlay",
        description="Apply overlays to openapi.yaml and generate the smsworks client.",
    )
    parser.add_argument(
        "--root", type=Path, default=Path.cwd(), help="project root (default: current dir)"
    )
    parser.add_argument(
        "--reports", type=Path, default=None, help="where reports go (default: ROOT/reports)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    generate_cmd = commands.add_parser(
        "generate",
        help="write OUT/openapi.yaml, the client project OUT/client and the emulator's copy of the spec",
    )
    generate_cmd.add_argument("--out", type=Path, default=Path("generated"))
    generate_cmd.add_argument(
        "--upstream",
        type=Path,
        default=None,
        help="build from this vendor document instead of openapi.yaml, after check-upstream passes on it",
    )
    check_cmd = commands.add_parser("check", help="fail when OUT differs from a fresh generation")
    check_cmd.add_argument("--out", type=Path, default=Path("generated"))
    commands.add_parser("apply", help="print the patched spec to standard output")
    diff_cmd = commands.add_parser(
        "diff", help="semantic diff of two OpenAPI 3.0 documents: reports/spec-diff.md and .json"
    )
    diff_cmd.add_argument("old", type=Path)
    diff_cmd.add_argument("new", type=Path)
    diff_cmd.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="breaking",
        help="exit 1 on a breaking change (default), on any change but wording, or never",
    )
    upstream_cmd = commands.add_parser(
        "check-upstream",
        help="apply every overlay action to another upstream: reports/upstream-check.md and .json",
    )
    upstream_cmd.add_argument("upstream", type=Path)
    changelog_cmd = commands.add_parser(
        "changelog", help="print the client's changelog entries from a spec-diff JSON report"
    )
    changelog_cmd.add_argument("report", type=Path)
    return parser


def _write(reports: Path, name: str, data: object, markdown: str) -> Path:
    reports.mkdir(parents=True, exist_ok=True)
    (reports / f"{name}.json").write_text(
        json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (reports / f"{name}.md").write_text(markdown, encoding="utf-8")
    return reports / f"{name}.md"


def run_check_upstream(project: Project, upstream: Path, reports: Path) -> UpstreamHealth:
    """Check the overlays on ``upstream``, write the report and print its summary."""
    document = load_upstream(upstream)
    overlays = [load_overlay(path) for path in overlay_paths(project.overlays)]
    health = check_upstream(
        document,
        overlays,
        upstream=str(upstream),
        catalogue=load_catalogue(project.root / "docs" / "client.md"),
    )
    written = _write(reports, UPSTREAM_REPORT, health.as_json(), render_markdown(health))
    print("\n".join(summary_lines(health)))
    print(f"report: {written} (and .json)")
    return health


def run_diff(project: Project, old: Path, new: Path, reports: Path, fail_on: str) -> int:
    found = diff_documents(load_upstream(old), load_upstream(new))
    report = diff_report.report_json(found, str(old), str(new), coverage(found, project.root))
    written = _write(reports, diff_report.REPORT_NAME, report, diff_report.render_markdown(report))
    summary = report["summary"]
    print(
        f"{found.old_version} -> {found.new_version}: {len(found.added)} operations added, "
        f"{len(found.removed)} removed, {len(found.changed_operations)} changed; "
        f"{summary[BREAKING]} breaking, {summary['compatible']} compatible, {summary[WORDING]} wording"
    )
    for change in found.breaking:
        print(f"  breaking: {change.operation} {change.where}: {change.what}")
    print(f"report: {written} (and .json)")
    failing = {
        "breaking": summary[BREAKING],
        "any": summary[BREAKING] + summary["compatible"],
        "never": 0,
    }[fail_on]
    return 1 if failing else 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = args.root.resolve()
    reports = args.reports or root / "reports"
    try:
        if args.command == "apply":
            sys.stdout.write(patched_spec_text(Project(root)))
        elif args.command == "generate":
            project = Project(root, args.upstream)
            if (
                args.upstream is not None
                and not run_check_upstream(project, args.upstream, reports).healthy
            ):
                print(f"{args.upstream}: the overlays do not fit it; nothing was generated")
                return 1
            generate(project, args.out)
            packaged = copy_packaged_spec(project, args.out)
            print(f"wrote {args.out / 'openapi.yaml'}, {args.out / 'client'} and {packaged}")
        elif args.command == "check":
            problems = check(Project(root), args.out)
            if problems:
                print(f"{args.out} is stale: run `make generate` and commit the result.")
                print("\n".join(f"  {line}" for line in problems))
                return 1
            print(f"{args.out} matches a fresh generation")
        elif args.command == "diff":
            return run_diff(Project(root), args.old, args.new, reports, args.fail_on)
        elif args.command == "check-upstream":
            return 0 if run_check_upstream(Project(root), args.upstream, reports).healthy else 1
        else:
            report = json.loads(args.report.read_text(encoding="utf-8"))
            sys.stdout.write(diff_report.changelog_section(report))
    except UpstreamError as error:
        print(f"upstream error: {error}", file=sys.stderr)
        return 2
    except OverlayError as error:
        print(f"overlay error: {error}", file=sys.stderr)
        return 2
    return 0
