"""Inputs that cannot live as example files: each is a finding with a line, never a crash."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import PROJECT_ROOT, run_incident
from tests.gate.fixtures import commit, start_branch

VALID = PROJECT_ROOT / "tests" / "examples" / "valid" / "INC-20261102-0915-search-slow-ab12.md"


def _write(repo: Path, name: str, data: bytes) -> Path:
    target = repo / "incidents" / "2026" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target


def _errors(repo: Path) -> list[tuple[str, int | None]]:
    result = run_incident("validate", "--format", "json", cwd=repo)
    assert result.code == 1, result.stdout
    findings = result.json()["findings"]
    assert isinstance(findings, list)
    return [(f["code"], f["line"]) for f in findings if f["level"] == "error"]


def test_binary_file(repo: Path) -> None:
    _write(repo, "INC-20261104-1000-binary-zz00.md", b"---\nid: x\n---\n\x89PNG\x00\x00\x01")
    assert _errors(repo) == [("IF002", 4)]


def test_invalid_utf8(repo: Path) -> None:
    _write(repo, "INC-20261104-1000-latin1-zz00.md", "---\ntitle: caf\xe9\n---\n".encode("latin-1"))
    assert _errors(repo) == [("IF003", 2)]


def test_shift_jis_is_invalid_utf8(repo: Path) -> None:
    text = "---\nid: x\ntitle: 決済障害\n---\n"
    _write(repo, "INC-20261104-1000-sjis-zz00.md", text.encode("shift_jis"))
    assert _errors(repo) == [("IF003", 3)]


def test_five_megabyte_file(repo: Path) -> None:
    body = b"---\nid: x\n---\n" + b"log line that somebody pasted\n" * 175_000
    assert len(body) > 5_000_000
    _write(repo, "INC-20261104-1000-huge-zz00.md", body)
    assert _errors(repo) == [("IF001", 1)]


def test_bom_and_crlf_are_accepted(repo: Path) -> None:
    text = VALID.read_text("utf-8").replace("\n", "\r\n")
    _write(repo, VALID.name, b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = run_incident("validate", "--format", "json", cwd=repo)
    assert result.code == 0, result.stdout


def test_crlf_positions_match_lines(repo: Path) -> None:
    text = VALID.read_text("utf-8").replace("severity: sev3", "severity: sev9")
    _write(repo, VALID.name, text.replace("\n", "\r\n").encode("utf-8"))
    assert _errors(repo) == [("IF043", 6)]


def test_duplicate_ids_across_files(repo: Path) -> None:
    shutil.copy(VALID, _write(repo, VALID.name, b""))
    other = repo / "incidents" / "2025" / VALID.name
    other.parent.mkdir(parents=True)
    shutil.copy(VALID, other)
    errors = _errors(repo)
    assert ("IF041", 3) in errors
    # The year folder does not match detection: a warning, not an error.
    assert all(code in ("IF041",) for code, _ in errors)


def test_duplicate_id_found_when_validating_one_file(repo: Path) -> None:
    first = _write(repo, VALID.name, VALID.read_bytes())
    other = repo / "incidents" / "2025" / VALID.name
    other.parent.mkdir(parents=True)
    shutil.copy(VALID, other)
    result = run_incident("validate", "--format", "json", str(first), cwd=repo)
    assert result.code == 1
    codes = [f["code"] for f in result.json()["findings"]]
    assert "IF041" in codes


def test_missing_path_is_a_usage_error(repo: Path) -> None:
    result = run_incident("validate", "incidents/2026/nope.md", cwd=repo)
    assert result.code == 2
    assert "does not exist" in result.stderr


def test_calendar_without_holidays_is_a_config_error(repo: Path) -> None:
    config = repo / "incidentflow.yaml"
    config.write_text(config.read_text("utf-8").replace("calendar: JP", "calendar: XX"), "utf-8")
    for command in (["validate"], ["status"], ["report"], ["remind"]):
        result = run_incident(*command, cwd=repo)
        assert result.code == 2, command
        assert "incidentflow.yaml:6:11: error CF021" in result.stderr


def test_broken_config_exits_2_with_position(repo: Path) -> None:
    config = repo / "incidentflow.yaml"
    config.write_text(
        config.read_text("utf-8").replace("timezone: Asia/Tokyo", "timezone: Asia/Tokio"),
        "utf-8",
    )
    result = run_incident("validate", cwd=repo)
    assert result.code == 2
    assert "incidentflow.yaml:5:" in result.stderr
    assert "CF021" in result.stderr


def test_unknown_format_is_usage_error(repo: Path) -> None:
    result = run_incident("validate", "--format", "xml", cwd=repo)
    assert result.code == 2


CLOSED = PROJECT_ROOT / "tests" / "examples" / "valid" / "INC-20261020-1000-coupon-rounding-gh78.md"


def test_deleting_the_status_of_a_closed_incident_fails_the_gate(repo: Path) -> None:
    path = f"incidents/2026/{CLOSED.name}"
    text = CLOSED.read_text("utf-8")
    start_branch(repo, {path: text})
    waived = text.replace(
        "status: closed\n",
        "overrides:\n  - rule: IF030\n    reason: status later\n    approved_by: Suzuki (CTO)\n",
    )
    commit(repo, "drop the status", {path: waived})
    result = run_incident("check", "--base", "main", "--format", "json", cwd=repo)
    assert result.code == 1, result.stdout
    findings = result.json()["findings"]
    assert isinstance(findings, list)
    [missing] = [f for f in findings if f["code"] == "IF030"]
    assert (missing["line"], missing["level"]) == (2, "error")
    assert "add 'status: closed'" in missing["message"]


def test_status_and_validate_name_a_missing_status(repo: Path) -> None:
    _write(
        repo, "INC-20261104-1000-only-id-zz00.md", b"---\nid: INC-20261104-1000-only-id-zz00\n---\n"
    )
    assert ("IF030", 2) in _errors(repo)
    shown = run_incident("status", "INC-20261104-1000-only-id-zz00", cwd=repo)
    assert shown.code == 1
    assert "status:    unknown" in shown.stdout
    assert "line 2: IF030 status is missing" in shown.stdout
