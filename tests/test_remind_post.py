"""`incident remind --post` comments on overdue items' issues over real HTTP, once a day."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_incident
from tests.fake_github.openapi import assert_conforms
from tests.fake_github.server import FakeGitHub
from tests.gate_fixtures import PATH, incident

LATER = "2027-01-05T09:00:00+09:00"


def _write(repo: Path, tracking: str) -> None:
    text = incident("closed").replace("prevention:", tracking + "prevention:")
    target = repo / PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, "utf-8")


def test_posts_once_per_day_on_the_tracking_issue(repo: Path, fake_github: FakeGitHub) -> None:
    issue = fake_github.state.create_issue("P1", "alert on pool saturation")
    _write(repo, f"tracking:\n  prevention:\n    P1: {issue.number}\n")
    env = {**fake_github.env(), "INCIDENTFLOW_NOW": LATER, "INCIDENTFLOW_WRITE_PAUSE": "0"}
    first = run_incident("remind", "--post", cwd=repo, env=env)
    assert first.code == 0, first.stderr
    assert "P1: commented" in first.stdout
    second = run_incident("remind", "--post", cwd=repo, env=env)
    assert "P1: already reminded today" in second.stdout
    comments = fake_github.state.comments_on(issue.number)
    assert len(comments) == 1
    assert "Overdue" in comments[0].body and "2026-12-01" in comments[0].body
    next_day = {**env, "INCIDENTFLOW_NOW": "2027-01-06T09:00:00+09:00"}
    run_incident("remind", "--post", cwd=repo, env=next_day)
    assert len(fake_github.state.comments_on(issue.number)) == 2
    assert assert_conforms(fake_github.requests) > 0


def test_item_without_an_issue_is_reported_not_posted(repo: Path, fake_github: FakeGitHub) -> None:
    _write(repo, "")
    env = {**fake_github.env(), "INCIDENTFLOW_NOW": LATER}
    result = run_incident("remind", "--post", "--format", "json", cwd=repo, env=env)
    rows = result.json()["overdue"]
    assert [row["posted"] for row in rows] == [
        "no issue recorded (merge the sync's bot pull request, or run sync)"
    ]
    assert fake_github.writes() == 0


def test_post_without_settings_is_a_usage_error(repo: Path) -> None:
    _write(repo, "")
    result = run_incident("remind", "--post", cwd=repo, env={"INCIDENTFLOW_NOW": LATER})
    assert result.code == 2
    assert "GITHUB_TOKEN" in result.stderr
