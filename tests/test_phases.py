"""The phase table: cumulative requirements, side exits and the conditional rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from incidentflow.config import load_config
from incidentflow.model import Status
from incidentflow.phases import (
    MAIN_LINE,
    PHASES,
    next_status,
    phases_through,
    requirements_for,
)
from incidentflow.positions import format_loc
from incidentflow.validation import unmet_fields

CONFIG = load_config(Path(__file__).resolve().parent.parent / "incidentflow.yaml").config


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


def _missing(data: dict[str, object], status: Status) -> set[str]:
    return {format_loc(loc) for _, _, loc in unmet_fields(data, status, CONFIG)}


@pytest.mark.parametrize(
    ("personal_data", "expected"),
    [
        ({"status": "unknown"}, {"personal_data.status"}),
        ({"status": "none"}, {"personal_data.assessed_by"}),
        ({"status": "none", "assessed_by": "Tanaka"}, set()),
        ({"status": "suspected"}, {"personal_data.escalated_at"}),
        ({"status": "confirmed", "escalated_at": "2026-11-29T10:00:00+09:00"}, set()),
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
