"""Real, public incidents fit the record: each validates without an error that can never be
cleared, and the clocks flag exactly the duties that were done late, by how many days."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.conftest import PROJECT_ROOT, run_incident

REAL = PROJECT_ROOT / "tests" / "examples" / "real"
EXPECTED: dict[str, Any] = YAML(typ="safe").load((REAL / "expected.yaml").read_text("utf-8"))
FILES = sorted(REAL.glob("*/*.md"))


def _install(repo: Path, sources: list[Path]) -> None:
    for source in sources:
        target = repo / "incidents" / source.parent.name / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)


def test_there_are_real_incidents_in_both_languages_and_every_one_is_expected() -> None:
    assert {path.name for path in FILES} == set(EXPECTED)
    texts = [path.read_text("utf-8") for path in FILES]
    assert len(FILES) >= 6
    assert sum("lang: ja" in text for text in texts) >= 3
    assert sum("lang: en" in text for text in texts) >= 3


@pytest.mark.parametrize("source", FILES, ids=lambda p: p.stem.split("-")[-2])
def test_a_real_incident_validates_with_its_clocks_as_expected(repo: Path, source: Path) -> None:
    _install(repo, [source])
    expected = EXPECTED[source.name]
    result = run_incident("validate", "--format", "json", cwd=repo)
    findings = result.json()["findings"]
    assert result.code == 0, findings
    assert sorted(f["code"] for f in findings if f["level"] == "warning") == sorted(
        expected["warnings"]
    )
    assert "IF072" in {f["code"] for f in findings}, "the unknowns are listed for review"
    status = run_incident("status", source.stem, "--format", "json", cwd=repo).json()
    clocks = {clock["id"]: clock for clock in status["incidents"][0]["clocks"]}
    assert {key: clock["state"] for key, clock in clocks.items()} == {
        key: value["state"] for key, value in expected["clocks"].items()
    }
    for key, value in expected["clocks"].items():
        assert clocks[key]["late_days"] == value.get("late_days"), key


def test_exactly_the_late_reports_are_late_and_closing_needs_their_reasons(repo: Path) -> None:
    _install(repo, FILES)
    status = run_incident("status", "--format", "json", cwd=repo).json()
    late = {
        (row["id"], clock["id"]): clock["late_days"]
        for row in status["incidents"]
        for clock in row["clocks"]
        if clock["state"] == "done_late"
    }
    assert late == {("INC-20220819-0000-wacom-store-card-data-rl01", "appi-notify-individuals"): 87}
    wacom = repo / "incidents" / "2022" / "INC-20220819-0000-wacom-store-card-data-rl01.md"
    text = wacom.read_text("utf-8")
    start = text.index("  appi-notify-individuals:\n    late_reason:")
    end = text.index("  card-acquirer:", start)
    wacom.write_text(text[:start] + text[end:], "utf-8")
    result = run_incident("validate", "--format", "json", cwd=repo)
    errors = [f for f in result.json()["findings"] if f["level"] == "error"]
    assert [f["code"] for f in errors] == ["CL002"]
    assert "87 days late (known to the day)" in errors[0]["message"]


def test_imported_records_count_apart_with_their_own_speed(repo: Path) -> None:
    _install(repo, FILES)
    for name, expected in EXPECTED.items():
        if "minutes" not in expected:
            continue
        month = f"{name[4:8]}-{name[8:10]}"
        data = run_incident("report", "--month", month, "--format", "json", cwd=repo).json()
        assert data["detected"] == 0 and data["imported"] == 1
        speed = data["imported_speed"]
        assert speed["minutes_to_mitigate"]["median"] == expected["minutes"]["mitigate"]
        assert speed["minutes_to_resolve"]["median"] == expected["minutes"]["resolve"]


def test_the_sync_and_remind_leave_imported_records_alone(repo: Path) -> None:
    _install(repo, FILES)
    result = run_incident("remind", "--format", "json", cwd=repo)
    assert result.json()["overdue"] == []
