"""What a sync did: one action per issue, file or pull request, and the renderers for them.

The sync core emits actions as they happen; the CLI prints each with ``action_line`` at once
(progress), and ``summary_text`` / ``render_json`` at the end. Nothing here prints. An
action's subject and detail are phrases (``words.phrase``), said in the reader's language
when printed; the words are in ``words/sync.py``.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from incidentflow.cli.output import one_line
from incidentflow.errors import SaidError, said
from incidentflow.forge.interface import ForgeError, RequestCounts
from incidentflow.words.phrase import Phrase, Text, render
from incidentflow.words.sync import (
    COUNT,
    DETAILS,
    DONE,
    JOB_SUMMARY,
    LEFT,
    PLANNED,
    PLANNED_COUNT,
    SUMMARY,
)


class ActionKind(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    COMMENTED = "commented"
    CLOSED = "closed"
    UNCHANGED = "unchanged"
    FAILED = "failed"
    SKIPPED = "skipped"


VERB_WIDTH = 13  # the first column of an action line, in terminal cells


class NotDone(ForgeError):
    """The sync's own account of a failure: the item is still not done after every attempt,
    or GitHub lacks what the step needs. ``said`` is the reason, in words."""

    def __init__(self, phrase: Phrase) -> None:
        super().__init__(phrase)
        self.phrase = phrase


def explained(error: BaseException) -> Text:
    """What an error says: the sync's own reason in words, else the error's own words."""
    phrase = getattr(error, "phrase", None)
    return phrase if isinstance(phrase, Phrase) else ErrorText(error)


@dataclass(frozen=True, slots=True)
class ErrorText:
    """An error that was not the sync's own: its catalogued words where it has them, else
    GitHub's (or the connection's) answer, which is data to the reader, shown as it came."""

    error: BaseException

    def __call__(self, language: str) -> str:
        if isinstance(self.error, SaidError) and self.error.words is not None:
            return said(self.error, language)
        return DETAILS["github_said"](language, error=str(self.error))


@dataclass(frozen=True, slots=True)
class Action:
    kind: ActionKind
    subject: Text  # "INC-… legal checklist", "incidents/2026/INC-….md", "pull request"
    number: int | None = None
    url: str = ""
    detail: Text = ""
    planned: bool = False  # a dry run: this is what would happen
    left: bool = False  # not attempted: the run stopped before it

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "subject": render(self.subject, "en"),
            "number": self.number,
            "url": self.url or None,
            "detail": render(self.detail, "en") or None,
            "planned": self.planned,
            "left": self.left,
        }


@dataclass(slots=True)
class SyncReport:
    dry_run: bool
    actions: list[Action] = field(default_factory=list)
    stopped: Text = ""  # why the run stopped early, if it did
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


def verb(action: Action, language: str = "en") -> str:
    if action.left:
        return LEFT(language)
    planned = PLANNED.get(action.kind.value) if action.planned else None
    return (planned or DONE[action.kind.value])(language)


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def action_line(action: Action, language: str = "en") -> str:
    # Subjects and details carry text from incident files and from GitHub: one line each.
    subject = one_line(render(action.subject, language))
    detail = one_line(render(action.detail, language))
    shown = verb(action, language)
    parts = [
        shown + " " * max(0, VERB_WIDTH - _cells(shown)),
        f"#{action.number}" if action.number else "-",
        subject,
    ]
    if detail and language == "ja":
        parts[-1] += f"（{detail}）"
    elif detail:
        parts.append(f"({detail})")
    if action.url:
        parts.append(action.url)
    return " ".join(parts)


def summary_text(report: SyncReport, language: str = "en") -> str:
    tally = report.tally()

    def counted(kind: ActionKind) -> str:
        planned = PLANNED_COUNT.get(kind.value) if report.dry_run else None
        what = (planned or DONE[kind.value])(language)
        return COUNT(language, count=tally[kind.value], what=what)

    separator = "、" if language == "ja" else ", "
    shown = separator.join(counted(kind) for kind in ActionKind if tally[kind.value])
    if not shown:
        shown = SUMMARY["nothing_done" if report.stopped else "nothing_to_do"](language)
    lines = [SUMMARY["dry_run" if report.dry_run else "done"](language, counts=shown)]
    if report.stopped:
        lines.append(SUMMARY["stopped"](language, why=render(report.stopped, language)))
    if tally["left"]:
        lines.append(SUMMARY["left"](language, count=tally["left"]))
    if report.requests is not None:
        counts = report.requests
        lines.append(
            SUMMARY["requests"](
                language,
                reads=counts.reads,
                writes=counts.writes,
                retries=counts.retries,
                waited=f"{counts.waited_seconds:.1f}",
            )
        )
    if report.unfinished and not report.dry_run:
        lines.append(SUMMARY["unfinished"](language))
    return "\n".join(lines)


def render_json(report: SyncReport) -> str:
    payload: dict[str, Any] = {
        "dry_run": report.dry_run,
        "actions": [action.as_dict() for action in report.actions],
        "summary": {**report.tally(), "unfinished": report.unfinished},
        "stopped": render(report.stopped, "en") or None,
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
    head = JOB_SUMMARY["heading"](language)
    if report.dry_run:
        head += JOB_SUMMARY["dry_run"](language)
    rows = [JOB_SUMMARY["columns"](language), "|---|---|---|---|"]
    for action in report.actions:
        if action.kind is ActionKind.UNCHANGED:
            continue
        issue = f"[#{action.number}]({action.url})" if action.number and action.url else "-"
        detail = one_line(render(action.detail, language)).replace("|", "\\|")
        subject = one_line(render(action.subject, language)).replace("|", "\\|")
        rows.append(f"| {verb(action, language)} | {issue} | {subject} | {detail} |")
    table = "\n".join(rows) if len(rows) > 2 else JOB_SUMMARY["nothing_changed"](language)
    return f"{head}\n\n{summary_text(report, language)}\n\n{table}\n"
