"""The closure gate's look at GitHub: every stakeholder team's checklist issue is done.

The numbers come from ``tracking.stakeholders`` in the very file under review, so a number
proves nothing by itself: it counts only when it names the sync's own checklist issue for this
incident and team (``sync.ownership``: an issue of this repository, written by the sync's
account, whose first line is that key's marker). Done means closed as completed, or at least
one box and every box ticked; closing it as "not planned" with boxes open is not done.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from incidentflow.config.settings import Config
from incidentflow.forge.checklists import is_done, progress
from incidentflow.forge.interface import ForgeError, ForgeSettings, IssueRecord
from incidentflow.rules.findings import Finding, Level, finding
from incidentflow.rules.result import ValidatedIncident
from incidentflow.rules.stakeholders import involved_teams
from incidentflow.sync.markers import CHECKLIST, IssueKey, parse_key
from incidentflow.sync.ownership import not_ours_because, same_account, same_repository
from incidentflow.words.findings_gate import open_checklists, teams

if TYPE_CHECKING:
    from incidentflow.forge.interface import IssueTracker


def closure_checklists(result: ValidatedIncident, config: Config) -> list[Finding]:
    """Closing needs every stakeholder team's checklist issue done (closed as completed, or
    every box ticked), and each recorded number must be the sync's checklist for that team."""
    keys = involved_teams(result.data, config)
    if not keys:
        return []
    # Each team as the reader calls it: its key, and in Japanese its name from the config.
    names = {team.key: team.name.ja for team in config.stakeholders}
    settings = ForgeSettings.from_environment()
    if settings is None:
        return [
            result.say(
                ("status",),
                "GT032",
                "unchecked",
                value=True,
                level=Level.WARNING,
                teams=teams([(key, names.get(key, key)) for key in keys]),
            )
        ]
    from incidentflow.forge.connect import connect
    from incidentflow.forge.request_policy import PolicyError

    try:
        reader = connect(settings)
    except PolicyError as error:
        return [result.say(("status",), "GT033", "unreadable", value=True, error=error)]
    # Reads only: the same retries and rate-limit handling as the sync, no write pacing.
    return _Lookup(result, reader, settings.repository, names).check(keys)


class _Lookup:
    """One closing incident's recorded checklist numbers, looked up on GitHub."""

    def __init__(
        self,
        result: ValidatedIncident,
        reader: IssueTracker,
        repository: str,
        names: dict[str, str],
    ) -> None:
        self._result = result
        self._reader = reader
        self._repository = repository
        self._names = names
        self._account: str | None = None
        self._account_error: ForgeError | None = None
        tracking = result.data.get("tracking")
        numbers = tracking.get("stakeholders") if isinstance(tracking, dict) else None
        self._numbers = numbers if isinstance(numbers, dict) else {}

    def _at(self, team: str) -> tuple[str, ...]:
        """Where a team's number is written, or the nearest key that exists."""
        if team in self._numbers:
            return ("tracking", "stakeholders", team)
        return ("tracking",) if "tracking" in self._result.data else ("stakeholders",)

    def check(self, keys: list[str]) -> list[Finding]:
        findings: list[Finding] = []
        unfinished: list[dict[str, object]] = []
        for team in keys:
            name = self._names.get(team, team)
            number = self._numbers.get(team)
            if not isinstance(number, int) or isinstance(number, bool):
                findings.append(
                    self._result.say(
                        self._at(team), "GT031", "not_recorded", team=team, team_name=name
                    )
                )
                continue
            try:
                issue = self._reader.get_issue(number)
                refusal = None if issue is None else self._not_ours(issue, team)
            except ForgeError as error:
                unreadable = self._result.say(
                    ("status",), "GT033", "unreadable", value=True, error=error
                )
                if unreadable not in findings:  # e.g. the sync's account, asked once per team
                    findings.append(unreadable)
                continue
            if issue is None:
                findings.append(
                    self._result.say(
                        self._at(team),
                        "GT031",
                        "no_such_issue",
                        value=True,
                        number=number,
                        team=team,
                        team_name=name,
                    )
                )
            elif refusal is not None:
                why, values = refusal
                position = self._result.positions().value_of(self._at(team))
                findings.append(
                    finding(
                        self._result.document.path,
                        position.line,
                        position.column,
                        "GT034",
                        Level.ERROR,
                        why,
                        number=number,
                        team=team,
                        team_name=name,
                        **values,
                    )
                )
            elif not is_done(issue):
                unfinished.append(_unfinished(issue, team, name, number))
        if unfinished:
            findings.append(
                self._result.say(
                    ("status",),
                    "GT030",
                    "still_open",
                    value=True,
                    open=open_checklists(unfinished),
                )
            )
        return findings

    def _sync_account(self) -> str:
        """Decided as the sync decides it: INCIDENTFLOW_BOT_LOGIN, else the token's user."""
        if self._account_error is not None:
            raise self._account_error
        if self._account is None:
            try:
                self._account = self._reader.authenticated_login()
            except ForgeError as error:
                self._account_error = error
                raise
        return self._account

    def _not_ours(self, issue: IssueRecord, team: str) -> tuple[str, dict[str, str]] | None:
        """Why ``issue`` is not the sync's checklist for ``team`` (the message's kind and its
        values), or None when it is. ``sync.ownership`` decides; the reasons are named here
        in the order it checks them, so each can be said in the reader's language."""
        account = self._sync_account()
        key = IssueKey(CHECKLIST, str(self._result.data.get("id") or ""), team)
        if not_ours_because(issue, key, account=account, repository=self._repository) is None:
            return None
        # The sync's account is named when the author is someone else: a token mix-up.
        hint = "" if issue.is_pull_request or same_account(issue.author, account) else "yes"
        found = parse_key(issue.body)
        if issue.is_pull_request:
            return "pull_request", {"hint": hint}
        if not same_repository(issue, self._repository):
            return "moved", {"moved_to": issue.repository or "", "hint": hint}
        if not same_account(issue.author, account):
            if not issue.author:
                return "deleted_author", {"account": account, "hint": hint}
            return "author", {"author": issue.author, "account": account, "hint": hint}
        if found is None:
            return "marker", {"hint": hint}
        return "other_key", {"found": found.describe(), "key": key.describe(), "hint": hint}


def _unfinished(issue: IssueRecord, team: str, name: str, number: int) -> dict[str, object]:
    """A checklist that is not done, as GT030 lists it: how far it got, and where it is."""
    state = progress(issue.body)
    return {
        "team": team,
        "name": name,
        "number": number,
        "url": issue.html_url,
        "state": issue.state,
        "reason": issue.state_reason,
        "done": state.done,
        "total": state.total,
    }
