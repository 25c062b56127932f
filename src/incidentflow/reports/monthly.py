"""Figures for management and reminders: computed from incident data only, never printed here."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from incidentflow.config import now
from incidentflow.config.conditions import lookup
from incidentflow.config.settings import Config, RegulatoryClock
from incidentflow.record.times import parse_moment, parse_time
from incidentflow.rules.clocks import ClockState, evaluate_clocks, is_imported
from incidentflow.words.phrase import Both, both
from incidentflow.words.remind import REMINDER

OPEN_STATUSES = ("detected", "investigating", "decided", "responding", "resolved")


def _minutes(start: Any, end: Any) -> float | None:
    """Minutes between two full times; None when either is missing or known only to the day
    (a day says nothing about minutes) or when they run backwards."""
    begin, finish = parse_time(start), parse_time(end)
    if begin is None or finish is None or finish < begin:
        return None
    return (finish - begin).total_seconds() / 60


def impact_start(data: Mapping[str, Any]) -> Any:
    """When the impact began: ``started_at``, else detection (the earliest it is known)."""
    return data.get("started_at") or data.get("detected_at")


def mitigation(data: Mapping[str, Any]) -> Any:
    """When the impact stopped: ``mitigated_at``, else full recovery."""
    return data.get("mitigated_at") or data.get("resolved_at")


def _summary(values: Sequence[float]) -> dict[str, float | None]:
    if not values:
        return {"count": 0, "median": None, "p90": None, "max": None}
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return {
        "count": len(ordered),
        "median": round(statistics.median(ordered), 1),
        "p90": round(p90, 1),
        "max": round(ordered[-1], 1),
    }


@dataclass(slots=True)
class Period:
    start: datetime
    end: datetime  # exclusive

    def contains(self, moment: datetime | None) -> bool:
        return moment is not None and self.start <= moment < self.end

    @property
    def label(self) -> str:
        last = (self.end - timedelta(seconds=1)).date()
        return f"{self.start.date().isoformat()} – {last.isoformat()}"


@dataclass(slots=True)
class Report:
    period: Period
    detected: int = 0
    by_severity: dict[str, int] = field(default_factory=dict)
    by_source: dict[str, int] = field(default_factory=dict)
    closed: int = 0
    declined_or_duplicate: int = 0
    open_by_status: dict[str, int] = field(default_factory=dict)
    minutes_to_decide: dict[str, float | None] = field(default_factory=dict)
    minutes_to_recover: dict[str, float | None] = field(default_factory=dict)  # from detection
    minutes_to_detect: dict[str, float | None] = field(default_factory=dict)
    minutes_to_mitigate: dict[str, float | None] = field(default_factory=dict)
    minutes_to_resolve: dict[str, float | None] = field(default_factory=dict)
    minutes_to_escalate: dict[str, float | None] = field(default_factory=dict)
    # Incidents whose times are known only to the day: left out of the minute figures.
    day_precision: int = 0
    # Past incidents entered afterwards (``imported``): counted apart, never in the figures
    # above, which describe how we respond now.
    imported: int = 0
    imported_unknown_fields: int = 0
    # The same speed figures over the imported records alone, for learning from them.
    imported_speed: dict[str, dict[str, float | None]] = field(default_factory=dict)
    late_clocks: list[dict[str, Any]] = field(default_factory=list)
    # Each late clock's name and lateness in both languages, for the reader's (not in JSON,
    # whose rows keep the incident's).
    late_words: list[tuple[Both, Both]] = field(default_factory=list)
    personal_data_incidents: int = 0
    records_affected: int = 0
    records_not_counted: int = 0  # personal-data incidents whose count is not recorded yet
    clocks: dict[str, int] = field(default_factory=dict)
    prevention: dict[str, int] = field(default_factory=dict)
    incidents: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": {"start": self.period.start.isoformat(), "end": self.period.end.isoformat()},
            "detected": self.detected,
            "by_severity": self.by_severity,
            "by_source": self.by_source,
            "closed": self.closed,
            "declined_or_duplicate": self.declined_or_duplicate,
            "open_by_status": self.open_by_status,
            "minutes_to_decide": self.minutes_to_decide,
            "minutes_to_recover": self.minutes_to_recover,
            "minutes_to_detect": self.minutes_to_detect,
            "minutes_to_mitigate": self.minutes_to_mitigate,
            "minutes_to_resolve": self.minutes_to_resolve,
            "minutes_to_escalate_personal_data": self.minutes_to_escalate,
            "day_precision": self.day_precision,
            "imported": self.imported,
            "imported_unknown_fields": self.imported_unknown_fields,
            "imported_speed": self.imported_speed,
            "late_clocks": self.late_clocks,
            "personal_data_incidents": self.personal_data_incidents,
            "records_affected": self.records_affected,
            "records_not_counted": self.records_not_counted,
            "clocks": self.clocks,
            "prevention": self.prevention,
            "incidents": self.incidents,
        }


def build_report(
    incidents: Sequence[Mapping[str, Any]], config: Config, period: Period, today: date
) -> Report:
    report = Report(period)
    severities: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    open_now: Counter[str] = Counter()
    decide: list[float] = []
    recover: list[float] = []
    detect: list[float] = []
    mitigate: list[float] = []
    resolve: list[float] = []
    escalate: list[float] = []
    imported_mitigate: list[float] = []
    imported_resolve: list[float] = []
    clocks: Counter[str] = Counter()
    prevention: Counter[str] = Counter()
    for data in incidents:
        status = data.get("status")
        if is_imported(data):
            if period.contains(parse_moment_start(data.get("detected_at"), config)):
                report.imported += 1
                unknown = data.get("unknown")
                report.imported_unknown_fields += (
                    len(unknown) if isinstance(unknown, Mapping) else 0
                )
                for bucket, end in ((imported_mitigate, mitigation), (imported_resolve, None)):
                    finish = end(data) if end else data.get("resolved_at")
                    minutes = _minutes(impact_start(data), finish)
                    if minutes is not None:
                        bucket.append(minutes)
            continue
        if status in OPEN_STATUSES:
            open_now[str(status)] += 1
        detected = parse_moment_start(data.get("detected_at"), config)
        if period.contains(parse_moment_start(data.get("closed_at"), config)):
            report.closed += 1
        for item in data.get("prevention") or []:
            if not isinstance(item, Mapping):
                continue
            due = _date(item.get("due"))
            if item.get("done") is True:
                prevention["done"] += 1
            elif due is not None and due < today:
                prevention["overdue"] += 1
            else:
                prevention["open"] += 1
            horizon = item.get("horizon")
            if horizon in ("now", "later"):
                prevention[f"horizon_{horizon}"] += 1
        if not period.contains(detected):
            continue
        report.detected += 1
        if status in ("declined", "duplicate"):
            report.declined_or_duplicate += 1
        severities[str(data.get("severity", "?"))] += 1
        sources[str(lookup(data, "detection.source") or "?")] += 1
        start = impact_start(data)
        spans = (
            (decide, data.get("detected_at"), lookup(data, "decision.decided_at")),
            (recover, data.get("detected_at"), data.get("resolved_at")),
            (detect, data.get("started_at"), data.get("detected_at")),
            (mitigate, start, mitigation(data)),
            (resolve, start, data.get("resolved_at")),
        )
        for bucket, begin, end in spans:
            minutes = _minutes(begin, end)
            if minutes is not None:
                bucket.append(minutes)
        if any(
            parse_time(value) is None and parse_moment_start(value, config) is not None
            for value in (data.get("started_at"), data.get("detected_at"), mitigation(data))
        ):
            report.day_precision += 1
        if lookup(data, "personal_data.status") in ("suspected", "confirmed"):
            report.personal_data_incidents += 1
            count = lookup(data, "personal_data.records_affected")
            if isinstance(count, int):
                report.records_affected += count
            else:
                report.records_not_counted += 1
            minutes = _minutes(data.get("detected_at"), lookup(data, "personal_data.escalated_at"))
            if minutes is not None:
                escalate.append(minutes)
        language = data.get("lang") if data.get("lang") in ("ja", "en") else config.language
        for state in evaluate_clocks(data, config):
            clocks[state.state] += 1
            if state.state in ("done_late", "overdue"):
                report.late_words.append(_late_words(state, config))
                report.late_clocks.append(
                    {
                        "incident": data.get("id"),
                        "clock": state.clock_id,
                        "name": state.name,
                        "state": state.state,
                        "due": state.due.isoformat(timespec="minutes"),
                        "completed_at": state.completed_at.text if state.completed_at else None,
                        "late_days": state.late_days,
                        "lateness": (
                            state.lateness(str(language))
                            if state.state == "done_late"
                            else state.overdue_by(now.current(), str(language))
                        ),
                        "late_reason": (
                            state.note.reason
                            if state.note is not None and state.note.kind == "late_reason"
                            else None
                        ),
                        "approved_by": state.note.approved_by if state.note else None,
                    }
                )
        report.incidents.append(
            {
                "id": data.get("id"),
                "title": data.get("title"),
                "severity": data.get("severity"),
                "status": status,
                "detected_at": data.get("detected_at"),
                "minutes_to_recover": _minutes(data.get("detected_at"), data.get("resolved_at")),
                "minutes_to_mitigate": _minutes(start, mitigation(data)),
                "minutes_to_resolve": _minutes(start, data.get("resolved_at")),
                "checklists": _checklist_issues(data),
            }
        )
    report.by_severity = dict(sorted(severities.items()))
    report.by_source = dict(sources.most_common())
    report.open_by_status = {s: open_now[s] for s in OPEN_STATUSES if open_now[s]}
    report.minutes_to_decide = _summary(decide)
    report.minutes_to_recover = _summary(recover)
    report.minutes_to_detect = _summary(detect)
    report.minutes_to_mitigate = _summary(mitigate)
    report.minutes_to_resolve = _summary(resolve)
    report.minutes_to_escalate = _summary(escalate)
    report.imported_speed = {
        "minutes_to_mitigate": _summary(imported_mitigate),
        "minutes_to_resolve": _summary(imported_resolve),
    }
    report.clocks = dict(clocks)
    report.prevention = dict(prevention)
    report.incidents.sort(key=lambda row: str(row["detected_at"]))
    return report


def parse_moment_start(value: Any, config: Config) -> datetime | None:
    """The first instant of a recorded time (a day: its start in the configured zone)."""
    moment = parse_moment(value, config.zone)
    return moment.earliest if moment is not None else None


def _clock_spec(state: ClockState, config: Config) -> RegulatoryClock | None:
    for pack in config.clock_packs:
        for spec in pack.clocks:
            if pack.id == state.pack and spec.id == state.clock_id:
                return spec
    return None


def _completion(spec: RegulatoryClock | None, state: ClockState, language: str) -> str:
    """Which log entry completes the clock, as people write it into notifications.log."""
    if spec is None:
        return state.completed_by
    either = REMINDER["or"](language)
    recipients = either.join(recipient.value for recipient in spec.completed_by.recipient)
    kinds = either.join(kind.value for kind in spec.completed_by.kind)
    if not kinds:
        return REMINDER["completion_any"](language, recipients=recipients)
    return REMINDER["completion"](language, recipients=recipients, kinds=kinds)


def _late_words(state: ClockState, config: Config) -> tuple[Both, Both]:
    """A late clock's name and how late it is (or was), in both languages."""
    spec = _clock_spec(state, config)
    moment = now.current()

    def lateness(language: str) -> str:
        if state.state == "done_late":
            return state.lateness(language)
        return state.overdue_by(moment, language)

    name = Both(spec.name.en, spec.name.ja) if spec is not None else Both(state.name, state.name)
    return name, Both(lateness("en"), lateness("ja"))


def _clock_text(state: ClockState, config: Config, language: str) -> str:
    """What to do about an overdue clock (how late), one done late without a reason, or one
    due within a day (how long is left), in ``language``."""
    moment = now.local(config)
    due = f"{state.due:%Y-%m-%d %H:%M %Z}"
    spec = _clock_spec(state, config)
    record = REMINDER["log_it"](language, completed_by=_completion(spec, state, language))
    if state.state == "overdue":
        when = REMINDER["overdue"](language, due=due, overdue=state.overdue_by(moment, language))
    elif state.state == "done_late":
        when = REMINDER["done_late"](
            language,
            due=due,
            done=state.completed_at.text if state.completed_at else "?",
            lateness=state.lateness(language),
        )
        record = REMINDER["give_reason"](language, clock=state.clock_id)
    else:
        when = REMINDER["due_soon"](language, due=due, left=state.time_left(moment, language))
    name = spec.name.get(language) if spec is not None else state.name
    return REMINDER["clock"](language, name=name, when=when, record=record)


def _clock_reminder(
    incident_id: str,
    path: str,
    state: ClockState,
    config: Config,
    teams: Any,
    language: str,
) -> Reminder:
    team = config.team(state.stakeholder)
    owners = (
        Both(team.name.get("en"), team.name.get("ja"))
        if team
        else Both(state.stakeholder, state.stakeholder)
    )
    kinds = {"overdue": "clock", "done_late": "clock_late"}
    number = teams.get(state.stakeholder) if isinstance(teams, Mapping) else None
    return Reminder(
        incident_id,
        path,
        kinds.get(state.state, "clock_soon"),
        state.clock_id,
        owners,
        state.due.isoformat(timespec="minutes"),
        Both(_clock_text(state, config, "en"), _clock_text(state, config, "ja")),
        number if isinstance(number, int) else None,
        state.stakeholder,
        language,
    )


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


# A running regulatory clock this close to its deadline is reminded about too.
DUE_SOON = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class Reminder:
    incident_id: str
    path: str
    # "clock" (overdue), "clock_soon" (due within a day), "clock_late" (done late with no
    # reason recorded yet) or "prevention"
    kind: str
    key: str  # clock id or prevention item id
    owners: Both  # who owns it, in both languages (a team's name)
    due: str
    texts: Both  # what to do, in both languages (``words/remind.py``)
    issue: int | None
    # The managed issue ``issue`` must be: the team's checklist for a clock, the item's own
    # tracking issue for a prevention item (see ``sync.ownership``).
    issue_item: str = ""
    language: str = "en"  # the incident's: its issue's comment and the JSON are in it

    @property
    def owner(self) -> str:
        return self.owners(self.language)

    @property
    def text(self) -> str:
        return self.texts(self.language)

    def as_dict(self) -> dict[str, Any]:
        return {
            "incident": self.incident_id,
            "path": self.path,
            "kind": self.kind,
            "key": self.key,
            "owner": self.owner,
            "due": self.due,
            "text": self.text,
            "issue": self.issue,
        }


def reminders(
    incidents: Sequence[tuple[str, Mapping[str, Any]]], config: Config, today: date
) -> list[Reminder]:
    """What is overdue: regulatory clocks past due, prevention items past their due date."""
    found: list[Reminder] = []
    for path, data in incidents:
        incident_id = str(data.get("id") or path)
        tracking = data.get("tracking") if isinstance(data.get("tracking"), Mapping) else {}
        teams = tracking.get("stakeholders", {}) if isinstance(tracking, Mapping) else {}
        items = tracking.get("prevention", {}) if isinstance(tracking, Mapping) else {}
        language = "ja" if (data.get("lang") or config.language) == "ja" else "en"
        if is_imported(data):
            continue  # a past incident: its duties were someone else's, long ago
        for state in evaluate_clocks(data, config):
            soon = state.state == "running" and state.due - now.local(config) <= DUE_SOON
            unexplained = state.state == "done_late" and (
                state.note is None or state.note.kind != "late_reason"
            )
            if state.state == "overdue" or soon or unexplained:
                found.append(_clock_reminder(incident_id, path, state, config, teams, language))
        for item in data.get("prevention") or []:
            if not isinstance(item, Mapping) or item.get("done") is True:
                continue
            due = _date(item.get("due"))
            if due is None or due >= today:
                continue
            key = str(item.get("id") or "?")
            number = items.get(key) if isinstance(items, Mapping) else None
            owner = str(item.get("owner") or "?")
            text = both(
                REMINDER["prevention"],
                item=key,
                title=str(item.get("title")),
                due=due.isoformat(),
                days=(today - due).days,
            )
            found.append(
                Reminder(
                    incident_id,
                    path,
                    "prevention",
                    key,
                    Both(owner, owner),
                    due.isoformat(),
                    text,
                    number if isinstance(number, int) else None,
                    key,
                    language,
                )
            )
    found.sort(key=lambda r: (r.due, r.incident_id, r.key))
    return found


def _checklist_issues(data: Mapping[str, Any]) -> dict[str, int]:
    """Team key -> its checklist issue, for the teams the incident involves."""
    tracking = lookup(data, "tracking.stakeholders")
    numbers = tracking if isinstance(tracking, Mapping) else {}
    teams = [key for key in data.get("stakeholders") or [] if isinstance(key, str)]
    return {
        team: numbers[team]
        for team in teams
        if isinstance(numbers.get(team), int) and not isinstance(numbers.get(team), bool)
    }
