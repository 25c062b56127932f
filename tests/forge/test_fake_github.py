"""FakeGitHub speaks enough of GitHub's REST API, over real HTTP, for PyGithub and raw clients."""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from github import Auth, BadCredentialsException, Github, GithubException

from tests.fake_github import FakeGitHub
from tests.fake_github.git_store import blob_sha

# The fixtures tests/conftest.py is meant to import; loaded here so this module stands alone.

REPO = "/repos/acme/incidents"


class Api:
    """A bare `requests` client, so tests see exactly what goes over the wire."""

    def __init__(self, gh: FakeGitHub, token: str = "t0ken", scheme: str = "token") -> None:
        self.base = gh.url
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"{scheme} {token}"

    def __call__(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        return self.session.request(method, f"{self.base}{path}", timeout=5, **kwargs)


@pytest.fixture
def gh(fake_github: FakeGitHub) -> FakeGitHub:
    return fake_github


@pytest.fixture
def api(gh: FakeGitHub) -> Iterator[Api]:
    client = Api(gh)
    yield client
    client.session.close()


def test_pygithub_session_over_real_http(gh: FakeGitHub) -> None:
    client = gh.client()
    assert client.get_user().login == "incidentflow-bot"
    repo = client.get_repo("acme/incidents")
    assert (repo.full_name, repo.default_branch) == ("acme/incidents", "main")

    legal = repo.create_label("team:legal", "d73a4a", "Legal team")
    issue = repo.create_issue("Checklist: legal", body="- [ ] notify", labels=[legal])
    issue.create_comment("Escalated to privacy team")
    issue.edit(state="closed", state_reason="not_planned")

    assert issue.number == 1
    assert issue.html_url == "https://github.com/acme/incidents/issues/1"
    assert (issue.state, issue.state_reason) == ("closed", "not_planned")
    assert [c.body for c in issue.get_comments()] == ["Escalated to privacy team"]
    stored = gh.state.issues[1]
    assert stored.closed_by == "incidentflow-bot"
    assert [lb.name for lb in gh.state.issue_labels(stored)] == ["team:legal"]


def test_enterprise_prefix_serves_the_api_under_api_v3(fake_github_factory: Any) -> None:
    gh = fake_github_factory(api_prefix="/api/v3")
    assert gh.url.endswith("/api/v3")
    repo = gh.client().get_repo("acme/incidents")
    assert repo.url == f"{gh.url}/repos/acme/incidents"
    created = repo.create_issue("via enterprise")
    assert created.url.startswith(f"{gh.url}/repos/acme/incidents/issues/")
    outside = requests.get(f"{gh.root_url}/repos/acme/incidents", headers=_auth(), timeout=5)
    assert outside.status_code == 404


def test_requests_need_a_valid_token(gh: FakeGitHub) -> None:
    missing = requests.get(f"{gh.url}{REPO}", timeout=5)
    assert missing.status_code == 401
    assert missing.json()["message"] == "Requires authentication"
    wrong = requests.get(f"{gh.url}{REPO}", headers=_auth("nope"), timeout=5)
    assert (wrong.status_code, wrong.json()["message"]) == (401, "Bad credentials")
    bearer = requests.get(f"{gh.url}{REPO}", headers={"Authorization": "Bearer t0ken"}, timeout=5)
    assert bearer.status_code == 200
    bad_client = Github(base_url=gh.url, auth=Auth.Token("nope"), seconds_between_requests=None)
    with pytest.raises(BadCredentialsException):
        bad_client.get_repo("acme/incidents").full_name  # noqa: B018


def test_unknown_routes_and_repositories_are_github_404s(api: Api) -> None:
    unknown = [
        ("GET", "/nothing/here"),
        ("GET", "/repos/acme/other"),
        ("DELETE", f"{REPO}/issues/1"),
        ("GET", f"{REPO}/issues/999"),
    ]
    for method, path in unknown:
        response = api(method, path)
        assert response.status_code == 404
        body = response.json()
        assert body["message"] == "Not Found"
        assert body["documentation_url"].startswith("https://docs.github.com/rest")


def test_responses_carry_github_headers(api: Api) -> None:
    first, second = api("GET", REPO), api("GET", REPO)
    for response in (first, second):
        assert response.headers["Content-Type"].startswith("application/json")
        assert response.headers["x-ratelimit-limit"] == "5000"
        assert response.headers["x-ratelimit-resource"] == "core"
        assert int(response.headers["x-ratelimit-reset"]) > 0
    assert int(second.headers["x-ratelimit-used"]) == int(first.headers["x-ratelimit-used"]) + 1
    assert int(second.headers["x-ratelimit-remaining"]) == 5000 - 2
    assert first.headers["x-github-request-id"] != second.headers["x-github-request-id"]
    assert first.json()["created_at"].endswith("Z")


# -- issues ---------------------------------------------------------------------------------------


def test_issue_list_paginates_with_link_headers(gh: FakeGitHub, api: Api) -> None:
    for n in range(45):
        gh.state.create_issue(f"issue {n}")
    first = api("GET", f"{REPO}/issues", params={"per_page": 20})
    assert [i["number"] for i in first.json()] == list(range(45, 25, -1))
    links = requests.utils.parse_header_links(first.headers["Link"])
    rels = {link["rel"]: link["url"] for link in links}
    assert set(rels) == {"next", "last"}
    assert rels["last"].startswith(gh.url) and "page=3" in rels["last"]

    last = api("GET", rels["last"].removeprefix(gh.url))
    assert [i["number"] for i in last.json()] == [5, 4, 3, 2, 1]
    last_rels = {link["rel"] for link in requests.utils.parse_header_links(last.headers["Link"])}
    assert last_rels == {"prev", "first"}

    clamped = api("GET", f"{REPO}/issues", params={"per_page": 500})
    assert len(clamped.json()) == 45 and "Link" not in clamped.headers

    paged = gh.client(per_page=10).get_repo("acme/incidents").get_issues()
    assert paged.totalCount == 45
    assert len(list(paged)) == 45


def test_issue_list_filters_like_github(gh: FakeGitHub, api: Api) -> None:
    gh.state.create_issue("legal", labels=["team:legal", "incident:INC-1"])
    gh.state.create_issue("cs", labels=["team:cs", "incident:INC-1"])
    closed = gh.state.create_issue("old", labels=["team:legal"])
    gh.state.update_issue(closed, state="closed")
    gh.state.put_file("sync", "x.md", "x")
    gh.state.open_pull("sync", "main", "Sync")

    def numbers(**params: Any) -> list[int]:
        return [i["number"] for i in api("GET", f"{REPO}/issues", params=params).json()]

    assert numbers() == [4, 2, 1]
    assert numbers(state="closed") == [3]
    assert numbers(state="all", direction="asc") == [1, 2, 3, 4]
    assert numbers(labels="team:legal,INCIDENT:inc-1") == [1]
    assert numbers(labels="no-such-label") == []
    assert numbers(creator="incidentflow-bot", labels="team:cs") == [2]
    pull_entry = api("GET", f"{REPO}/issues").json()[0]
    assert pull_entry["pull_request"]["url"].endswith("/pulls/4")

    gh.state.clock.advance(60)
    later = gh.state.clock.now()
    gh.state.add_comment(gh.state.issues[2], "update")
    assert numbers(since=later.strftime("%Y-%m-%dT%H:%M:%SZ")) == [2]
    assert numbers(sort="comments")[0] == 2


def test_issue_create_and_update_validate_like_github(gh: FakeGitHub, api: Api) -> None:
    assert api("POST", f"{REPO}/issues", json={"body": "no title"}).status_code == 422
    unknown = api("POST", f"{REPO}/issues", json={"title": "t", "assignees": ["stranger"]})
    assert unknown.status_code == 422
    error = {"resource": "Issue", "code": "invalid", "field": "assignees", "value": "stranger"}
    assert unknown.json()["errors"] == [error]
    broken = api("POST", f"{REPO}/issues", data=b"{not json", headers={"Content-Type": "x"})
    assert (broken.status_code, broken.json()["message"]) == (400, "Problems parsing JSON")

    gh.state.add_collaborator("alice")
    created = api("POST", f"{REPO}/issues", json={"title": "t", "labels": ["auto-created"]})
    assert created.status_code == 201
    assert created.headers["Location"] == created.json()["url"]
    assert gh.state.label("auto-created") is not None

    number = created.json()["number"]
    patched = api(
        "PATCH",
        f"{REPO}/issues/{number}",
        json={"title": "t2", "labels": ["x", "y"], "assignees": ["alice"], "state": "closed"},
    )
    body = patched.json()
    assert (body["title"], body["state"], body["state_reason"]) == ("t2", "closed", "completed")
    assert [lb["name"] for lb in body["labels"]] == ["x", "y"]
    assert body["assignee"]["login"] == "alice" and body["closed_at"].endswith("Z")
    reopened = api("PATCH", f"{REPO}/issues/{number}", json={"state": "open"}).json()
    assert (reopened["state_reason"], reopened["closed_at"]) == ("reopened", None)


def test_labels_and_assignees_on_issues(gh: FakeGitHub, api: Api) -> None:
    first = api("POST", f"{REPO}/labels", json={"name": "team:pr", "color": "#00FF00"})
    assert first.status_code == 201 and first.json()["color"] == "00ff00"
    duplicate = api("POST", f"{REPO}/labels", json={"name": "TEAM:PR"})
    assert duplicate.status_code == 422
    assert duplicate.json()["message"] == "Validation Failed"
    assert duplicate.json()["errors"] == [
        {"resource": "Label", "code": "already_exists", "field": "name"}
    ]
    assert api("GET", f"{REPO}/labels/team:pr").json()["name"] == "team:pr"

    gh.state.add_collaborator("bob")
    issue = gh.state.create_issue("t")
    added = api("POST", f"{REPO}/issues/{issue.number}/labels", json={"labels": ["team:pr", "new"]})
    assert [lb["name"] for lb in added.json()] == ["team:pr", "new"]
    api("POST", f"{REPO}/issues/{issue.number}/labels", json=["new", "more"])
    assert [lb.name for lb in gh.state.issue_labels(issue)] == ["team:pr", "new", "more"]

    logins = {"assignees": ["bob", "not-a-collaborator"]}
    assigned = api("POST", f"{REPO}/issues/{issue.number}/assignees", json=logins)
    assert assigned.status_code == 201
    assert [a["login"] for a in assigned.json()["assignees"]] == ["bob"]


# -- contents, refs and pull requests -------------------------------------------------------------


def test_contents_read_and_write_follow_github_rules(gh: FakeGitHub, api: Api) -> None:
    gh.state.put_file("main", "incidents/2024/INC-1.md", "---\nid: INC-1\n---\n")
    listing = api("GET", f"{REPO}/contents/incidents/2024").json()
    assert [(e["name"], e["type"]) for e in listing] == [("INC-1.md", "file")]
    file = api("GET", f"{REPO}/contents/incidents/2024/INC-1.md").json()
    assert base64.b64decode(file["content"]) == b"---\nid: INC-1\n---\n"
    assert file["sha"] == blob_sha(b"---\nid: INC-1\n---\n")
    assert api("GET", f"{REPO}/contents/missing.md").status_code == 404
    assert api("GET", f"{REPO}/contents/README.md", params={"ref": "nope"}).status_code == 404

    path = f"{REPO}/contents/incidents/2024/INC-1.md"
    new = base64.b64encode(b"changed\n").decode()
    no_sha = api("PUT", path, json={"message": "m", "content": new})
    assert no_sha.status_code == 422 and '"sha" wasn\'t supplied' in no_sha.json()["message"]
    stale = api("PUT", path, json={"message": "m", "content": new, "sha": "0" * 40})
    assert stale.status_code == 409
    assert stale.json()["message"] == f"incidents/2024/INC-1.md does not match {'0' * 40}"
    no_branch = api("PUT", path, json={"message": "m", "content": new, "branch": "ghost"})
    assert no_branch.status_code == 404

    before = gh.state.git.branches["main"]
    updated = api("PUT", path, json={"message": "m", "content": new, "sha": file["sha"]})
    assert updated.status_code == 200
    commit = updated.json()["commit"]
    assert gh.state.git.branches["main"] == commit["sha"]
    assert [p["sha"] for p in commit["parents"]] == [before]
    assert gh.state.read_file("main", "incidents/2024/INC-1.md") == b"changed\n"

    created = api("PUT", f"{REPO}/contents/new.md", json={"message": "m", "content": new})
    assert created.status_code == 201
    assert created.json()["content"]["sha"] == blob_sha(b"changed\n")


def test_branch_refs_and_pull_requests(gh: FakeGitHub) -> None:
    repo = gh.client().get_repo("acme/incidents")
    main_sha = repo.get_git_ref("heads/main").object.sha
    repo.create_git_ref("refs/heads/incidentflow/sync", main_sha)
    with pytest.raises(GithubException) as duplicate:
        repo.create_git_ref("refs/heads/incidentflow/sync", main_sha)
    assert duplicate.value.status == 422
    with pytest.raises(GithubException) as empty:
        repo.create_pull(title="t", body="", base="main", head="incidentflow/sync")
    assert "No commits between" in str(empty.value)

    readme = repo.get_contents("README.md", ref="incidentflow/sync")
    assert not isinstance(readme, list)
    repo.update_file(
        "README.md", "link issues", "# linked\n", readme.sha, branch="incidentflow/sync"
    )
    pull = repo.create_pull(
        title="Link issues", body="", base="main", head="acme:incidentflow/sync"
    )
    assert (pull.number, pull.mergeable, pull.changed_files, pull.commits) == (1, True, 1, 1)
    with pytest.raises(GithubException) as again:
        repo.create_pull(title="t", body="", base="main", head="incidentflow/sync")
    assert again.value.status == 422
    assert "A pull request already exists for acme:incidentflow/sync." in str(again.value)

    listed = repo.get_pulls(state="open", head="acme:incidentflow/sync", base="main")
    assert [p.number for p in listed] == [1]
    assert list(repo.get_pulls(head="other:incidentflow/sync")) == []

    ref = repo.get_git_ref("heads/incidentflow/sync")
    with pytest.raises(GithubException) as not_ff:
        ref.edit(main_sha)
    assert not_ff.value.status == 422
    ref.edit(main_sha, force=True)
    assert gh.state.git.branches["incidentflow/sync"] == main_sha
    assert [r.ref for r in repo.get_git_matching_refs("heads/incidentflow")] == [
        "refs/heads/incidentflow/sync"
    ]

    pull.edit(title="Link issues (retitled)", state="closed")
    assert (gh.state.issues[1].title, gh.state.issues[1].state) == (
        "Link issues (retitled)",
        "closed",
    )


def test_merging_a_pull_request_updates_the_base_branch(gh: FakeGitHub) -> None:
    gh.state.put_file("sync", "incidents/INC-1.md", "issues: [1]\n")
    gh.state.put_file("main", "other.md", "concurrent change\n")
    pull = gh.state.open_pull("sync", "main", "Sync")
    gh.client().get_repo("acme/incidents").get_pull(pull.number).merge()
    assert gh.state.read_file("main", "incidents/INC-1.md") == b"issues: [1]\n"
    assert gh.state.read_file("main", "other.md") == b"concurrent change\n"
    assert pull.state == "closed" and pull.pull is not None and pull.pull.merged_at is not None


# -- accounting and concurrency -------------------------------------------------------------------


def test_request_log_counts_reads_and_writes(gh: FakeGitHub) -> None:
    repo = gh.client().get_repo("acme/incidents")

    def ensure_label(name: str) -> None:
        if name not in {label.name for label in repo.get_labels()}:
            repo.create_label(name, "ededed")

    ensure_label("team:legal")
    assert gh.writes() == 1
    create = next(e for e in gh.requests if e.method == "POST")
    assert (create.path, create.status) == (f"{REPO}/labels", 201)
    assert create.request_body == {"name": "team:legal", "color": "ededed"}
    assert create.response_body["name"] == "team:legal"

    gh.reset_log()
    ensure_label("team:legal")
    assert gh.writes() == 0
    assert gh.log.by_method() == {"GET": 1}
    assert gh.count("GET", path=r"/labels$") == 1


def test_concurrent_creates_get_distinct_numbers(gh: FakeGitHub) -> None:
    threads, per_thread = 8, 25
    statuses: list[int] = []
    guard = threading.Lock()

    def create_many(worker: int) -> None:
        client = Api(gh)
        for n in range(per_thread):
            response = client("POST", f"{REPO}/issues", json={"title": f"{worker}-{n}"})
            with guard:
                statuses.append(response.status_code)
        client.session.close()

    def create_same_label() -> None:
        response = Api(gh)("POST", f"{REPO}/labels", json={"name": "race"})
        with guard:
            statuses.append(response.status_code)

    workers = [threading.Thread(target=create_many, args=(w,)) for w in range(threads)]
    workers += [threading.Thread(target=create_same_label) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    total = threads * per_thread
    assert sorted(gh.state.issues) == list(range(1, total + 1))
    assert len({issue.id for issue in gh.state.issues.values()}) == total
    assert statuses.count(201) == total + 1 and statuses.count(422) == 3
    assert gh.writes() == total + 4


def test_seeding_and_env_for_a_sync_under_test(fake_github_env: FakeGitHub) -> None:
    import os

    assert os.environ["GITHUB_API_URL"] == fake_github_env.url
    assert os.environ["GITHUB_REPOSITORY"] == "acme/incidents"
    fake_github_env.state.put_file("main", "incidentflow.yml", b"language: ja\n")
    client = Github(
        base_url=os.environ["GITHUB_API_URL"],
        auth=Auth.Token(os.environ["GITHUB_TOKEN"]),
        seconds_between_requests=None,
    )
    content = client.get_repo(os.environ["GITHUB_REPOSITORY"]).get_contents("incidentflow.yml")
    assert not isinstance(content, list)
    assert content.decoded_content == b"language: ja\n"


def _auth(token: str = "t0ken") -> dict[str, str]:
    return {"Authorization": f"token {token}"}
