"""``incident remind``: what is overdue, for the people who own it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from incidentflow.config import now
from incidentflow.config.workspace import Repository
from incidentflow.forge.connect import connect, required_settings
from incidentflow.forge.interface import IssueTracker
from incidentflow.reports.monthly import Reminder, reminders
from incidentflow.rules.run import validate_repository
from incidentflow.sync.markers import CHECKLIST, PREVENTION, IssueKey, sanitise
from incidentflow.sync.ownership import not_ours_because


@dataclass(frozen=True, slots=True)
class Posted:
    reminder: Reminder
    outcome: str  # "commented", "already reminded today", "no issue recorded"


def _marker(item: Reminder, day: date) -> str:
    # One reminder per item per day: re-runs on the same day find this and post nothing.
    return f"<!-- incidentflow:remind {item.incident_id} {item.kind} {item.key} {day} -->"


_HEADINGS = {
    "clock_soon": "期限間近 / Due soon",
    "clock_late": "期限後に完了・理由未記録 / Done late, no reason recorded",
}


def _body(item: Reminder, day: date) -> str:
    # Owner and item text come from the incident file: they must not mention anyone.
    return (
        f"{_marker(item, day)}\n"
        f"⏰ {_HEADINGS.get(item.kind, '期限超過 / Overdue')}: "
        f"{sanitise(item.text)}\n\n"
        f"担当 / Owner: {sanitise(item.owner)} · 期限 / Due: {item.due} · "
        f"{item.incident_id}\n"
    )


def _issue_key(item: Reminder) -> IssueKey:
    kind = PREVENTION if item.kind == "prevention" else CHECKLIST
    return IssueKey(kind, item.incident_id, item.issue_item)


def post_reminders(
    found: list[Reminder], tracker: IssueTracker, day: date, repository: str = ""
) -> list[Posted]:
    """Comment once a day on each overdue item's issue; the bot's own comments are checked.

    The issue number comes from the incident file, so it is used only when the issue is the
    sync's own for that item (``sync.ownership``): a number pointing at someone else's issue
    gets no comment.
    """
    me = tracker.authenticated_login()
    posted: list[Posted] = []
    for item in found:
        if item.issue is None:
            posted.append(
                Posted(item, "no issue recorded (merge the sync's bot pull request, or run sync)")
            )
            continue
        issue = tracker.get_issue(item.issue)
        why = (
            "it does not exist"
            if issue is None
            else not_ours_because(issue, _issue_key(item), account=me, repository=repository)
        )
        if why is not None:
            posted.append(Posted(item, f"not commented: issue #{item.issue} is not ours ({why})"))
            continue
        marker = _marker(item, day)
        seen = any(
            c.author == me and c.body.startswith(marker) for c in tracker.list_comments(item.issue)
        )
        if seen:
            posted.append(Posted(item, "already reminded today"))
            continue
        tracker.create_comment(item.issue, _body(item, day))
        posted.append(Posted(item, "commented"))
    return posted


def open_tracker() -> tuple[IssueTracker, str]:
    settings = required_settings("incident remind --post")
    return connect(settings), settings.repository


def today(repository: Repository) -> date:
    return now.today(repository.config)


def run_remind(repository: Repository) -> list[Reminder]:
    results, _ = validate_repository(repository)
    return reminders(
        [(r.document.path, r.data) for r in results], repository.config, today(repository)
    )


def render_text(found: list[Reminder], language: str = "en") -> str:
    ja = language == "ja"
    if not found:
        return "期限超過・期限間近はありません。" if ja else "Nothing is overdue or due soon."
    overdue = [item for item in found if item.kind in ("clock", "prevention")]
    late = [item for item in found if item.kind == "clock_late"]
    soon = [item for item in found if item.kind == "clock_soon"]
    lines: list[str] = []
    for items, heading in (
        (overdue, f"期限超過 {len(overdue)} 件:" if ja else f"{len(overdue)} overdue:"),
        (
            late,
            f"期限後に完了・遅延理由の記録待ち {len(late)} 件:"
            if ja
            else f"{len(late)} done late, lateness not yet acknowledged:",
        ),
        (soon, f"期限間近 {len(soon)} 件:" if ja else f"{len(soon)} due within a day:"),
    ):
        if not items:
            continue
        lines.append(heading)
        for item in items:
            where = f" (issue #{item.issue})" if item.issue else ""
            lines.append(f"- {item.incident_id} [{item.owner}]{where}: {item.text}")
    return "\n".join(lines)
