"""The notification log and the clocks in words, for status, reports, reminders and issues.

Pure functions of the incident data and the clock states; the callers choose the language
(the incident's ``lang``, else the config's) and escape the text for where it goes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from incidentflow.record.times import is_unknown, parse_moment
from incidentflow.rules.clocks import ClockState, log_entries
from incidentflow.words.notifications import CLOCK, COUNTS, KINDS, LOG, NOTE_KINDS, RECIPIENTS


@dataclass(frozen=True, slots=True)
class LogRow:
    number: int  # position in notifications.log
    at: str  # as written, or "unknown"
    recipient: str
    name: str | None
    kind: str
    unknown_reason: str | None
    reference: str | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "entry": self.number,
            "at": self.at,
            "recipient": self.recipient,
            "name": self.name,
            "kind": self.kind,
            "unknown_reason": self.unknown_reason,
            "reference": self.reference,
        }


def _text(value: Any) -> str | None:
    return str(value).strip() if isinstance(value, str | int) and str(value).strip() else None


def log_rows(data: Mapping[str, Any], zone: tzinfo) -> list[LogRow]:
    """The log in time order; entries on an unknown date last, in their written order."""
    rows: list[tuple[tuple[int, float, int], LogRow]] = []
    for number, entry in log_entries(data):
        at = entry.get("at")
        moment = None if is_unknown(at) else parse_moment(at, zone)
        row = LogRow(
            number=number,
            at="unknown" if is_unknown(at) else (_text(at) or "?"),
            recipient=_text(entry.get("recipient")) or "?",
            name=_text(entry.get("name")),
            kind=_text(entry.get("kind")) or "?",
            unknown_reason=_text(entry.get("unknown_reason")),
            reference=_text(entry.get("reference")),
        )
        key = (0, moment.earliest.timestamp(), number) if moment else (1, 0.0, number)
        rows.append((key, row))
    rows.sort(key=lambda pair: pair[0])
    return [row for _, row in rows]


def log_line(row: LogRow, language: str) -> str:
    """'2022-08-22 · regulator (個人情報保護委員会) · preliminary report · ref'."""
    recipient = RECIPIENTS.get(row.recipient)
    who = recipient(language) if recipient else row.recipient
    if row.name:
        who = LOG["named"](language, who=who, name=row.name)
    kind = KINDS.get(row.kind)
    what = kind(language) if kind else row.kind
    if row.at == "unknown":
        when = (
            LOG["unknown_because"](language, reason=row.unknown_reason)
            if row.unknown_reason
            else LOG["date_unknown"](language)
        )
    else:
        when = row.at
    line = f"{when} · {who} · {what}"
    return f"{line} · {row.reference}" if row.reference else line


def clock_line(state: ClockState, now: datetime, language: str) -> str:
    """'Preliminary report to the PPC: 2 days 3 h left (due 2026-11-23 10:30 JST)' and,
    for a note, who approved what."""
    due = state.due.strftime("%Y-%m-%d %H:%M %Z")
    line = CLOCK["line"](language, name=state.name, progress=state.progress(now, language), due=due)
    if state.note is not None:
        line += CLOCK["note"](
            language,
            label=NOTE_KINDS[state.note.kind](language),
            reason=state.note.reason,
            approved_by=state.note.approved_by,
        )
    return line


def count_text(value: Any, language: str) -> str:
    """'1,938', 'at most 1,938' / '最大1,938', 'at least 16,406', 'about 5,000'."""
    if isinstance(value, int):
        return f"{value:,}"
    parts: list[str] = []
    for name, words in COUNTS.items():
        figure = getattr(value, name, None)
        if figure is None and isinstance(value, Mapping):
            figure = value.get(name)
        if isinstance(figure, int):
            parts.append(words(language, figure=f"{figure:,}"))
    if not parts:
        return "?"
    return ("、" if language == "ja" else ", ").join(parts)
