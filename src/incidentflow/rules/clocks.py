"""Regulatory clocks: deadlines that run from when the company became aware.

Each clock in the config's ``clock_packs`` has a condition over incident fields; when it holds,
the clock starts at the first of its ``starts_from`` fields that is set, and it stops when its
``completed_by`` field records the time the duty was done. A clock past due without that record
is an error from then on, and no incident closes with a clock still open.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from incidentflow.config.conditions import lookup
from incidentflow.config.now import current as current_time
from incidentflow.config.settings import Config, RegulatoryClock
from incidentflow.record.model import Status, parse_status
from incidentflow.record.phases import SIDE_EXITS
from incidentflow.record.positions import parse_path
from incidentflow.record.times import parse_time
from incidentflow.rules.findings import Finding, Level


@dataclass(frozen=True, slots=True)
class ClockState:
    clock_id: str
    pack: str
    name: str
    stakeholder: str
    source: str
    started_from: str
    started_at: datetime
    due: datetime
    completed_by: str
    completed_at: datetime | None
    state: str  # running, overdue, done, done_late

    @property
    def open(self) -> bool:
        return self.completed_at is None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.clock_id,
            "pack": self.pack,
            "name": self.name,
            "state": self.state,
            "stakeholder": self.stakeholder,
            "started_from": self.started_from,
            "started_at": self.started_at.isoformat(timespec="seconds"),
            "due": self.due.isoformat(timespec="seconds"),
            "completed_by": self.completed_by,
            "completed_at": (
                self.completed_at.isoformat(timespec="seconds") if self.completed_at else None
            ),
            "source": self.source,
        }


def _start(data: Mapping[str, Any], spec: RegulatoryClock) -> tuple[str, datetime] | None:
    for path in spec.starts_from:
        moment = parse_time(lookup(data, path))
        if moment is not None:
            return path, moment
    return None


def evaluate_clocks(
    data: Mapping[str, Any], config: Config, now: datetime | None = None
) -> list[ClockState]:
    """Every triggered clock of an incident, with its exact due time in the config's zone."""
    if parse_status(data.get("status")) in SIDE_EXITS:
        return []  # not an incident, or tracked in another file: no duties run here
    current = now or current_time()
    lang = data.get("lang")
    language = lang if isinstance(lang, str) and lang in ("ja", "en") else config.language
    states: list[ClockState] = []
    for pack in config.clock_packs:
        for spec in pack.clocks:
            if not spec.when.holds(data):
                continue
            start = _start(data, spec)
            if start is None:
                continue
            started_from, started_at = start
            # Imported here: the holiday calendars take a tenth of a second to load, and most
            # incidents trigger no clock at all.
            from incidentflow.config.business_days import deadline

            due = deadline(
                started_at, spec.deadline.amount, spec.deadline.unit, config.zone, config.calendar
            )
            completed = parse_time(lookup(data, spec.completed_by))
            if completed is not None:
                state = "done" if completed <= due else "done_late"
            else:
                state = "overdue" if current > due else "running"
            states.append(
                ClockState(
                    clock_id=spec.id,
                    pack=pack.id,
                    name=spec.name.get(str(language)),
                    stakeholder=spec.stakeholder,
                    source=spec.source,
                    started_from=started_from,
                    started_at=started_at.astimezone(config.zone),
                    due=due,
                    completed_by=spec.completed_by,
                    completed_at=completed.astimezone(config.zone) if completed else None,
                    state=state,
                )
            )
    return states


def clock_findings(
    states: list[ClockState],
    data: Mapping[str, Any],
    locate: Any,
    path: str,
) -> Iterator[Finding]:
    """CL001 overdue, CL002 done late (warning), CL003 closing with a clock still open."""
    closing = data.get("status") == Status.CLOSED.value
    for state in states:
        loc = tuple(parse_path(state.completed_by))
        if loc[0] not in data:
            # Nothing of the path exists yet: point at the personal-data block that started
            # the clock rather than at the top of the file.
            loc = ("personal_data",) if "personal_data" in data else ("status",)
        position = locate(loc)
        due = state.due.strftime("%Y-%m-%d %H:%M %Z")
        if state.state == "overdue":
            yield Finding(
                path,
                position.line,
                position.column,
                "CL001",
                Level.ERROR,
                f"clock '{state.name}' ({state.clock_id}) was due {due} and "
                f"{state.completed_by} is not recorded: {state.stakeholder} must do it now "
                f"and record the time. Source: {state.source}",
            )
        elif closing and state.open:
            yield Finding(
                path,
                position.line,
                position.column,
                "CL003",
                Level.ERROR,
                f"cannot close with clock '{state.name}' ({state.clock_id}) still open: "
                f"record {state.completed_by} (due {due}).",
            )
        elif state.state == "done_late":
            late = state.completed_at - state.due if state.completed_at else None
            hours = int(late.total_seconds() // 3600) if late else 0
            yield Finding(
                path,
                position.line,
                position.column,
                "CL002",
                Level.WARNING,
                f"clock '{state.name}' ({state.clock_id}) was completed {hours} h after its "
                f"deadline ({due}): explain why in the Timeline and the retrospective.",
            )
