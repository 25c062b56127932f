"""Which teams an incident involves: the ones it lists plus the ones it requires.

Two things require a team: the config's rules ("personal data suspected ⇒ legal and
security") from their ``applies_from`` phase, and every triggered regulatory clock, whose owner
must get its checklist (the acquirer's 24-hour clock is liaison's work). Both apply from the
moment they trigger, so suspected personal data at ``investigating`` brings legal and security
in at once, before anybody has written them into the file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from incidentflow.config.settings import Config
from incidentflow.record.model import Status, parse_status
from incidentflow.record.phases import SIDE_EXITS, rank
from incidentflow.rules.findings import Finding
from incidentflow.words import Words
from incidentflow.words.findings_flow import condition_words, joined_reasons, team_reason

if TYPE_CHECKING:
    from incidentflow.rules.result import ValidatedIncident


@dataclass(frozen=True, slots=True)
class TeamRequirement:
    team: str
    reason: Words  # why, in both languages (``words.findings_flow.TEAM_REASONS``)


def team_requirements(data: Mapping[str, Any], config: Config) -> list[TeamRequirement]:
    status = parse_status(data.get("status"))
    if status is None or status in SIDE_EXITS:
        return []
    found: list[TeamRequirement] = []
    for rule in config.rules:
        if rank(status) >= rank(rule.applies_from) and rule.when.holds(data):
            reason = team_reason("rule", condition=condition_words(rule.when), rule=rule.id)
            found.extend(TeamRequirement(team, reason) for team in rule.require_stakeholders)
    if rank(status) >= rank(Status.INVESTIGATING):
        from incidentflow.rules.clocks import clock_in_force, clock_notes

        notes = clock_notes(data)
        for clock in config.clocks():
            note = notes.get(clock.id)
            if note is not None and note.kind == "not_applicable":
                continue
            if clock_in_force(data, clock, config) is not None:
                reason = team_reason(
                    "clock", clock=clock.id, name_ja=clock.name.ja, team=clock.stakeholder
                )
                found.append(TeamRequirement(clock.stakeholder, reason))
    return found


def required_by_rules(data: Mapping[str, Any], config: Config) -> list[str]:
    keys: list[str] = []
    for requirement in team_requirements(data, config):
        if requirement.team not in keys:
            keys.append(requirement.team)
    return keys


def involved_teams(data: Mapping[str, Any], config: Config) -> list[str]:
    """Listed teams first, in their order, then required ones; only configured keys."""
    listed = data.get("stakeholders")
    keys = [k for k in listed if isinstance(k, str)] if isinstance(listed, list) else []
    for key in required_by_rules(data, config):
        if key not in keys:
            keys.append(key)
    known = set(config.stakeholder_keys)
    return [key for key in keys if key in known]


def stakeholder_rule_findings(
    result: ValidatedIncident, status: Status, config: Config
) -> Iterator[Finding]:
    from incidentflow.rules.imported import is_unknown_field

    if is_unknown_field(result.data, "stakeholders"):
        return  # an imported record: who took part is not known, so no team can be missing
    listed = result.data.get("stakeholders")
    present = {key for key in listed if isinstance(key, str)} if isinstance(listed, list) else set()
    # One finding per set of reasons, naming every team that the same reasons require.
    reasons_by_team: dict[str, list[Words]] = {}
    for requirement in team_requirements(result.data, config):
        if requirement.team not in present:
            reasons = reasons_by_team.setdefault(requirement.team, [])
            if requirement.reason not in reasons:
                reasons.append(requirement.reason)
    teams_by_reasons: dict[tuple[Words, ...], list[str]] = {}
    for team, reasons in reasons_by_team.items():
        teams_by_reasons.setdefault(tuple(reasons), []).append(team)
    for why, teams in teams_by_reasons.items():
        yield result.say(
            ("stakeholders",) if "stakeholders" in result.data else ("status",),
            "IF045",
            "team_missing" if len(teams) == 1 else "teams_missing",
            teams=", ".join(teams),
            why=joined_reasons(why, "en"),
            why_ja=joined_reasons(why, "ja"),
        )
