"""`incident sync` end to end: the real command, real git, real HTTP to FakeGitHub."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import git, run_incident
from tests.fake_github import FakeGitHub
from tests.fake_github.openapi import assert_conforms
from tests.sync.support import (
    BOT_BRANCH,
    FAST,
    commit_all,
    committed_files,
    incident_id,
    incident_path,
    incident_text,
    labels_of,
    managed,
    sync,
    tracking_on,
    write_incident,
)

PREVENTION = (
    {"id": "P1", "title": "Alert on theme errors", "owner": "'@kato'", "due": "2026-12-20",
     "horizon": "now", "type": "monitoring"},
    {"id": "P2", "title": "Canary theme releases", "owner": "Sato (SRE)", "due": "2027-02-01",
     "horizon": "later", "type": "process"},
)  # fmt: skip


def serve(factory: Any, repo: Path, **kwargs: Any) -> FakeGitHub:
    server: FakeGitHub = factory(files=committed_files(repo), **kwargs)
    return server


def test_first_sync_opens_one_issue_per_team_and_item_and_links_them(
    repo: Path, fake_github_factory: Any
) -> None:
    write_incident(repo, 1, incident_text(1, prevention=PREVENTION))
    write_incident(repo, 2, incident_text(2, status="declined", stakeholders=["sales"]))
    commit_all(repo)
    gh = serve(fake_github_factory, repo, collaborators=["kato"])

    result = sync(repo, gh)

    assert result.code == 0, result.stdout + result.stderr
    found = managed(gh)
    one = incident_id(1)
    assert found == {
        ("checklist", one, "engineering"): [1],
        ("checklist", one, "cs"): [2],
        ("prevention", one, "P1"): [3],
        ("prevention", one, "P2"): [4],
    }, "one issue per team and per item; none for a declined incident"
    cs_issue = gh.state.issues[2]
    assert cs_issue.title == f"{one} [Customer support] Checkout fails for some shops"
    assert cs_issue.body is not None
    assert cs_issue.body.startswith(f"<!-- incidentflow:checklist {one} cs -->\n")
    assert "@acme/customer-support" in cs_issue.body
    assert "decided (Initial response decision)" in cs_issue.body
    assert "Kato (payments)" in cs_issue.body
    assert "- [ ] " in cs_issue.body, "the team's checklist template follows the header"
    assert f"/blob/{_head(repo)}/{incident_path(1)}" in cs_issue.body
    assert labels_of(gh, 2) == ["incident", "team/cs", "incident:sev2"]
    p1, p2 = gh.state.issues[3], gh.state.issues[4]
    assert p1.title == f"{one} [Prevention P1] Alert on theme errors"
    assert p1.assignees == ["kato"], "an @login owner is assigned"
    assert p2.assignees == [] and p2.body is not None and "Sato (SRE)" in p2.body
    assert set(labels_of(gh, 4)) == {
        "incident",
        "prevention",
        "horizon:later",
        "type:process",
        "due:2027-02-01",
    }
    assert "not a @login" in result.stdout
    assert tracking_on(gh, incident_path(1)) == {
        "stakeholders": {"engineering": 1, "cs": 2},
        "prevention": {"P1": 3, "P2": 4},
    }
    pulls = gh.state.pulls
    assert len(pulls) == 1 and pulls[0].pull is not None and pulls[0].pull.head == BOT_BRANCH
    assert "created" in result.stdout and "sync: " in result.stdout
    assert BOT_BRANCH + "-lock" not in gh.state.git.branches, "the lock is released"
    assert_conforms(gh.requests)


def test_second_sync_changes_nothing_and_sends_no_write(
    repo: Path, fake_github_factory: Any
) -> None:
    write_incident(repo, 1, incident_text(1, prevention=PREVENTION))
    commit_all(repo)
    gh = serve(fake_github_factory, repo, collaborators=["kato"])
    assert sync(repo, gh).code == 0
    gh.reset_log()

    again = sync(repo, gh)

    assert again.code == 0, again.stdout
    assert gh.writes() == 0
    assert "unchanged" in again.stdout and "created" not in again.stdout
    assert len(gh.state.issues) == 5  # four issues and the pull request


def test_dry_run_prints_the_plan_and_writes_nothing(repo: Path, fake_github_factory: Any) -> None:
    write_incident(repo, 1, incident_text(1, prevention=PREVENTION[:1]))
    commit_all(repo)
    gh = serve(fake_github_factory, repo)

    text = sync(repo, gh, "--dry-run")
    as_json = sync(repo, gh, "--dry-run", "--format", "json")

    assert gh.writes() == 0 and not gh.state.issues
    assert text.code == 0
    assert text.stdout.count("would create") == 4  # three issues and the pull request
    assert "would update" in text.stdout and incident_path(1) in text.stdout
    assert "dry run, nothing changed" in text.stdout
    payload = as_json.json()
    assert payload["dry_run"] is True
    assert payload["summary"]["created"] == 4
    actions = payload["actions"]
    assert isinstance(actions, list) and all(a["planned"] for a in actions)


def test_json_output_is_one_object(repo: Path, fake_github_factory: Any) -> None:
    write_incident(repo, 1, incident_text(1))
    commit_all(repo)
    gh = serve(fake_github_factory, repo)

    result = sync(repo, gh, "--format", "json")

    payload = json.loads(result.stdout)
    assert result.code == 0
    assert payload["summary"]["created"] == 3  # two checklists and the pull request
    assert {a["kind"] for a in payload["actions"]} == {"created", "updated"}
    assert payload["requests"]["writes"] == gh.writes()


def test_rules_bring_legal_and_security_in_at_investigating(
    repo: Path, fake_github_factory: Any
) -> None:
    text = incident_text(1, status="investigating", stakeholders=["engineering"])
    write_incident(repo, 1, text.replace("status: none", "status: suspected"))
    commit_all(repo)
    gh = serve(fake_github_factory, repo)

    assert sync(repo, gh).code == 0

    teams = {key[2] for key in managed(gh)}
    assert teams == {"engineering", "legal", "security"}


def test_people_keep_their_ticks_comments_and_labels_when_the_header_changes(
    repo: Path, fake_github_factory: Any
) -> None:
    write_incident(repo, 1, incident_text(1, stakeholders=["legal"]))
    commit_all(repo)
    gh = serve(fake_github_factory, repo)
    assert sync(repo, gh).code == 0
    issue = gh.state.issues[1]
    assert issue.body is not None
    ticked = issue.body.replace("- [ ]", "- [x]", 2).replace("\n", "\r\n")  # web UI edits: CRLF
    gh.state.update_issue(issue, body=ticked, labels=[*labels_of(gh, 1), "urgent"])
    gh.state.add_comment(issue, "Legal is on it.", author="acme")

    write_incident(
        repo, 1, incident_text(1, stakeholders=["legal"], severity="sev1", leader="Mori (CTO)")
    )
    commit_all(repo, "escalate")
    result = sync(repo, gh)

    assert result.code == 0, result.stdout
    body = gh.state.issues[1].body
    assert body is not None
    assert "Mori (CTO)" in body and "SEV1 (critical)" in body
    checklist = ticked.split("<!-- incidentflow:end", 1)[1].split("\n", 1)[1]
    assert body.endswith(checklist), "the checklist part is kept byte for byte"
    assert body.count("- [x]") == 2
    assert [c.body for c in gh.state.comments_on(1)] == ["Legal is on it."]
    assert set(labels_of(gh, 1)) == {"incident", "team/legal", "incident:sev1", "urgent"}
    assert "updated" in result.stdout


def test_phase_change_comments_once_even_when_the_comment_answer_is_lost(
    repo: Path, fake_github_factory: Any
) -> None:
    write_incident(repo, 1, incident_text(1, stakeholders=["cs"], status="decided"))
    commit_all(repo)
    gh = serve(fake_github_factory, repo)
    assert sync(repo, gh).code == 0

    write_incident(repo, 1, incident_text(1, stakeholders=["cs"], status="responding"))
    commit_all(repo, "responding")
    gh.faults.add("lost_write", method="POST", path=r"/issues/\d+/comments$")
    first = sync(repo, gh)
    second = sync(repo, gh)

    comments = [c.body for c in gh.state.comments_on(1)]
    assert len(comments) == 1, comments
    assert comments[0].startswith(f"<!-- incidentflow:phase {incident_id(1)} cs responding -->")
    assert "decided" in comments[0] and "responding" in comments[0]
    assert first.code == 0 and "commented" in first.stdout
    assert second.code == 0 and "commented" not in second.stdout
    assert "status=responding" in (gh.state.issues[1].body or "")


def test_enterprise_base_url(repo: Path, fake_github_factory: Any) -> None:
    write_incident(repo, 1, incident_text(1))
    commit_all(repo)
    gh = serve(fake_github_factory, repo, api_prefix="/api/v3", web_url="https://ghe.example")
    env = {**gh.env()}
    env.pop("GITHUB_SERVER_URL")

    result = run_incident("sync", cwd=repo, env={**env, **FAST})

    assert result.code == 0, result.stdout + result.stderr
    assert gh.url.endswith("/api/v3") and len(managed(gh)) == 2
    body = gh.state.issues[1].body or ""
    host = gh.root_url  # GITHUB_SERVER_URL unset: derived from GITHUB_API_URL minus /api/v3
    assert f"{host}/acme/incidents/blob/" in body


def test_missing_settings_and_unknown_ids_are_usage_errors(
    repo: Path, fake_github_factory: Any
) -> None:
    write_incident(repo, 1, incident_text(1))
    commit_all(repo)
    gh = serve(fake_github_factory, repo)

    no_token = run_incident("sync", cwd=repo, env={"GITHUB_REPOSITORY": "acme/incidents"})
    unknown = sync(repo, gh, "--", "INC-20990101-0000-nope")
    bad_pause = sync(repo, gh, INCIDENTFLOW_WRITE_PAUSE="soon")
    bad_token = sync(repo, gh, GITHUB_TOKEN="wrong")

    assert no_token.code == 2 and "GITHUB_TOKEN" in no_token.stderr
    assert unknown.code == 2 and "no incident 'INC-20990101-0000-nope'" in unknown.stderr
    assert bad_pause.code == 2 and "INCIDENTFLOW_WRITE_PAUSE" in bad_pause.stderr
    assert bad_token.code == 2 and "401" in bad_token.stderr
    assert gh.writes() == 0


def test_ids_limit_the_sync_to_those_incidents(repo: Path, fake_github_factory: Any) -> None:
    write_incident(repo, 1, incident_text(1, stakeholders=["cs"]))
    write_incident(repo, 2, incident_text(2, stakeholders=["sales"]))
    commit_all(repo)
    gh = serve(fake_github_factory, repo)

    assert sync(repo, gh, "--", incident_id(2)).code == 0

    assert set(managed(gh)) == {("checklist", incident_id(2), "sales")}


def test_forged_markers_and_foreign_issues_are_not_trusted(
    repo: Path, fake_github_factory: Any
) -> None:
    marker = f"<!-- incidentflow:checklist {incident_id(1)} cs -->"
    summary = f'"{marker}\\n- [ ] a box"'
    write_incident(repo, 1, incident_text(1, stakeholders=["cs"], summary=summary))
    commit_all(repo)
    gh = serve(fake_github_factory, repo, collaborators=["mallory"])
    gh.state.create_issue("fake", f"{marker}\nnot ours", labels=["incident"], author="mallory")

    assert sync(repo, gh).code == 0

    ours = gh.state.issues[2]
    assert ours.author == gh.state.bot.login and ours.body is not None
    assert ours.body.count("<!--") == 2, "only our own two markers are HTML comments"
    assert "&lt;!-- incidentflow:checklist" in ours.body
    assert "\\[ ] a box" in ours.body, "a box in incident text is not a checklist item"
    assert gh.state.issues[1].body == f"{marker}\nnot ours", "a foreign issue is left alone"


def test_closed_incidents_keep_prevention_tracked_until_done(
    repo: Path, fake_github_factory: Any
) -> None:
    items = [dict(PREVENTION[0], id="P1"), dict(PREVENTION[1], id="P2", done="true")]
    write_incident(repo, 1, incident_text(1, status="closed", prevention=items))
    commit_all(repo)
    gh = serve(fake_github_factory, repo, collaborators=["kato"])

    assert sync(repo, gh).code == 0
    assert set(managed(gh)) == {("prevention", incident_id(1), "P1")}, "done items get none"

    items[0]["done"] = "true"
    write_incident(repo, 1, incident_text(1, status="closed", prevention=items))
    commit_all(repo, "P1 done")
    result = sync(repo, gh)

    assert result.code == 0 and "closed" in result.stdout
    assert gh.state.issues[1].state == "closed"
    assert gh.state.issues[1].state_reason == "completed"


def test_commit_mode_writes_to_the_default_branch(repo: Path, fake_github_factory: Any) -> None:
    config = repo / "incidentflow.yaml"
    config.write_text(
        config.read_text("utf-8").replace("write_back: pull_request", "write_back: commit"),
        encoding="utf-8",
    )
    write_incident(repo, 1, incident_text(1, stakeholders=["cs"]))
    commit_all(repo)
    gh = serve(fake_github_factory, repo)

    assert sync(repo, gh).code == 0

    assert tracking_on(gh, incident_path(1), "main") == {"stakeholders": {"cs": 1}}
    assert not gh.state.pulls and BOT_BRANCH not in gh.state.git.branches


def test_write_back_changes_only_the_tracking_lines(repo: Path, fake_github_factory: Any) -> None:
    text = incident_text(1, stakeholders=["cs"]).replace(
        "title: Checkout fails for some shops",
        'title: "Checkout fails"   # quoted, with a comment\n# a full-line comment',
    )
    original = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    write_incident(repo, 1, original)
    commit_all(repo)
    gh = serve(fake_github_factory, repo)

    assert sync(repo, gh).code == 0

    written = gh.state.read_file(BOT_BRANCH, incident_path(1))
    assert written is not None
    added = b"tracking:\r\n  stakeholders:\r\n    cs: 1\r\n"
    assert written == original.replace(b"\r\n---\r\n", b"\r\n" + added + b"---\r\n", 1)


def _head(repo: Path) -> str:
    return git(repo, "rev-parse", "HEAD").strip()


def test_body_shows_this_teams_running_deadlines_and_assigns_its_members(
    repo: Path, fake_github_factory: Any
) -> None:
    config = repo / "incidentflow.yaml"
    config.write_text(
        config.read_text("utf-8").replace(
            "labels: [team/legal]}", "labels: [team/legal], assignees: [kato]}"
        ),
        encoding="utf-8",
    )
    text = incident_text(1, status="investigating", stakeholders=["engineering"])
    text = text.replace(
        "  status: none\n",
        "  status: suspected\n  categories: [card_number]\n"
        "  aware_at: '2026-11-28T09:00:00+09:00'\n",
    )
    write_incident(repo, 1, text)
    commit_all(repo)
    gh = serve(fake_github_factory, repo, collaborators=["kato"])

    assert sync(repo, gh).code == 0

    by_team = {key[2]: numbers[0] for key, numbers in managed(gh).items()}
    legal = gh.state.issues[by_team["legal"]]
    security_body = gh.state.issues[by_team["security"]].body or ""
    assert legal.assignees == ["kato"]
    assert "Preliminary report to the PPC: 2026-12-01 09:00 (Asia/Tokyo) — running" in (
        legal.body or ""
    )
    assert "Final report to the PPC" in (legal.body or "")
    assert "Deadlines" not in security_body, "clocks of other teams are not listed"
    assert "Deadlines" not in (gh.state.issues[by_team["engineering"]].body or "")
    assert "- **Personal data**: suspected (card_number)" in security_body


def test_step_summary_inside_actions(repo: Path, fake_github_factory: Any, tmp_path: Path) -> None:
    write_incident(repo, 1, incident_text(1, stakeholders=["cs"]))
    commit_all(repo)
    gh = serve(fake_github_factory, repo)
    summary = tmp_path / "summary.md"

    assert sync(repo, gh, GITHUB_STEP_SUMMARY=str(summary)).code == 0

    written = summary.read_text("utf-8")
    assert written.startswith("## incident sync") and "[#1](" in written


def test_the_bot_pull_request_is_updated_in_place_and_stays_mergeable(
    repo: Path, fake_github_factory: Any
) -> None:
    write_incident(repo, 1, incident_text(1, stakeholders=["cs"]))
    write_incident(repo, 2, incident_text(2, stakeholders=["sales"]))
    commit_all(repo)
    gh = serve(fake_github_factory, repo)
    assert sync(repo, gh).code == 0
    (pull,) = gh.state.pulls

    # Unrelated work lands on main: the pending files are untouched, so nothing is rewritten.
    gh.state.put_file("main", "docs/runbook.md", "# Runbook\n")
    gh.reset_log()
    assert sync(repo, gh).code == 0
    assert gh.writes() == 0

    # Someone merges an edit of incident 2 and adds a team: the branch is reset and refilled.
    edited = incident_text(2, stakeholders=["sales", "legal"], leader="Mori (CTO)")
    gh.state.put_file("main", incident_path(2), edited)
    write_incident(repo, 2, edited)
    commit_all(repo, "legal joins")
    result = sync(repo, gh)

    assert result.code == 0, result.stdout
    assert gh.state.pulls == [pull] and pull.state == "open", "one pull request, in place"
    assert gh.state.mergeable(pull)
    on_branch = gh.state.read_file(BOT_BRANCH, incident_path(2)) or b""
    assert b"Mori (CTO)" in on_branch
    assert tracking_on(gh, incident_path(2)) == {"stakeholders": {"sales": 2, "legal": 4}}
    assert tracking_on(gh, incident_path(1)) == {"stakeholders": {"cs": 1}}
    gh.state.merge_pull(pull.number)
    assert tracking_on(gh, incident_path(2), "main") == {"stakeholders": {"sales": 2, "legal": 4}}


def test_recorded_issues_survive_a_change_of_token(repo: Path, fake_github_factory: Any) -> None:
    """Issues opened under the old token (say, Actions' own) are recorded in the file; the
    new token (say, a GitHub App's) adopts them instead of opening every issue again."""
    text = incident_text(1, stakeholders=["cs", "engineering"]).replace(
        "stakeholders: [cs, engineering]",
        "stakeholders: [cs, engineering]\ntracking:\n  stakeholders:\n    cs: 1",
    )
    write_incident(repo, 1, text)
    commit_all(repo)
    gh = serve(fake_github_factory, repo, login="acme-incident-app[bot]", collaborators=["old-bot"])
    marker = f"<!-- incidentflow:checklist {incident_id(1)} cs -->"
    gh.state.create_issue("old", f"{marker}\nchecklist", labels=["incident"], author="old-bot")
    forged = f"<!-- incidentflow:checklist {incident_id(1)} engineering -->"
    gh.state.create_issue("x", f"{forged}\nnot recorded", labels=["incident"], author="old-bot")

    result = sync(repo, gh, "--dry-run")
    assert result.code == 0, result.stdout + result.stderr
    assert "#1" in result.stdout and "cs" in result.stdout
    assert sync(repo, gh).code == 0
    cs_issues = [n for n, i in gh.state.issues.items() if (i.body or "").startswith(marker)]
    assert cs_issues == [1], "the recorded issue is adopted, not opened again"
    engineering = [n for n, i in gh.state.issues.items() if (i.body or "").startswith(forged)]
    assert engineering == [2, 3], "an unrecorded foreign issue is not trusted: a new one opens"
    assert gh.state.issues[3].author == "acme-incident-app[bot]"


def test_imported_records_get_no_issues(repo: Path, fake_github_factory: Any) -> None:
    past = incident_text(1, prevention=PREVENTION).replace(
        "detected_at:", "imported: {source: 'https://status.example.org/1'}\ndetected_at:", 1
    )
    write_incident(repo, 1, past)
    commit_all(repo)
    gh = serve(fake_github_factory, repo)

    result = sync(repo, gh)

    assert result.code == 0, result.stdout + result.stderr
    assert managed(gh) == {}, "a past incident written from its sources is nobody's work now"
