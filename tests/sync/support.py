"""Helpers for the sync tests: incident files, a committed repository mirrored on FakeGitHub,
and the real `incident sync` against it."""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from incidentflow.sync.markers import CHECKLIST, GeneratedState, IssueKey, parse_key
from tests.conftest import PROJECT_ROOT, Result, git, run_incident
from tests.fake_github import FakeGitHub

FAST = {
    "INCIDENTFLOW_WRITE_PAUSE": "0",
    "INCIDENTFLOW_RETRY_BACKOFF": "0",
    "INCIDENTFLOW_LOCK_WAIT": "30",
}
BOT_BRANCH = "incidentflow/sync"


def incident_id(number: int, slug: str = "case") -> str:
    return f"INC-20261128-{number:04d}-{slug}-{number}"


def incident_text(
    number: int,
    *,
    status: str = "decided",
    lang: str = "en",
    severity: str = "sev2",
    stakeholders: Iterable[str] = ("engineering", "cs"),
    personal_data: str = "none",
    prevention: Iterable[Mapping[str, Any]] = (),
    title: str = "Checkout fails for some shops",
    summary: str = "Checkout returns 500 for shops on the new theme.",
    leader: str = "Kato (payments)",
) -> str:
    """A plausible incident file; sync needs typed fields, not a complete phase."""
    lines = [
        "---",
        f"id: {incident_id(number)}",
        f"title: {title}",
        f"status: {status}",
        f"severity: {severity}",
        f"lang: {lang}",
        "detected_at: '2026-11-28T09:00:00+09:00'",
        "detection:",
        "  source: system_alert",
        "  reported_by: Alert",
        "investigation:",
        f"  summary: {summary}",
        "  impact: Some shops cannot take orders.",
        "personal_data:",
        f"  status: {personal_data}",
        "  assessed_by: Kimura (security)",
        "  escalated_at: '2026-11-28T09:10:00+09:00'",
        "decision:",
        f"  leader: {leader}",
        "  decided_at: '2026-11-28T10:00:00+09:00'",
        "  policy: Roll back the theme release.",
        f"stakeholders: [{', '.join(stakeholders)}]",
    ]
    items = list(prevention)
    if items:
        lines.append("prevention:")
        for item in items:
            first = True
            for key, value in item.items():
                lines.append(f"  {'- ' if first else '  '}{key}: {value}")
                first = False
    lines += ["---", "", "# Incident", "", "Narrative.", ""]
    return "\n".join(lines)


def incident_path(number: int) -> str:
    return f"incidents/2026/{incident_id(number)}.md"


def write_incident(repo: Path, number: int, text: str | bytes) -> str:
    path = incident_path(number)
    target = repo / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        target.write_text(text, encoding="utf-8", newline="")
    else:
        target.write_bytes(text)
    return path


def commit_all(repo: Path, message: str = "incidents") -> None:
    checklists = repo / ".github" / "incident-checklists"
    if not checklists.exists():
        shutil.copytree(PROJECT_ROOT / ".github" / "incident-checklists", checklists)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)


def committed_files(repo: Path) -> dict[str, bytes]:
    names = git(repo, "ls-files", "-z").split("\0")
    return {name: (repo / name).read_bytes() for name in names if name}


def sync(repo: Path, gh: FakeGitHub, *args: str, **env: str) -> Result:
    return run_incident("sync", *args, cwd=repo, env={**gh.env(), **FAST, **env})


def managed(gh: FakeGitHub) -> dict[tuple[str, str, str], list[int]]:
    """Issue numbers by key, for every issue carrying a key marker (duplicates show up)."""
    found: dict[tuple[str, str, str], list[int]] = {}
    for number, issue in sorted(gh.state.issues.items()):
        key = parse_key(issue.body or "")
        if key is not None and issue.author == gh.state.bot.login:
            found.setdefault((key.kind, key.incident_id, key.item), []).append(number)
    return found


def tracking_on(gh: FakeGitHub, path: str, ref: str = BOT_BRANCH) -> dict[str, Any]:
    raw = gh.state.read_file(ref, path)
    assert raw is not None, f"{path} is not on {ref}"
    text = raw.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
    front = text.split("\n---\n", 1)[0].removeprefix("---\n")
    data = YAML(typ="safe").load(front)
    tracking = data.get("tracking") or {}
    assert isinstance(tracking, dict)
    return tracking


def labels_of(gh: FakeGitHub, number: int) -> list[str]:
    return [label.name for label in gh.state.issue_labels(gh.state.issues[number])]


def checklist_body(incident: str, team: str, checklist: str, status: str = "resolved") -> str:
    """A body as the sync writes it for a team's checklist: marker, header, end marker, boxes."""
    key = IssueKey(CHECKLIST, incident, team)
    end = GeneratedState(status, ("incident",)).end_marker
    return f"{key.marker}\nChecklist for {team}.\n\n{end}\n\n{checklist}"
