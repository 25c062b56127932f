"""Times as written: full times keep their zone, days stay days, comparisons are coarse."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from incidentflow.record.model import Incident
from incidentflow.record.times import parse_moment
from incidentflow.words.states import span_text
from tests.conftest import run_incident

TOKYO = ZoneInfo("Asia/Tokyo")


def test_a_day_is_the_whole_day_in_the_configured_zone() -> None:
    day = parse_moment("2021-12-07", TOKYO)
    assert day is not None and day.is_day
    assert day.earliest == datetime(2021, 12, 7, tzinfo=TOKYO)
    assert day.latest.date().isoformat() == "2021-12-07"
    assert day.latest.hour == 23


def test_a_day_at_an_offset_is_that_offset_s_day() -> None:
    day = parse_moment("2021-12-07-08:00", TOKYO)
    assert day is not None and day.day is not None
    assert day.earliest.utcoffset() == timedelta(hours=-8)
    assert day.earliest.astimezone(UTC).hour == 8


def test_comparisons_run_at_the_coarser_precision() -> None:
    def moment(text: str):  # type: ignore[no-untyped-def]
        value = parse_moment(text, TOKYO)
        assert value is not None
        return value

    assert not moment("2021-12-07T10:00+09:00").before(moment("2021-12-07"))
    assert not moment("2021-12-07").before(moment("2021-12-07T10:00+09:00"))
    assert moment("2021-12-06").before(moment("2021-12-07T00:00+09:00"))
    assert moment("2021-12-07T07:30-08:00").before(moment("2021-12-08T01:00+09:00"))
    assert not moment("2021-12-07T10:00+09:00").before(moment("2021-12-07T10:00+09:00"))


@pytest.mark.parametrize(
    "text", ["2026-11-29T15:30:00+09:00", "2021-12-07T07:30-08:00", "2019-07-02T13:42Z"]
)
def test_the_model_keeps_times_as_written(text: str) -> None:
    assert Incident.model_validate({"detected_at": text}).detected_at == text


@pytest.mark.parametrize(
    ("days", "hours", "en", "ja"),
    [
        (4, 2, "4 days 2 h", "4日と2時間"),
        (3, 4, "3 days 4 h", "3日と4時間"),
        (1, 0, "1 day", "1日"),
        (0, 5, "5 h", "5時間"),
    ],
)
def test_spans_read_in_days_and_hours(days: int, hours: int, en: str, ja: str) -> None:
    span = timedelta(days=days, hours=hours, minutes=20)
    assert span_text(span, "en") == en
    assert span_text(span, "ja") == ja


def _write(repo: Path, detected: str) -> None:
    target = repo / "incidents" / "2021" / "INC-20211207-0000-day-only-aa11.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        "---\nid: INC-20211207-0000-day-only-aa11\ntitle: t\nstatus: detected\nseverity: sev3\n"
        f"detected_at: {detected}\ndetection: {{source: internal, reported_by: me}}\n---\n",
        "utf-8",
    )


def test_a_day_alone_validates_and_a_naive_time_does_not(repo: Path) -> None:
    _write(repo, "2021-12-07")
    assert run_incident("validate", cwd=repo).code == 0
    _write(repo, "2021-12-07T10:00")
    result = run_incident("validate", "--format", "json", cwd=repo)
    (finding,) = result.json()["findings"]
    assert finding["code"] == "IF023" and "day alone" in finding["message"]
    _write(repo, "2021-02-30")
    result = run_incident("validate", "--format", "json", cwd=repo)
    assert [f["code"] for f in result.json()["findings"]] == ["IF024"]


def test_new_takes_a_day_and_keeps_a_given_offset(repo: Path) -> None:
    day = run_incident("new", "Old outage", "--detected-at", "2021-12-07", cwd=repo)
    assert day.code == 0, day.stderr
    path = repo / day.stdout.strip()
    assert path.parent.name == "2021" and path.name.startswith("INC-20211207-0000-old-outage-")
    assert "detected_at: '2021-12-07'" in path.read_text("utf-8")
    west = run_incident("new", "West coast", "--detected-at", "2021-12-07T07:30-08:00", cwd=repo)
    text = (repo / west.stdout.strip()).read_text("utf-8")
    assert "detected_at: 2021-12-07T07:30-08:00\n" in text, "the offset is kept as given"
    assert (repo / west.stdout.strip()).name.startswith("INC-20211208-0030-")
    assert run_incident("validate", cwd=repo).code == 0


def test_did_you_mean_points_a_misplaced_field_home(repo: Path) -> None:
    _write(repo, "2021-12-07")
    target = repo / "incidents" / "2021" / "INC-20211207-0000-day-only-aa11.md"
    misplaced = "response: {mitigated_at: 2021-12-07}\nmitigatd_at: 2021-12-07\ndetection:"
    target.write_text(target.read_text("utf-8").replace("detection:", misplaced), "utf-8")
    messages = [
        f["message"]
        for f in run_incident("validate", "--format", "json", cwd=repo).json()["findings"]
    ]
    assert any("'mitigated_at' belongs at 'mitigated_at'" in m for m in messages), messages
    assert any("Did you mean 'mitigated_at'?" in m for m in messages), messages
    assert not any("detected_at'?" in m for m in messages)


def test_a_day_alone_decides_the_year_folder_too(repo: Path) -> None:
    _write(repo, "2021-12-07")
    source = repo / "incidents" / "2021" / "INC-20211207-0000-day-only-aa11.md"
    target = repo / "incidents" / "2022" / source.name
    target.parent.mkdir()
    source.rename(target)
    findings = run_incident("validate", "--format", "json", cwd=repo).json()["findings"]
    assert [(f["code"], f["level"]) for f in findings] == [("IF042", "warning")]


def test_new_takes_a_day_at_an_offset(repo: Path) -> None:
    result = run_incident("new", "Tokyo day", "--detected-at", "2021-12-07+09:00", cwd=repo)
    assert result.code == 0, result.stderr
    text = (repo / result.stdout.strip()).read_text("utf-8")
    assert "detected_at: 2021-12-07+09:00\n" in text
    assert run_incident("validate", cwd=repo).code == 0
