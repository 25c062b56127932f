"""The desired issues: from incidents and config to what GitHub should show. Pure.

An open incident gets one checklist issue per involved team (listed teams plus the ones the
config's rules require as soon as they trigger). Every incident with prevention items gets one
tracking issue per item until it is done, closed incidents included. Terminal incidents create
nothing new, but their existing issues still get the final status.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal
from urllib.parse import quote

from incidentflow.config.settings import Config, StakeholderTeam
from incidentflow.record.model import Incident, PreventionItem
from incidentflow.record.phases import TERMINAL
from incidentflow.reports.charts import incident_gantt
from incidentflow.reports.notifications import count_text, log_line, log_rows
from incidentflow.rules.clocks import ClockState, evaluate_clocks, is_imported
from incidentflow.rules.stakeholders import involved_teams
from incidentflow.sync.bodies import (
    ChecklistFacts,
    FileLink,
    PreventionFacts,
    checklist_header,
    checklist_title,
    prevention_header,
    prevention_title,
)
from incidentflow.sync.incidents import SyncIncident
from incidentflow.sync.markers import CHECKLIST, PREVENTION, GeneratedState, IssueKey
from incidentflow.words.issues import HEADER
from incidentflow.words.phrase import Phrase, Text, say
from incidentflow.words.sync import DETAILS, SUBJECTS

PREVENTION_LABEL = "prevention"
# A GitHub login written as @login (alone or inside text such as "Sato (@sato-sre)"); a team
# mention @org/team and an e-mail address are not logins.
_LOGIN = re.compile(
    r"(?<![\w@/.-])@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})(?![\w@/.-]*[\w/])"
)


def owner_logins(owner: str | None) -> tuple[str, ...]:
    """The GitHub logins an owner names with ``@login``; plain names name nobody."""
    return _unique(_LOGIN.findall(owner or ""))


@dataclass(frozen=True, slots=True)
class DesiredIssue:
    key: IssueKey
    path: str
    lang: str
    title: str
    header: str
    # What goes below the header when the issue is created (the team's checklist); None when
    # the template is missing, which only matters if the issue must be created.
    initial_rest: str | None
    labels: tuple[str, ...]
    assignees: tuple[str, ...]
    state: GeneratedState
    may_create: bool
    close: bool = False  # a done prevention item's issue is closed, once
    known_number: int | None = None  # the number the incident file already records
    notes: tuple[Text, ...] = ()
    missing_template: Text | None = None


@dataclass(frozen=True, slots=True)
class PlanProblem:
    incident_id: str
    subject: Text
    message: Text


@dataclass(slots=True)
class SyncPlan:
    issues: list[DesiredIssue] = field(default_factory=list)
    problems: list[PlanProblem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PlanContext:
    config: Config
    server_url: str
    repository: str  # owner/name
    commit: str
    now: datetime
    read_template: Callable[[str], str | None]


def build_plan(incidents: list[SyncIncident], context: PlanContext) -> SyncPlan:
    plan = SyncPlan()
    for incident in incidents:
        if is_imported(incident.data):
            continue  # a past incident written from its sources: nobody works on it now
        for item in _checklists(incident, context):
            plan.issues.append(item)
        for entry in _prevention(incident, context):
            if isinstance(entry, PlanProblem):
                plan.problems.append(entry)
            else:
                plan.issues.append(entry)
    return plan


def _unique(values: list[str]) -> tuple[str, ...]:
    result: list[str] = []
    for value in values:
        if value and value.casefold() not in (r.casefold() for r in result):
            result.append(value)
    return tuple(result)


def _language(incident: SyncIncident, config: Config) -> str:
    return incident.model.lang if incident.model.lang in ("ja", "en") else config.language


def _link(incident: SyncIncident, context: PlanContext) -> FileLink:
    base = f"{context.server_url}/{context.repository}/blob"
    path = quote(incident.path, safe="/")
    return FileLink(incident.path, f"{base}/{context.commit}/{path}", f"{base}/HEAD/{path}")


def _template(
    team: StakeholderTeam, lang: str, context: PlanContext
) -> tuple[str | None, Phrase | None]:
    """(checklist text, problem): no checklist configured is fine, a missing file is not."""
    first: Literal["ja", "en"] = "ja" if lang == "ja" else "en"
    path = team.checklist.get(first) or team.checklist.get("en" if first == "ja" else "ja")
    if path is None:
        return "", None
    text = context.read_template(path)
    if text is None:
        return None, say(DETAILS["template_missing"], path=path, team=team.key)
    return text, None


def _chart(incident: SyncIncident, clocks: list[ClockState], config: Config, lang: str) -> str:
    """The phases and the team's deadlines, drawn from what is recorded only: no bar runs
    until now, so the header changes when the file does, not with the clock."""
    due = [{"name": c.name, "state": c.state, "due": c.due.isoformat()} for c in clocks]
    return incident_gantt(incident.data, due, config.zone, lang, None)


def _checklists(incident: SyncIncident, context: PlanContext) -> Iterator[DesiredIssue]:
    config, model = context.config, incident.model
    lang = _language(incident, config)
    status = incident.status.value
    severity_key = model.severity or ""
    severity = next(
        (level.name.get(lang) for level in config.severities if level.key == severity_key),
        severity_key or "-",
    )
    # Every clock the team owns, done or not, with what is static about it: a header that
    # counted down the hours would be rewritten on every run.
    clocks = evaluate_clocks(incident.data, config, context.now)
    notifications = tuple(log_line(row, lang) for row in log_rows(incident.data, config.zone))
    recorded = model.tracking.stakeholders if model.tracking else {}
    for key in involved_teams(incident.data, config):
        team = config.team(key)
        if team is None:
            continue
        issue_key = IssueKey(CHECKLIST, incident.id, key)
        severity_label = f"incident:{severity_key}" if severity_key else ""
        labels = _unique([config.sync.label, *team.github.labels, severity_label])
        assignees = _unique(list(team.github.assignees))
        state = GeneratedState(status, labels, assignees)
        facts = ChecklistFacts(
            key=issue_key,
            lang=lang,
            incident_title=model.title or "",
            team_name=team.name.get(lang),
            team_mention=f"@{team.github.team}" if team.github.team else None,
            status=status,
            leader=model.decision.leader if model.decision else None,
            severity=severity,
            summary=model.investigation.summary if model.investigation else None,
            clocks=tuple(c for c in clocks if c.stakeholder == key),
            notifications=notifications,
            personal_data=_personal_data(model, lang),
            timezone=config.timezone,
            link=_link(incident, context),
            chart=_chart(incident, [c for c in clocks if c.stakeholder == key], config, lang),
        )
        template, problem = _template(team, lang, context)
        yield DesiredIssue(
            key=issue_key,
            path=incident.path,
            lang=lang,
            title=checklist_title(incident.id, team.name.get(lang), model.title or ""),
            header=checklist_header(facts, state),
            initial_rest=None if template is None else "\n" + template,
            labels=labels,
            assignees=assignees,
            state=state,
            may_create=incident.status not in TERMINAL,
            known_number=recorded.get(key),
            missing_template=problem,
        )


def _prevention(
    incident: SyncIncident, context: PlanContext
) -> Iterator[DesiredIssue | PlanProblem]:
    config, model = context.config, incident.model
    lang = _language(incident, config)
    recorded = model.tracking.prevention if model.tracking else {}
    seen: set[str] = set()
    for number, item in enumerate(model.prevention, start=1):
        if not item.id:
            subject = say(SUBJECTS["prevention_number"], number=number)
            yield PlanProblem(incident.id, subject, say(DETAILS["no_item_id"]))
            continue
        if item.id in seen:
            subject = say(SUBJECTS["prevention_id"], item=item.id)
            yield PlanProblem(incident.id, subject, say(DETAILS["item_id_twice"]))
            continue
        seen.add(item.id)
        yield _prevention_issue(incident, item, item.id, lang, recorded.get(item.id), context)


def _prevention_issue(
    incident: SyncIncident,
    item: PreventionItem,
    item_id: str,
    lang: str,
    known: int | None,
    context: PlanContext,
) -> DesiredIssue:
    key = IssueKey(PREVENTION, incident.id, item_id)
    labels = _unique(
        [
            context.config.sync.label,
            PREVENTION_LABEL,
            f"horizon:{item.horizon.value}" if item.horizon else "",
            f"type:{item.type.value}" if item.type else "",
            f"due:{item.due.isoformat()}" if item.due else "",
        ]
    )
    assignees = owner_logins(item.owner)
    done = bool(item.done)
    state = GeneratedState("done" if done else "open", labels, assignees)
    facts = PreventionFacts(
        key=key,
        lang=lang,
        incident_title=incident.model.title or "",
        title=item.title or item_id,
        owner=item.owner,
        due=item.due,
        horizon=item.horizon.value if item.horizon else None,
        kind=item.type.value if item.type else None,
        done=done,
        link=_link(incident, context),
    )
    notes: tuple[Text, ...] = ()
    if item.owner and not assignees:
        notes = (say(DETAILS["not_a_login"], owner=item.owner),)
    return DesiredIssue(
        key=key,
        path=incident.path,
        lang=lang,
        title=prevention_title(incident.id, item_id, item.title or item_id, lang),
        header=prevention_header(facts, state),
        initial_rest="",
        labels=labels,
        assignees=assignees,
        state=state,
        may_create=not done,
        close=done,
        known_number=known,
        notes=notes,
    )


def _personal_data(model: Incident, lang: str) -> str | None:
    """The personal-data assessment as status, categories and a count: never the data."""
    facts = model.personal_data
    if facts is None or facts.status is None:
        return None
    details = [", ".join(category.value for category in facts.categories)]
    if facts.records_affected is not None:
        details.append(HEADER["records"](lang, count=count_text(facts.records_affected, lang)))
    shown = ("、" if lang == "ja" else "; ").join(part for part in details if part)
    if not shown:
        return facts.status.value
    return HEADER["personal_data_facts"](lang, status=facts.status.value, facts=shown)
