"""The report files of a run: ``drift.md`` and ``drift.json`` for people and tools, ``drift-junit.xml`` for CI
(one test case per operation and kind of departure; an unknown departure fails its case)."""

from __future__ import annotations

import json
from pathlib import Path

from smsworks_emulator.proxy.watch import DriftWatch

MARKDOWN = "drift.md"
JSON = "drift.json"
JUNIT = "drift-junit.xml"


def markdown(watch: DriftWatch) -> str:
    lines = [watch.log.to_markdown().rstrip("\n"), "", "## Run", ""]
    if watch.upstream:
        lines.append(f"- upstream: {watch.upstream} ({watch.mode} mode)")
    if watch.source:
        lines.append(f"- recording: {watch.source}")
    lines.append(
        f"- exchanges: {watch.exchanges}, of which {watch.not_operations} were no operation of the spec"
    )
    for note, count in sorted(watch.not_checked.items()):
        lines.append(f"- {note}: {count}x")
    content = "kept" if watch.redactor.keep_content else "length and encoding only"
    lines.append(
        f"- redaction: no token, phone numbers as country code and last two digits, content {content}"
    )
    lines += ["", "## Upstream failures", ""]
    if not watch.failures:
        lines.append("None.")
    else:
        for kind, count in sorted(watch.failures.items()):
            lines.append(f"- {kind}: {count}x")
        lines += ["", "| exchange | time | kind | operation | message |", "|---|---|---|---|---|"]
        for failure in watch.recent_failures:
            cells = [
                str(failure.exchange),
                failure.time.isoformat(timespec="seconds"),
                failure.kind,
                failure.operation or "",
                failure.message,
            ]
            lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def write_reports(watch: DriftWatch, directory: str | Path) -> list[Path]:
    """Writes the three files into ``directory`` (created when missing); their paths."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    written = {
        folder / MARKDOWN: markdown(watch),
        folder / JSON: json.dumps(watch.document(), indent=2) + "\n",
        folder / JUNIT: watch.log.to_junit_xml(),
    }
    for path, text in written.items():
        path.write_text(text, encoding="utf-8")
    return list(written)


def summary(watch: DriftWatch) -> str:
    """One line for the terminal."""
    failures = sum(watch.failures.values())
    return (
        f"drift: {watch.exchanges} exchanges, {watch.log.checked} checked: {len(watch.log.unknown())} unknown "
        f"departures, {len(watch.log.tolerated())} known variants, {failures} upstream failures"
    )
