"""Sync under failure: random faults, lost writes, rate limits, locks and two runs at once.

The seeded runs go through the sync core in-process (same adapter, real HTTP) because there
are many of them; the others use the real command.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from incidentflow.config.workspace import open_repository
from incidentflow.forge.interface import ForgeSettings
from incidentflow.forge.pygithub_adapter import PyGithubTracker
from incidentflow.forge.request_policy import RequestPolicy
from incidentflow.sync.lock import LOCK_FILE
from incidentflow.sync.report import SyncReport
from incidentflow.sync.run import SyncOptions, run_sync
from tests.fake_github import FakeGitHub
from tests.fake_github.openapi import assert_conforms
from tests.sync.support import (
    BOT_BRANCH,
    FAST,
    commit_all,
    committed_files,
    incident_path,
    incident_text,
    managed,
    sync,
    tracking_on,
    write_incident,
)

ITEMS = (
    {"id": "P1", "title": "Alert", "owner": "'@kato'", "due": "2026-12-20", "horizon": "now"},
    {"id": "P2", "title": "Canary", "owner": "Sato (SRE)", "due": "2027-02-01", "horizon": "later"},
)
EXPECTED_KEYS = 8  # incident 1: 3 teams + 2 items; incident 2: engineering + legal + security


def two_incidents(repo: Path) -> None:
    write_incident(
        repo, 1, incident_text(1, stakeholders=["engineering", "cs", "sales"], prevention=ITEMS)
    )
    suspected = incident_text(2, status="investigating", stakeholders=["engineering"])
    write_incident(repo, 2, suspected.replace("status: none", "status: suspected"))
    commit_all(repo)


def run_in_process(repo: Path, gh: FakeGitHub, *, lock_wait: float = 5.0) -> SyncReport:
    settings = ForgeSettings(gh.token, gh.repository, gh.url, gh.web_url)
    policy = RequestPolicy(write_pause=0, backoff=0, max_wait=5, timeout=10)
    tracker = PyGithubTracker(settings, policy)
    options = SyncOptions(gh.repository, gh.web_url, lock_wait=lock_wait, lock_poll=0.05)
    return run_sync(open_repository(repo), tracker, options, lambda action: None)


def assert_converged(gh: FakeGitHub) -> None:
    found = managed(gh)
    assert len(found) == EXPECTED_KEYS, sorted(found)
    duplicates = {key: numbers for key, numbers in found.items() if len(numbers) != 1}
    assert not duplicates, f"duplicates: {duplicates}"
    for number in (1, 2):
        recorded = tracking_on(gh, incident_path(number))
        for (kind, incident, item), (issue,) in found.items():
            if incident.endswith(f"-{number}"):
                section = "stakeholders" if kind == "checklist" else "prevention"
                assert recorded[section][item] == issue, (kind, incident, item)
    open_pulls = [p for p in gh.state.pulls if p.state == "open"]
    assert len(open_pulls) == 1, "one bot pull request"
    assert BOT_BRANCH + "-lock" not in gh.state.git.branches


# Sixteen seeded runs by default (each about 30% faulty requests: 500, 502, secondary limits,
# lost writes); FAULT_SEEDS=500 pytest tests/sync/test_faults.py soaks the sync for longer.
SEEDS = int(os.environ.get("FAULT_SEEDS", "16"))


@pytest.mark.parametrize("seed", range(SEEDS))
def test_random_faults_converge_to_exactly_one_issue_per_key(
    seed: int, repo: Path, fake_github_factory: Any
) -> None:
    two_incidents(repo)
    gh: FakeGitHub = fake_github_factory(
        files=committed_files(repo), retry_after=0, collaborators=["kato"]
    )
    gh.faults.random(seed=seed, rate=0.3)  # 500, 502, secondary limits, lost writes

    run_in_process(repo, gh)
    gh.faults.clear()
    for _ in range(3):
        report = run_in_process(repo, gh)
        if not report.unfinished:
            break
    assert not report.unfinished, [a for a in report.actions if a.kind.value == "failed"]

    assert_converged(gh)
    gh.reset_log()
    run_in_process(repo, gh)
    assert gh.writes() == 0, "converged: the next run has nothing to write"


def test_lost_create_is_found_again_not_duplicated(repo: Path, fake_github_factory: Any) -> None:
    two_incidents(repo)
    gh: FakeGitHub = fake_github_factory(files=committed_files(repo), collaborators=["kato"])
    gh.faults.add("lost_write", method="POST", path=r"/issues$", count=3)
    gh.faults.add("500", method="POST", path=r"/issues$", count=1, apply=True)

    result = sync(repo, gh)

    assert result.code == 0, result.stdout
    assert_converged(gh)
    assert result.stdout.count("found after a lost answer") == 4
    assert gh.count("POST", r"/issues$") == EXPECTED_KEYS, "a create that landed is not re-sent"
    assert_conforms(gh.requests)


def test_two_syncs_at_once_create_each_issue_once(repo: Path, fake_github_factory: Any) -> None:
    two_incidents(repo)
    gh: FakeGitHub = fake_github_factory(files=committed_files(repo), collaborators=["kato"])
    env = {**gh.env(), **FAST, "INCIDENTFLOW_WRITE_PAUSE": "0.02"}
    command = [sys.executable, "-m", "incidentflow", "sync"]
    runs = [
        subprocess.Popen(command, cwd=repo, env={**os.environ, **env}, stdout=subprocess.PIPE)
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=60)[0].decode() for run in runs]
    codes = [run.returncode for run in runs]

    assert codes == [0, 0], outputs
    assert_converged(gh)
    assert gh.count("POST", r"/issues$") == EXPECTED_KEYS
    assert gh.count("POST", r"/pulls$") == 1


def test_a_stale_lock_is_taken_over(repo: Path, fake_github_factory: Any) -> None:
    two_incidents(repo)
    gh: FakeGitHub = fake_github_factory(files=committed_files(repo), collaborators=["kato"])
    old = {"owner": "crashed-run", "acquired_at": time.time() - 3600, "where": "runner 7"}
    gh.state.put_file(f"{BOT_BRANCH}-lock", LOCK_FILE, json.dumps(old), author=gh.state.bot.login)

    result = sync(repo, gh)

    assert result.code == 0, result.stdout
    assert_converged(gh)


def test_a_live_lock_makes_the_run_wait_then_stop_without_changes(
    repo: Path, fake_github_factory: Any
) -> None:
    two_incidents(repo)
    gh: FakeGitHub = fake_github_factory(files=committed_files(repo))
    live = {"owner": "other-run", "acquired_at": time.time(), "where": "workflow run 42"}
    gh.state.put_file(f"{BOT_BRANCH}-lock", LOCK_FILE, json.dumps(live), author=gh.state.bot.login)

    result = sync(repo, gh, INCIDENTFLOW_LOCK_WAIT="0")

    assert result.code == 1
    assert "another sync is running" in result.stdout and "workflow run 42" in result.stdout
    assert not gh.state.issues
    assert "left" in result.stdout
    assert f"{BOT_BRANCH}-lock" in gh.state.git.branches, "someone else's lock is left alone"


def test_a_long_rate_limit_stops_the_run_and_the_next_run_finishes(
    repo: Path, fake_github_factory: Any
) -> None:
    two_incidents(repo)
    gh: FakeGitHub = fake_github_factory(files=committed_files(repo), collaborators=["kato"])
    gh.faults.add("primary_rate_limit", method="POST", path=r"/issues$", skip=2, retry_after=3600)

    stopped = sync(repo, gh, INCIDENTFLOW_MAX_WAIT="5")

    assert stopped.code == 1
    assert "run again after" in stopped.stdout
    assert [line.split()[0] for line in stopped.stdout.splitlines()][:2] == ["created"] * 2
    assert "item(s) left for the next run" in stopped.stdout
    assert "Traceback" not in stopped.stderr
    again = sync(repo, gh)
    assert again.code == 0, again.stdout
    assert_converged(gh)


def test_retry_after_and_server_errors_are_waited_out(repo: Path, fake_github_factory: Any) -> None:
    two_incidents(repo)
    gh: FakeGitHub = fake_github_factory(files=committed_files(repo), collaborators=["kato"])
    gh.faults.add("secondary_rate_limit", method="POST", path=r"/issues$", retry_after=1)
    gh.faults.add("502", method="PUT", path=r"/contents/", count=2)
    gh.faults.add("500", method="GET", path=r"/issues$", count=1)

    result = sync(repo, gh, "--format", "json")

    payload = result.json()
    assert result.code == 0, result.stdout
    requests = payload["requests"]
    assert isinstance(requests, dict)
    assert requests["waited_seconds"] >= 1.0, "Retry-After: 1 was honoured"
    assert requests["retries"] >= 2  # the rate-limited POST and the failed listing
    assert_converged(gh)
    assert_conforms(gh.requests)


def test_an_unused_duplicate_from_a_late_create_is_closed(
    repo: Path, fake_github_factory: Any
) -> None:
    write_incident(repo, 1, incident_text(1, stakeholders=["cs", "sales"]))
    commit_all(repo)
    gh: FakeGitHub = fake_github_factory(files=committed_files(repo))
    assert sync(repo, gh).code == 0
    first, second = gh.state.issues[1], gh.state.issues[2]
    # A create GitHub finished after we gave up waiting: same key, written by the bot.
    late = gh.state.create_issue(first.title, first.body, labels=["incident"])
    used = gh.state.create_issue(second.title, second.body, labels=["incident"])
    gh.state.add_comment(used, "I started here", author="acme")

    result = sync(repo, gh)

    assert result.code == 0, result.stdout
    assert (late.state, late.state_reason) == ("closed", "duplicate")
    assert used.state == "open", "a duplicate people already use is left to them"
    assert f"duplicate of #{first.number}" in result.stdout
    assert "close it by hand" in result.stdout
    assert tracking_on(gh, incident_path(1)) == {"stakeholders": {"cs": 1, "sales": 2}}
