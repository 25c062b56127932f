"""The closure gate's look at GitHub: every stakeholder team's checklist issue is done."""

from __future__ import annotations

from incidentflow.config import Config
from incidentflow.findings import Finding, Level
from incidentflow.stakeholders import involved_teams
from incidentflow.validated import ValidatedIncident


def closure_checklists(result: ValidatedIncident, config: Config) -> list[Finding]:
    """Closing needs every stakeholder team's checklist issue done (closed or all ticked)."""
    from incidentflow.forge.interface import ForgeError, ForgeSettings

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
    tracking = result.data.get("tracking")
    numbers = tracking.get("stakeholders", {}) if isinstance(tracking, dict) else {}
    from incidentflow.forge.checklists import is_done, progress
    from incidentflow.forge.pygithub_adapter import PyGithubTracker
    from incidentflow.forge.request_policy import PolicyError, RequestPolicy

    try:
        policy = RequestPolicy.from_environment()
    except PolicyError as error:
        return [result.at(("status",), "GT033", f"closing: {error}", value=True)]
    # Reads only: the same retries and rate-limit handling as the sync, no write pacing.
    reader = PyGithubTracker(settings, policy)
    open_items: list[str] = []
    findings: list[Finding] = []
    for team in teams:
        number = numbers.get(team) if isinstance(numbers, dict) else None
        if not isinstance(number, int):
            findings.append(
                result.at(
                    ("tracking",) if "tracking" in result.data else ("stakeholders",),
                    "GT031",
                    f"closing: no checklist issue is recorded for '{team}' (tracking."
                    f"stakeholders.{team}): merge the sync's pending bot pull request, or run "
                    "`incident sync` so the team gets its checklist.",
                )
            )
            continue
        try:
            issue = reader.get_issue(number)
        except ForgeError as error:
            findings.append(result.at(("status",), "GT033", f"closing: {error}", value=True))
            continue
        if issue is None:
            findings.append(
                result.at(
                    ("tracking",),
                    "GT031",
                    f"closing: checklist issue #{number} for '{team}' does not exist.",
                )
            )
        elif not is_done(issue):
            state = progress(issue.body)
            open_items.append(
                f"{team} #{number} ({state.done}/{state.total} done) {issue.html_url}"
            )
    if open_items:
        findings.append(
            result.at(
                ("status",),
                "GT030",
                "closing needs every stakeholder checklist done (closed, or every box ticked); "
                "still open: " + "; ".join(open_items),
                value=True,
            )
        )
    return findings
