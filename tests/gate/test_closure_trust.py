"""The closure gate trusts a recorded checklist number only when it names the sync's own
checklist issue for this incident and team, and counts it done only when it really is.

Each case is a contributor pointing `tracking.stakeholders.cs` at something that is not cs's
checklist, or closing one without doing it, checked by the real `incident check` over HTTP
against the GitHub-compatible test server.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result, run_incident
from tests.fake_github.openapi import assert_conforms
from tests.fake_github.server import FakeGitHub
from tests.fake_github.state import Issue
from tests.gate.fixtures import INCIDENT_ID, PATH, commit, incident, start_branch
from tests.sync.support import checklist_body

BOXES = "- [ ] Draft the customer FAQ\n- [ ] Track inquiry counts\n"
TICKED = BOXES.replace("- [ ]", "- [x]")
APP = "acme-incident-app[bot]"


@pytest.fixture
def gh(fake_github: FakeGitHub) -> FakeGitHub:
    """The server, plus mallory: any GitHub user may open issues and comment."""
    fake_github.state.add_user("mallory")
    return fake_github


def _sync_checklist(gh: FakeGitHub, team: str, boxes: str, **kwargs: str) -> Issue:
    return gh.state.create_issue(team, checklist_body(INCIDENT_ID, team, boxes), **kwargs)


def _close_incident(repo: Path, numbers: dict[str, int]) -> int:
    """Commit the closure on a branch; returns the line of `cs:` in tracking."""
    tracking = "tracking:\n  stakeholders:\n" + "".join(
        f"    {team}: {number}\n" for team, number in numbers.items()
    )
    text = incident("closed").replace("prevention:", tracking + "prevention:")
    start_branch(repo, {PATH: incident("resolved")})
    commit(repo, "close", {PATH: text})
    return text.split("\n").index(f"    cs: {numbers['cs']}") + 1


def _check(repo: Path, gh: FakeGitHub, **env: str) -> Result:
    return run_incident(
        "check", "--base", "main", "--format", "json", cwd=repo, env={**gh.env(), **env}
    )


def _findings(result: Result, level: str | None = "error") -> list[dict[str, object]]:
    findings = result.json()["findings"]
    assert isinstance(findings, list)
    return [f for f in findings if level is None or f["level"] == level]


def _someone_elses_issue(gh: FakeGitHub) -> Issue:
    return gh.state.create_issue("Printer on floor 3 is jammed", "It jams.", author="mallory")


def _right_marker_other_author(gh: FakeGitHub) -> Issue:
    return _sync_checklist(gh, "cs", TICKED, author="mallory")


def _marker_of_another_incident(gh: FakeGitHub) -> Issue:
    body = checklist_body("INC-20261001-0900-other-zz99", "cs", TICKED)
    return gh.state.create_issue("other incident", body)


def _marker_of_another_team(gh: FakeGitHub) -> Issue:
    return _sync_checklist(gh, "sales", TICKED)


def _pull_request(gh: FakeGitHub) -> Issue:
    gh.state.put_file("feature", "notes.md", "notes\n")
    return gh.state.open_pull("feature", "main", "cs", checklist_body(INCIDENT_ID, "cs", TICKED))


def _moved_to_another_repository(gh: FakeGitHub) -> Issue:
    """The sync's own checklist, transferred away and closed there: the old number still
    answers (GitHub redirects), but it is no longer this repository's issue."""
    issue = _sync_checklist(gh, "cs", BOXES)
    moved = gh.state.transfer_issue(issue, "mallory/scratch")
    gh.state.update_issue(moved, state="closed", state_reason="completed")
    return issue


def _marker_in_a_code_block(gh: FakeGitHub) -> Issue:
    issue = _sync_checklist(gh, "cs", BOXES)
    gh.state.update_issue(issue, body=f"```\n{issue.body}\n```\n", actor="mallory")
    return issue


def _marker_quoted(gh: FakeGitHub) -> Issue:
    issue = _sync_checklist(gh, "cs", TICKED)
    quoted = "\n".join(f"> {line}" for line in (issue.body or "").split("\n"))
    gh.state.update_issue(issue, body=quoted, actor="mallory")
    return issue


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_someone_elses_issue, "mallory opened it, not the sync's account incidentflow-bot"),
        (_right_marker_other_author, "mallory opened it"),
        (_marker_of_another_incident, "INC-20261001-0900-other-zz99 cs checklist"),
        (_marker_of_another_team, f"for {INCIDENT_ID} sales checklist, not for"),
        (_pull_request, "it is a pull request, not an issue"),
        (_moved_to_another_repository, "moved to another repository, mallory/scratch"),
        (_marker_in_a_code_block, "its first line is not the sync's marker"),
        (_marker_quoted, "its first line is not the sync's marker"),
    ],
)
def test_a_number_that_is_not_the_syncs_checklist_is_refused(
    repo: Path, gh: FakeGitHub, make: Callable[[FakeGitHub], Issue], reason: str
) -> None:
    engineering = _sync_checklist(gh, "engineering", TICKED)
    foreign = make(gh)
    line = _close_incident(repo, {"engineering": engineering.number, "cs": foreign.number})

    result = _check(repo, gh)

    assert result.code == 1, result.stdout
    assert result.stderr == "", "nothing but the findings, e.g. no log line for a redirect"
    (finding,) = _findings(result)
    assert finding["code"] == "GT034"
    assert (finding["path"], finding["line"]) == (PATH, line), "points at tracking.stakeholders.cs"
    message = str(finding["message"])
    assert f"#{foreign.number} recorded for 'cs'" in message
    assert reason in message
    assert "Record the number of the sync's checklist issue for 'cs'" in message
    assert_conforms(gh.requests)


@pytest.mark.parametrize(
    ("close", "state"),
    [
        ({"state": "closed", "state_reason": "not_planned"}, "closed as not planned, 0/2 done"),
        ({"state": "closed", "state_reason": "duplicate"}, "closed as duplicate, 0/2 done"),
    ],
)
def test_closing_a_checklist_without_doing_it_is_not_done(
    repo: Path, gh: FakeGitHub, close: dict[str, str], state: str
) -> None:
    engineering = _sync_checklist(gh, "engineering", TICKED)
    cs = _sync_checklist(gh, "cs", BOXES)
    gh.state.update_issue(cs, actor="mallory", **close)
    _close_incident(repo, {"engineering": engineering.number, "cs": cs.number})

    result = _check(repo, gh)

    assert [f["code"] for f in _findings(result)] == ["GT030"]
    assert f"cs #{cs.number} ({state})" in str(_findings(result)[0]["message"])


def test_an_open_checklist_without_boxes_is_not_done(repo: Path, gh: FakeGitHub) -> None:
    engineering = _sync_checklist(gh, "engineering", TICKED)
    cs = _sync_checklist(gh, "cs", "")
    _close_incident(repo, {"engineering": engineering.number, "cs": cs.number})

    result = _check(repo, gh)

    assert [f["code"] for f in _findings(result)] == ["GT030"]
    assert "no checkboxes: close it as completed" in str(_findings(result)[0]["message"])


def test_done_is_closed_as_completed_or_every_box_ticked(repo: Path, gh: FakeGitHub) -> None:
    completed = _sync_checklist(gh, "engineering", BOXES)
    gh.state.update_issue(completed, state="closed", state_reason="completed")
    ticked_then_dropped = _sync_checklist(gh, "cs", TICKED)
    gh.state.update_issue(ticked_then_dropped, state="closed", state_reason="not_planned")
    _close_incident(repo, {"engineering": completed.number, "cs": ticked_then_dropped.number})

    result = _check(repo, gh)

    assert result.code == 0, result.stdout
    assert _findings(result) == []


def test_the_syncs_account_is_decided_as_the_sync_decides_it(repo: Path, gh: FakeGitHub) -> None:
    """The sync ran with a GitHub App's token: the gate's token is another account, and the
    workflow names the App's bot in INCIDENTFLOW_BOT_LOGIN, as the sync's step does."""
    gh.state.add_user(APP)
    engineering = _sync_checklist(gh, "engineering", TICKED, author=APP)
    cs = _sync_checklist(gh, "cs", TICKED, author=APP)
    _close_incident(repo, {"engineering": engineering.number, "cs": cs.number})

    unnamed = _check(repo, gh)
    named = _check(repo, gh, INCIDENTFLOW_BOT_LOGIN=APP)

    assert [f["code"] for f in _findings(unnamed)] == ["GT034", "GT034"]
    assert "INCIDENTFLOW_BOT_LOGIN" in str(_findings(unnamed)[0]["message"])
    assert named.code == 0, named.stdout
    assert gh.count("GET", r"^/user$") == 1, "asked once per run, only when unnamed"


def test_a_refusal_can_be_waived_in_the_reviewed_file(repo: Path, gh: FakeGitHub) -> None:
    engineering = _sync_checklist(gh, "engineering", TICKED)
    legacy = gh.state.create_issue("cs (before the sync)", TICKED)
    _close_incident(repo, {"engineering": engineering.number, "cs": legacy.number})
    text = (repo / PATH).read_text("utf-8")
    waiver = (
        "overrides:\n  - rule: GT034\n    reason: CS tracked this incident in a hand-made issue\n"
        "    approved_by: Yamada (CS lead)\nprevention:"
    )
    commit(repo, "waive", {PATH: text.replace("prevention:", waiver)})

    result = _check(repo, gh)

    assert result.code == 0, result.stdout
    assert [(f["code"], f["level"]) for f in _findings(result, level=None)] == [("GT034", "notice")]
