"""Charts and words: every Mermaid block parses back, whatever the incident files hold."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from incidentflow.reports.charts import incident_gantt, label, pie, xychart
from incidentflow.words.states import duration, time_left
from tests.reports.mermaid_syntax import MermaidError, parse, parse_all

TOKYO = ZoneInfo("Asia/Tokyo")
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=TOKYO)

HOSTILE = 'Pay: fails; #1 %%{init}%% "quoted" `code` <b>x</b> a,b [c] {d} | e\\f & g\n```'


def test_a_hostile_title_cannot_break_a_chart() -> None:
    data = {
        "id": HOSTILE,
        "status": "responding",
        "detected_at": "2026-11-28T10:00:00+09:00",
        "decision": {"decided_at": "2026-11-28T11:00:00+09:00"},
    }
    clocks = [{"name": HOSTILE, "state": "running", "due": "2026-11-30T10:00:00+09:00"}]
    (chart,) = parse_all(incident_gantt(data, clocks, TOKYO, "en", NOW))
    assert chart.title and chart.tasks[-1][1].startswith("Pay")


@given(st.text(max_size=80))
def test_label_is_always_safe(text: str) -> None:
    made = label(text)
    assert made and "\n" not in made
    for char in ':;#%"`<>{}[],|\\&':
        assert char not in made


def test_xychart_and_pie_parse_back_with_hostile_names() -> None:
    chart = xychart(HOSTILE, ["2026-10", HOSTILE], HOSTILE, [("bar", HOSTILE, [1, 2.5])])
    (parsed,) = parse_all(chart)
    assert parsed.series == [("bar", [1.0, 2.5])] and len(parsed.categories) == 2
    assert parsed.init is not None
    (parsed,) = parse_all(pie(HOSTILE, [(HOSTILE, 3), ("none", 0)]))
    assert len(parsed.slices) == 1
    assert xychart("t", ["a"], "y", [("bar", "n", [0])]) == ""


def test_the_checker_catches_what_mermaid_would_choke_on() -> None:
    with pytest.raises(MermaidError):
        parse("gantt\n    dateFormat YYYY-MM-DD HH:mm\n    a: b :done, p1, 2026-01-01 00:00, 1m")
    with pytest.raises(MermaidError):
        parse('xychart-beta\n    x-axis ["a", "b"]\n    bar [1]')
    with pytest.raises(MermaidError):
        parse("flowchart LR")


@pytest.mark.parametrize(
    ("minutes", "ja", "en"),
    [
        (45, "45分", "45 min"),
        (200, "3時間20分", "3 h 20 min"),
        (5 * 1440 + 190, "5日と3時間", "5 d 3 h"),
        (4522 * 60, "188日と10時間", "188 d 10 h"),
        (2 * 1440, "2日", "2 d"),
    ],
)
def test_durations_read_in_days_and_hours(minutes: int, ja: str, en: str) -> None:
    assert duration(minutes, "ja") == ja
    assert duration(minutes, "en") == en


def test_time_left_or_late() -> None:
    later = datetime(2026, 11, 30, 15, 0, tzinfo=UTC) - datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
    assert time_left(later, "ja") == "残り1日と3時間"
    assert time_left(-later, "en") == "1 d 3 h late"


def test_a_clock_named_like_a_gantt_keyword_stays_a_task() -> None:
    data = {"id": "INC-1", "status": "responding", "detected_at": "2026-11-28T10:00:00+09:00"}
    clocks = [
        {"name": name, "state": "running", "due": "2026-11-30T10:00:00+09:00"}
        for name in ("section 5 notice", "Title report", "click here", "excludes weekends")
    ]
    (chart,) = parse_all(incident_gantt(data, clocks, TOKYO, "en", NOW))
    assert [task[1] for task in chart.tasks if task[3].startswith("c")] == [
        "・section 5 notice",
        "・Title report",
        "・click here",
        "・excludes weekends",
    ]
