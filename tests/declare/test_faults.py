"""Declarations under GitHub's failures: every run either finishes or leaves work the next run
completes, and clean re-runs end with one branch, one pull request, one file, one comment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.declare.support import (
    declaration_files,
    declare,
    file_issue,
    pulls,
    serve,
    write_alert_event,
)

RERUNS = 6
# Secondary limits say "Retry-After: 0" here: the waiting itself is tested once, in the sync's
# fault tests; these runs are about what a re-run finds.


@pytest.mark.parametrize("seed", range(8))
def test_random_faults_then_reruns_converge_for_an_issue(
    repo: Path, tmp_path: Path, fake_github_factory: Any, seed: int
) -> None:
    gh = serve(fake_github_factory, repo, retry_after=0)
    number, event = file_issue(gh, tmp_path)
    gh.faults.random(seed=seed, rate=0.3)  # 500, 502, secondary limits, lost writes
    declare(repo, gh, "--from-issue", str(event))
    gh.faults.clear()
    for _ in range(RERUNS):
        if declare(repo, gh, "--from-issue", str(event)).code == 0:
            break
    (pull,) = pulls(gh)
    assert pull.pull is not None
    assert len(declaration_files(gh, pull.pull.head)) == 1
    bot = [c for c in gh.state.comments_on(number) if c.author == gh.state.bot.login]
    assert len(bot) == 1, [c.body[:60] for c in bot]


@pytest.mark.parametrize("seed", range(4))
def test_lost_writes_on_a_repeated_alert_record_it_once(
    repo: Path, tmp_path: Path, fake_github_factory: Any, seed: int
) -> None:
    gh = serve(fake_github_factory, repo, retry_after=0)
    first = {"title": "Queue backlog", "service": "orders", "dedup_key": "orders-backlog"}
    assert declare(repo, gh, "--from-alert", str(write_alert_event(tmp_path, first))).code == 0
    again = write_alert_event(tmp_path, {**first, "title": "Queue backlog grows"}, "again.json")
    gh.faults.random(seed=seed, rate=0.4)
    declare(repo, gh, "--from-alert", str(again))
    gh.faults.clear()
    for _ in range(RERUNS):
        if declare(repo, gh, "--from-alert", str(again)).code == 0:
            break
    (pull,) = pulls(gh)
    assert pull.pull is not None
    ((_, raw),) = declaration_files(gh, pull.pull.head).items()
    assert raw.decode("utf-8").count("Queue backlog grows") == 1
    assert len(gh.state.comments_on(pull.number)) == 1
