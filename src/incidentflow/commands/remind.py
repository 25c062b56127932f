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
from incidentflow.words.phrase import Text, render, say
from incidentflow.words.remind import COMMENT, LIST, POSTED


@dataclass(frozen=True, slots=True)
class Posted:
    reminder: Reminder
    result: str  # a key of ``words.remind.POSTED``: commented, already_today, no_issue, not_ours
    why: Text = ""  # not_ours: why the recorded issue is not the sync's

    def describe(self, language: str) -> str:
        """What ``--post`` did, in ``language``."""
        return POSTED[self.result](
            language, number=self.reminder.issue, why=render(self.why, language)
        )

    @property
    def outcome(self) -> str:
        """What ``--post`` did, in English (the JSON output)."""
        return self.describe("en")


def _marker(item: Reminder, day: date) -> str:
    # One reminder per item per day: re-runs on the same day find this and post nothing.
    return f"<!-- incidentflow:remind {item.incident_id} {item.kind} {item.key} {day} -->"


def _body(item: Reminder, day: date) -> str:
    """The comment, in the incident's language. Owner and item text come from the incident
    file: they must not mention anyone."""
    language = item.language
    heading = COMMENT.get(item.kind) or COMMENT["overdue"]
    text = COMMENT["body"](
        language,
        heading=heading(language),
        text=sanitise(item.text),
        owner=sanitise(item.owner),
        due=item.due,
        incident=item.incident_id,
    )
    return f"{_marker(item, day)}\n{text}"


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
            posted.append(Posted(item, "no_issue"))
            continue
        issue = tracker.get_issue(item.issue)
        why = (
            say(POSTED["missing"])
            if issue is None
            else not_ours_because(issue, _issue_key(item), account=me, repository=repository)
        )
        if why is not None:
            posted.append(Posted(item, "not_ours", why))
            continue
        marker = _marker(item, day)
        seen = any(
            c.author == me and c.body.startswith(marker) for c in tracker.list_comments(item.issue)
        )
        if seen:
            posted.append(Posted(item, "already_today"))
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
    """The list ``incident remind`` prints, in the reader's language."""
    if not found:
        return LIST["nothing"](language)
    overdue = [item for item in found if item.kind in ("clock", "prevention")]
    late = [item for item in found if item.kind == "clock_late"]
    soon = [item for item in found if item.kind == "clock_soon"]
    lines: list[str] = []
    for items, heading in ((overdue, "overdue"), (late, "done_late"), (soon, "due_soon")):
        if not items:
            continue
        lines.append(LIST[heading](language, count=len(items)))
        for item in items:
            lines.append(
                LIST["item"](
                    language,
                    incident=item.incident_id,
                    owner=item.owners(language),
                    issue=LIST["issue"](language, number=item.issue) if item.issue else "",
                    text=item.texts(language),
                )
            )
    return "\n".join(lines)
