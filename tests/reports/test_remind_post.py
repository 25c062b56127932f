"""`incident remind --post` comments on overdue items' issues over real HTTP, once a day."""

from __future__ import annotations

from pathlib import Path

from incidentflow.sync.markers import PREVENTION, IssueKey
from tests.conftest import run_incident
from tests.fake_github.openapi import assert_conforms
from tests.fake_github.server import FakeGitHub
from tests.gate.fixtures import INCIDENT_ID, PATH, incident

LATER = "2027-01-05T09:00:00+09:00"


def _write(repo: Path, tracking: str) -> None:
    text = incident("closed").replace("prevention:", tracking + "prevention:")
    target = repo / PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, "utf-8")


def _tracking_issue(fake_github: FakeGitHub) -> int:
    """The sync's own tracking issue for P1: its marker, opened by the token's account."""
    key = IssueKey(PREVENTION, INCIDENT_ID, "P1")
    return fake_github.state.create_issue("P1", f"{key.marker}\nalert on pool saturation").number


def test_posts_once_per_day_on_the_tracking_issue(repo: Path, fake_github: FakeGitHub) -> None:
    issue = fake_github.state.issue(_tracking_issue(fake_github))
    _write(repo, f"tracking:\n  prevention:\n    P1: {issue.number}\n")
    env = {**fake_github.env(), "INCIDENTFLOW_NOW": LATER, "INCIDENTFLOW_WRITE_PAUSE": "0"}
    first = run_incident("remind", "--post", cwd=repo, env=env)
    assert first.code == 0, first.stderr
    assert "P1: commented" in first.stdout
    second = run_incident("remind", "--post", cwd=repo, env=env)
    assert "P1: already reminded today" in second.stdout
    comments = fake_github.state.comments_on(issue.number)
    assert len(comments) == 1
    # In the incident's language, whatever the reader's.
    assert "期限超過" in comments[0].body and "2026-12-01" in comments[0].body
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


def test_a_recorded_number_that_is_not_the_syncs_issue_gets_no_comment(
    repo: Path, fake_github: FakeGitHub
) -> None:
    """The number comes from the file: someone else's issue, or the sync's issue for another
    item, is never commented on, and incident text never mentions anyone."""
    fake_github.state.add_user("mallory")
    stranger = fake_github.state.create_issue("hi", "unrelated", author="mallory").number
    other = fake_github.state.create_issue(
        "P2", f"{IssueKey(PREVENTION, INCIDENT_ID, 'P2').marker}\nother item"
    ).number
    for number in (stranger, other):
        _write(repo, f"tracking:\n  prevention:\n    P1: {number}\n")
        env = {**fake_github.env(), "INCIDENTFLOW_NOW": LATER, "INCIDENTFLOW_WRITE_PAUSE": "0"}
        result = run_incident("remind", "--post", cwd=repo, env=env)
        assert result.code == 0, result.stderr
        assert "is not ours" in result.stdout
        assert fake_github.state.comments_on(number) == []


def test_reminder_comments_mention_nobody(repo: Path, fake_github: FakeGitHub) -> None:
    number = _tracking_issue(fake_github)
    text = incident("closed").replace("owner: Sato (SRE)", "owner: '@sato @acme/sre'")
    text = text.replace("prevention:", f"tracking:\n  prevention:\n    P1: {number}\nprevention:")
    (repo / PATH).parent.mkdir(parents=True, exist_ok=True)
    (repo / PATH).write_text(text, "utf-8")
    env = {**fake_github.env(), "INCIDENTFLOW_NOW": LATER, "INCIDENTFLOW_WRITE_PAUSE": "0"}
    assert run_incident("remind", "--post", cwd=repo, env=env).code == 0
    (comment,) = fake_github.state.comments_on(number)
    assert "@sato" not in comment.body and "@acme/sre" not in comment.body
    assert "@\u200dsato" in comment.body
