"""Regulatory clocks: deadlines that run from when the company became aware.

Each clock in the config's ``clock_packs`` has a condition over incident fields; when it holds
(and the law is in force: ``effective_from``), the clock starts at the first of its
``starts_from`` fields that is set, and it stops at the first entry of the incident's
``notifications.log`` that matches its ``completed_by``. The incident's ``clock_notes`` say,
with who approved it, that a clock does not apply, why a duty was done late, or (imported
records only) that nobody knows whether or when it was done.

What the clocks say, and how loudly:

- past due with nothing recorded: CL001, an error from then on;
- done late: CL002, a warning that blocks closing (an error at ``closed``) until a
  ``late_reason`` acknowledges it, and then a notice naming the reason;
- closing with a clock still running: CL003;
- done on a date nobody knows (``at: unknown``): CL004, a warning, never an error;
- a note for a clock the config does not have, or an ``unknown`` note in a live record: CL005;
- a clock noted as not applicable (CL006) or not known (CL007): a notice, visible in review.

Days compare at the coarser precision (``times.Moment``): a report on the due day is on time.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from incidentflow.config.conditions import is_filled, lookup
from incidentflow.config.now import current as current_time
from incidentflow.config.settings import Config, Localized, RegulatoryClock
from incidentflow.record.model import Status, parse_status
from incidentflow.record.phases import SIDE_EXITS
from incidentflow.record.times import Moment, is_unknown, parse_moment
from incidentflow.rules.findings import Finding, Level, finding
from incidentflow.words.findings_flow import CLOCK_PROGRESS, late_value
from incidentflow.words.findings_flow import lateness as lateness_words
from incidentflow.words.states import span_text

# Nothing recorded for the future counts: a time that has not come yet completes no duty.
CLOCK_SKEW = timedelta(minutes=5)
NOTE_KINDS = ("not_applicable", "late_reason", "unknown")


@dataclass(frozen=True, slots=True)
class ClockNoteView:
    kind: str  # not_applicable, late_reason or unknown
    reason: str
    approved_by: str

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "reason": self.reason, "approved_by": self.approved_by}


@dataclass(frozen=True, slots=True)
class ClockState:
    clock_id: str
    pack: str
    name: str
    stakeholder: str
    source: str
    started_from: str
    started_at: Moment
    due: datetime
    completed_by: str  # what completes it, in words
    completed_at: Moment | None
    # running, overdue, done, done_late, done_unknown, not_applicable, unknown
    state: str
    names: Localized  # the config's name in both languages; ``name`` is the incident's
    entry: int | None = None  # the completing entry of notifications.log
    note: ClockNoteView | None = None

    def name_in(self, language: str) -> str:
        """The clock's name in the reader's language."""
        return self.names.get(language)

    @property
    def open(self) -> bool:
        return self.state in ("running", "overdue")

    @property
    def late(self) -> timedelta | None:
        """How late a completion at a full time was; None for a day or when on time."""
        if self.state != "done_late" or self.completed_at is None or self.completed_at.is_day:
            return None
        return self.completed_at.earliest - self.due

    @property
    def late_days(self) -> int | None:
        """Calendar days between the due day and the day of completion, for a day alone."""
        if self.state != "done_late" or self.completed_at is None:
            return None
        if self.completed_at.day is not None:
            return (self.completed_at.day - self.due.date()).days
        late = self.late
        return late.days if late is not None else None

    @property
    def late_value(self) -> str:
        """How late, as an ISO 8601 duration ('PT3000M', or 'P4D' known to the day); ''."""
        late = self.late
        minutes = int(late.total_seconds() // 60) if late is not None else None
        return late_value(minutes, self.late_days)

    def lateness(self, language: str) -> str:
        """'4 days 2 h late' / '4日と2時間超過'; for a day alone, whole days."""
        return lateness_words(self.late_value, language)

    def overdue_by(self, now: datetime, language: str) -> str:
        return CLOCK_PROGRESS["overdue_by"](language, span=span_text(now - self.due, language))

    def time_left(self, now: datetime, language: str) -> str:
        return CLOCK_PROGRESS["time_left"](language, span=span_text(self.due - now, language))

    def progress(self, now: datetime, language: str) -> str:
        """The state in words, with days and hours where they matter."""
        if self.state == "running":
            return self.time_left(now, language)
        if self.state == "overdue":
            return self.overdue_by(now, language)
        when = self.completed_at.text if self.completed_at else None
        if self.state == "done":
            return CLOCK_PROGRESS["done_at" if when else "done"](language, when=when)
        if self.state == "done_late":
            acknowledged = self.note is not None and self.note.kind == "late_reason"
            return CLOCK_PROGRESS["done_late" if acknowledged else "done_late_unrecorded"](
                language, when=when or "?", lateness=self.lateness(language)
            )
        if self.state in ("done_unknown", "not_applicable"):
            return CLOCK_PROGRESS[self.state](language)
        return CLOCK_PROGRESS["unknown"](language)

    def as_dict(self, now: datetime | None = None, language: str = "en") -> dict[str, Any]:
        moment = now or current_time()
        late = self.late
        return {
            "id": self.clock_id,
            "pack": self.pack,
            "name": self.name,
            "state": self.state,
            "stakeholder": self.stakeholder,
            "started_from": self.started_from,
            "started_at": self.started_at.text,
            "due": self.due.isoformat(timespec="seconds"),
            "completed_by": self.completed_by,
            "completed_at": self.completed_at.text if self.completed_at else None,
            "completed_by_entry": self.entry,
            "late_hours": round(late.total_seconds() / 3600, 1) if late is not None else None,
            "late_days": self.late_days,
            "progress": self.progress(moment, language),
            "note": self.note.as_dict() if self.note else None,
            "source": self.source,
        }


def _start(
    data: Mapping[str, Any], spec: RegulatoryClock, config: Config
) -> tuple[str, Moment] | None:
    for path in spec.starts_from:
        moment = parse_moment(lookup(data, path), config.zone)
        if moment is not None:
            return path, moment
    return None


def log_entries(data: Mapping[str, Any]) -> list[tuple[int, Mapping[str, Any]]]:
    entries = lookup(data, "notifications.log")
    if not isinstance(entries, list):
        return []
    return [(number, entry) for number, entry in enumerate(entries) if isinstance(entry, Mapping)]


def _matches(entry: Mapping[str, Any], spec: RegulatoryClock) -> bool:
    named = entry.get("clocks")
    if isinstance(named, list) and named:
        # An entry that names its clocks completes exactly those.
        return spec.id in named
    recipients = {recipient.value for recipient in spec.completed_by.recipient}
    kinds = {kind.value for kind in spec.completed_by.kind}
    return entry.get("recipient") in recipients and (not kinds or entry.get("kind") in kinds)


def _completion(
    data: Mapping[str, Any], spec: RegulatoryClock, config: Config, now: datetime
) -> tuple[int | None, Moment | None, bool]:
    """(entry index, its time, whether it is done on an unknown date)."""
    known: list[tuple[Moment, int]] = []
    unknown: int | None = None
    for number, entry in log_entries(data):
        if not _matches(entry, spec):
            continue
        at = entry.get("at")
        if is_unknown(at):
            unknown = number if unknown is None else unknown
            continue
        moment = parse_moment(at, config.zone)
        if moment is None or moment.after(now + CLOCK_SKEW):
            continue  # unreadable (a schema finding) or in the future (IF051)
        known.append((moment, number))
    if known:
        moment, number = min(known, key=lambda pair: pair[0].earliest)
        return number, moment, False
    return unknown, None, unknown is not None


def clock_notes(data: Mapping[str, Any]) -> dict[str, ClockNoteView]:
    """The readable notes: one reason and who approved it (the schema reports the rest)."""
    notes = data.get("clock_notes")
    if not isinstance(notes, Mapping):
        return {}
    found: dict[str, ClockNoteView] = {}
    for key, note in notes.items():
        if not isinstance(note, Mapping) or not is_filled(note.get("approved_by")):
            continue
        given = [kind for kind in NOTE_KINDS if is_filled(note.get(kind))]
        if len(given) == 1 and isinstance(key, str):
            found[key] = ClockNoteView(given[0], str(note[given[0]]), str(note["approved_by"]))
    return found


def is_imported(data: Mapping[str, Any]) -> bool:
    return is_filled(data.get("imported"))


def clock_in_force(
    data: Mapping[str, Any], spec: RegulatoryClock, config: Config
) -> tuple[str, Moment] | None:
    """The clock's start when its condition holds and its law was in force then; else None."""
    if not spec.when.holds(data):
        return None
    start = _start(data, spec, config)
    if start is None:
        return None
    effective = config.effective_from(spec)
    if effective is not None:
        first_day = parse_moment(effective.isoformat(), config.zone)
        if first_day is not None and start[1].before(first_day):
            return None
    return start


def evaluate_clocks(
    data: Mapping[str, Any], config: Config, now: datetime | None = None
) -> list[ClockState]:
    """Every triggered clock of an incident, with its exact due time in the config's zone."""
    if parse_status(data.get("status")) in SIDE_EXITS:
        return []  # not an incident, or tracked in another file: no duties run here
    current = now or current_time()
    lang = data.get("lang")
    language = lang if isinstance(lang, str) and lang in ("ja", "en") else config.language
    notes = clock_notes(data)
    imported = is_imported(data)
    states: list[ClockState] = []
    for pack in config.clock_packs:
        for spec in pack.clocks:
            start = clock_in_force(data, spec, config)
            if start is None:
                continue
            started_from, started_at = start
            # Imported here: the holiday calendars take a tenth of a second to load, and most
            # incidents trigger no clock at all.
            from incidentflow.config.business_days import deadline

            # A start known only to the day counts from its last instant: the benefit of
            # the doubt goes to the one who had to act.
            due = deadline(
                started_at.latest,
                spec.deadline.amount,
                spec.deadline.unit,
                config.zone,
                config.calendar,
            )
            note = notes.get(spec.id)
            if note is not None and note.kind == "unknown" and not imported:
                note = None  # CL005 says why it does not count
            entry, completed, date_unknown = _completion(data, spec, config, current)
            if note is not None and note.kind == "not_applicable":
                state = "not_applicable"
            elif completed is not None:
                state = "done_late" if completed.after(due) else "done"
            elif date_unknown:
                state = "done_unknown"
            elif note is not None and note.kind == "unknown":
                state = "unknown"
            else:
                state = "overdue" if current > due else "running"
            states.append(
                ClockState(
                    clock_id=spec.id,
                    pack=pack.id,
                    name=spec.name.get(str(language)),
                    names=spec.name,
                    stakeholder=spec.stakeholder,
                    source=spec.source,
                    started_from=started_from,
                    started_at=started_at,
                    due=due,
                    completed_by=spec.completed_by.describe(),
                    completed_at=completed,
                    state=state,
                    entry=entry,
                    note=note,
                )
            )
    return states


def _log_anchor(data: Mapping[str, Any]) -> tuple[str | int, ...]:
    """Where a missing notification goes: the log, else the nearest block that exists."""
    if isinstance(lookup(data, "notifications.log"), list):
        return ("notifications", "log")
    for anchor in (("notifications",), ("personal_data",)):
        if anchor[0] in data:
            return anchor
    return ("status",)


def clock_findings(
    states: list[ClockState],
    data: Mapping[str, Any],
    locate: Any,
    path: str,
    config: Config,
) -> Iterator[Finding]:
    """CL001 to CL007 for one incident; ``locate(loc, value)`` positions them."""
    closing = data.get("status") == Status.CLOSED.value
    now = current_time()
    specs = {spec.id: spec for spec in config.clocks()}
    for state in states:
        said = _what_it_says(state, closing, now)
        if said is None:
            continue
        code, level, kind, values = said
        # A note's notice sits on the note; the rest on the completing entry's time, or
        # where a missing entry goes. Positions are looked up only for a finding.
        if code in NOTE_CODES:
            position = locate(("clock_notes", state.clock_id), False)
        elif state.entry is not None:
            position = locate(("notifications", "log", state.entry, "at"), True)
        else:
            position = locate(_log_anchor(data), False)
        spec = specs[state.clock_id]
        yield finding(
            path,
            position.line,
            position.column,
            code,
            level,
            kind,
            # What every clock message names: the clock in both languages, its due time and
            # what completes it (``words.findings_flow``).
            clock=state.clock_id,
            name_en=state.names.en,
            name_ja=state.names.ja,
            due=state.due.strftime("%Y-%m-%d %H:%M %Z"),
            recipients=", ".join(recipient.value for recipient in spec.completed_by.recipient),
            kinds=", ".join(kind.value for kind in spec.completed_by.kind),
            **values,
        )
    yield from _note_problems(data, locate, path, config)


# A clock set aside by a note in the file: its notice's code and kind of message.
NOTED: dict[str, tuple[str, str]] = {
    "not_applicable": ("CL006", "not_applicable"),
    "unknown": ("CL007", "not_known"),
}
NOTE_CODES = frozenset(code for code, _ in NOTED.values())


def _what_it_says(
    state: ClockState, closing: bool, now: datetime
) -> tuple[str, Level, str, dict[str, object]] | None:
    """The finding a clock's state makes, if any: code, level, kind and its own values."""
    note = state.note
    approval = {"approved_by": note.approved_by, "reason": note.reason} if note else {}
    if state.state == "overdue":
        overdue = int((now - state.due).total_seconds() // 60)
        own = {"overdue": overdue, "stakeholder": state.stakeholder, "source": state.source}
        return "CL001", Level.ERROR, "overdue", own
    if state.state == "running":
        return ("CL003", Level.ERROR, "still_open", {}) if closing else None
    if state.state == "done_late":
        late: dict[str, object] = {"late": state.late_value}
        if note is not None and note.kind == "late_reason":
            return "CL002", Level.NOTICE, "late_acknowledged", {**late, **approval}
        if closing:
            return "CL002", Level.ERROR, "late_closing", late
        return "CL002", Level.WARNING, "late", late
    if state.state == "done_unknown":
        return "CL004", Level.WARNING, "date_unknown", {}
    if state.state in NOTED and note is not None:
        code, kind = NOTED[state.state]
        return code, Level.NOTICE, kind, dict(approval)
    return None


def _note_problems(
    data: Mapping[str, Any], locate: Any, path: str, config: Config
) -> Iterator[Finding]:
    from incidentflow.rules.config_keys import did_you_mean
    from incidentflow.rules.schema import shown

    notes = data.get("clock_notes")
    if not isinstance(notes, Mapping):
        return
    known = config.clock_ids()
    readable = clock_notes(data)
    for key in notes:
        loc: tuple[str | int, ...] = ("clock_notes", str(key))
        if str(key) not in known:
            position = locate(loc, False)
            kind = "not_a_clock" if known else "no_clocks"
            found = finding(
                path,
                position.line,
                position.column,
                "CL005",
                Level.ERROR,
                kind,
                key=shown(key),
                choices=", ".join(known),
            )
            yield did_you_mean(found, str(key), known)
        elif key in readable and readable[key].kind == "unknown" and not is_imported(data):
            position = locate((*loc, "unknown"), False)
            yield finding(
                path, position.line, position.column, "CL005", Level.ERROR, "unknown_live", key=key
            )
