"""The gate's job summary draws each changed incident: phases and deadlines as a Mermaid
Gantt that parses back, clocks with time left or late, and the teams' checklist issues."""

from __future__ import annotations

from pathlib import Path

from tests.gate.fixtures import check_in_actions, commit, incident, start_branch
from tests.reports.mermaid_syntax import parse_all
from tests.rules.test_clocks import card_incident

CARD_PATH = "incidents/2026/INC-20261120-0900-card-log-aa11.md"


def _summary(repo: Path, env: dict[str, str] | None = None) -> str:
    # No INCIDENTFLOW_LANG: the summary follows the config, each page its incident.
    return check_in_actions(repo, env=env)[1]


def test_the_summary_draws_the_changed_incident(repo: Path) -> None:
    start_branch(repo, {})
    text = card_incident("investigating", None).replace(
        "stakeholders: [", "tracking:\n  stakeholders: {legal: 12}\nstakeholders: [", 1
    )
    commit(repo, "card", {CARD_PATH: text})
    markdown = _summary(repo, {"GITHUB_REPOSITORY": "acme/incidents"})
    (chart,) = parse_all(markdown)
    assert chart.kind == "gantt" and chart.sections == ["フェーズ", "期限"]
    assert any("crit" in task[2] for task in chart.tasks)
    assert "🔴 期限超過" in markdown and "8日と3時間超過" in markdown
    assert "[#12](https://github.com/acme/incidents/issues/12)" in markdown


def test_every_phase_the_fixture_passes_through_parses(repo: Path) -> None:
    start_branch(repo, {})
    commit(
        repo,
        "closed",
        {"incidents/2026/INC-20261110-0900-checkout-errors-ab12.md": incident("closed")},
    )
    charts = parse_all(_summary(repo))
    assert len(charts) == 1 and charts[0].kind == "gantt"


def test_an_english_repository_gets_an_english_summary(repo: Path) -> None:
    config = repo / "incidentflow.yaml"
    config.write_text(config.read_text("utf-8").replace("language: ja", "language: en", 1), "utf-8")
    start_branch(repo, {})
    text = incident("closed").replace("severity: sev2", "severity: sev2\nlang: en", 1)
    commit(repo, "closed", {"incidents/2026/INC-20261110-0900-checkout-errors-ab12.md": text})
    markdown = _summary(repo)
    assert "incident check" in markdown and "| incident | status | errors | waivers |" in markdown
    assert "new → ✅ closed" in markdown
