"""The phase table: cumulative requirements, side exits and the conditional rules."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from incidentflow.config.settings import load_config
from incidentflow.record.load import parse_document
from incidentflow.record.model import Status
from incidentflow.record.phases import (
    MAIN_LINE,
    PHASES,
    next_status,
    phases_through,
    requirements_for,
)
from incidentflow.record.positions import format_loc
from incidentflow.rules.findings import Level
from incidentflow.rules.incident_file import validate_document
from incidentflow.rules.phases import unmet_fields

ROOT = Path(__file__).resolve().parents[2]
CONFIG = load_config(ROOT / "incidentflow.yaml").config
CLOSED = ROOT / "tests" / "examples" / "valid" / "INC-20261020-1000-coupon-rounding-gh78.md"


def test_every_status_has_a_phase() -> None:
    assert set(PHASES) == set(Status)


def test_requirements_are_cumulative() -> None:
    previous: set[str] = set()
    for status in MAIN_LINE:
        paths = {req.path for _, req in requirements_for(status).fields}
        assert previous <= paths
        previous = paths


def test_side_exits_need_detection_and_their_own_field() -> None:
    assert phases_through(Status.DECLINED) == (Status.DETECTED, Status.DECLINED)
    paths = {req.path for _, req in requirements_for(Status.DUPLICATE).fields}
    assert "duplicate_of" in paths and "decision.leader" not in paths


def test_next_status() -> None:
    assert next_status(Status.DETECTED) is Status.INVESTIGATING
    assert next_status(Status.CLOSED) is None
    assert next_status(Status.DECLINED) is None


def _missing(data: Mapping[str, object], status: Status) -> set[str]:
    return {format_loc(loc) for _, _, loc in unmet_fields(data, status, CONFIG)}


@pytest.mark.parametrize(
    ("personal_data", "expected"),
    [
        ({"status": "unknown"}, {"personal_data.status"}),
        ({"status": "none"}, {"personal_data.assessed_by"}),
        ({"status": "none", "assessed_by": "Tanaka"}, set()),
        ({"status": "suspected"}, {"personal_data.escalated_at", "personal_data.assessed_by"}),
        (
            {"status": "confirmed", "escalated_at": "2026-11-29T10:00:00+09:00"},
            {"personal_data.assessed_by"},
        ),
        (
            {
                "status": "confirmed",
                "escalated_at": "2026-11-29T10:00:00+09:00",
                "assessed_by": "Tanaka",
            },
            set(),
        ),
    ],
)
def test_personal_data_conditions(personal_data: dict[str, str], expected: set[str]) -> None:
    data = {"investigation": {"summary": "s", "impact": "i"}, "personal_data": personal_data}
    missing = _missing(data, Status.INVESTIGATING)
    assert {m for m in missing if m.startswith("personal_data")} == expected


def test_conditions_hold_in_later_phases_too() -> None:
    data = {"personal_data": {"status": "none"}}
    assert "personal_data.assessed_by" in _missing(data, Status.RESOLVED)


def test_prevention_items_are_checked_one_by_one() -> None:
    data = {
        "prevention": [
            {"id": "P1", "title": "t", "owner": "o", "due": "2026-12-01", "horizon": "now"},
            {"id": "P2", "title": "t"},
        ]
    }
    missing = _missing(data, Status.CLOSED)
    assert {"prevention[1].owner", "prevention[1].due", "prevention[1].horizon"} <= missing
    assert not any(m.startswith("prevention[0]") for m in missing)


def test_config_adds_phase_requirements() -> None:
    assert "impact.duration_minutes" in _missing(
        {"impact": {"orders_affected": 1}}, Status.RESOLVED
    )


def _validated(text: str) -> list[tuple[str, int | None, str]]:
    document, findings = parse_document(text.encode(), "incidents/2026/x.md")
    assert document is not None, findings
    result = validate_document(document, CONFIG)
    return [(f.code, f.line, f.message) for f in result.findings if f.level is Level.ERROR]


def test_a_file_without_status_needs_status_and_the_detected_fields() -> None:
    findings = _validated("---\nid: INC-20261104-1000-only-id-zz00\n---\n")
    missing = {message.split(" is ")[0] for _, _, message in findings}
    assert missing == {
        "title",
        "status",
        "severity",
        "detected_at",
        "detection.source",
        "detection.reported_by",
    }
    assert {(code, line) for code, line, _ in findings} == {("IF030", 2)}


def test_missing_status_names_the_phase_the_fields_point_to() -> None:
    text = (CLOSED.read_text("utf-8")).replace("status: closed\n", "")
    [(code, line, message)] = _validated(text)
    assert (code, line) == ("IF030", 2)
    assert "add 'status: closed'" in message and "retrospective.held_at" in message


def test_an_empty_status_points_at_its_line() -> None:
    text = CLOSED.read_text("utf-8").replace("status: closed\n", "status:\n")
    [(code, line, message)] = _validated(text)
    assert (code, line) == ("IF030", 4) and message.startswith("status is empty")


def test_a_misspelt_status_is_a_suggestion_and_detected_fields_still_count() -> None:
    text = CLOSED.read_text("utf-8").replace("status: closed", "status: clossed")
    text = text.replace("  reported_by: Hayashi (CS)\n", "")
    findings = {(code, line) for code, line, _ in _validated(text)}
    assert findings == {("IF022", 4), ("IF030", 8)}  # 8: the detection: key
    [message] = [m for code, _, m in _validated(text) if code == "IF022"]
    assert "Did you mean 'closed'?" in message


def test_no_override_waives_a_missing_status() -> None:
    text = CLOSED.read_text("utf-8").replace(
        "status: closed\n",
        "overrides:\n  - rule: IF030\n    reason: status later\n    approved_by: Suzuki (CTO)\n",
    )
    assert [(code, line) for code, line, _ in _validated(text)] == [("IF030", 2)]
