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
from incidentflow.forge.checklists import describe_progress, is_done
from incidentflow.forge.interface import ForgeError, ForgeSettings, IssueRecord
from incidentflow.rules.findings import Finding, Level
from incidentflow.rules.result import ValidatedIncident
from incidentflow.rules.stakeholders import involved_teams
from incidentflow.sync.markers import CHECKLIST, IssueKey
from incidentflow.sync.ownership import not_ours_because, same_account

if TYPE_CHECKING:
    from incidentflow.forge.interface import IssueTracker


def closure_checklists(result: ValidatedIncident, config: Config) -> list[Finding]:
    """Closing needs every stakeholder team's checklist issue done (closed as completed, or
    every box ticked), and each recorded number must be the sync's checklist for that team."""
    teams = involved_teams(result.data, config)
    if not teams:
        return []
    settings = ForgeSettings.from_environment()
    if settings is None:
        return [
            result.at(
                ("status",),
                "GT032",
                "closing: the stakeholder checklist issues could not be checked (no "
                "GITHUB_TOKEN and GITHUB_REPOSITORY, e.g. a pull request from a fork); make sure "
                f"the checklists of {', '.join(teams)} are done before merging.",
                value=True,
                level=Level.WARNING,
            )
        ]
    from incidentflow.forge.connect import connect
    from incidentflow.forge.request_policy import PolicyError

    try:
        reader = connect(settings)
    except PolicyError as error:
        return [result.at(("status",), "GT033", f"closing: {error}", value=True)]
    # Reads only: the same retries and rate-limit handling as the sync, no write pacing.
    return _Lookup(result, reader, settings.repository).check(teams)


class _Lookup:
    """One closing incident's recorded checklist numbers, looked up on GitHub."""

    def __init__(self, result: ValidatedIncident, reader: IssueTracker, repository: str) -> None:
        self._result = result
        self._reader = reader
        self._repository = repository
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

    def check(self, teams: list[str]) -> list[Finding]:
        findings: list[Finding] = []
        unfinished: list[str] = []
        for team in teams:
            number = self._numbers.get(team)
            if not isinstance(number, int) or isinstance(number, bool):
                findings.append(
                    self._result.at(
                        self._at(team),
                        "GT031",
                        f"closing: no checklist issue is recorded for '{team}' (tracking."
                        f"stakeholders.{team}): merge the sync's pending bot pull request, or "
                        "run `incident sync` so the team gets its checklist.",
                    )
                )
                continue
            try:
                issue = self._reader.get_issue(number)
                refusal = None if issue is None else self._not_ours(issue, number, team)
            except ForgeError as error:
                finding = self._result.at(("status",), "GT033", f"closing: {error}", value=True)
                if finding not in findings:  # e.g. the sync's account, asked once per team
                    findings.append(finding)
                continue
            if issue is None:
                findings.append(
                    self._result.at(
                        self._at(team),
                        "GT031",
                        f"closing: checklist issue #{number} for '{team}' does not exist: "
                        "record the number of the issue `incident sync` opened for the team.",
                        value=True,
                    )
                )
            elif refusal is not None:
                findings.append(self._result.at(self._at(team), "GT034", refusal, value=True))
            elif not is_done(issue):
                unfinished.append(f"{team} #{number} ({describe_progress(issue)}) {issue.html_url}")
        if unfinished:
            findings.append(
                self._result.at(
                    ("status",),
                    "GT030",
                    "closing needs every stakeholder checklist done (closed as completed, or "
                    "every box ticked); still open: " + "; ".join(unfinished),
                    value=True,
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

    def _not_ours(self, issue: IssueRecord, number: int, team: str) -> str | None:
        account = self._sync_account()
        key = IssueKey(CHECKLIST, str(self._result.data.get("id") or ""), team)
        reason = not_ours_because(issue, key, account=account, repository=self._repository)
        if reason is None:
            return None
        hint = ""
        if not issue.is_pull_request and not same_account(issue.author, account):
            hint = (
                " (the sync's account is INCIDENTFLOW_BOT_LOGIN when set, else the user of "
                "GITHUB_TOKEN; set it in this workflow if the sync runs with another token)"
            )
        return (
            f"closing: #{number} recorded for '{team}' (tracking.stakeholders.{team}) is "
            f"not the checklist `incident sync` opened for this incident and team: {reason}"
            f"{hint}. Record the number of the sync's checklist issue for '{team}' (its bot "
            "pull request writes it), and get that checklist done."
        )
