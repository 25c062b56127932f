"""Durations anyone can recompute from git: a phase without a time field takes the time of
the commit that recorded the status change, and the report says so."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.conftest import git, run_incident
from tests.sync.support import incident_path, incident_text


def _commit_at(repo: Path, when: str, message: str) -> str:
    git(repo, "add", "-A")
    env = {**os.environ, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when}
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, env=env, check=True)
    return git(repo, "rev-parse", "HEAD").strip()


def _without_decision_time(text: str) -> str:
    return text.replace("  decided_at: '2026-11-28T10:00:00+09:00'\n", "")


def test_a_phase_without_a_time_takes_the_commit_that_reached_it(repo: Path) -> None:
    path = repo / incident_path(1)
    path.parent.mkdir(parents=True)
    path.write_text(_without_decision_time(incident_text(1, status="investigating")), "utf-8")
    _commit_at(repo, "2026-11-28T09:30:00+09:00", "declare")
    path.write_text(_without_decision_time(incident_text(1, status="decided")), "utf-8")
    decided = _commit_at(repo, "2026-11-28T12:30:00+09:00", "decide")
    result = run_incident("report", "--month", "2026-11", "--format", "json", cwd=repo)
    durations = result.json()["trend"]["durations"]
    assert durations == [
        {
            "id": "INC-20261128-0001-case-1",
            "measure": "decide",
            "minutes": 210.0,
            "from": "detected_at",
            "to": f"git:{decided}",
        }
    ]


def test_a_recorded_time_is_its_own_source(repo: Path) -> None:
    path = repo / incident_path(1)
    path.parent.mkdir(parents=True)
    path.write_text(incident_text(1, status="decided"), "utf-8")
    _commit_at(repo, "2026-11-28T12:30:00+09:00", "decide")
    result = run_incident("report", "--month", "2026-11", "--format", "json", cwd=repo)
    (duration,) = result.json()["trend"]["durations"]
    assert duration["to"] == "decision.decided_at" and duration["minutes"] == 60.0


def test_outside_git_the_report_still_runs(tmp_path: Path) -> None:
    from tests.conftest import PROJECT_ROOT

    (tmp_path / "incidentflow.yaml").write_bytes((PROJECT_ROOT / "incidentflow.yaml").read_bytes())
    path = tmp_path / incident_path(1)
    path.parent.mkdir(parents=True)
    path.write_text(_without_decision_time(incident_text(1, status="decided")), "utf-8")
    result = run_incident("report", "--month", "2026-11", "--format", "json", cwd=tmp_path)
    assert result.code == 0 and result.json()["trend"]["durations"] == []
