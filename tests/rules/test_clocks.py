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


def card_incident(status: str, brands: str | None) -> str:
    """The card incident; ``brands`` None: the card brands were not told (no log entry)."""
    text = CARD_INCIDENT.format(status=status, brands=brands)
    if brands is None:
        entry = "    - recipient: card_brands\n      kind: notice\n      at: None\n"
        assert entry in text
        text = text.replace(entry, "")
    return text


def _write(repo: Path, status: str, brands: str | None) -> Path:
    target = repo / "incidents" / "2026" / "INC-20261120-0900-card-log-aa11.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(card_incident(status, brands), "utf-8")
    return target


def test_status_json_shows_clocks_with_exact_due_times(repo: Path) -> None:
    _write(repo, "investigating", "2026-11-20T12:00:00+09:00")
    result = run_incident("status", "INC-20261120-0900-card-log-aa11", "--format", "json", cwd=repo)
    clocks = {c["id"]: c for c in result.json()["incidents"][0]["clocks"]}
    assert clocks["card-brands"]["due"] == "2026-11-21T09:00:00+09:00"
    assert clocks["card-brands"]["state"] == "done"
    assert clocks["appi-preliminary-report"]["state"] == "overdue"
    assert clocks["appi-preliminary-report"]["stakeholder"] == "legal"


def test_overdue_clock_is_an_error_on_the_log(repo: Path) -> None:
    _write(repo, "investigating", None)
    result = run_incident("validate", "--format", "json", cwd=repo)
    assert result.code == 1
    found = {(f["code"], f["line"]): f["message"] for f in result.json()["findings"]}
    message = found[("CL001", 23)]  # the notifications.log key
    assert "overdue by 8 days 3 h" in message


def test_status_text_lists_clocks(repo: Path) -> None:
    _write(repo, "investigating", "2026-11-20T12:00:00+09:00")
    ja = {"INCIDENTFLOW_LANG": ""}  # the config's language: Japanese
    result = run_incident("status", "INC-20261120-0900-card-log-aa11", cwd=repo, env=ja)
    assert "期限:" in result.stdout
    assert (
        "カードブランドへの報告：完了 2026-11-20T12:00:00+09:00（期限 2026-11-21 09:00 JST）"
        in (result.stdout)
    )
    assert "2026-11-20T11:00:00+09:00 · アクワイアラ・決済代行 · 通知・告知" in result.stdout


def _log(*entries: dict[str, Any]) -> dict[str, Any]:
    return {"log": list(entries)}


def _card(**extra: Any) -> dict[str, Any]:
    data = _incident(status="confirmed", categories=["card_number"])
    data.update(extra)
    return data


def test_a_law_applies_only_from_its_date() -> None:
    before = _card(detected_at="2022-03-30T09:00:00+09:00")
    before["personal_data"]["aware_at"] = "2022-03-31"
    assert set(_clocks(before)) == CARD, "APPI reporting duty is in force from 2022-04-01"
    after = _card()
    after["personal_data"]["aware_at"] = "2022-04-01"
    assert set(_clocks(after)) == APPI | CARD
    gdpr = _incident(status="suspected", categories=["email"], gdpr_applies=True)
    gdpr["personal_data"]["aware_at"] = "2018-05-24T10:00:00+02:00"
    assert _clocks(gdpr) == {}


def test_a_day_on_the_due_day_is_on_time_and_later_days_count_as_days() -> None:
    data = _card(
        notifications=_log(
            {"recipient": "regulator", "kind": "preliminary", "at": "2026-10-04"},
            {"recipient": "regulator", "kind": "final", "at": "2026-11-04"},
        )
    )
    data["personal_data"]["aware_at"] = "2026-10-01T10:30:00+09:00"
    clocks = _clocks(data)
    assert clocks["appi-preliminary-report"].state == "done"  # due 10-04 10:30, done that day
    final = clocks["appi-final-report"]
    assert final.state == "done_late" and final.late_days == 4
    assert final.lateness("en") == "4 days late (known to the day)"
    assert final.lateness("ja") == "4日超過（日付のみ判明）"


def test_lateness_at_a_full_time_reads_in_days_and_hours() -> None:
    data = _card(
        notifications=_log(
            {"recipient": "acquirer", "kind": "notice", "at": "2026-11-25T12:30:00+09:00"},
        )
    )
    acquirer = _clocks(data)["card-acquirer"]  # due 11-21 10:30
    assert acquirer.state == "done_late"
    assert acquirer.lateness("en") == "4 days 2 h late"
    assert acquirer.lateness("ja") == "4日と2時間超過"
    soon = _incident(status="confirmed", categories=["card_number"])
    soon["personal_data"]["aware_at"] = "2026-11-28T20:00:00+09:00"
    brands = _clocks(soon)["card-brands"]
    assert brands.progress(NOW, "en") == "8 h left"
    assert brands.progress(NOW, "ja") == "残り8時間"


def test_entries_complete_only_what_they_match_or_name() -> None:
    data = _card(
        notifications=_log(
            {"recipient": "regulator", "kind": "notice", "at": "2026-11-20T12:00:00+09:00"},
            {
                "recipient": "public",
                "kind": "notice",
                "at": "2026-11-21T12:00:00+09:00",
                "clocks": ["appi-notify-individuals"],
            },
        )
    )
    clocks = _clocks(data)
    assert clocks["appi-preliminary-report"].state == "overdue", "a notice is not a 速報"
    assert clocks["appi-notify-individuals"].state == "done", "named by the public notice"


def test_an_unknown_date_is_done_but_not_judged() -> None:
    data = _card(
        notifications=_log(
            {"recipient": "card_brands", "kind": "notice", "at": "unknown", "unknown_reason": "x"},
        )
    )
    assert _clocks(data)["card-brands"].state == "done_unknown"


def test_a_future_time_completes_nothing() -> None:
    data = _card(
        notifications=_log(
            {"recipient": "acquirer", "kind": "notice", "at": "2026-12-01T09:00:00+09:00"},
        )
    )
    assert _clocks(data)["card-acquirer"].state == "overdue"


def test_notes_set_a_clock_aside_or_acknowledge_it() -> None:
    data = _card(
        notifications=_log(
            {"recipient": "acquirer", "kind": "notice", "at": "2026-11-25T12:30:00+09:00"},
        ),
        clock_notes={
            "card-brands": {"not_applicable": "the acquirer reports", "approved_by": "Kato"},
            "card-acquirer": {"late_reason": "the contact was unknown", "approved_by": "Kato"},
        },
    )
    clocks = _clocks(data)
    assert clocks["card-brands"].state == "not_applicable"
    assert clocks["card-acquirer"].state == "done_late"
    assert clocks["card-acquirer"].note is not None
    unknown_note = _card(clock_notes={"card-brands": {"unknown": "x", "approved_by": "K"}})
    assert _clocks(unknown_note)["card-brands"].state == "overdue", "live records: no unknown"
    unknown_note["imported"] = {"source": "https://example.org/notice"}
    assert _clocks(unknown_note)["card-brands"].state == "unknown"


LATE_CLOSED = CARD_INCIDENT.format(status="closed", brands="2026-11-23T09:00:00+09:00")


def _codes(repo: Path, text: str) -> dict[str, list[dict[str, Any]]]:
    target = repo / "incidents" / "2026" / "INC-20261120-0900-card-log-aa11.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, "utf-8")
    found: dict[str, list[dict[str, Any]]] = {}
    for finding in run_incident("validate", "--format", "json", cwd=repo).json()["findings"]:
        found.setdefault(finding["code"], []).append(finding)
    return found


def test_late_completion_warns_blocks_closing_and_is_cleared_by_a_reason(repo: Path) -> None:
    responding = _codes(repo, CARD_INCIDENT.format(status="responding", brands="2026-11-23"))
    (late,) = [f for f in responding["CL002"] if "card-brands" in f["message"]]
    assert late["level"] == "warning" and "2 days late (known to the day)" in late["message"]
    assert late["line"] == 29, "on the entry's at"
    closing = _codes(repo, LATE_CLOSED)
    assert any(f["level"] == "error" and "card-brands" in f["message"] for f in closing["CL002"])
    acknowledged = LATE_CLOSED.replace(
        "notifications:",
        "clock_notes:\n  card-brands:\n    late_reason: the brands' contact form was down\n"
        "    approved_by: Kato (legal)\nnotifications:",
    )
    after = _codes(repo, acknowledged)
    notices = [f for f in after["CL002"] if "card-brands" in f["message"]]
    assert [f["level"] for f in notices] == ["notice"]
    assert "contact form was down" in notices[0]["message"]


def test_schema_errors_do_not_hide_clock_findings(repo: Path) -> None:
    broken = card_incident("investigating", None).replace("severity: sev1", "severity: [x]")
    found = _codes(repo, broken)
    assert "IF021" in found and "CL001" in found


def test_future_completion_is_an_error_and_completes_nothing(repo: Path) -> None:
    found = _codes(repo, CARD_INCIDENT.format(status="responding", brands="2026-12-24"))
    assert any(f["line"] == 29 for f in found["IF051"])
    assert any("card-brands" in f["message"] for f in found["CL001"])


def test_notes_name_real_clocks_and_unknown_is_for_imported_records(repo: Path) -> None:
    text = CARD_INCIDENT.format(status="responding", brands="2026-11-20T10:00:00+09:00").replace(
        "notifications:",
        "clock_notes:\n  card-brand:\n    not_applicable: x\n    approved_by: K\n"
        "  appi-final-report:\n    unknown: nobody knows\n    approved_by: K\nnotifications:",
    )
    messages = [f["message"] for f in _codes(repo, text)["CL005"]]
    assert any("Did you mean 'card-brands'?" in m for m in messages), messages
    assert any("only for imported records" in m for m in messages), messages
