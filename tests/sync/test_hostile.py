"""`incident sync` against a contributor who wants it to do more than its job: incident text
that mentions people or links issues, and a config that aims the sync's branch elsewhere.

The real command, real git, real HTTP to the GitHub-compatible test server.
"""

from __future__ import annotations

import html
import json
import re
import time
from pathlib import Path
from typing import Any

import pytest

from incidentflow.sync.lock import LOCK_FILE
from tests.conftest import Result
from tests.fake_github import FakeGitHub
from tests.fake_github.openapi import assert_conforms
from tests.sync.support import (
    BOT_BRANCH,
    commit_all,
    committed_files,
    incident_id,
    incident_text,
    managed,
    sync,
    write_incident,
)

CONFIG_TEAMS = {"acme/engineering", "acme/customer-support", "acme/legal", "acme/security-response"}
# What GitHub would act on once the Markdown is rendered (entities decoded): a mention after
# anything but a word character, and an issue reference in any of its spellings.
_MENTION = re.compile(r"(?<![A-Za-z0-9_])[@\uff20\ufe6b]([A-Za-z0-9][A-Za-z0-9-]*(?:/[\w.-]+)?)")
_REFERENCE = re.compile(r"#[0-9]|(?<![A-Za-z0-9_])GH-[0-9]", re.IGNORECASE)

HOSTILE = (
    "@acme/legal @mallory ＠mallory ﹫mallory [@mallory](https://example.com/u) &#64;mallory "
    "\\\\@mallory (@mallory) fixes #2, see acme/other#1 and GH-3; write to ops@acme.example"
)


def _live_mentions(text: str) -> set[str]:
    return set(_MENTION.findall(html.unescape(text)))


def _live_references(text: str) -> list[str]:
    return _REFERENCE.findall(html.unescape(text))


def _serve(factory: Any, repo: Path, **kwargs: Any) -> FakeGitHub:
    server: FakeGitHub = factory(files=committed_files(repo), **kwargs)
    server.state.add_user("mallory")
    return server


def test_incident_text_mentions_nobody_and_links_no_issue(
    repo: Path, fake_github_factory: Any
) -> None:
    text = incident_text(
        1,
        title='"Checkout fails, ping @mallory about #3"',
        summary=f'"{HOSTILE}"',
        leader='"Kato (＠kato)"',
        stakeholders=["cs"],
        prevention=[
            {"id": "P1", "title": '"Page [@mallory](https://x.example) on GH-4"',
             "owner": "'@kato'", "due": "2026-12-20", "horizon": "now"},
        ],
    )  # fmt: skip
    text = text.replace("status: none", "status: suspected")  # legal and security join
    # A folder name is text from the repository too, and lands in the bot pull request.
    path = f"incidents/2026/closes #1/{incident_id(1)}.md"
    (repo / path).parent.mkdir(parents=True)
    (repo / path).write_text(text, encoding="utf-8")
    commit_all(repo)
    gh = _serve(fake_github_factory, repo, collaborators=["kato"])

    result = sync(repo, gh)

    assert result.code == 0, result.stdout + result.stderr
    issues = {n: i for n, i in gh.state.issues.items() if not i.is_pull}
    assert len(issues) == 4 and len(gh.state.pulls) == 1
    for number, issue in gh.state.issues.items():
        for text in (issue.title, issue.body or ""):
            assert _live_mentions(text) <= CONFIG_TEAMS, (number, _live_mentions(text))
            assert not _live_references(text), (number, _live_references(text))
    by_item = {key[2]: numbers[0] for key, numbers in managed(gh).items()}
    cs, p1 = gh.state.issues[by_item["cs"]], gh.state.issues[by_item["P1"]]
    assert _live_mentions(cs.body or "") == {"acme/customer-support"}, "the config's team only"
    assert _live_mentions(gh.state.issues[by_item["legal"]].body or "") == {"acme/legal"}
    assert not _live_mentions(p1.body or "")
    assert p1.assignees == ["kato"], "the owner's login is assigned, not mentioned"
    assert all(issue.assignees == [] for issue in issues.values() if issue is not p1)
    readable = (cs.body or "").replace("\u200d", "")
    assert "Kato (＠kato)" in readable and "fixes #2, see acme/other#1 and GH-3" in readable
    assert "ops@acme.example" in (cs.body or ""), "an e-mail address is left as it is"
    assert "Checkout fails, ping @mallory about #3" in cs.title.replace("\u200d", "")
    (pull,) = gh.state.pulls
    assert "closes #\u200d1" in (pull.body or "")
    assert_conforms(gh.requests)


def _set_branch(repo: Path, branch: str) -> None:
    config = repo / "incidentflow.yaml"
    text = config.read_text("utf-8")
    config.write_text(text.replace(f"branch: {BOT_BRANCH}", f"branch: {branch}"), "utf-8")


def _one_incident(repo: Path, branch: str = BOT_BRANCH) -> None:
    _set_branch(repo, branch)
    write_incident(repo, 1, incident_text(1, stakeholders=["cs"]))
    commit_all(repo)


def _refused(result: Result, gh: FakeGitHub, *words: str) -> None:
    assert result.code == 2, result.stdout + result.stderr
    assert result.stderr.startswith("incident sync: ")
    for word in words:
        assert word in result.stderr, result.stderr
    assert gh.writes() == 0, "nothing was written"
    assert not gh.state.issues


@pytest.mark.parametrize("branch", ["main", "release", "incidentflow/"])
def test_a_branch_outside_incidentflow_is_refused_before_any_request(
    repo: Path, fake_github_factory: Any, branch: str
) -> None:
    _one_incident(repo, branch)
    gh = _serve(fake_github_factory, repo)
    gh.state.create_branch("release")
    before = dict(gh.state.git.branches)

    result = sync(repo, gh)

    _refused(result, gh, f"sync.branch is '{branch}'", "incidentflow/")
    assert not gh.requests
    assert gh.state.git.branches == before


def test_the_default_branch_is_refused(repo: Path, fake_github_factory: Any) -> None:
    _one_incident(repo)
    gh = _serve(fake_github_factory, repo, default_branch=BOT_BRANCH)

    result = sync(repo, gh)

    _refused(result, gh, "is (or locks on) the default branch incidentflow/sync")


@pytest.mark.parametrize("which", [BOT_BRANCH, f"{BOT_BRANCH}-lock"])
@pytest.mark.parametrize("dry_run", [False, True])
def test_a_protected_branch_is_refused(
    repo: Path, fake_github_factory: Any, which: str, dry_run: bool
) -> None:
    _one_incident(repo)
    gh = _serve(fake_github_factory, repo)
    gh.state.create_branch(which)
    gh.state.protect_branch(which)
    before = dict(gh.state.git.branches)

    result = sync(repo, gh, *(["--dry-run"] if dry_run else []))

    _refused(result, gh, f"branch {which} is protected", "nothing was changed")
    assert gh.state.git.branches == before
    assert_conforms(gh.requests)


@pytest.mark.parametrize("which", [BOT_BRANCH, f"{BOT_BRANCH}-lock"])
def test_a_branch_with_somebody_elses_commits_is_left_alone(
    repo: Path, fake_github_factory: Any, which: str
) -> None:
    """Someone's work on a branch of that name (or the config aimed there on purpose): the
    sync would force-move or delete it, so it refuses and writes nothing at all."""
    _one_incident(repo)
    gh = _serve(fake_github_factory, repo)
    lock = {"owner": "x", "acquired_at": time.time() - 3600, "where": "nowhere"}
    gh.state.put_file(which, LOCK_FILE, json.dumps(lock), author=gh.state.bot.login)
    gh.state.put_file(which, "work.md", "mallory's work\n", author="mallory")
    before = dict(gh.state.git.branches)

    result = sync(repo, gh)

    _refused(result, gh, f"branch {which} has commits by mallory", "delete")
    assert gh.state.git.branches == before, "neither moved nor deleted"
    assert_conforms(gh.requests)


def test_the_syncs_own_branches_are_reused(repo: Path, fake_github_factory: Any) -> None:
    """Left behind by earlier runs: the bot branch at an old commit of main (a write-back that
    failed), the lock with the sync's own commit. Neither has anything to lose."""
    _one_incident(repo)
    gh = _serve(fake_github_factory, repo)
    gh.state.create_branch(BOT_BRANCH)
    gh.state.put_file("main", "docs/runbook.md", "# Runbook\n")
    stale = {"owner": "crashed-run", "acquired_at": time.time() - 3600, "where": "runner 7"}
    gh.state.put_file(f"{BOT_BRANCH}-lock", LOCK_FILE, json.dumps(stale), author="incidentflow-bot")

    result = sync(repo, gh)

    assert result.code == 0, result.stdout + result.stderr
    assert len(gh.state.pulls) == 1 and f"{BOT_BRANCH}-lock" not in gh.state.git.branches
    gh.state.merge_pull(gh.state.pulls[0].number)
    write_incident(repo, 2, incident_text(2, stakeholders=["sales"]))
    commit_all(repo, "another")
    merged = f"incidents/2026/{incident_id(2)}.md"
    gh.state.put_file("main", merged, (repo / merged).read_bytes())

    again = sync(repo, gh)

    assert again.code == 0, again.stdout + again.stderr  # the merged bot branch is behind main
    assert [pull.state for pull in gh.state.pulls] == ["closed", "open"]
