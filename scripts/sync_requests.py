"""Count the GitHub requests `incident sync` sends, against FakeGitHub (no network).

    python scripts/sync_requests.py          # a table
    python scripts/sync_requests.py --json   # the same numbers as JSON (tests read this)

Scenarios:
  first   one incident with S stakeholder teams and P prevention items, never synced
  second  the same again, nothing changed
  reads   N incidents of which M have one checklist issue each, all synced and merged:
          reads should follow the pages of managed issues (M / 100), not N
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fake_github import FakeGitHub  # noqa: E402
from tests.sync.support import incident_path, incident_text  # noqa: E402

TEAMS = ["engineering", "cs", "sales", "legal"]
ITEMS = [
    {"id": f"P{n}", "title": f"Item {n}", "owner": "Sato (SRE)", "due": "2026-12-20",
     "horizon": "now"}
    for n in (1, 2, 3)
]  # fmt: skip
ENV = {
    "INCIDENTFLOW_WRITE_PAUSE": "0",
    "INCIDENTFLOW_RETRY_BACKOFF": "0",
    "INCIDENTFLOW_NOW": "2026-11-29T12:00:00+09:00",
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.invalid",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.invalid",
}


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, env={**os.environ, **ENV})


def make_repo(where: Path, files: dict[str, str]) -> Path:
    repo = where / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    shutil.copy(ROOT / "incidentflow.yaml", repo / "incidentflow.yaml")
    shutil.copytree(
        ROOT / ".github" / "incident-checklists", repo / ".github" / "incident-checklists"
    )
    for path, text in files.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(text, encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "incidents")
    return repo


def served_files(repo: Path) -> dict[str, bytes]:
    names = subprocess.run(
        ["git", "ls-files", "-z"], cwd=repo, check=True, capture_output=True
    ).stdout.decode()
    return {name: (repo / name).read_bytes() for name in names.split("\0") if name}


def sync(repo: Path, gh: FakeGitHub) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "incidentflow", "sync", "--format", "json"],
        cwd=repo,
        env={**os.environ, **gh.env(), **ENV},
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise SystemExit(f"sync failed ({completed.returncode}):\n{completed.stdout}")


def counted(gh: FakeGitHub) -> dict[str, Any]:
    return {
        "reads": gh.count("GET"),
        "writes": gh.writes(),
        "issue_creates": gh.count("POST", r"/issues$"),
        "by_method": gh.counts_by_method(),
    }


def merge_bot_pull_request(repo: Path, gh: FakeGitHub, paths: list[str]) -> None:
    """What a reviewer does: merge the bot's pull request; the checkout then has the links."""
    for pull in gh.state.pulls:
        if pull.state == "open":
            gh.state.merge_pull(pull.number)
    for path in paths:
        content = gh.state.read_file("main", path)
        assert content is not None
        (repo / path).write_bytes(content)
    _git(repo, "commit", "-q", "-am", "merge the bot's pull request")


def first_and_second() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as where:
        text = incident_text(1, stakeholders=TEAMS, prevention=ITEMS)
        repo = make_repo(Path(where), {incident_path(1): text})
        with FakeGitHub(files=served_files(repo)) as gh:
            sync(repo, gh)
            first = counted(gh)
            gh.reset_log()
            sync(repo, gh)
            second = counted(gh)
    return {"stakeholders": len(TEAMS), "prevention": len(ITEMS), "first": first, "second": second}


def reads_over(total: int, managed: int) -> dict[str, Any]:
    files = {
        incident_path(n): incident_text(n, stakeholders=["engineering"])
        if n <= managed
        else incident_text(n, status="declined", stakeholders=[])
        for n in range(1, total + 1)
    }
    with tempfile.TemporaryDirectory() as where:
        repo = make_repo(Path(where), files)
        with FakeGitHub(files=served_files(repo)) as gh:
            sync(repo, gh)
            merge_bot_pull_request(repo, gh, [incident_path(n) for n in range(1, managed + 1)])
            gh.reset_log()
            sync(repo, gh)
            result = counted(gh)
    pages = max(1, -(-managed // 100))
    return {"incidents": total, "managed_issues": managed, "listing_pages": pages, **result}


def main() -> None:
    report = {
        "first_and_second": first_and_second(),
        "reads": [reads_over(1000, 50), reads_over(1000, 250), reads_over(100, 50)],
    }
    if "--json" in sys.argv[1:]:
        print(json.dumps(report, indent=2))
        return
    both = report["first_and_second"]
    s, p = both["stakeholders"], both["prevention"]
    print(f"first sync, one incident, S={s} teams, P={p} prevention items:")
    print(f"  {both['first']}  (budget: issue creates = S+P = {s + p})")
    print(f"second sync, nothing changed:\n  {both['second']}  (budget: 0 writes)")
    print("steady state (all synced and merged), reads per run:")
    for row in report["reads"]:
        print(
            f"  {row['incidents']:>5} incidents, {row['managed_issues']:>4} managed issues "
            f"({row['listing_pages']} listing pages): {row['reads']} reads, {row['writes']} writes"
        )


if __name__ == "__main__":
    main()
