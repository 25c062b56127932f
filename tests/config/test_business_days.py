"""Regulatory deadlines: weekends, Japanese public holidays, time zones, DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from incidentflow.config.business_days import deadline, is_business_day

TOKYO = ZoneInfo("Asia/Tokyo")
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def elapsed(start: datetime, end: datetime) -> timedelta:
    # Subtracting two datetimes that share a tzinfo ignores their UTC offsets, which is
    # exactly the DST hour these tests are about; compare in UTC instead.
    return end.astimezone(UTC) - start.astimezone(UTC)


def end_of(day: date, tz: ZoneInfo = TOKYO) -> datetime:
    return datetime(day.year, day.month, day.day, 23, 59, 59, 999999, tzinfo=tz)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 27), True),  # Friday
        (date(2026, 11, 28), False),  # Saturday
        (date(2026, 11, 29), False),  # Sunday
        (date(2026, 11, 23), False),  # 勤労感謝の日, a Monday
        (date(2026, 5, 6), False),  # 振替休日 for 憲法記念日 on Sunday
        (date(2026, 9, 22), False),  # 国民の休日 between two holidays
        (date(2027, 1, 1), False),  # 元日
        (date(2026, 12, 29), True),  # year-end closing is not a public holiday
        (date(2027, 1, 4), True),
    ],
)
def test_is_business_day_in_japan(day: date, expected: bool) -> None:
    assert is_business_day(day) is expected


def test_is_business_day_uses_the_country_calendar() -> None:
    independence_day = date(2026, 7, 3)  # observed on Friday, since July 4 is a Saturday
    assert is_business_day(independence_day, "JP")
    assert not is_business_day(independence_day, "US")


def test_business_days_skip_the_weekend() -> None:
    friday_afternoon = datetime(2026, 11, 27, 17, 45, tzinfo=TOKYO)
    assert deadline(friday_afternoon, 1, "business_days", TOKYO) == end_of(date(2026, 11, 30))
    assert deadline(friday_afternoon, 3, "business_days", TOKYO) == end_of(date(2026, 12, 2))


def test_business_days_skip_a_monday_public_holiday() -> None:
    friday = datetime(2026, 11, 20, 9, 0, tzinfo=TOKYO)
    # Saturday, Sunday and Monday 2026-11-23 (勤労感謝の日) do not count.
    assert deadline(friday, 1, "business_days", TOKYO) == end_of(date(2026, 11, 24))


def test_business_days_across_new_year() -> None:
    start = datetime(2026, 12, 30, 10, 0, tzinfo=TOKYO)
    # Dec 31 counts, Jan 1 is a holiday, Jan 2-3 are the weekend, Jan 4 counts.
    assert deadline(start, 1, "business_days", TOKYO) == end_of(date(2026, 12, 31))
    assert deadline(start, 2, "business_days", TOKYO) == end_of(date(2027, 1, 4))


def test_business_days_across_golden_week() -> None:
    # 2026: Apr 29 (Wed) holiday; May 2-3 weekend; May 4, 5, 6 (substitute) holidays.
    start = datetime(2026, 4, 28, 11, 0, tzinfo=TOKYO)
    assert deadline(start, 1, "business_days", TOKYO) == end_of(date(2026, 4, 30))
    assert deadline(start, 2, "business_days", TOKYO) == end_of(date(2026, 5, 1))
    assert deadline(start, 3, "business_days", TOKYO) == end_of(date(2026, 5, 7))


def test_the_start_day_never_counts_even_at_midnight() -> None:
    monday_midnight = datetime(2026, 11, 30, 0, 0, tzinfo=TOKYO)
    assert deadline(monday_midnight, 1, "business_days", TOKYO) == end_of(date(2026, 12, 1))


def test_zero_business_days_is_the_end_of_the_current_or_next_business_day() -> None:
    monday = datetime(2026, 11, 30, 10, 0, tzinfo=TOKYO)
    saturday = datetime(2026, 11, 28, 10, 0, tzinfo=TOKYO)
    assert deadline(monday, 0, "business_days", TOKYO) == end_of(date(2026, 11, 30))
    assert deadline(saturday, 0, "business_days", TOKYO) == end_of(date(2026, 11, 30))


def test_business_days_use_the_local_date_of_the_incident_zone() -> None:
    # Friday 23:30 UTC is already Saturday 08:30 in Tokyo: the clock starts on Saturday.
    friday_utc = datetime(2026, 11, 27, 23, 30, tzinfo=UTC)
    result = deadline(friday_utc, 1, "business_days", TOKYO)
    assert result == end_of(date(2026, 11, 30))
    assert result.tzinfo is TOKYO
    assert result.isoformat() == "2026-11-30T23:59:59.999999+09:00"


def test_deadline_is_reported_in_the_incident_zone() -> None:
    start = datetime(2026, 11, 29, 6, 30, tzinfo=UTC)
    result = deadline(start, 72, "hours", TOKYO)
    assert result.tzinfo is TOKYO
    assert result.isoformat() == "2026-12-02T15:30:00+09:00"


def test_days_in_japan_are_24_hours() -> None:
    start = datetime(2026, 11, 29, 15, 30, tzinfo=TOKYO)
    assert deadline(start, 30, "days", TOKYO) == start + timedelta(days=30)
    assert deadline(start, 3, "days", TOKYO) == deadline(start, 72, "hours", TOKYO)


def test_hours_are_elapsed_time_across_the_berlin_spring_change() -> None:
    # Clocks go from 02:00 to 03:00 on 2026-03-29 in Berlin.
    start = datetime(2026, 3, 28, 12, 0, tzinfo=BERLIN)
    result = deadline(start, 24, "hours", BERLIN)
    assert result.isoformat() == "2026-03-29T13:00:00+02:00"
    assert elapsed(start, result) == timedelta(hours=24)


def test_hours_are_elapsed_time_across_the_berlin_autumn_change() -> None:
    # Clocks go from 03:00 back to 02:00 on 2026-10-25 in Berlin.
    start = datetime(2026, 10, 24, 12, 0, tzinfo=BERLIN)
    result = deadline(start, 72, "hours", BERLIN)
    assert result.isoformat() == "2026-10-27T11:00:00+01:00"
    assert elapsed(start, result) == timedelta(hours=72)


def test_days_keep_the_wall_clock_across_a_dst_change() -> None:
    start = datetime(2026, 3, 28, 12, 0, tzinfo=BERLIN)
    result = deadline(start, 1, "days", BERLIN)
    assert result.isoformat() == "2026-03-29T12:00:00+02:00"
    assert elapsed(start, result) == timedelta(hours=23)


def test_days_landing_in_the_spring_gap_move_forward() -> None:
    start = datetime(2026, 3, 28, 2, 30, tzinfo=BERLIN)
    assert deadline(start, 1, "days", BERLIN).isoformat() == "2026-03-29T03:30:00+02:00"


def test_days_landing_on_a_repeated_hour_take_the_first() -> None:
    start = datetime(2026, 10, 24, 2, 30, tzinfo=BERLIN)
    assert deadline(start, 1, "days", BERLIN).isoformat() == "2026-10-25T02:30:00+02:00"


def test_naive_start_is_rejected() -> None:
    with pytest.raises(ValueError, match="time-zone aware"):
        deadline(datetime(2026, 11, 29, 15, 30), 1, "days", TOKYO)


@pytest.mark.parametrize(
    ("amount", "unit", "country", "message"),
    [
        (-1, "hours", "JP", "negative"),
        (1, "weeks", "JP", "unknown deadline unit"),
        (1, "business_days", "XX", "no public-holiday calendar"),
    ],
)
def test_bad_arguments_are_rejected(amount: int, unit: str, country: str, message: str) -> None:
    start = datetime(2026, 11, 29, 15, 30, tzinfo=TOKYO)
    with pytest.raises(ValueError, match=message):
        deadline(start, amount, unit, TOKYO, country)  # type: ignore[arg-type]


@given(
    start=st.datetimes(
        min_value=datetime(2000, 1, 1),
        max_value=datetime(2090, 12, 31),
        timezones=st.sampled_from([TOKYO, BERLIN, NEW_YORK]),
    ),
    amount=st.integers(min_value=0, max_value=30),
)
def test_business_day_deadline_properties(start: datetime, amount: int) -> None:
    result = deadline(start, amount, "business_days", TOKYO)
    last_day = result.date()
    assert result.tzinfo is TOKYO
    assert (result.hour, result.minute, result.second) == (23, 59, 59)
    assert is_business_day(last_day)
    first_day = start.astimezone(TOKYO).date()
    span = (last_day - first_day).days
    skipped = [first_day + timedelta(days=n) for n in range(1, span)]
    if amount == 0:
        assert span >= 0
        assert not any(is_business_day(day) for day in [first_day, *skipped] if day < last_day)
    else:
        assert span >= 1
        assert sum(is_business_day(day) for day in skipped) == amount - 1


@given(
    start=st.datetimes(
        min_value=datetime(2000, 1, 1),
        max_value=datetime(2090, 12, 31),
        timezones=st.sampled_from([TOKYO, BERLIN, NEW_YORK]),
    ),
    hours=st.integers(min_value=0, max_value=24 * 60),
)
def test_hours_are_always_exact_elapsed_time(start: datetime, hours: int) -> None:
    result = deadline(start, hours, "hours", BERLIN)
    assert result.tzinfo is BERLIN
    assert elapsed(start, result) == timedelta(hours=hours)
