"""The checklist issue's generated header draws the incident's phases and the team's
deadlines as a Mermaid Gantt that parses back and does not change with the clock."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.fake_github import FakeGitHub
from tests.reports.mermaid_syntax import parse_all
from tests.sync.support import commit_all, committed_files, incident_text, sync, write_incident


def test_the_header_chart_parses_and_stays_put(repo: Path, fake_github_factory: Any) -> None:
    write_incident(repo, 1, incident_text(1))
    commit_all(repo)
    gh: FakeGitHub = fake_github_factory(files=committed_files(repo))
    assert sync(repo, gh).code == 0
    bodies = [body for body in _bodies(gh) if "incidentflow:checklist" in body]
    assert len(bodies) == 2
    for body in bodies:
        (chart,) = parse_all(body)
        assert chart.kind == "gantt"
        assert not [
            task for task in chart.tasks if "active" in task[2] and "milestone" not in task[2]
        ]
    later = sync(repo, gh, INCIDENTFLOW_NOW="2026-11-30T12:00:00+09:00")
    assert later.code == 0
    assert [body for body in _bodies(gh) if "incidentflow:checklist" in body] == bodies


def _bodies(gh: FakeGitHub) -> list[str]:
    return [issue.body or "" for issue in gh.state.issues.values()]
