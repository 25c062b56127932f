"""Escalation rules from the config: who must be involved, and how fast."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Result, run_incident
from tests.gate.fixtures import DETECTED, INVESTIGATION, PATH

SUSPECTED = INVESTIGATION.replace(
    "  status: none\n  assessed_by: Tanaka (security)\n",
    "  status: suspected\n  assessed_by: Tanaka (security)\n  escalated_at: {escalated}\n",
)


def _run(repo: Path, text: str) -> Result:
    target = repo / PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text + "---\n", "utf-8")
    return run_incident("validate", "--format", "json", cwd=repo)


def _findings(result: Result) -> list[tuple[str, str]]:
    return [(f["code"], f["level"]) for f in result.json()["findings"]]


def _incident(escalated: str, stakeholders: str, status: str = "investigating") -> str:
    text = DETECTED.replace("status: detected", f"status: {status}")
    return text + SUSPECTED.format(escalated=escalated) + f"stakeholders: {stakeholders}\n"


def test_suspected_personal_data_requires_legal_and_security_from_investigating(
    repo: Path,
) -> None:
    result = _run(repo, _incident("2026-11-10T09:10:00+09:00", "[engineering]"))
    assert _findings(result) == [("IF045", "error")]
    assert "legal, security" in result.stdout


def test_escalated_in_time_with_the_right_teams_passes(repo: Path) -> None:
    result = _run(repo, _incident("2026-11-10T09:10:00+09:00", "[engineering, legal, security]"))
    assert result.code == 0 and _findings(result) == []


def test_late_escalation_is_a_warning_naming_the_delay(repo: Path) -> None:
    result = _run(repo, _incident("2026-11-10T11:30:00+09:00", "[engineering, legal, security]"))
    assert result.code == 0
    assert _findings(result) == [("IF046", "warning")]
    assert "150 minutes after detection" in result.stdout


def test_suspected_without_escalation_time_fails(repo: Path) -> None:
    text = _incident("null", "[legal, security]")
    assert ("IF030", "error") in _findings(_run(repo, text))


def test_organisation_rule_sev1_brings_pr_and_management_at_decided(repo: Path) -> None:
    config = repo / "incidentflow.yaml"
    text = config.read_text("utf-8")
    assert "when: {field: severity, equals: sev1}" in text
    incident = _incident("2026-11-10T09:10:00+09:00", "[engineering, legal, security]")
    incident = incident.replace("severity: sev2", "severity: sev1")
    assert _findings(_run(repo, incident)) == []  # the rule applies from decided on
    decided = incident.replace("status: investigating", "status: decided")
    result = _run(repo, decided)
    assert ("IF045", "error") in _findings(result)
    assert "pr, management" in result.stdout


def test_clock_owners_must_be_stakeholders(repo: Path) -> None:
    text = _incident("2026-11-10T09:10:00+09:00", "[engineering, legal, security]").replace(
        "  escalated_at:", "  categories: [card_number]\n  escalated_at:"
    )
    result = _run(repo, text)
    assert [f for f in _findings(result) if f[0] == "IF045"] == [("IF045", "error")] * 2
    assert "clock 'card-acquirer' runs and liaison owns it" in result.stdout
    assert "clock 'appi-notify-individuals' runs and cs owns it" in result.stdout
    fixed = text.replace(
        "[engineering, legal, security]", "[engineering, legal, security, liaison, cs]"
    )
    assert "IF045" not in [code for code, _ in _findings(_run(repo, fixed))]
