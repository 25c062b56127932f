"""The charts in `incident status --format markdown` and `incident report`, parsed back."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PROJECT_ROOT, git, run_incident
from tests.reports.mermaid_syntax import parse_all

CLOSED = "INC-20260824-0915-credential-stuffing-sdgg"

# The pages in the incident's language (the config's: Japanese), not the tests' English.
JA = {"INCIDENTFLOW_LANG": ""}


def test_a_closed_incident_shows_its_phases_and_its_deadlines_as_milestones() -> None:
    result = run_incident("status", CLOSED, "--format", "markdown", cwd=PROJECT_ROOT, env=JA)
    assert result.code == 0
    (chart,) = parse_all(result.stdout)
    assert chart.kind == "gantt"
    assert chart.sections == ["フェーズ", "期限"]
    names = [task[1] for task in chart.tasks if task[0] == "フェーズ" and "milestone" in task[2]]
    assert names == ["影響開始", "検知", "初期対応決定", "復旧", "クローズ"]
    deadlines = [task for task in chart.tasks if task[0] == "期限"]
    assert len(deadlines) == 3 and all("milestone" in task[2] for task in deadlines)
    assert all("done" in task[2] for task in deadlines)
    assert "| ✅ クロージング |" in result.stdout
    assert "✅ 期限内に完了" in result.stdout


def test_an_open_incident_runs_until_now_and_says_what_is_missing() -> None:
    target = "INC-20261128-1012-admin-orders-other-shop-naib"
    result = run_incident("status", target, "--format", "markdown", cwd=PROJECT_ROOT, env=JA)
    (chart,) = parse_all(result.stdout)
    active = [task for task in chart.tasks if "active" in task[2]]
    assert len(active) == 1 and active[0][5] == datetime(2026, 11, 29, 12, 0)
    assert "`decision.leader`" in result.stdout
    assert "次のフェーズ「🧭 初期対応決定」に必要なもの" in result.stdout


def test_every_example_renders_charts_that_parse() -> None:
    result = run_incident("status", "--format", "markdown", cwd=PROJECT_ROOT)
    assert result.code == 0
    charts = parse_all(result.stdout)
    assert len(charts) == 9
    assert result.stdout.count("\n## ") + result.stdout.startswith("## ") == 9


def test_an_overdue_clock_is_critical_and_says_how_late(tmp_path: Path) -> None:
    from tests.rules.test_clocks import card_incident

    (tmp_path / "incidentflow.yaml").write_bytes((PROJECT_ROOT / "incidentflow.yaml").read_bytes())
    target = tmp_path / "incidents" / "2026" / "INC-20261120-0900-card-log-aa11.md"
    target.parent.mkdir(parents=True)
    target.write_text(card_incident("investigating", None), "utf-8")
    git(tmp_path, "init", "-q")
    result = run_incident("status", target.stem, "--format", "markdown", cwd=tmp_path, env=JA)
    (chart,) = parse_all(result.stdout)
    critical = [task for task in chart.tasks if "crit" in task[2]]
    assert critical and all("milestone" in task[2] for task in critical)
    # due 11-21 09:00, now 11-29 12:00: eight days and three hours late
    assert "🔴 期限超過" in result.stdout and "8日と3時間超過" in result.stdout


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_monthly_report_charts_parse(language: str) -> None:
    result = run_incident("report", "--month", "2026-11", "--lang", language, cwd=PROJECT_ROOT)
    charts = parse_all(result.stdout)
    kinds = [chart.kind for chart in charts]
    assert kinds == ["xychart-beta", "xychart-beta", "pie", "xychart-beta", "xychart-beta"]
    trend = charts[0]
    assert len(trend.categories) == 12 and trend.categories[-1] == "2026-11"
    assert [sum(values) for _, values in trend.series][:2] == [2, 4]


def test_the_japanese_report_has_no_english_state_words() -> None:
    result = run_incident("report", "--month", "2026-08", "--lang", "ja", cwd=PROJECT_ROOT)
    prose = "\n".join(
        line for line in result.stdout.splitlines() if not line.startswith(("    ", "%%", "```"))
    )
    for word in ("done", "overdue", "horizon", "running", "now ", "later", " h ", " min"):
        assert word not in prose, word
    assert "目標 1時間" in result.stdout


def test_report_json_carries_the_trend() -> None:
    result = run_incident("report", "--month", "2026-11", "--format", "json", cwd=PROJECT_ROOT)
    trend = result.json()["trend"]
    assert trend["detected_by_severity"]["sev2"][-1] == 4
    assert trend["escalation_target_minutes"] == 60


def test_checklist_progress_is_read_from_github(tmp_path: Path, fake_github_env: Any) -> None:
    from tests.rules.test_clocks import card_incident

    (tmp_path / "incidentflow.yaml").write_bytes((PROJECT_ROOT / "incidentflow.yaml").read_bytes())
    target = tmp_path / "incidents" / "2026" / "INC-20261120-0900-card-log-aa11.md"
    target.parent.mkdir(parents=True)
    legal = fake_github_env.state.create_issue("legal", "- [x] one\n- [ ] two\n- [x] three\n")
    text = card_incident("investigating", None).replace(
        "stakeholders: [",
        f"tracking:\n  stakeholders: {{legal: {legal.number}}}\nstakeholders: [",
        1,
    )
    target.write_text(text, "utf-8")
    git(tmp_path, "init", "-q")
    result = run_incident("status", target.stem, "--format", "markdown", cwd=tmp_path)
    assert result.code == 0, result.stderr
    url = f"https://github.com/acme/incidents/issues/{legal.number}"
    row = next(line for line in result.stdout.splitlines() if url in line)
    assert row.endswith("| ⬜ legal 2/3 |")
