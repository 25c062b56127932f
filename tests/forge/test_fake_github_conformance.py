"""FakeGitHub's responses conform to GitHub's published REST description (githubkit-schemas).

A realistic PyGithub session, of the kind `incident sync` runs, is recorded and every response,
errors included, is validated against the response schema of its operation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from github import Github, GithubException

from tests.fake_github import FakeGitHub, openapi, payloads

SAMPLE_PARAMS = {"path": "incidents/INC-1.md", "ref": "heads/main", "name": "team:legal"}


@pytest.fixture
def gh() -> Iterator[FakeGitHub]:
    with FakeGitHub(api_prefix="/api/v3", collaborators=["alice"]) as server:
        yield server


def sync_like_session(client: Github) -> None:
    """What a sync does: labels, checklist issues, comments, listing, a write-back pull request."""
    client.get_user().login  # noqa: B018
    client.get_rate_limit()
    repo = client.get_repo("acme/incidents")

    for team in ("legal", "cs", "pr"):
        repo.create_label(f"team:{team}", "0e8a16", f"{team} stakeholders")
    with pytest.raises(GithubException):
        repo.create_label("team:legal", "0e8a16")
    repo.get_label("team:legal")
    assert len(list(repo.get_labels())) == 3

    issues = [
        repo.create_issue(f"INC-1: {team} checklist", body="- [ ] act", labels=[f"team:{team}"])
        for team in ("legal", "cs", "pr")
    ]
    issues[0].add_to_assignees("alice")
    issues[0].add_to_labels("incident:INC-1")
    issues[0].create_comment("Notified the regulator")
    list(issues[0].get_comments())
    issues[1].edit(state="closed", state_reason="completed")
    repo.get_issue(issues[1].number)
    assert [i.number for i in repo.get_issues(state="all", labels=["team:legal"])] == [1]
    with pytest.raises(GithubException):
        repo.get_issue(999)

    main = repo.get_git_ref("heads/main")
    repo.create_git_ref("refs/heads/incidentflow/links", main.object.sha)
    with pytest.raises(GithubException):
        repo.create_git_ref("refs/heads/incidentflow/links", main.object.sha)
    readme = repo.get_contents("README.md", ref="incidentflow/links")
    assert not isinstance(readme, list)
    with pytest.raises(GithubException):
        repo.update_file("README.md", "stale", "x", "0" * 40, branch="incidentflow/links")
    repo.update_file("README.md", "link", "# links\n", readme.sha, branch="incidentflow/links")
    repo.create_file("incidents/INC-1.md", "add", "id: INC-1\n", branch="incidentflow/links")
    repo.get_contents("incidents", ref="incidentflow/links")
    list(repo.get_git_matching_refs("heads/incidentflow"))

    pull = repo.create_pull(
        title="Link issues", body="bot", base="main", head="acme:incidentflow/links"
    )
    with pytest.raises(GithubException):
        repo.create_pull(title="again", body="", base="main", head="incidentflow/links")
    list(repo.get_pulls(state="open", head="acme:incidentflow/links"))
    pull.edit(body="bot, edited")
    repo.get_pull(pull.number).merge()
    list(repo.get_issues(state="all"))
    merged_main = repo.get_git_ref("heads/main").object.sha
    repo.get_git_ref("heads/incidentflow/links").edit(merged_main, force=True)


def test_every_response_of_a_sync_session_matches_the_description(gh: FakeGitHub) -> None:
    sync_like_session(gh.client(per_page=2))
    exchanges = gh.requests
    assert {e.status for e in exchanges} >= {200, 201, 404, 409, 422}
    assert openapi.assert_conforms(exchanges) == len(exchanges) > 40
    assert any("page" in e.query for e in exchanges)


def test_responses_match_the_2026_api_version_when_asked(gh: FakeGitHub) -> None:
    sync_like_session(gh.client(api_version="2026-03-10"))
    assert {e.api_version for e in gh.requests} == {"2026-03-10"}
    openapi.assert_conforms(gh.requests)


def test_every_route_is_an_operation_in_the_description(gh: FakeGitHub) -> None:
    for route in gh.router.routes:
        path = re.sub(r"\{(\w+)\}", lambda m: SAMPLE_PARAMS.get(m.group(1), "1"), route.template)
        operation = openapi.find_operation(route.method, path)
        assert operation is not None, f"{route.method} {route.template} is not a GitHub operation"
        aliased = (route.method, route.template) in openapi.ALIASES
        assert aliased or operation.template == route.template, operation.template


def test_the_check_rejects_missing_wrong_and_invented_fields(gh: FakeGitHub) -> None:
    issue = payloads.issue(gh.urls, gh.state, gh.state.create_issue("t"))
    path = "/repos/acme/incidents/issues/1"
    assert openapi.check_response("GET", path, 200, issue) == []
    missing = {k: v for k, v in issue.items() if k != "node_id"}
    assert "node_id: Field required" in openapi.check_response("GET", path, 200, missing)[0]
    wrong = {**issue, "number": "1"}
    assert "valid integer" in openapi.check_response("GET", path, 200, wrong)[0]
    invented = {**issue, "user": {**issue["user"], "nickname": "x"}}
    assert "$.user.nickname" in openapi.check_response("GET", path, 200, invented)[0]
    assert openapi.check_response("GET", "/no/such/route", 200, {})
    assert openapi.check_response("POST", "/repos/acme/incidents/labels", 422, {"message": "x"})
