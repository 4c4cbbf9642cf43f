"""Synthetic upstreams derived from 1.10.0: each kind of outcome a vendor's next document can have."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smsworks_pipeline.cli import main
from smsworks_pipeline.coverage import coverage
from smsworks_pipeline.diff import COMPATIBLE, diff_documents
from smsworks_pipeline.generation import Project, generate
from smsworks_pipeline.overlay import load_overlay, overlay_paths
from smsworks_pipeline.upstream import (
    APPLIED,
    MISSING,
    REDUNDANT,
    UpstreamHealth,
    check_upstream,
    load_catalogue,
)
from tests.pipeline import upstreams
from tests.pipeline.upstreams import NEW_OPERATION, ROOT, V1_9_0, V1_10_0


def health_of(document: dict[str, object]) -> UpstreamHealth:
    overlays = [load_overlay(path) for path in overlay_paths(ROOT / "overlays")]
    catalogue = load_catalogue(ROOT / "docs" / "client.md")
    return check_upstream(document, overlays, upstream="synthetic", catalogue=catalogue)


def test_a_defect_fixed_upstream_makes_its_action_redundant() -> None:
    health = health_of(upstreams.with_defects_fixed())
    failing = {(row.overlay, row.index): row.outcome for row in health.failing}
    assert failing == {("10-operation-ids.yaml", 1): REDUNDANT, ("50-integers.yaml", 5): REDUNDANT}
    assert not health.healthy


def test_a_replaced_node_that_the_upstream_already_has_is_redundant_both_ways() -> None:
    document = upstreams.current()
    content = document["paths"]["/messages/schedule"]["get"]["responses"]["200"]["content"]
    content["application/json;charset=UTF-8"]["schema"] = {
        "type": "array",
        "items": {"$ref": "#/components/schemas/ScheduledMessagesResponse"},
    }
    outcomes = {(row.overlay, row.index): row.outcome for row in health_of(document).actions}
    # 60-response-shapes removes the one-object schema (action 2) and writes the list (action 3).
    assert outcomes["60-response-shapes.yaml", 2] == REDUNDANT
    assert outcomes["60-response-shapes.yaml", 3] == REDUNDANT


def test_the_vendors_own_credits_by_country_makes_the_added_operation_redundant() -> None:
    # What 1.11.0's own document will say, in the vendor's words: the two actions that add the operation
    # and its answer are then redundant (delete them); our operationId, pattern and error statuses still apply.
    outcomes = {
        row.index: row.outcome
        for row in health_of(upstreams.with_vendor_credits_by_country()).actions
        if row.overlay == "15-credits-by-country.yaml"
    }
    assert outcomes == {1: REDUNDANT, 2: REDUNDANT, 3: APPLIED, 4: APPLIED, 5: APPLIED}


def test_an_action_of_wording_alone_is_judged_as_written() -> None:
    # 70-descriptions.yaml exists for its words: the upstream's other words do not make it redundant.
    outcomes = {row.overlay: row.outcome for row in health_of(upstreams.current()).actions}
    assert outcomes["70-descriptions.yaml"] == APPLIED


def test_a_renamed_field_is_breaking_and_its_overlay_loses_its_target() -> None:
    renamed = upstreams.with_field_renamed()
    found = diff_documents(upstreams.current(), renamed)
    searches = ("POST /messages", "POST /messages/failed", "POST /messages/inbox")
    assert {(change.operation, change.where, change.what) for change in found.breaking} == {
        (operation, "request body application/json .limit", "field removed")
        for operation in searches
    }
    assert {
        (change.operation, change.what, change.impact)
        for change in found.changes
        if change.where.endswith(" .count")
    } == {(operation, "optional field added", COMPATIBLE) for operation in searches}
    (missing,) = health_of(renamed).failing
    assert (missing.overlay, missing.index, missing.outcome) == ("50-integers.yaml", 3, MISSING)
    assert missing.description.startswith("limit is a count of messages")


def test_a_name_lost_from_a_union_target_is_a_missing_target() -> None:
    document = upstreams.current()
    properties = document["components"]["schemas"]["OTP"]["properties"]
    properties["from"] = properties.pop("sender")
    (missing,) = health_of(document).failing
    assert (missing.overlay, missing.index, missing.outcome) == (
        "55-senders-and-destinations.yaml",
        1,
        MISSING,
    )
    assert "$.components.schemas['OTP'].properties.sender" in missing.detail


def test_an_overlay_file_the_catalogue_omits_is_named_by_its_title() -> None:
    (row,) = health_of(upstreams.with_field_renamed()).failing
    assert row.defect.startswith("`ttl`, `validity`, `limit`")
    overlays = [load_overlay(ROOT / "overlays" / "54-request-schemas.yaml")]
    untitled = check_upstream(upstreams.current(), overlays, upstream="1.10.0", catalogue={})
    assert untitled.actions[0].defect.startswith("(no row of the defect catalogue names this file")


def test_a_removed_operation_is_breaking_and_named_for_the_emulator() -> None:
    found = diff_documents(upstreams.current(), upstreams.with_operation_removed())
    assert found.removed == ("GET /credits/balance",)
    assert [change.what for change in found.breaking] == ["operation removed"]
    (row,) = [row for row in coverage(found, ROOT) if row.operation == "GET /credits/balance"]
    assert row.operation_id == "getCreditsBalance"
    assert row.emulator == "remove its entry from the operation table"


def test_an_added_operation_is_compatible_and_missing_from_the_emulator_and_the_model() -> None:
    found = diff_documents(upstreams.current(), upstreams.with_operation_added())
    assert found.added == (NEW_OPERATION,)
    assert [(change.what, change.impact) for change in found.changes] == [
        ("operation added", COMPATIBLE)
    ]
    (row,) = coverage(found, ROOT)
    assert row.operation_id == "getServiceStatus"
    assert row.emulator.startswith("missing")
    assert row.contract_model.startswith("missing")


def test_an_added_operation_becomes_a_front_door_method(tmp_path: Path) -> None:
    upstream = upstreams.write(upstreams.with_operation_added(), tmp_path / "upstream.yaml")
    assert health_of(upstreams.with_operation_added()).healthy
    out = tmp_path / "generated"
    generate(Project(ROOT, upstream), out)
    front_door = (out / "client" / "smsworks" / "api" / "__init__.py").read_text(encoding="utf-8")
    method = "def get_service_status(\n        self,\n    ) -> TestResponse:"
    assert front_door.count(f"    {method}") == 1  # SMSWorks
    assert front_door.count(f"    async {method}") == 1  # AsyncSMSWorks
    spec_version = (out / "client" / "smsworks" / "_spec_version.py").read_text(encoding="utf-8")
    assert 'SPEC_VERSION = "1.10.0+overlays.' in spec_version


# The command line, as CI and a maintainer run it.


def test_spec_diff_writes_both_reports_and_passes_on_1_9_0_to_1_10_0(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    assert main(["--reports", str(reports), "diff", str(V1_9_0), str(V1_10_0)]) == 0
    report = json.loads((reports / "spec-diff.json").read_text(encoding="utf-8"))
    assert [row["operation"] for row in report["operations"]["added"]] == [
        "GET /messages/volume",
        "POST /binary/send",
    ]
    assert report["summary"]["breaking"] == 0
    markdown = (reports / "spec-diff.md").read_text(encoding="utf-8")
    assert "- `POST /binary/send` sendBinaryMessage" in markdown


def test_spec_diff_exits_1_on_a_breaking_change_unless_told_never(tmp_path: Path) -> None:
    removed = upstreams.write(upstreams.with_operation_removed(), tmp_path / "removed.yaml")
    reports = ["--reports", str(tmp_path / "reports")]
    assert main([*reports, "diff", str(V1_10_0), str(removed)]) == 1
    assert main([*reports, "diff", str(V1_10_0), str(removed), "--fail-on", "never"]) == 0
    added = upstreams.write(upstreams.with_operation_added(), tmp_path / "added.yaml")
    assert main([*reports, "diff", str(V1_10_0), str(added)]) == 0
    assert main([*reports, "diff", str(V1_10_0), str(added), "--fail-on", "any"]) == 1


def test_generate_on_1_9_0_stops_with_the_per_action_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "generated"
    reports = tmp_path / "reports"
    argv = ["--reports", str(reports), "generate", "--out", str(out), "--upstream", str(V1_9_0)]
    assert main(argv) == 1
    assert not out.exists()
    printed = capsys.readouterr().out
    assert "10 target missing, 0 redundant" in printed
    assert "10-operation-ids.yaml action 3 target missing: $.paths['/binary/send'].post" in printed
    assert "defect: 22 of 23 operations have no `operationId`" in printed
    report = json.loads((reports / "upstream-check.json").read_text(encoding="utf-8"))
    assert report["counts"] == {APPLIED: len(report["actions"]) - 10, MISSING: 10, REDUNDANT: 0}
    assert "| `50-integers.yaml` | 5 | **target missing**" in (
        reports / "upstream-check.md"
    ).read_text(encoding="utf-8")


def test_check_upstream_passes_on_the_pinned_upstream(tmp_path: Path) -> None:
    assert main(["--reports", str(tmp_path), "check-upstream", str(V1_10_0)]) == 0


def test_a_swagger_2_document_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    swagger = tmp_path / "swagger.yaml"
    swagger.write_text("swagger: '2.0'\ninfo: {title: t, version: 1.8.0}\npaths: {}\n")
    for argv in (
        ["diff", str(swagger), str(V1_10_0)],
        ["check-upstream", str(swagger)],
        ["generate", "--out", str(tmp_path / "out"), "--upstream", str(swagger)],
    ):
        assert main(["--reports", str(tmp_path / "reports"), *argv]) == 2
        error = capsys.readouterr().err
        assert error.count("\n") == 1
        assert "a Swagger 2.0 document (API version 1.8.0)" in error
        assert "convert it to OpenAPI 3.0" in error
        assert "Traceback" not in error


def test_the_changelog_section_comes_from_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reports = tmp_path / "reports"
    assert main(["--reports", str(reports), "diff", str(V1_9_0), str(V1_10_0)]) == 0
    capsys.readouterr()
    assert main(["changelog", str(reports / "spec-diff.json")]) == 0
    section = capsys.readouterr().out
    assert section.startswith("### Added\n\n- Client: `GET /messages/volume` (`getMessageVolume`)")
    assert "### Removed" not in section
