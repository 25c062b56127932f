"""Behaviours a new-user walkthrough asked for, end to end through the real CLI."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_incident
from tests.gate.fixtures import PATH, commit, incident, start_branch


def test_new_refuses_personal_data_in_the_title(repo: Path) -> None:
    result = run_incident("new", "Card 4111 1111 1111 1111 refused for 090-1234-5678", cwd=repo)
    assert result.code == 2
    assert "card number 4111 **** **** 1111" in result.stderr
    assert "4111 1111 1111 1111" not in result.stderr
    assert not list((repo / "incidents").rglob("*.md"))


def test_override_of_an_unknown_or_unwaivable_rule_is_reported(repo: Path) -> None:
    text = (
        incident("investigating")
        .replace("stakeholders", "stakeholders")
        .replace(
            "---\n\n#",
            "overrides:\n  - rule: IF999\n    reason: r\n    approved_by: a\n"
            "  - rule: PD104\n    reason: r\n    approved_by: a\n---\n\n#",
            1,
        )
        + "\nCaller: 090-1234-5678\n"
    )
    target = repo / PATH
    target.parent.mkdir(parents=True)
    target.write_text(text, "utf-8")
    result = run_incident("validate", "--format", "json", cwd=repo)
    found = [(f["code"], f["level"]) for f in result.json()["findings"]]
    assert ("PD104", "error") in found  # an override cannot waive the personal-data guard
    assert found.count(("IF060", "warning")) == 2
    assert "personal_data.allow" in result.stdout


def test_config_errors_in_json(repo: Path) -> None:
    config = repo / "incidentflow.yaml"
    config.write_text(config.read_text("utf-8").replace("timezone: Asia/Tokyo", "timezone: X"))
    result = run_incident("validate", "--format", "json", cwd=repo)
    assert result.code == 2
    assert [f["code"] for f in result.json()["findings"]] == ["CF021"]


def test_deleted_file_reads_as_deleted(repo: Path) -> None:
    start_branch(repo, {PATH: incident("detected")})
    commit(repo, "delete", {PATH: None})
    result = run_incident("check", "--base", "main", "--format", "json", cwd=repo)
    assert result.json()["incidents"][0]["to"] is None
    text = run_incident("check", "--base", "main", cwd=repo)
    assert "detected → deleted" in text.stdout


def test_forged_workflow_command_in_a_value_stays_inert(repo: Path) -> None:
    text = incident("detected").replace("severity: sev2", 'severity: "x\\n::error file=evil::pwn"')
    target = repo / PATH
    target.parent.mkdir(parents=True)
    target.write_text(text, "utf-8")
    result = run_incident("validate", cwd=repo, env={"GITHUB_ACTIONS": "true"})
    lines = result.stdout.splitlines()
    assert not any(line.startswith("::error file=evil") for line in lines)
    assert any(line.startswith("::stop-commands::") for line in lines)


def test_status_names_the_line_for_each_missing_item(repo: Path) -> None:
    target = repo / PATH
    target.parent.mkdir(parents=True)
    target.write_text(incident("detected") + "---\n", "utf-8")
    result = run_incident("status", PATH, "--format", "json", cwd=repo)
    state = result.json()["incidents"][0]
    assert state["missing_for_next"][:2] == ["investigation.summary", "investigation.impact"]
    assert state["missing_for_next_at"][:2] == [4, 4]  # the status line: the phase asks
