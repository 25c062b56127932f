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
from incidentflow.config.settings import Config
from incidentflow.record.times import parse_time
from incidentflow.rules.clocks import ClockState, evaluate_clocks

OPEN_STATUSES = ("detected", "investigating", "decided", "responding", "resolved")


def _minutes(start: Any, end: Any) -> float | None:
    begin, finish = parse_time(start), parse_time(end)
    if begin is None or finish is None or finish < begin:
        return None
    return (finish - begin).total_seconds() / 60


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
    minutes_to_recover: dict[str, float | None] = field(default_factory=dict)
    minutes_to_escalate: dict[str, float | None] = field(default_factory=dict)
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
            "minutes_to_escalate_personal_data": self.minutes_to_escalate,
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
    escalate: list[float] = []
    clocks: Counter[str] = Counter()
    prevention: Counter[str] = Counter()
    for data in incidents:
        status = data.get("status")
        if status in OPEN_STATUSES:
            open_now[str(status)] += 1
        detected = parse_time(data.get("detected_at"))
        if period.contains(parse_time(data.get("closed_at"))):
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
        for bucket, end in ((decide, "decision.decided_at"), (recover, "resolved_at")):
            minutes = _minutes(data.get("detected_at"), lookup(data, end))
            if minutes is not None:
                bucket.append(minutes)
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
        for state in evaluate_clocks(data, config):
            clocks[state.state] += 1
        report.incidents.append(
            {
                "id": data.get("id"),
                "title": data.get("title"),
                "severity": data.get("severity"),
                "status": status,
                "detected_at": data.get("detected_at"),
                "minutes_to_recover": _minutes(data.get("detected_at"), data.get("resolved_at")),
            }
        )
    report.by_severity = dict(sorted(severities.items()))
    report.by_source = dict(sources.most_common())
    report.open_by_status = {s: open_now[s] for s in OPEN_STATUSES if open_now[s]}
    report.minutes_to_decide = _summary(decide)
    report.minutes_to_recover = _summary(recover)
    report.minutes_to_escalate = _summary(escalate)
    report.clocks = dict(clocks)
    report.prevention = dict(prevention)
    report.incidents.sort(key=lambda row: str(row["detected_at"]))
    return report


def _clock_reminder(
    incident_id: str,
    path: str,
    state: ClockState,
    config: Config,
    teams: Any,
    ja: bool,
) -> Reminder:
    """An overdue clock (how late) or one due within a day (how long is left)."""
    team = config.team(state.stakeholder)
    owner = team.name.get("ja" if ja else "en") if team else state.stakeholder
    hours = int(abs((now.local(config) - state.due).total_seconds()) // 3600)
    due_text = f"{state.due:%Y-%m-%d %H:%M %Z}"
    record = (
        f"完了したら {state.completed_by} に日時を記録してください"
        if ja
        else f"record {state.completed_by} when done"
    )
    if state.state == "overdue":
        kind = "clock"
        when = (
            f"期限 {due_text} を {hours} 時間過ぎています。"
            if ja
            else f"due {due_text}, {hours} h ago; "
        )
    else:
        kind = "clock_soon"
        when = (
            f"期限 {due_text} まで残り {hours} 時間です。"
            if ja
            else f"due {due_text}, in {hours} h; "
        )
    number = teams.get(state.stakeholder) if isinstance(teams, Mapping) else None
    return Reminder(
        incident_id,
        path,
        kind,
        state.clock_id,
        owner,
        state.due.isoformat(timespec="minutes"),
        f"{state.name}: {when}{record}",
        number if isinstance(number, int) else None,
        state.stakeholder,
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
    kind: str  # "clock" (overdue), "clock_soon" (due within a day) or "prevention"
    key: str  # clock id or prevention item id
    owner: str
    due: str
    text: str
    issue: int | None
    # The managed issue ``issue`` must be: the team's checklist for a clock, the item's own
    # tracking issue for a prevention item (see ``sync.ownership``).
    issue_item: str = ""

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
        ja = (data.get("lang") or config.language) == "ja"
        for state in evaluate_clocks(data, config):
            soon = state.state == "running" and state.due - now.local(config) <= DUE_SOON
            if state.state == "overdue" or soon:
                found.append(_clock_reminder(incident_id, path, state, config, teams, ja))
        for item in data.get("prevention") or []:
            if not isinstance(item, Mapping) or item.get("done") is True:
                continue
            due = _date(item.get("due"))
            if due is None or due >= today:
                continue
            key = str(item.get("id") or "?")
            number = items.get(key) if isinstance(items, Mapping) else None
            found.append(
                Reminder(
                    incident_id,
                    path,
                    "prevention",
                    key,
                    str(item.get("owner") or "?"),
                    due.isoformat(),
                    (
                        f"再発防止策 {key}「{item.get('title')}」の期限 {due.isoformat()} を "
                        f"{(today - due).days} 日過ぎています。完了させるか、新しい期限を合意して"
                        "ください"
                    )
                    if ja
                    else f"prevention item {key} '{item.get('title')}' was due "
                    f"{due.isoformat()} ({(today - due).days} days ago); finish it or agree a "
                    "new date",
                    number if isinstance(number, int) else None,
                    key,
                )
            )
    found.sort(key=lambda r: (r.due, r.incident_id, r.key))
    return found
