"""Rules about times within one file: phase order, nothing in the future, escalation delay."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import timedelta, tzinfo
from typing import Any

from incidentflow.config import now
from incidentflow.config.conditions import lookup
from incidentflow.config.settings import Config
from incidentflow.record.positions import format_loc, parse_path
from incidentflow.record.times import Moment, parse_moment, parse_time
from incidentflow.rules.clocks import CLOCK_SKEW, log_entries
from incidentflow.rules.findings import Finding, Level
from incidentflow.rules.result import ValidatedIncident

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
# The impact's own order: it began, it was contained, the service was restored. Impact often
# begins before detection and may even stop before it (a leak found months later), so these
# are ordered among themselves only, and against detection only through resolved_at.
IMPACT_ORDER: tuple[str, ...] = ("started_at", "mitigated_at", "resolved_at")
EXPOSURE_ORDER: tuple[str, ...] = ("impact.exposure.from", "impact.exposure.to")
# Every other time field, for the check that nothing is in the future.
OTHER_TIMES: tuple[str, ...] = (
    "personal_data.aware_at",
    "started_at",
    "mitigated_at",
    "impact.exposure.from",
    "impact.exposure.to",
)


def _moment(data: Mapping[str, Any], path: str, zone: tzinfo) -> Moment | None:
    return parse_moment(lookup(data, path), zone)


def list_times(data: Mapping[str, Any]) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """Times inside lists and mappings: log entries, clock notes, waivers."""
    for number, entry in log_entries(data):
        yield ("notifications", "log", number, "at"), entry.get("at")
    notes = data.get("clock_notes")
    if isinstance(notes, Mapping):
        for key, note in notes.items():
            if isinstance(note, Mapping):
                yield ("clock_notes", str(key), "approved_at"), note.get("approved_at")
    overrides = data.get("overrides")
    if isinstance(overrides, list):
        for number, entry in enumerate(overrides):
            if isinstance(entry, Mapping):
                yield ("overrides", number, "approved_at"), entry.get("approved_at")


def _order(
    result: ValidatedIncident, paths: tuple[str, ...], zone: tzinfo, kind: str
) -> Iterator[Finding]:
    """IF050 where a time of ``paths`` comes before an earlier one; ``kind`` says which order
    (phase_order, impact_order, window_order)."""
    data = result.data
    latest: tuple[str, Moment] | None = None
    for path in paths:
        moment = _moment(data, path, zone)
        if moment is None:
            continue
        if latest is not None and moment.before(latest[1]):
            yield result.say(
                tuple(parse_path(path)),
                "IF050",
                kind,
                value=True,
                field=path,
                at=moment.text,
                earlier=latest[0],
                earlier_at=latest[1].text,
            )
        elif latest is None or latest[1].before(moment) or not moment.is_day:
            latest = (path, moment)


def timestamp_findings(result: ValidatedIncident, config: Config) -> Iterator[Finding]:
    data = result.data
    zone = config.zone
    yield from _order(result, TIMESTAMP_ORDER, zone, "phase_order")
    yield from _order(result, IMPACT_ORDER, zone, "impact_order")
    yield from _order(result, EXPOSURE_ORDER, zone, "window_order")
    detected = _moment(data, "detected_at", zone)
    later: list[tuple[tuple[str | int, ...], Any]] = [
        (tuple(parse_path(path)), lookup(data, path)) for path in NOT_BEFORE_DETECTION
    ]
    later += [(loc, value) for loc, value in list_times(data) if loc[0] == "notifications"]
    for loc, value in later:
        moment = parse_moment(value, zone)
        if detected is not None and moment is not None and moment.before(detected):
            yield result.say(
                loc,
                "IF050",
                "before_detection",
                value=True,
                field=format_loc(loc),
                at=moment.text,
                detected_at=detected.text,
            )
    limit = now.current() + CLOCK_SKEW
    every: list[tuple[tuple[str | int, ...], Any]] = [
        (tuple(parse_path(path)), lookup(data, path))
        for path in (*TIMESTAMP_ORDER, *NOT_BEFORE_DETECTION, *OTHER_TIMES)
    ]
    every += list(list_times(data))
    for loc, value in every:
        moment = parse_moment(value, zone)
        if moment is not None and moment.after(limit):
            yield result.say(
                loc, "IF051", "future", value=True, field=format_loc(loc), at=moment.text
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
        yield result.say(
            ("personal_data", "escalated_at"),
            "IF046",
            "escalated_late",
            value=True,
            level=Level.WARNING,
            minutes=minutes,
            limit=config.escalation.personal_data_max_minutes,
        )
