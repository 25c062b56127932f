"""Regulatory clocks from the default policy packs: when each triggers, and exact due times."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from incidentflow.config.settings import load_config
from incidentflow.rules.clocks import evaluate_clocks
from tests.conftest import PROJECT_ROOT, run_incident

CONFIG = load_config(PROJECT_ROOT / "incidentflow.yaml").config
NOW = datetime.fromisoformat("2026-11-29T12:00:00+09:00")


def _incident(**personal_data: Any) -> dict[str, Any]:
    return {
        "status": "responding",
        "detected_at": "2026-11-20T09:00:00+09:00",
        "personal_data": {"aware_at": "2026-11-20T10:30:00+09:00", **personal_data},
    }


def _clocks(data: dict[str, Any]) -> dict[str, Any]:
    return {state.clock_id: state for state in evaluate_clocks(data, CONFIG, NOW)}


APPI = {"appi-preliminary-report", "appi-final-report", "appi-notify-individuals"}
APPI_MALICIOUS = {
    "appi-preliminary-report",
    "appi-final-report-malicious",
    "appi-notify-individuals",
}
CARD = {"card-acquirer", "card-brands"}


@pytest.mark.parametrize(
    ("personal_data", "expected"),
    [
        ({"status": "none"}, set()),
        ({"status": "unknown", "categories": ["card_number"]}, set()),
        ({"status": "suspected", "categories": ["email"], "records_affected": 120}, set()),
        ({"status": "suspected", "categories": ["email"], "records_affected": 1000}, set()),
        ({"status": "suspected", "categories": ["email"], "records_affected": 1001}, APPI),
        ({"status": "confirmed", "categories": ["sensitive"], "records_affected": 3}, APPI),
        (
            {"status": "confirmed", "categories": ["card_number"], "records_affected": 3},
            APPI | CARD,
        ),
        (
            {"status": "suspected", "categories": ["name"], "cause": "unauthorized_access"},
            APPI_MALICIOUS,
        ),
        ({"status": "suspected", "categories": ["email"], "gdpr_applies": True}, {"gdpr-art33"}),
        ({"status": "none", "gdpr_applies": True}, set()),
    ],
)
def test_which_clocks_trigger(personal_data: dict[str, Any], expected: set[str]) -> None:
    assert set(_clocks(_incident(**personal_data))) == expected


def test_exact_due_times_in_the_incident_time_zone() -> None:
    clocks = _clocks(
        _incident(
            status="confirmed",
            categories=["card_number"],
            records_affected=5,
            gdpr_applies=True,
            aware_at="2026-11-20T01:30:00Z",
        )
    )
    due = {key: state.due.isoformat() for key, state in clocks.items()}
    assert due["card-acquirer"] == "2026-11-21T10:30:00+09:00"
    assert due["gdpr-art33"] == "2026-11-23T10:30:00+09:00"
    assert due["appi-preliminary-report"] == "2026-11-23T10:30:00+09:00"
    assert due["appi-final-report"] == "2026-12-20T10:30:00+09:00"
    # Five business days from Fri 11-20: Mon 11-23 is Labour Thanksgiving Day (勤労感謝の日).
    assert due["appi-notify-individuals"] == "2026-11-30T23:59:59.999999+09:00"


def test_start_falls_back_to_detection_time() -> None:
    data = _incident(status="confirmed", categories=["card_number"])
    del data["personal_data"]["aware_at"]
    state = _clocks(data)["card-acquirer"]
    assert state.started_from == "detected_at"
    assert state.due.isoformat() == "2026-11-21T09:00:00+09:00"


def test_states() -> None:
    data = _incident(status="confirmed", categories=["card_number"])
    data["notifications"] = {
        "log": [
            {"recipient": "acquirer", "kind": "notice", "at": "2026-11-20T11:00:00+09:00"},
            {"recipient": "regulator", "kind": "preliminary", "at": "2026-11-25T11:00:00+09:00"},
        ]
    }
    states = {key: s.state for key, s in _clocks(data).items()}
    assert states["card-acquirer"] == "done"
    assert states["card-brands"] == "overdue"
    assert states["appi-preliminary-report"] == "done_late"
    assert states["appi-final-report"] == "running"


def test_side_exits_run_no_clocks() -> None:
    data = _incident(status="confirmed", categories=["card_number"])
    data["status"] = "declined"
    assert _clocks(data) == {}


CARD_INCIDENT = """---
id: INC-20261120-0900-card-log-aa11
title: Card numbers in debug logs
status: {status}
severity: sev1
detected_at: 2026-11-20T09:00:00+09:00
detection:
  source: internal
  reported_by: Sato (SRE)
investigation:
  summary: Card numbers were written to a debug log.
  impact: Card payments between 11-18 and 11-20.
personal_data:
  status: confirmed
  assessed_by: Ito (security)
  escalated_at: 2026-11-20T09:20:00+09:00
  aware_at: 2026-11-20T09:00:00+09:00
  categories: [card_number]
  records_affected: 240
  cause: system_defect
stakeholders: [engineering, legal, security, liaison]
notifications:
  log:
    - recipient: acquirer
      kind: notice
      at: 2026-11-20T11:00:00+09:00
    - recipient: card_brands
      kind: notice
      at: {brands}
---
"""


def _write(repo: Path, status: str, brands: str) -> None:
    target = repo / "incidents" / "2026" / "INC-20261120-0900-card-log-aa11.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(CARD_INCIDENT.format(status=status, brands=brands), "utf-8")


def test_status_json_shows_clocks_with_exact_due_times(repo: Path) -> None:
    _write(repo, "investigating", "2026-11-20T12:00:00+09:00")
    result = run_incident("status", "INC-20261120-0900-card-log-aa11", "--format", "json", cwd=repo)
    clocks = {c["id"]: c for c in result.json()["incidents"][0]["clocks"]}
    assert clocks["card-brands"]["due"] == "2026-11-21T09:00:00+09:00"
    assert clocks["card-brands"]["state"] == "done"
    assert clocks["appi-preliminary-report"]["state"] == "overdue"
    assert clocks["appi-preliminary-report"]["stakeholder"] == "legal"


def test_overdue_clock_is_an_error_on_the_log(repo: Path) -> None:
    _write(repo, "investigating", "2026-11-22T12:00:00+09:00")
    text = (repo / "incidents" / "2026" / "INC-20261120-0900-card-log-aa11.md").read_text()
    path = repo / "incidents" / "2026" / "INC-20261120-0900-card-log-aa11.md"
    path.write_text(text.replace("    - recipient: card_brands\n", "    - recipient: other\n"))
    result = run_incident("validate", "--format", "json", cwd=repo)
    assert result.code == 1
    found = {(f["code"], f["line"]): f["message"] for f in result.json()["findings"]}
    message = found[("CL001", 23)]  # the notifications.log key
    assert "overdue by 8 days 3 h" in message


def test_status_text_lists_clocks(repo: Path) -> None:
    _write(repo, "investigating", "2026-11-20T12:00:00+09:00")
    result = run_incident("status", "INC-20261120-0900-card-log-aa11", cwd=repo)
    assert "clocks:" in result.stdout
    assert "カードブランドへの報告: done" in result.stdout
