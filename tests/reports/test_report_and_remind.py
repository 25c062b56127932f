"""`incident report` and `incident remind` over the project's example incidents."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import PROJECT_ROOT, run_incident


def test_monthly_report_counts_the_examples() -> None:
    result = run_incident("report", "--month", "2026-11", "--format", "json", cwd=PROJECT_ROOT)
    assert result.code == 0
    data = result.json()
    assert data["detected"] == 7
    assert data["declined_or_duplicate"] == 2
    assert data["personal_data_incidents"] == 1
    assert data["records_not_counted"] == 1
    assert data["by_source"]["sales_contact"] == 1
    assert data["minutes_to_escalate_personal_data"]["median"] == 19


def test_report_in_both_languages() -> None:
    ja = run_incident("report", "--month", "2026-08", "--lang", "ja", cwd=PROJECT_ROOT)
    en = run_incident("report", "--month", "2026-08", "--lang", "en", cwd=PROJECT_ROOT)
    assert "# インシデント月次レポート" in ja.stdout and "2026-08-01 – 2026-08-31" in ja.stdout
    assert "# Monthly incident report" in en.stdout
    assert "INC-20260824-0915-credential-stuffing-sdgg" in en.stdout


def test_report_rejects_a_bad_month() -> None:
    assert run_incident("report", "--month", "2026-13", cwd=PROJECT_ROOT).code == 2


def test_remind_lists_overdue_prevention_items() -> None:
    later = {"INCIDENTFLOW_NOW": "2027-02-01T09:00:00+09:00"}
    result = run_incident("remind", "--format", "json", cwd=PROJECT_ROOT, env=later)
    overdue = result.json()["overdue"]
    assert [(o["kind"], o["key"]) for o in overdue] == [("prevention", "export-anomaly-detection")]
    quiet = run_incident("remind", cwd=PROJECT_ROOT).stdout.strip()
    assert quiet == "Nothing is overdue or due soon."
    follows_config = {"INCIDENTFLOW_LANG": ""}
    quiet = run_incident("remind", cwd=PROJECT_ROOT, env=follows_config).stdout.strip()
    assert quiet == "期限超過・期限間近はありません。"


def test_overdue_clock_reminder_says_how_late_in_the_incidents_language(tmp_path: Path) -> None:
    from tests.conftest import git
    from tests.rules.test_clocks import card_incident

    (tmp_path / "incidentflow.yaml").write_bytes((PROJECT_ROOT / "incidentflow.yaml").read_bytes())
    target = tmp_path / "incidents" / "2026" / "INC-20261120-0900-card-log-aa11.md"
    target.parent.mkdir(parents=True)
    text = card_incident("investigating", None)
    target.write_text(text.replace("severity: sev1", "severity: sev1\nlang: en"), "utf-8")
    git(tmp_path, "init", "-q")
    result = run_incident("remind", "--format", "json", cwd=tmp_path)
    overdue = {row["key"]: row for row in result.json()["overdue"]}
    brands = overdue["card-brands"]
    assert brands["owner"] == "External relations"
    assert "due 2026-11-21 09:00 JST, overdue by 8 days 3 h" in brands["text"]


def test_clock_due_within_a_day_is_reminded_as_due_soon(tmp_path: Path) -> None:
    from tests.conftest import git
    from tests.rules.test_clocks import card_incident

    (tmp_path / "incidentflow.yaml").write_bytes((PROJECT_ROOT / "incidentflow.yaml").read_bytes())
    target = tmp_path / "incidents" / "2026" / "INC-20261120-0900-card-log-aa11.md"
    target.parent.mkdir(parents=True)
    text = card_incident("investigating", None)
    target.write_text(text, "utf-8")
    git(tmp_path, "init", "-q")
    # aware 2026-11-20 09:00 JST; the card-brand clock (24 h) is due 11-21 09:00 JST.
    env = {"INCIDENTFLOW_NOW": "2026-11-20T21:00:00+09:00", "INCIDENTFLOW_LANG": ""}
    result = run_incident("remind", cwd=tmp_path, env=env)
    assert "期限間近 " in result.stdout
    assert "カードブランドへの報告: 期限 2026-11-21 09:00 JST まで残り12時間です" in result.stdout


def test_report_times_mitigation_and_resolution_from_the_impact_start() -> None:
    result = run_incident("report", "--month", "2026-11", "--format", "json", cwd=PROJECT_ROOT)
    rows = {row["id"]: row for row in result.json()["incidents"]}
    admin = rows["INC-20261128-1012-admin-orders-other-shop-naib"]
    assert admin["minutes_to_mitigate"] == 82  # started 09:30, mitigated 10:52
    assert admin["minutes_to_resolve"] is None
    text = run_incident("report", "--month", "2026-11", "--lang", "en", cwd=PROJECT_ROOT).stdout
    assert "| impact start → mitigation | " in text
    assert "| impact start → recovery | " in text


def test_imported_records_are_counted_apart(tmp_path: Path) -> None:
    from tests.conftest import git
    from tests.gate.fixtures import PATH, incident

    (tmp_path / "incidentflow.yaml").write_bytes((PROJECT_ROOT / "incidentflow.yaml").read_bytes())
    live = tmp_path / PATH
    live.parent.mkdir(parents=True)
    live.write_text(incident("resolved"), "utf-8")
    past = live.with_name("INC-20261101-0000-past-outage-zz11.md")
    text = (
        incident("resolved")
        .replace(live.stem, past.stem)
        .replace(
            "detected_at: 2026-11-10T09:00:00+09:00",
            "imported: {source: 'https://status.example.org/1'}\ndetected_at: 2026-11-01",
        )
    )
    past.write_text(text.replace("2026-11-10T", "2026-11-01T"), "utf-8")
    git(tmp_path, "init", "-q")
    data = run_incident("report", "--month", "2026-11", "--format", "json", cwd=tmp_path).json()
    assert data["detected"] == 1 and data["imported"] == 1
    assert [row["id"] for row in data["incidents"]] == [live.stem]


def test_remind_asks_for_a_reason_when_a_duty_was_done_late(tmp_path: Path) -> None:
    from tests.conftest import git
    from tests.rules.test_clocks import CARD_INCIDENT

    (tmp_path / "incidentflow.yaml").write_bytes((PROJECT_ROOT / "incidentflow.yaml").read_bytes())
    target = tmp_path / "incidents" / "2026" / "INC-20261120-0900-card-log-aa11.md"
    target.parent.mkdir(parents=True)
    text = CARD_INCIDENT.format(status="responding", brands="2026-11-25T12:00:00+09:00")
    target.write_text(text.replace("severity: sev1", "severity: sev1\nlang: en"), "utf-8")
    git(tmp_path, "init", "-q")
    result = run_incident("remind", cwd=tmp_path)
    assert "1 done late, lateness not yet acknowledged:" in result.stdout
    assert "(4 days 3 h late)" in result.stdout
    assert "clock_notes.card-brands with late_reason" in result.stdout
