"""The monthly report lists each incident's checklists: how far each team got, linked to its
issue, read from GitHub when the environment names the repository; the links alone without."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import run_incident
from tests.fake_github import FakeGitHub
from tests.sync.support import commit_all, incident_text, write_incident


def _incident_with_checklists(repo: Path, numbers: dict[str, int]) -> None:
    tracked = "".join(f"    {team}: {number}\n" for team, number in numbers.items())
    text = incident_text(1, stakeholders=list(numbers)).replace(
        "\n---\n", f"\ntracking:\n  stakeholders:\n{tracked}---\n", 1
    )
    write_incident(repo, 1, text)
    commit_all(repo)


def _row(stdout: str) -> str:
    (row,) = [line for line in stdout.splitlines() if line.startswith("| INC-")]
    return row


def test_progress_per_team_linked_to_its_issue(repo: Path, fake_github_factory: Any) -> None:
    gh: FakeGitHub = fake_github_factory(files={})
    engineering = gh.state.create_issue("eng", "- [x] one\n- [ ] two\n- [ ] three\n")
    cs = gh.state.create_issue("cs", "- [x] one\n- [x] two\n")
    _incident_with_checklists(repo, {"engineering": engineering.number, "cs": cs.number})
    commit_all(repo)

    result = run_incident("report", "--month", "2026-11", cwd=repo, env=gh.env())

    assert result.code == 0, result.stderr
    row = _row(result.stdout)
    issues = f"{gh.web_url}/{gh.repository}/issues"
    assert f"[⬜ engineering 1/3]({issues}/{engineering.number})" in row
    assert f"[✅ cs 2/2]({issues}/{cs.number})" in row
    figures = run_incident(
        "report", "--month", "2026-11", "--format", "json", cwd=repo, env=gh.env()
    ).json()
    (listed,) = figures["incidents"]
    assert listed["checklist_progress"] == {"engineering": [1, 3], "cs": [2, 2]}


def test_without_github_the_report_names_the_issues(repo: Path) -> None:
    _incident_with_checklists(repo, {"engineering": 4, "cs": 5})

    result = run_incident("report", "--month", "2026-11", cwd=repo)

    assert result.code == 0, result.stderr
    assert "| engineering #4, cs #5 |" in _row(result.stdout)
    assert "チェックリスト" not in result.stdout  # tests read English (INCIDENTFLOW_LANG=en)
    assert "| checklists |" in result.stdout


def test_an_incident_without_checklists_shows_a_dash(repo: Path) -> None:
    write_incident(repo, 1, incident_text(1, stakeholders=[]))
    commit_all(repo)
    assert _row(run_incident("report", "--month", "2026-11", cwd=repo).stdout).endswith("| - |")
