"""What a sync did: one action per issue, file or pull request, and the renderers for them.

The sync core emits actions as they happen; the CLI prints each with ``action_line`` at once
(progress), and ``summary_text`` / ``render_json`` at the end. Nothing here prints.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from incidentflow.cli.output import one_line
from incidentflow.forge.interface import RequestCounts


class ActionKind(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    COMMENTED = "commented"
    CLOSED = "closed"
    UNCHANGED = "unchanged"
    FAILED = "failed"
    SKIPPED = "skipped"


_PLANNED_VERB = {
    ActionKind.CREATED: "would create",
    ActionKind.UPDATED: "would update",
    ActionKind.COMMENTED: "would comment",
    ActionKind.CLOSED: "would close",
}


@dataclass(frozen=True, slots=True)
class Action:
    kind: ActionKind
    subject: str  # "INC-… legal checklist", "incidents/2026/INC-….md", "pull request"
    number: int | None = None
    url: str = ""
    detail: str = ""
    planned: bool = False  # a dry run: this is what would happen
    left: bool = False  # not attempted: the run stopped before it

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "subject": self.subject,
            "number": self.number,
            "url": self.url or None,
            "detail": self.detail or None,
            "planned": self.planned,
            "left": self.left,
        }


@dataclass(slots=True)
class SyncReport:
    dry_run: bool
    actions: list[Action] = field(default_factory=list)
    stopped: str = ""  # why the run stopped early, if it did
    requests: RequestCounts | None = None

    @property
    def unfinished(self) -> bool:
        return bool(self.stopped) or any(
            a.kind is ActionKind.FAILED or a.left for a in self.actions
        )

    def tally(self) -> dict[str, int]:
        counts = Counter(a.kind.value for a in self.actions if not a.left)
        result = {kind.value: counts.get(kind.value, 0) for kind in ActionKind}
        result["left"] = sum(1 for a in self.actions if a.left)
        return result


def verb(action: Action) -> str:
    if action.left:
        return "left"
    if action.planned:
        return _PLANNED_VERB.get(action.kind, action.kind.value)
    return action.kind.value


def action_line(action: Action, language: str = "en") -> str:
    # Subjects and details carry text from incident files and from GitHub: one line each.
    subject, detail = one_line(action.subject), one_line(action.detail or "")
    parts = [f"{verb(action):<13}", f"#{action.number}" if action.number else "-", subject]
    if detail:
        parts.append(f"({detail})")
    if action.url:
        parts.append(action.url)
    return " ".join(parts)


def summary_text(report: SyncReport, language: str = "en") -> str:
    tally = report.tally()

    def counted(kind: ActionKind) -> str:
        planned = _PLANNED_VERB.get(kind) if report.dry_run else None
        if planned is not None:
            return f"{tally[kind.value]} to {planned.removeprefix('would ')}"
        return f"{tally[kind.value]} {kind.value}"

    shown = ", ".join(counted(kind) for kind in ActionKind if tally[kind.value])
    lead = "dry run, nothing changed: " if report.dry_run else "sync: "
    lines = [lead + (shown or ("nothing done" if report.stopped else "nothing to do"))]
    if report.stopped:
        lines.append(f"stopped early: {report.stopped}")
    if tally["left"]:
        lines.append(f"{tally['left']} item(s) left for the next run (`incident sync` again)")
    if report.requests is not None:
        counts = report.requests
        lines.append(
            f"GitHub requests: {counts.reads} reads, {counts.writes} writes, "
            f"{counts.retries} retries, {counts.waited_seconds:.1f} s waiting"
        )
    if report.unfinished and not report.dry_run:
        lines.append("unfinished: run `incident sync` again; it picks up where this run stopped")
    return "\n".join(lines)


def render_json(report: SyncReport) -> str:
    payload: dict[str, Any] = {
        "dry_run": report.dry_run,
        "actions": [action.as_dict() for action in report.actions],
        "summary": {**report.tally(), "unfinished": report.unfinished},
        "stopped": report.stopped or None,
    }
    if report.requests is not None:
        payload["requests"] = {
            "reads": report.requests.reads,
            "writes": report.requests.writes,
            "retries": report.requests.retries,
            "waited_seconds": round(report.requests.waited_seconds, 3),
        }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def summary_markdown(report: SyncReport, language: str = "en") -> str:
    """The job summary inside GitHub Actions."""
    head = "## incident sync" + (" (dry run)" if report.dry_run else "")
    rows = ["| | issue | subject | detail |", "|---|---|---|---|"]
    for action in report.actions:
        if action.kind is ActionKind.UNCHANGED:
            continue
        issue = f"[#{action.number}]({action.url})" if action.number and action.url else "-"
        detail = one_line(action.detail).replace("|", "\\|")
        subject = one_line(action.subject).replace("|", "\\|")
        rows.append(f"| {verb(action)} | {issue} | {subject} | {detail} |")
    table = "\n".join(rows) if len(rows) > 2 else "Nothing changed."
    return f"{head}\n\n{summary_text(report)}\n\n{table}\n"
