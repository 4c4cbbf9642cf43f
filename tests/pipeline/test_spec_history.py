"""The vendor's real history through the pipeline: 1.9.0 against 1.10.0, and the overlays on 1.9.0."""

from __future__ import annotations

from collections import Counter

import pytest

from smsworks_pipeline.diff import BREAKING, COMPATIBLE, WORDING, SpecDiff, diff_documents
from smsworks_pipeline.overlay import load_overlay, overlay_paths
from smsworks_pipeline.upstream import (
    APPLIED,
    MISSING,
    UpstreamHealth,
    check_upstream,
    load_catalogue,
    load_upstream,
)
from tests.pipeline.upstreams import ROOT, V1_9_0, V1_10_0


@pytest.fixture(scope="module")
def history() -> SpecDiff:
    return diff_documents(load_upstream(V1_9_0), load_upstream(V1_10_0))


@pytest.fixture(scope="module")
def on_1_9_0() -> UpstreamHealth:
    overlays = [load_overlay(path) for path in overlay_paths(ROOT / "overlays")]
    catalogue = load_catalogue(ROOT / "docs" / "client.md")
    return check_upstream(load_upstream(V1_9_0), overlays, upstream="1.9.0", catalogue=catalogue)


def test_1_10_0_adds_the_volume_and_binary_operations(history: SpecDiff) -> None:
    assert (history.old_version, history.new_version) == ("1.9.0", "1.10.0")
    assert history.added == ("GET /messages/volume", "POST /binary/send")
    assert history.removed == ()


def test_the_generators_re_serialisation_of_1_9_0_is_no_change(history: SpecDiff) -> None:
    # 1.9.0 moves inline schemas to components (MessageResponse_failurereason, ...) and spells out
    # explode/style: seen through, nothing but the two new operations and wording differs.
    assert history.breaking == []
    assert [change.what for change in history.of_impact(COMPATIBLE)] == ["operation added"] * 2
    assert history.changed_operations == []


def test_what_else_1_10_0_changes_is_wording(history: SpecDiff) -> None:
    wording = history.of_impact(WORDING)
    # The generator writes an example beside each object schema, built from its properties' examples.
    assert Counter(change.what for change in wording) == {
        "example changed": 36,
        "description changed": 1,
    }
    (described,) = [change for change in wording if change.what == "description changed"]
    assert described.operation == "POST /message/flash"
    assert (
        described.old == "Sends an SMS flash message, which appears on the recipients lock screen"
    )
    assert described.new == "Sends an SMS flash message"


def test_the_overlays_on_1_9_0_miss_the_new_operations_and_the_moved_schemas(
    on_1_9_0: UpstreamHealth,
) -> None:
    failing = {(row.overlay, row.index): row for row in on_1_9_0.failing}
    assert set(failing) == {
        ("10-operation-ids.yaml", 3),  # POST /binary/send is new in 1.10.0
        ("10-operation-ids.yaml", 11),  # GET /messages/volume too
        ("30-metadata.yaml", 1),  # Message.metadata is a $ref to Message_metadata in 1.9.0
        ("30-metadata.yaml", 2),
        ("30-metadata.yaml", 3),  # Query.metadata: Query_metadata
        ("30-metadata.yaml", 4),
        ("50-integers.yaml", 5),  # failurereason: MessageResponse_failurereason
        ("50-integers.yaml", 10),  # MessageVolumeResponse is new in 1.10.0
        ("54-request-schemas.yaml", 2),  # /binary/send's body
        ("80-links.yaml", 1),  # one name of its union of paths: /binary/send
    }
    assert {row.outcome for row in on_1_9_0.failing} == {MISSING}
    assert "Message_metadata" in failing["30-metadata.yaml", 2].detail
    assert "$.paths['/binary/send'].post.responses['201']" in failing["80-links.yaml", 1].detail
    assert on_1_9_0.counts()[APPLIED] == len(on_1_9_0.actions) - 10
    assert not on_1_9_0.healthy


def test_each_failing_action_names_its_description_and_catalogued_defect(
    on_1_9_0: UpstreamHealth,
) -> None:
    row = next(row for row in on_1_9_0.failing if row.overlay == "50-integers.yaml")
    assert row.description.startswith("failurereason.code is")
    assert "`failurereason.code`" in row.defect
    ids = next(row for row in on_1_9_0.failing if row.overlay == "10-operation-ids.yaml")
    assert ids.defect == "22 of 23 operations have no `operationId`"


def test_the_pinned_upstream_fits_every_overlay() -> None:
    overlays = [load_overlay(path) for path in overlay_paths(ROOT / "overlays")]
    health = check_upstream(load_upstream(V1_10_0), overlays, upstream="1.10.0", catalogue={})
    assert health.failing == []
    assert health.healthy


def test_breaking_and_compatible_are_the_only_impacts_of_code(history: SpecDiff) -> None:
    assert {change.impact for change in history.changes} <= {BREAKING, COMPATIBLE, WORDING}


def test_the_1_5_0_fixture_is_openapi_3_despite_its_name() -> None:
    document = load_upstream(V1_9_0.parent / "swagger-1.5.0.yaml")
    assert document["openapi"] == "3.0.1"
    assert document["info"]["version"] == "1.5.0"
