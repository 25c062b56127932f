"""Imported records: required facts nobody knows are recorded as unknown, with a reason, and
accepted in imported records only; the gate never lets a live record become imported."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import run_incident
from tests.gate.fixtures import PATH, commit, incident, start_branch

CLOSED_WITHOUT_INTERNALS = (
    incident("closed")
    .replace("  leader: Suzuki (EM)\n", "")
    .replace("retrospective:\n  held_at: 2026-11-17T15:00:00+09:00\n", "retrospective:\n")
)

UNKNOWN = """imported:
  source: https://status.example.org/incidents/123
  by: Ito (SRE)
unknown:
  decision.leader: the public postmortem names no incident leader
  retrospective.held_at: the postmortem does not say when the review was held
"""


def _findings(repo: Path, text: str) -> list[dict[str, Any]]:
    target = repo / PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, "utf-8")
    result = run_incident("validate", "--format", "json", cwd=repo)
    findings = result.json()["findings"]
    assert isinstance(findings, list)
    return findings


def _with(text: str, block: str) -> str:
    front, _, body = text.partition("\n---\n")
    return f"{front}\n{block.rstrip()}\n---\n{body}"


def test_the_fixture_really_lacks_the_fields(repo: Path) -> None:
    codes = {f["code"] for f in _findings(repo, CLOSED_WITHOUT_INTERNALS)}
    assert "IF030" in codes


def test_an_imported_record_may_leave_required_fields_unknown(repo: Path) -> None:
    findings = _findings(repo, _with(CLOSED_WITHOUT_INTERNALS, UNKNOWN))
    assert [(f["code"], f["level"]) for f in findings] == [("IF072", "notice")]
    assert "decision.leader, retrospective.held_at" in findings[0]["message"]


def test_a_live_record_may_not(repo: Path) -> None:
    live = UNKNOWN.split("unknown:", 1)[1]
    findings = _findings(repo, _with(CLOSED_WITHOUT_INTERNALS, "unknown:" + live))
    codes = {f["code"] for f in findings}
    assert {"IF070", "IF030"} <= codes


def test_unknown_keys_are_required_fields_or_sections_never_identity(repo: Path) -> None:
    block = UNKNOWN + (
        "  decision.leaderr: typo\n  detected_at: not known\n  sections.got_lucky: not said\n"
    )
    findings = _findings(repo, _with(CLOSED_WITHOUT_INTERNALS, block))
    messages = {f["message"] for f in findings if f["code"] == "IF071"}
    assert any("Did you mean 'decision.leader'?" in m for m in messages), messages
    assert any("'detected_at' is the record's identity" in m for m in messages), messages
    assert len(messages) == 2, "sections.got_lucky is a section key"


def test_status_shows_an_imported_record(repo: Path) -> None:
    _findings(repo, _with(CLOSED_WITHOUT_INTERNALS, UNKNOWN))
    result = run_incident("status", PATH, cwd=repo)
    assert "imported:  yes" in result.stdout


def test_the_gate_refuses_to_make_a_live_record_imported(repo: Path) -> None:
    start_branch(repo, {PATH: incident("resolved")})
    commit(repo, "import it", {PATH: _with(incident("resolved"), UNKNOWN)})
    result = run_incident("check", "--base", "main", "--format", "json", cwd=repo)
    assert result.code == 1
    assert "GT014" in {f["code"] for f in result.json()["findings"]}


def test_the_gate_accepts_a_new_imported_closed_record(repo: Path) -> None:
    start_branch(repo, {})
    commit(repo, "import", {PATH: _with(CLOSED_WITHOUT_INTERNALS, UNKNOWN)})
    result = run_incident("check", "--base", "main", "--format", "json", cwd=repo)
    assert result.code == 0, result.stdout
    codes = {f["code"] for f in result.json()["findings"]}
    assert "GT031" not in codes and "GT032" not in codes, "no checklists for a past incident"
