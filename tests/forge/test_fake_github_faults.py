"""Each fault kind, seen by a raw client (and by PyGithub where its retries matter)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import requests
from github import GithubException

from tests.fake_github import FakeGitHub, FaultKind

ISSUES = "/repos/acme/incidents/issues"


@pytest.fixture
def gh() -> Iterator[FakeGitHub]:
    with FakeGitHub() as server:
        yield server


def post_issue(gh: FakeGitHub, title: str, timeout: float = 5) -> requests.Response:
    return requests.post(
        f"{gh.url}{ISSUES}",
        json={"title": title},
        headers={"Authorization": f"token {gh.token}"},
        timeout=timeout,
    )


@pytest.mark.parametrize(("kind", "status"), [("500", 500), ("502", 502)])
def test_server_errors_fail_without_applying(gh: FakeGitHub, kind: str, status: int) -> None:
    gh.faults.add(kind, method="POST", path=r"/issues$", count=2)
    assert [post_issue(gh, "t").status_code for _ in range(3)] == [status, status, 201]
    assert sorted(gh.state.issues) == [1]
    assert [e.fault for e in gh.requests] == [kind, kind, None]


def test_bad_gateway_is_an_html_page_like_githubs_edge(gh: FakeGitHub) -> None:
    gh.faults.add(FaultKind.BAD_GATEWAY)
    response = post_issue(gh, "t")
    assert response.headers["Content-Type"].startswith("text/html")
    with pytest.raises(ValueError):
        response.json()


def test_a_server_error_can_still_apply_the_write(gh: FakeGitHub) -> None:
    gh.faults.add("500", method="POST", apply=True)
    assert post_issue(gh, "ghost").status_code == 500
    assert gh.state.issues[1].title == "ghost"


def test_secondary_rate_limit_has_retry_after(gh: FakeGitHub) -> None:
    gh.faults.add("secondary_rate_limit", method="POST", retry_after=2)
    response = post_issue(gh, "t")
    assert response.status_code == 403
    assert response.headers["Retry-After"] == "2"
    assert response.json()["message"].startswith("You have exceeded a secondary rate limit")
    assert not gh.state.issues


def test_pygithub_waits_out_a_secondary_rate_limit(gh: FakeGitHub) -> None:
    gh.faults.add("secondary_rate_limit", method="POST", path=r"/issues$")
    repo = gh.client().get_repo("acme/incidents")
    started = time.monotonic()
    issue = repo.create_issue("after waiting")
    assert time.monotonic() - started >= 1
    assert issue.number == 1
    assert [e.status for e in gh.requests if e.method == "POST"] == [403, 201]


@pytest.mark.parametrize("status", [403, 429])
def test_primary_rate_limit_reports_exhaustion(gh: FakeGitHub, status: int) -> None:
    gh.faults.add("primary_rate_limit", status=status, retry_after=5)
    response = post_issue(gh, "t")
    assert response.status_code == status
    assert response.json()["message"].startswith("API rate limit exceeded")
    assert response.headers["x-ratelimit-remaining"] == "0"
    assert int(response.headers["x-ratelimit-reset"]) >= int(time.time()) + 4
    assert "Retry-After" not in response.headers


def test_lost_write_is_applied_but_never_answered(gh: FakeGitHub) -> None:
    gh.faults.add("lost_write", method="POST", path=r"/issues$")
    with pytest.raises(requests.ConnectionError):
        post_issue(gh, "landed anyway")
    assert gh.state.issues[1].title == "landed anyway"
    (lost,) = gh.requests
    assert (lost.status, lost.fault, lost.delivered) == (201, "lost_write", False)
    assert post_issue(gh, "next").status_code == 201


def test_pygithub_default_retry_duplicates_a_lost_write(gh: FakeGitHub) -> None:
    """Why a sync must look before it creates: PyGithub re-sends a POST whose answer was lost."""
    gh.faults.add("lost_write", method="POST", path=r"/issues$")
    issue = gh.client().get_repo("acme/incidents").create_issue("checklist")
    assert issue.number == 2
    assert [i.title for i in gh.state.issues.values()] == ["checklist", "checklist"]


def test_pygithub_without_retries_surfaces_a_lost_write(gh: FakeGitHub) -> None:
    gh.faults.add("lost_write", method="POST", path=r"/issues$")
    repo = gh.client(retry=None).get_repo("acme/incidents")
    with pytest.raises(requests.ConnectionError):
        repo.create_issue("checklist")
    assert len(gh.state.issues) == 1


def test_slow_answers_late_and_still_applies(gh: FakeGitHub) -> None:
    gh.faults.add("slow", method="POST", delay=0.5)
    with pytest.raises(requests.Timeout):
        post_issue(gh, "slow", timeout=0.1)
    deadline = time.monotonic() + 3
    while not gh.requests and time.monotonic() < deadline:
        time.sleep(0.05)
    assert gh.state.issues[1].title == "slow"
    assert gh.requests[0].fault == "slow"


def test_rules_match_method_and_path_and_can_skip(gh: FakeGitHub) -> None:
    rule = gh.faults.add("500", method="POST", path=r"/comments$", skip=1, count=1)
    post_issue(gh, "not a comment")
    url = f"{gh.url}{ISSUES}/1/comments"
    headers = {"Authorization": f"token {gh.token}"}
    statuses = [
        requests.post(url, json={"body": "c"}, headers=headers, timeout=5).status_code
        for _ in range(3)
    ]
    assert statuses == [201, 500, 201]
    assert (rule.seen, rule.fired, rule.exhausted) == (2, 1, True)
    assert requests.get(url, headers=headers, timeout=5).status_code == 200


def test_random_faults_are_deterministic_per_seed() -> None:
    def run(seed: int) -> list[tuple[str, str | None]]:
        with FakeGitHub() as gh:
            gh.faults.random(seed=seed, rate=0.3, kinds=["500", "502", "secondary_rate_limit"])
            session = requests.Session()
            session.headers["Authorization"] = f"token {gh.token}"
            for n in range(30):
                session.post(f"{gh.url}{ISSUES}", json={"title": str(n)}, timeout=5)
                session.get(f"{gh.url}{ISSUES}/1", timeout=5)
            return [(e.method, e.fault) for e in gh.requests]

    first, again, other = run(7), run(7), run(8)
    assert first == again
    assert first != other
    faults = [fault for method, fault in first if fault]
    assert 3 <= len(faults) <= 20
    assert set(faults) <= {"500", "502", "secondary_rate_limit"}
    assert all(fault is None for method, fault in first if method == "GET")


def test_random_fault_limit_and_clear(gh: FakeGitHub) -> None:
    gh.faults.random(seed=1, rate=1.0, kinds=["500"], limit=2)
    assert [post_issue(gh, "t").status_code for _ in range(3)] == [500, 500, 201]
    gh.faults.random(seed=1, rate=1.0, kinds=["500"])
    gh.faults.clear()
    assert post_issue(gh, "t").status_code == 201


def test_pygithub_gives_up_on_persistent_server_errors(gh: FakeGitHub) -> None:
    gh.faults.add("502", method="POST", count=None)
    repo = gh.client(retry=None).get_repo("acme/incidents")
    with pytest.raises(GithubException) as failure:
        repo.create_issue("never")
    assert failure.value.status == 502
    assert not gh.state.issues
