"""Deadlines for regulatory clocks, computed in the incident's time zone.

Three units, because the rules that start these clocks use all three: card-scheme and
GDPR reports count elapsed hours, Japanese PPC reports count calendar days, and
contracts with partners count business days.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Literal
from zoneinfo import ZoneInfo

import holidays

Unit = Literal["hours", "days", "business_days"]

_END_OF_DAY = time(23, 59, 59, 999999)


def deadline(
    start: datetime,
    amount: int,
    unit: Unit,
    tz: ZoneInfo,
    country: str = "JP",
) -> datetime:
    """Return when a clock of ``amount`` ``unit`` that starts at ``start`` runs out.

    The result is in ``tz``, whatever zone ``start`` was given in.

    - ``hours``: exactly ``amount`` hours of elapsed time. Across a daylight-saving change
      the wall clock moves by one hour more or less than ``amount``.
    - ``days``: the same wall-clock time ``amount`` calendar days later in ``tz``, so a day
      across a daylight-saving change lasts 23 or 25 hours. A wall-clock time that does
      not exist that day (skipped by the clocks) moves forward by the length of the gap;
      one that occurs twice resolves to the earlier instant.
    - ``business_days``: the end (23:59:59.999999 local time) of the ``amount``-th
      business day after the local date of ``start``; the start day itself never counts,
      whatever the hour. ``amount == 0`` means the end of the start day if it is a
      business day, otherwise the end of the next one. Business days are Monday to
      Friday except the public holidays of ``country`` (see :func:`is_business_day`).

    Raises ``ValueError`` for a naive ``start``, a negative ``amount``, an unknown
    ``unit`` or a country without a public-holiday calendar.
    """
    if start.tzinfo is None or start.utcoffset() is None:
        raise ValueError("deadline start must be time-zone aware, e.g. 2026-11-29T15:30+09:00")
    if amount < 0:
        raise ValueError(f"deadline amount must not be negative, got {amount}")
    if unit == "hours":
        return (start.astimezone(UTC) + timedelta(hours=amount)).astimezone(tz)
    local = start.astimezone(tz)
    if unit == "days":
        wall_clock = local.replace(tzinfo=None, fold=0) + timedelta(days=amount)
        return _resolve(wall_clock, tz)
    if unit == "business_days":
        last_day = _nth_business_day(local.date(), amount, country)
        return _resolve(datetime.combine(last_day, _END_OF_DAY), tz)
    raise ValueError(f"unknown deadline unit {unit!r}; use hours, days or business_days")


def is_business_day(day: date, country: str = "JP") -> bool:
    """Monday to Friday and not a public holiday of ``country``.

    Only statutory public holidays count (for Japan: 国民の祝日, 振替休日 and 国民の休日).
    Company closures such as the Japanese year-end break (Dec 29 to Jan 3) are working
    days for regulators, so they are business days here too.
    """
    return day.weekday() < 5 and day not in _public_holidays(country, day.year)


def _nth_business_day(start_day: date, amount: int, country: str) -> date:
    day = start_day
    if amount == 0:
        if is_business_day(day, country):
            return day
        amount = 1
    while amount:
        day += timedelta(days=1)
        if is_business_day(day, country):
            amount -= 1
    return day


def _resolve(wall_clock: datetime, tz: ZoneInfo) -> datetime:
    """Attach ``tz`` to a naive wall-clock time and normalise it through UTC, which moves
    a time inside a daylight-saving gap forward and picks the first of a repeated hour."""
    return wall_clock.replace(tzinfo=tz, fold=0).astimezone(UTC).astimezone(tz)


@cache
def _public_holidays(country: str, year: int) -> frozenset[date]:
    try:
        calendar = holidays.country_holidays(country, years=year)
    except NotImplementedError as exc:
        raise ValueError(f"no public-holiday calendar for country {country!r}") from exc
    return frozenset(calendar.keys())
