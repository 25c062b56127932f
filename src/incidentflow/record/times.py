"""Times as the record holds them: a full time with its zone, or a day known only as a day.

Public reports often give a date and nothing more ("on 2022-08-19 a card company told us").
The record keeps such a fact as a day instead of inventing an hour, and every comparison
treats it as what it is: an interval from the first to the last instant of that day. Two
values are in a definite order only when their intervals do not overlap, so comparisons run
at the coarser of the two precisions.

Accepted text (kept exactly as written; nothing is rewritten into another zone):

- ``2026-11-29T15:30:00+09:00``, ``2021-12-07T07:30-08:00``, ``2019-07-02T13:42Z``: a time;
- ``2021-12-07``: a day in the configured time zone;
- ``2021-12-07+09:00``: a day at that UTC offset (for a day somewhere else).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Any, Literal

UNKNOWN = "unknown"
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:([+-])(\d{2}):(\d{2}))?$")
_HAS_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d")
_END_OF_DAY = time(23, 59, 59, 999999)


class TimeTextError(ValueError):
    """Why a text is not a time value; ``kind`` is 'no_zone' or 'invalid'."""

    def __init__(self, kind: Literal["no_zone", "invalid"], message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True, slots=True)
class Moment:
    """A recorded time: ``earliest`` and ``latest`` are equal for a full time, and span the
    day for a day (``day`` set)."""

    text: str
    earliest: datetime
    latest: datetime
    day: date | None = None

    @property
    def is_day(self) -> bool:
        return self.day is not None

    def before(self, other: Moment) -> bool:
        """Definitely earlier than ``other``, at the coarser of the two precisions."""
        return self.latest < other.earliest

    def after(self, moment: datetime) -> bool:
        """Definitely later than an exact instant."""
        return self.earliest > moment

    def local_day(self, zone: tzinfo) -> date:
        return self.day if self.day is not None else self.earliest.astimezone(zone).date()

    def shown(self) -> str:
        return self.text


def check_time_text(value: Any) -> str:
    """The value as a time text (kept as written), or ``TimeTextError`` saying what is wrong."""
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise TimeTextError("no_zone", "no time zone")
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        raise TimeTextError("invalid", f"expected a time or a date, got {type(value).__name__}")
    text = value.strip()
    day = _DAY.match(text)
    if day is not None:
        try:
            _day_bounds(day, UTC)
        except ValueError as error:
            raise TimeTextError("invalid", f"not a real date ({error})") from error
        return text
    if not _HAS_TIME.match(text):
        raise TimeTextError(
            "invalid",
            "not a time or a date: write YYYY-MM-DDTHH:MM+09:00, or YYYY-MM-DD for a day",
        )
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError as error:
        raise TimeTextError("invalid", f"not a real date/time ({error})") from error
    if parsed.tzinfo is None:
        raise TimeTextError("no_zone", "no time zone")
    return text


def _day_bounds(match: re.Match[str], zone: tzinfo) -> tuple[date, datetime, datetime]:
    day = date.fromisoformat(match.group(1))
    if match.group(2):
        offset = timedelta(hours=int(match.group(3)), minutes=int(match.group(4)))
        if offset >= timedelta(hours=24):
            raise ValueError("offset out of range")
        zone = timezone(offset if match.group(2) == "+" else -offset)
    return day, datetime.combine(day, time(), zone), datetime.combine(day, _END_OF_DAY, zone)


def parse_moment(value: Any, zone: tzinfo) -> Moment | None:
    """The recorded time, or None for anything absent, ``unknown``, naive or malformed.

    A day without an offset is a day in ``zone`` (the configured time zone).
    """
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            return None
        return Moment(value.isoformat(), value, value)
    if isinstance(value, date):
        value = value.isoformat()
    if not isinstance(value, str):
        return None
    text = value.strip()
    day = _DAY.match(text)
    if day is not None:
        try:
            whole, earliest, latest = _day_bounds(day, zone)
        except ValueError:
            return None
        return Moment(text, earliest, latest, whole)
    if not _HAS_TIME.match(text):
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return None
    return Moment(text, parsed, parsed)


def parse_time(value: Any) -> datetime | None:
    """A full zone-aware time, or None for anything absent, a day alone, naive or malformed."""
    moment = parse_moment(value, UTC)
    return None if moment is None or moment.is_day else moment.earliest


def is_unknown(value: Any) -> bool:
    return isinstance(value, str) and value.strip() == UNKNOWN
