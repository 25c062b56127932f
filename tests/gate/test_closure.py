"""Closing needs every stakeholder's checklist issue done; read over real HTTP from the
GitHub-compatible test server, with the token a same-repository pull request has."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Result, run_incident
from tests.fake_github.openapi import assert_conforms
from tests.fake_github.server import FakeGitHub
from tests.fake_github.state import Issue
from tests.gate.fixtures import INCIDENT_ID, PATH, commit, incident, start_branch
from tests.sync.support import checklist_body

CHECKLIST = "- [x] Draft the customer FAQ\n- [ ] Track inquiry counts\n"


def checklist(server: FakeGitHub, team: str, boxes: str) -> Issue:
    """The sync's checklist issue for a team of this incident, as the sync's account."""
    return server.state.create_issue(team, checklist_body(INCIDENT_ID, team, boxes))


def _closing(repo: Path, numbers: dict[str, int]) -> None:
    tracking = "tracking:\n  stakeholders:\n" + "".join(
        f"    {team}: {number}\n" for team, number in numbers.items()
    )
    start_branch(repo, {PATH: incident("resolved")})
    commit(
        repo, "close", {PATH: incident("closed").replace("prevention:", tracking + "prevention:")}
    )


def _check(repo: Path, server: FakeGitHub) -> Result:
    return run_incident("check", "--base", "main", "--format", "json", cwd=repo, env=server.env())


def _codes(result: Result) -> list[str]:
    return [f["code"] for f in result.json()["findings"] if f["level"] == "error"]


def test_open_checklist_blocks_closing_and_names_it(repo: Path, fake_github: FakeGitHub) -> None:
    engineering = checklist(fake_github, "engineering", "- [x] recover\n")
    cs = checklist(fake_github, "cs", CHECKLIST)
    _closing(repo, {"engineering": engineering.number, "cs": cs.number})
    result = _check(repo, fake_github)
    assert result.code == 1
    assert _codes(result) == ["GT030"]
    message = result.json()["findings"][0]["message"]
    assert f"cs #{cs.number} (1/2 done)" in message
    assert f"/issues/{cs.number}" in message
    assert "engineering" not in message
    assert assert_conforms(fake_github.requests) > 0


def test_closed_or_fully_ticked_checklists_let_it_close(
    repo: Path, fake_github: FakeGitHub
) -> None:
    engineering = checklist(fake_github, "engineering", "- [ ] recover\n")
    fake_github.state.update_issue(engineering, state="closed", state_reason="completed")
    cs = checklist(fake_github, "cs", CHECKLIST.replace("- [ ]", "- [x]"))
    _closing(repo, {"engineering": engineering.number, "cs": cs.number})
    result = _check(repo, fake_github)
    assert result.code == 0, result.stdout
    assert result.json()["findings"] == []


def test_missing_checklist_issue_is_reported(repo: Path, fake_github: FakeGitHub) -> None:
    engineering = checklist(fake_github, "engineering", "- [x] recover\n")
    _closing(repo, {"engineering": engineering.number})
    result = _check(repo, fake_github)
    assert _codes(result) == ["GT031"]
    assert "tracking.stakeholders.cs" in result.stdout


def test_open_checklist_can_be_waived(repo: Path, fake_github: FakeGitHub) -> None:
    engineering = checklist(fake_github, "engineering", "- [x] recover\n")
    cs = checklist(fake_github, "cs", CHECKLIST)
    _closing(repo, {"engineering": engineering.number, "cs": cs.number})
    text = (
        (repo / PATH)
        .read_text("utf-8")
        .replace(
            "prevention:",
            "overrides:\n  - rule: GT030\n    reason: CS tracks inquiry counts in the CRM now\n"
            "    approved_by: Yamada (CS lead)\nprevention:",
        )
    )
    commit(repo, "waive", {PATH: text})
    result = _check(repo, fake_github)
    assert result.code == 0
    assert [f["code"] for f in result.json()["findings"]] == ["GT030"]
    assert result.json()["findings"][0]["level"] == "notice"


def test_enterprise_base_url(repo: Path, fake_github_factory: object) -> None:
    server = fake_github_factory(api_prefix="/api/v3")  # type: ignore[operator]
    cs = checklist(server, "cs", CHECKLIST)
    engineering = checklist(server, "engineering", "- [x] a\n")
    _closing(repo, {"engineering": engineering.number, "cs": cs.number})
    result = _check(repo, server)
    assert _codes(result) == ["GT030"]
    assert server.requests and all(r.status == 200 for r in server.requests)
