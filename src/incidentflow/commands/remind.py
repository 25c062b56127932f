"""``incident remind``: what is overdue, for the people who own it."""

from __future__ import annotations

from incidentflow import clock
from incidentflow.metrics import Reminder, reminders
from incidentflow.repository import Repository, validate_repository


def run_remind(repository: Repository) -> list[Reminder]:
    results, _ = validate_repository(repository)
    today = clock.now().astimezone(repository.config.zone).date()
    return reminders([(r.document.path, r.data) for r in results], repository.config, today)


def render_text(found: list[Reminder]) -> str:
    if not found:
        return "Nothing is overdue."
    lines = [f"{len(found)} overdue:"]
    for item in found:
        where = f" (issue #{item.issue})" if item.issue else ""
        lines.append(f"- {item.incident_id} [{item.owner}]{where}: {item.text}")
    return "\n".join(lines)
