"""Request budgets of `incident sync`, counted by FakeGitHub (counts, never times).

The scenarios live in scripts/sync_requests.py, which prints the same numbers for people.
"""

from __future__ import annotations

import importlib.util
from types import ModuleType
from typing import Any

from tests.conftest import PROJECT_ROOT

# Per run: the lock (create branch, write lock file, delete branch) and the write-back (create
# the bot branch, the file, the pull request).
CONSTANT_WRITES = 6


def scenarios() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "sync_requests", PROJECT_ROOT / "scripts" / "sync_requests.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_first_sync_writes_one_request_per_issue_plus_a_constant() -> None:
    counts: dict[str, Any] = scenarios().first_and_second()
    s, p = counts["stakeholders"], counts["prevention"]

    assert counts["first"]["issue_creates"] == s + p
    assert counts["first"]["writes"] <= s + p + CONSTANT_WRITES
    assert counts["second"]["writes"] == 0


def test_reads_do_not_grow_with_incidents() -> None:
    many_incidents = scenarios().reads_over(200, 50)  # 1 page of managed issues, 4x the incidents

    # GET /user, GET /repos, then the listing; nothing per incident.
    assert many_incidents["reads"] == 2 + many_incidents["listing_pages"] == 3
    assert many_incidents["writes"] == 0


def test_reads_follow_pages_of_managed_issues() -> None:
    more_issues = scenarios().reads_over(101, 101)  # 2 pages, the second holding one issue

    assert more_issues["reads"] == 2 + more_issues["listing_pages"] == 4
    assert more_issues["writes"] == 0
