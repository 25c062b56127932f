"""Rules about times within one file: phase order, nothing in the future, escalation delay."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from incidentflow.config import now
from incidentflow.config.conditions import lookup
from incidentflow.config.settings import Config
from incidentflow.record.positions import parse_path
from incidentflow.record.times import parse_time
from incidentflow.rules.findings import Finding, Level
from incidentflow.rules.result import ValidatedIncident

CLOCK_SKEW = timedelta(minutes=5)

# The order in which timestamps must occur; each present one must not precede an earlier one.
TIMESTAMP_ORDER: tuple[str, ...] = (
    "detected_at",
    "decision.decided_at",
    "response.started_at",
    "resolved_at",
    "retrospective.held_at",
    "closed_at",
)
NOT_BEFORE_DETECTION: tuple[str, ...] = (
    "personal_data.escalated_at",
    "personal_data.assessed_at",
    "reported_to_management_at",
)


def timestamp_findings(result: ValidatedIncident) -> Iterator[Finding]:
    data = result.data
    latest: tuple[str, datetime] | None = None
    for path in TIMESTAMP_ORDER:
        moment = parse_time(lookup(data, path))
        if moment is None:
            continue
        if latest is not None and moment < latest[1]:
            yield result.at(
                tuple(parse_path(path)),
                "IF050",
                f"{path} ({moment.isoformat()}) is before {latest[0]} ({latest[1].isoformat()}): "
                "phases happen in order; fix whichever time is wrong.",
                value=True,
            )
        latest = (path, moment) if latest is None or moment >= latest[1] else latest
    detected = parse_time(data.get("detected_at"))
    for path in NOT_BEFORE_DETECTION:
        moment = parse_time(lookup(data, path))
        if detected is not None and moment is not None and moment < detected:
            yield result.at(
                tuple(parse_path(path)),
                "IF050",
                f"{path} ({moment.isoformat()}) is before detected_at ({detected.isoformat()}): "
                "fix whichever time is wrong.",
                value=True,
            )
    limit = now.current() + CLOCK_SKEW
    for path in (*TIMESTAMP_ORDER, *NOT_BEFORE_DETECTION, "personal_data.aware_at"):
        moment = parse_time(lookup(data, path))
        if moment is not None and moment > limit:
            yield result.at(
                tuple(parse_path(path)),
                "IF051",
                f"{path} ({moment.isoformat()}) is in the future: record times when things "
                "happen, not plans (plans go in the Markdown).",
                value=True,
            )


def escalation_delay(result: ValidatedIncident, config: Config) -> Iterator[Finding]:
    data = result.data
    if lookup(data, "personal_data.status") not in ("suspected", "confirmed"):
        return
    detected = parse_time(data.get("detected_at"))
    escalated = parse_time(lookup(data, "personal_data.escalated_at"))
    if detected is None or escalated is None:
        return
    delay = escalated - detected
    allowed = timedelta(minutes=config.escalation.personal_data_max_minutes)
    if delay > allowed:
        minutes = int(delay.total_seconds() // 60)
        yield result.at(
            ("personal_data", "escalated_at"),
            "IF046",
            f"personal data was escalated {minutes} minutes after detection; the limit is "
            f"{config.escalation.personal_data_max_minutes} minutes. Say in the Timeline why, "
            "and raise it in the retrospective.",
            value=True,
            level=Level.WARNING,
        )
