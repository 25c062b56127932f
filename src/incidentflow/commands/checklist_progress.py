"""How far each team's checklist issue got ('cs 2/10'), read from GitHub when it is reachable.

For display only: without ``GITHUB_TOKEN`` and ``GITHUB_REPOSITORY`` (a fork, a laptop), or
when GitHub refuses, the pages show the links without counts. The closure gate reads the same
issues with its own checks of whose they are (gate/closure.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from incidentflow.config.conditions import lookup
from incidentflow.forge.interface import ForgeError, ForgeSettings, IssueTracker


def open_tracker() -> IssueTracker | None:
    settings = ForgeSettings.from_environment()
    if settings is None:
        return None
    from incidentflow.errors import UsageError
    from incidentflow.forge.connect import connect

    try:
        return connect(settings)
    except UsageError:
        return None


def checklist_progress(
    data: Mapping[str, Any], tracker: IssueTracker | None
) -> dict[str, tuple[int, int]]:
    """Team key -> (boxes ticked, boxes) for every recorded checklist issue GitHub shows;
    an issue closed as completed counts as all done."""
    from incidentflow.forge.checklists import closed_as_completed, progress

    numbers = lookup(data, "tracking.stakeholders")
    if tracker is None or not isinstance(numbers, Mapping):
        return {}
    found: dict[str, tuple[int, int]] = {}
    for team, number in numbers.items():
        if not isinstance(number, int) or isinstance(number, bool):
            continue
        try:
            issue = tracker.get_issue(number)
        except ForgeError:
            continue
        if issue is None or issue.is_pull_request:
            continue
        state = progress(issue.body)
        done = state.total if closed_as_completed(issue) else state.done
        found[str(team)] = (done, state.total)
    return found
