"""Phase times from git, for figures anyone can recompute: where an incident file has no
time for a phase, the commit that first recorded the status (on the main line, the merge of
the pull request that moved it) says when the phase was reached."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from incidentflow import git
from incidentflow.config.conditions import lookup
from incidentflow.record.model import Status, parse_status
from incidentflow.record.phases import SIDE_EXITS, rank

# The time field of a phase, and the status that reaching the phase sets.
PHASE_FIELDS: dict[str, Status] = {
    "decision.decided_at": Status.DECIDED,
    "resolved_at": Status.RESOLVED,
    "closed_at": Status.CLOSED,
}
_STATUS = re.compile(rb"^status:[ \t]*['\"]?([a-z_]+)", re.M)


@dataclass(frozen=True, slots=True)
class PhaseCommit:
    commit: str
    at: str  # the commit's committer time, ISO 8601

    @property
    def source(self) -> str:
        return f"git:{self.commit}"


def _status(raw: bytes | None) -> Status | None:
    if raw is None:
        return None
    head = raw.split(b"\n---", 1)[0]  # the front matter only
    found = _STATUS.search(head)
    return parse_status(found.group(1).decode()) if found else None


def missing_phase_times(root: Path, path: str, data: Mapping[str, Any]) -> dict[str, PhaseCommit]:
    """For each phase field the file lacks, the first commit at which its status had reached
    the phase; empty outside a git repository or without such a commit."""
    missing = [field for field in PHASE_FIELDS if lookup(data, field) in (None, "")]
    if not missing:
        return {}
    try:
        history = git.path_history(root, path)
        found: dict[str, PhaseCommit] = {}
        for commit, when in history:
            status = _status(git.read_files(root, commit, [path]).get(path))
            if status is None or status in SIDE_EXITS:
                continue
            for field in missing:
                phase = PHASE_FIELDS[field]
                if field not in found and rank(status) >= rank(phase):
                    found[field] = PhaseCommit(commit, when)
            if len(found) == len(missing):
                break
    except git.GitError:
        return {}
    return found
