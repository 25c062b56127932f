"""The last twelve months, month by month: the figures behind the monthly report's charts.

Computed from incident data only (never printed here), in the configured time zone.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Any

from incidentflow.config.conditions import lookup
from incidentflow.config.settings import Config
from incidentflow.record.times import parse_moment

# Each speed measure: its name and the field whose time ends it (detection starts them all).
SPEEDS: tuple[tuple[str, str], ...] = (
    ("decide", "decision.decided_at"),
    ("mitigate", "mitigated_at"),
    ("resolve", "resolved_at"),
)


def month_starts(end: datetime, count: int = 12) -> list[datetime]:
    """The first instants of the ``count`` months up to the one starting before ``end``."""
    year, month = end.year, end.month
    starts: list[datetime] = []
    for _ in range(count):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        starts.append(datetime(year, month, 1, tzinfo=end.tzinfo))
    return starts[::-1]


@dataclass(slots=True)
class Trend:
    months: list[str]  # "2026-01"
    by_severity: dict[str, list[int]] = field(default_factory=dict)
    # measure -> severity -> median minutes over the twelve months
    speed_by_severity: dict[str, dict[str, float]] = field(default_factory=dict)
    escalation_minutes: list[float] = field(default_factory=list)  # median per month, 0 = none
    escalation_target: int = 0
    # per state, one value per month and a last one for items due after the period
    prevention_by_due_month: dict[str, list[int]] = field(default_factory=dict)
    # every duration behind the speed figures, with where its end time came from: the
    # field, or "git:<commit>" where the file has no time and the status change's commit does
    durations: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "months": self.months,
            "detected_by_severity": self.by_severity,
            "median_minutes_by_severity": self.speed_by_severity,
            "escalation_median_minutes": self.escalation_minutes,
            "escalation_target_minutes": self.escalation_target,
            "prevention_by_due_month": self.prevention_by_due_month,
            "durations": self.durations,
        }


def _minutes(
    data: Mapping[str, Any], path: str, zone: tzinfo, fallback: tuple[str, str] | None = None
) -> tuple[float, str] | None:
    """Minutes from detection to the time at ``path`` and where that time came from: the
    field itself, else ``fallback`` (a time and its source, e.g. the commit of the change)."""
    start = parse_moment(data.get("detected_at"), zone)
    value, source = lookup(data, path), path
    if value in (None, "") and fallback is not None:
        value, source = fallback
    end = parse_moment(value, zone)
    if start is None or end is None or start.is_day or end.is_day:
        return None
    minutes = (end.earliest - start.earliest).total_seconds() / 60
    return (minutes, source) if minutes >= 0 else None


def _month_index(moment: datetime, starts: Sequence[datetime], end: datetime) -> int | None:
    if moment < starts[0] or moment >= end:
        return None
    index = 0
    for number, start in enumerate(starts):
        if moment >= start:
            index = number
    return index


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def build_trend(
    incidents: Sequence[Mapping[str, Any]],
    config: Config,
    end: datetime,
    today: date,
    phase_times: Mapping[str, Mapping[str, tuple[str, str]]] | None = None,
) -> Trend:
    """Twelve months ending before ``end`` (the report period's exclusive end).

    ``phase_times``: per incident ID, per phase field the file lacks, a (time, source) from
    elsewhere (the commit that recorded the status change)."""
    zone = config.zone
    starts = month_starts(end)
    trend = Trend([f"{start:%Y-%m}" for start in starts])
    trend.escalation_target = config.escalation.personal_data_max_minutes
    severities = [level.key for level in config.severities]
    counts = {key: [0] * len(starts) for key in severities}
    speeds: dict[str, dict[str, list[float]]] = {name: {} for name, _ in SPEEDS}
    escalations: list[list[float]] = [[] for _ in starts]
    # One more column than months: items due after the period.
    prevention = {state: [0] * (len(starts) + 1) for state in ("done", "overdue", "open")}
    for data in incidents:
        for item in data.get("prevention") or []:
            if not isinstance(item, Mapping):
                continue
            due = _date(item.get("due"))
            if due is None:
                continue
            moment = datetime(due.year, due.month, due.day, tzinfo=zone)
            at = len(starts) if moment >= end else _month_index(moment, starts, end)
            if at is None:
                continue
            done = item.get("done") is True
            prevention["done" if done else "overdue" if due < today else "open"][at] += 1
        detected = parse_moment(data.get("detected_at"), zone)
        if detected is None:
            continue
        at = _month_index(detected.earliest.astimezone(zone), starts, end)
        if at is None:
            continue
        severity = str(data.get("severity") or "?")
        counts.setdefault(severity, [0] * len(starts))[at] += 1
        if str(data.get("status")) in ("declined", "duplicate"):
            continue  # counted as detected, like the report does; never a response to time
        known = (phase_times or {}).get(str(data.get("id")), {})
        for name, path in SPEEDS:
            measured = _minutes(data, path, zone, known.get(path))
            if measured is not None:
                speeds[name].setdefault(severity, []).append(measured[0])
                trend.durations.append(
                    {
                        "id": data.get("id"),
                        "measure": name,
                        "minutes": round(measured[0], 1),
                        "from": "detected_at",
                        "to": measured[1],
                    }
                )
        if lookup(data, "personal_data.status") in ("suspected", "confirmed"):
            measured = _minutes(data, "personal_data.escalated_at", zone)
            if measured is not None:
                escalations[at].append(measured[0])
    trend.by_severity = counts
    trend.speed_by_severity = {
        name: {
            key: round(statistics.median(by[key]), 1)
            for key in [*severities, *sorted(set(by) - set(severities))]
            if by.get(key)
        }
        for name, by in speeds.items()
    }
    trend.escalation_minutes = [
        round(statistics.median(values), 1) if values else 0.0 for values in escalations
    ]
    trend.prevention_by_due_month = prevention
    return trend
