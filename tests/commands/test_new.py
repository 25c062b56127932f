"""`incident new`: from the template, valid at once, unique IDs, in Japanese or English."""

from __future__ import annotations

import stat
from pathlib import Path

from tests.conftest import run_incident

MINUTE = "2026-11-29T11:30:00+09:00"


def _new(repo: Path, *args: str) -> Path:
    result = run_incident("new", *args, "--detected-at", MINUTE, "--reported-by", "Sato", cwd=repo)
    assert result.code == 0, result.stderr
    return repo / result.stdout.strip()


def test_same_title_in_the_same_minute_gives_two_ids(repo: Path) -> None:
    first = _new(repo, "Card payments time out", "--source", "system_alert")
    second = _new(repo, "Card payments time out", "--source", "system_alert")
    assert first != second
    assert first.name.startswith("INC-20261129-1130-card-payments-time-out-")
    assert run_incident("validate", cwd=repo).code == 0


def test_japanese_template(repo: Path) -> None:
    path = _new(repo, "決済タイムアウト", "--lang", "ja", "--slug", "payment-timeout")
    text = path.read_text("utf-8")
    assert path.parent.name == "2026"
    assert path.name.startswith("INC-20261129-1130-payment-timeout-")
    assert text.startswith(
        "---\n# yaml-language-server: $schema=../../schemas/incident.schema.json"
    )
    for heading in ("## タイムライン", "## 原因", "## ふりかえり", "### 幸運だったこと"):
        assert heading in text
    assert "detected_at: '2026-11-29T11:30:00+09:00'" in text
    assert stat.S_IMODE(path.stat().st_mode) & 0o044 == 0o044  # readable by the team


def test_english_template_and_status_next_phase(repo: Path) -> None:
    path = _new(repo, "Search is slow", "--lang", "en", "--severity", "sev3")
    assert "## Timeline" in path.read_text("utf-8")
    status = run_incident("status", path.stem, "--format", "json", cwd=repo).json()
    state = status["incidents"][0]
    assert state["next_status"] == "investigating"
    assert state["missing_for_next"] == [
        "investigation.summary",
        "investigation.impact",
        "personal_data.status",
    ]


def test_unknown_severity_and_naive_time_are_usage_errors(repo: Path) -> None:
    assert run_incident("new", "x", "--severity", "sev9", cwd=repo).code == 2
    naive = run_incident("new", "x", "--detected-at", "2026-11-29T15:30", cwd=repo)
    assert naive.code == 2 and "time zone" in naive.stderr
    future = run_incident("new", "x", "--detected-at", "2026-12-01T09:00+09:00", cwd=repo)
    assert future.code == 2 and "future" in future.stderr
