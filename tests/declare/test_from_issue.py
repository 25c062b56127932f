"""`incident declare --from-issue`: the real command, real git, real HTTP to FakeGitHub."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from incidentflow.declare.markers import DeclarationMarker
from tests.conftest import run_incident
from tests.declare.support import (
    GOOD_ANSWERS,
    LABEL,
    declaration_files,
    declare,
    file_issue,
    form_body,
    pulls,
    serve,
    write_issue_event,
)
from tests.fake_github.openapi import assert_conforms
from tests.sync.support import labels_of


def front_matter(text: str) -> dict[str, Any]:
    data = YAML(typ="safe").load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
    assert isinstance(data, dict)
    return data


def test_a_form_issue_becomes_one_branch_one_pull_request_and_one_valid_file(
    repo: Path, tmp_path: Path, fake_github_factory: Any
) -> None:
    gh = serve(fake_github_factory, repo)
    number, event = file_issue(gh, tmp_path)

    result = declare(repo, gh, "--from-issue", str(event))

    assert result.code == 0, result.stdout + result.stderr
    (pull,) = pulls(gh)
    assert pull.pull is not None and pull.pull.head == f"incidentflow/declare/issue-{number}"
    assert pull.author == gh.state.bot.login
    marker = DeclarationMarker.parse(pull.body or "")
    assert marker is not None and marker.key == f"issue-{number}"
    files = declaration_files(gh, pull.pull.head)
    assert list(files) == [marker.path], "exactly one file: the incident"
    text = files[marker.path].decode("utf-8")
    data = front_matter(text)
    assert data["id"] == marker.incident_id
    assert data["title"] == "Card payments time out"
    assert data["status"] == "detected" and data["severity"] == "sev2"
    assert data["detected_at"] == "2026-11-29T09:40:00+09:00", "the issue's time, in the zone"
    assert data["detection"] == {
        "source": "shop_inquiry",
        "reported_by": f"sato (GitHub issue #{number})",
    }
    assert data["personal_data"] == {"status": "unknown"}, "a reporter's 'no' confirms nothing"
    assert "stakeholders" not in data
    assert data["links"][0]["url"].endswith(f"/issues/{number}")
    assert "checkout spins" in text and "about 30 shops" in text
    assert f"issue #{number}" in text.split("## タイムライン", 1)[1]
    assert f"#{number}" in (pull.body or "")
    assert set(labels_of(gh, pull.number)) == {LABEL, "incident:sev2"}

    (comment,) = gh.state.comments_on(number)
    assert comment.author == gh.state.bot.login
    assert f"#{pull.number}" in comment.body and marker.incident_id in comment.body
    assert "incident:declared" in labels_of(gh, number)
    assert "declared" in result.stdout and marker.path in result.stdout

    # The local copy is the same file, and it is a valid incident.
    assert (repo / marker.path).read_text(encoding="utf-8") == text
    assert run_incident("validate", cwd=repo).code == 0
    assert_conforms(gh.requests)


def test_running_again_opens_nothing_new(
    repo: Path, tmp_path: Path, fake_github_factory: Any
) -> None:
    gh = serve(fake_github_factory, repo)
    number, event = file_issue(gh, tmp_path)
    assert declare(repo, gh, "--from-issue", str(event)).code == 0
    writes = gh.writes()

    again = declare(repo, gh, "--from-issue", str(event), "--format", "json")

    assert again.code == 0, again.stderr
    assert again.json()["outcome"] == "exists"
    assert len(pulls(gh)) == 1 and len(gh.state.comments_on(number)) == 1
    assert gh.writes() == writes + 1, "only the idempotent label call"


def test_a_run_that_died_before_its_pull_request_is_finished(
    repo: Path, tmp_path: Path, fake_github_factory: Any
) -> None:
    gh = serve(fake_github_factory, repo)
    number, event = file_issue(gh, tmp_path)
    branch = f"incidentflow/declare/issue-{number}"
    # A run wrote a file on the branch and died: the branch is the bot's, no pull request.
    leftover = "incidents/2026/INC-20261129-0940-half-done-aaaa.md"
    gh.state.put_file(branch, leftover, "x", author=gh.state.bot.login)

    result = declare(repo, gh, "--from-issue", str(event))

    assert result.code == 0, result.stderr
    assert len(pulls(gh)) == 1
    files = declaration_files(gh, branch)
    assert len(files) == 1 and "half-done" not in next(iter(files)), "the branch starts afresh"


def test_personal_data_asks_the_reporter_and_writes_nothing(
    repo: Path, tmp_path: Path, fake_github_factory: Any
) -> None:
    gh = serve(fake_github_factory, repo)
    answers = {**GOOD_ANSWERS, "observed": "Shop owner Tanaka, 090-1234-5678, cannot pay."}
    number, event = file_issue(gh, tmp_path, answers)
    branches = set(gh.state.git.branches)

    result = declare(repo, gh, "--from-issue", str(event))

    assert result.code == 1, result.stdout + result.stderr
    assert "personal data" in result.stdout
    assert pulls(gh) == [] and set(gh.state.git.branches) == branches
    assert not (repo / "incidents" / "2026").exists()
    (comment,) = gh.state.comments_on(number)
    assert "090-1234-5678" not in comment.body and "090-****-5678" in comment.body
    assert "電話番号" in comment.body, "the comment is in the repository's language"
    # Asked once: a re-run does not ask again.
    assert declare(repo, gh, "--from-issue", str(event)).code == 1
    assert len(gh.state.comments_on(number)) == 1

    # The reporter edits the issue; the `edited` event declares it.
    clean = form_body(GOOD_ANSWERS)
    gh.state.update_issue(gh.state.issues[number], body=clean)
    edited = write_issue_event(gh, tmp_path, number, clean, "x", (LABEL,), name="edited.json")
    assert declare(repo, gh, "--from-issue", str(edited)).code == 0
    assert len(pulls(gh)) == 1


def test_yes_or_unknown_personal_data_is_urgent_and_escalated(
    repo: Path, tmp_path: Path, fake_github_factory: Any
) -> None:
    gh = serve(fake_github_factory, repo)
    for index, answer in enumerate(["はい / Yes", "分からない / Unknown"]):
        answers = {**GOOD_ANSWERS, "personal_data": answer}
        number, event = file_issue(gh, tmp_path, answers, name=f"e{index}.json")
        assert declare(repo, gh, "--from-issue", str(event)).code == 0
        pull = pulls(gh)[-1]
        assert "incident:urgent" in labels_of(gh, pull.number)
        assert "incident:urgent" in labels_of(gh, number)
        marker = DeclarationMarker.parse(pull.body or "")
        assert marker is not None
        data = front_matter((gh.state.read_file(pull.pull.head, marker.path) or b"").decode())
        assert data["stakeholders"] == ["legal", "security"], "the sync escalates at merge"
        expected = "suspected" if index == 0 else "unknown"
        assert data["personal_data"]["status"] == expected


def test_issues_that_are_not_declarations_are_ignored(
    repo: Path, tmp_path: Path, fake_github_factory: Any
) -> None:
    gh = serve(fake_github_factory, repo)
    cases = [
        {"labels": ("bug",)},  # the octokit example as it is: another kind of issue
        {"association": "NONE"},  # an outsider, in a public repository
        {"body": "It looks like you accidently spelled 'commit' with two 't's."},
    ]
    for index, case in enumerate(cases):
        _, event = file_issue(gh, tmp_path, name=f"e{index}.json", **case)  # type: ignore[arg-type]
        result = declare(repo, gh, "--from-issue", str(event))
        assert result.code == 0 and result.stdout.startswith("ignored:"), result.stdout
    assert pulls(gh) == [] and gh.writes() == 0
