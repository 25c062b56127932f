"""Which issues are the sync's own: the rule the sync and the closure gate share.

An issue belongs to the sync for one key (a team's checklist, a prevention item) when it is an
issue, not a pull request; it is still in this repository (GitHub follows a transferred issue's
old number to its new home); the sync's account wrote it; and its first line is the marker of
exactly that key. The sync's account is ``authenticated_login()``: ``INCIDENTFLOW_BOT_LOGIN``
when set, else the token's own user (``github-actions[bot]`` for Actions' token).

The sync also adopts an issue an incident file records for that key (``IssueIndex``), so that
a change of token opens nothing twice; the gate does not, because the incident file is exactly
what the pull request under review may have changed.
"""

from __future__ import annotations

from incidentflow.forge.interface import IssueRecord
from incidentflow.sync.markers import IssueKey, parse_key
from incidentflow.words.phrase import Phrase, say
from incidentflow.words.sync import OWNERSHIP


def same_repository(issue: IssueRecord, repository: str) -> bool:
    """False only when both are known and differ (the issue was transferred elsewhere)."""
    return (
        not issue.repository
        or not repository
        or (issue.repository.casefold() == repository.casefold())
    )


def same_account(login: str, account: str) -> bool:
    return bool(login) and login.casefold() == account.casefold()


def not_ours_because(
    issue: IssueRecord, key: IssueKey, *, account: str, repository: str
) -> Phrase | None:
    """Why ``issue`` is not the sync's own issue for ``key``; None when it is."""
    if issue.is_pull_request:
        return say(OWNERSHIP["pull_request"])
    if not same_repository(issue, repository):
        return say(OWNERSHIP["moved"], repository=issue.repository)
    if not same_account(issue.author, account):
        author = issue.author or say(OWNERSHIP["deleted_account"])
        return say(OWNERSHIP["author"], author=author, account=account)
    found = parse_key(issue.body)
    if found is None:
        return say(OWNERSHIP["no_marker"])
    if found != key:
        return say(OWNERSHIP["other_key"], found=found.subject(), key=key.subject())
    return None
