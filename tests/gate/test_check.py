"""The pull-request gate, end to end: real repositories with a base and a head commit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Result, git, run_incident
from tests.gate.fixtures import (
    BODY_EMPTY,
    PATH,
    check_in_actions,
    commit,
    incident,
    start_branch,
)


def check(repo: Path, *extra: str, env: dict[str, str] | None = None) -> Result:
    return run_incident("check", "--base", "main", "--format", "json", *extra, cwd=repo, env=env)


def codes(result: Result, level: str = "error") -> list[str]:
    return sorted(f["code"] for f in result.json()["findings"] if f["level"] == level)


def lines(result: Result, code: str) -> list[int]:
    return [f["line"] for f in result.json()["findings"] if f["code"] == code]


def test_nothing_changed_passes_fast(repo: Path) -> None:
    start_branch(repo, {PATH: incident("detected")})
    commit(repo, "docs", {"README.md": "hello\n"})
    result = check(repo)
    assert result.code == 0
    assert result.json()["files"] == 0


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("detected", "investigating"),
        ("investigating", "decided"),
        ("decided", "responding"),
        ("responding", "resolved"),
        ("resolved", "closed"),
        ("detected", "declined"),
    ],
)
def test_complete_forward_moves_pass(repo: Path, before: str, after: str) -> None:
    start_branch(repo, {PATH: incident(before)})
    text = (
        incident(after)
        if after != "declined"
        else (
            incident("declined", fields_of="detected").replace(
                "severity: sev2", "severity: sev2\ndeclined_reason: A shop's own theme bug."
            )
        )
    )
    commit(repo, "advance", {PATH: text})
    result = check(repo)
    assert result.code == 0, result.stdout
    assert result.json()["incidents"][0]["from"] == before


def test_jump_with_every_phase_complete_passes(repo: Path) -> None:
    start_branch(repo, {PATH: incident("detected")})
    commit(repo, "jump", {PATH: incident("responding")})
    assert check(repo).code == 0


def test_jump_over_an_incomplete_phase_fails(repo: Path) -> None:
    start_branch(repo, {PATH: incident("detected")})
    commit(repo, "jump", {PATH: incident("decided", fields_of="detected")})
    result = check(repo)
    assert result.code == 1
    assert "IF030" in codes(result)


def test_backwards_move_fails(repo: Path) -> None:
    start_branch(repo, {PATH: incident("decided")})
    commit(repo, "rewind", {PATH: incident("investigating", fields_of="decided")})
    result = check(repo)
    assert codes(result) == ["GT022"]
    assert lines(result, "GT022") == [4]


def test_closed_is_final(repo: Path) -> None:
    start_branch(repo, {PATH: incident("closed")})
    commit(repo, "reopen", {PATH: incident("responding", fields_of="closed")})
    assert codes(check(repo)) == ["GT020"]


def test_side_exit_after_decided_fails(repo: Path) -> None:
    start_branch(repo, {PATH: incident("decided")})
    text = incident("duplicate", fields_of="decided").replace(
        "severity: sev2", "severity: sev2\nduplicate_of: INC-20261109-0800-checkout-aa00"
    )
    commit(repo, "dup", {PATH: text})
    assert codes(check(repo)) == ["GT021"]


def test_id_and_detection_time_never_change(repo: Path) -> None:
    start_branch(repo, {PATH: incident("investigating")})
    text = incident("investigating").replace(
        "2026-11-10T09:00:00+09:00", "2026-11-10T08:50:00+09:00"
    )
    text = text.replace(
        "id: INC-20261110-0900-checkout-errors-ab12", "id: INC-20261110-0900-other-ab12"
    )
    commit(repo, "edit", {PATH: text})
    result = check(repo)
    assert codes(result) == ["GT010", "GT011", "IF040"]
    assert lines(result, "GT011") == [6]


def test_deleting_an_incident_fails(repo: Path) -> None:
    start_branch(repo, {PATH: incident("investigating")})
    commit(repo, "delete", {PATH: None})
    result = check(repo)
    assert codes(result) == ["GT001"]


def test_renaming_an_incident_fails(repo: Path) -> None:
    start_branch(repo, {PATH: incident("investigating")})
    git(repo, "mv", PATH, "incidents/2026/renamed.md")
    git(repo, "commit", "-q", "-m", "rename")
    result = check(repo)
    assert "GT002" in codes(result)


def test_recorded_time_removed_or_moved_back(repo: Path) -> None:
    start_branch(repo, {PATH: incident("responding")})
    text = incident("responding").replace("  started_at: 2026-11-10T10:05:00+09:00\n", "")
    text = text.replace(
        "decided_at: 2026-11-10T10:00:00+09:00", "decided_at: 2026-11-10T09:30:00+09:00"
    )
    commit(repo, "edit", {PATH: text.replace("response:\n", "response: {}\n")})
    result = check(repo)
    assert "GT012" in codes(result) and "GT013" in codes(result)


def test_closing_without_retrospective_fails_on_the_right_lines(repo: Path) -> None:
    start_branch(repo, {PATH: incident("resolved")})
    commit(repo, "close", {PATH: incident("closed", body=BODY_EMPTY)})
    result = check(repo)
    assert result.code == 1
    assert codes(result) == ["IF031"] * 6
    text = (repo / PATH).read_text("utf-8").splitlines()
    headed = {text[line - 1] for line in lines(result, "IF031")}
    assert headed == {
        "## Timeline",
        "## Cause",
        "## Retrospective",
        "### What went well",
        "### What went wrong",
        "### Where we got lucky",
    }


def test_closing_with_everything_filled_passes_with_a_checklist_warning(repo: Path) -> None:
    start_branch(repo, {PATH: incident("resolved")})
    commit(repo, "close", {PATH: incident("closed")})
    result = check(repo)
    assert result.code == 0, result.stdout
    assert codes(result, "warning") == ["GT032"]


def test_waiver_passes_and_is_reported(repo: Path) -> None:
    start_branch(repo, {PATH: incident("resolved")})
    waived = incident("closed", body=BODY_EMPTY).replace(
        "prevention:",
        "overrides:\n  - rule: IF031\n    reason: Retrospective moved to the quarterly review\n"
        "    approved_by: Suzuki (CTO)\nprevention:",
    )
    commit(repo, "close", {PATH: waived})
    result = check(repo)
    assert result.code == 0, result.stdout
    assert codes(result, "notice") == ["IF031"] * 6
    waivers = result.json()["incidents"][0]["waivers"]
    assert len(waivers) == 6 and "Suzuki (CTO)" in waivers[0]["message"]
    text = run_incident("check", "--base", "main", "--format", "text", cwd=repo)
    assert "WAIVER honoured: IF031" in text.stdout


def test_waiver_needs_reason_and_approver(repo: Path) -> None:
    start_branch(repo, {PATH: incident("resolved")})
    waived = incident("closed", body=BODY_EMPTY).replace(
        "prevention:",
        "overrides:\n  - rule: IF031\n    reason: ''\n    approved_by: x\nprevention:",
    )
    commit(repo, "close", {PATH: waived})
    assert "IF031" in codes(check(repo))


def test_closing_with_an_open_clock_is_refused(repo: Path) -> None:
    start_branch(repo, {PATH: incident("resolved")})
    text = (
        incident("closed")
        .replace(
            "  status: none\n  assessed_by: Tanaka (security)\n",
            "  status: confirmed\n  assessed_by: Tanaka (security)\n"
            "  escalated_at: 2026-11-10T09:10:00+09:00\n"
            "  categories: [card_number]\n  records_affected: 12\n",
        )
        .replace(
            "stakeholders: [engineering, cs]", "stakeholders: [engineering, cs, legal, security]"
        )
    )
    commit(repo, "close", {PATH: text})
    result = check(repo)
    assert result.code == 1
    assert {"CL001", "CL003"} & set(codes(result))


def test_broken_config_fails_the_check(repo: Path) -> None:
    start_branch(repo, {PATH: incident("detected")})
    config = (
        (repo / "incidentflow.yaml")
        .read_text("utf-8")
        .replace(
            "require_stakeholders: [legal, security]", "require_stakeholders: [legal, securty]"
        )
    )
    commit(repo, "config", {"incidentflow.yaml": config})
    result = check(repo)
    assert result.code == 1
    assert codes(result) == ["CF042"]


def test_github_format_annotations_and_job_summary(repo: Path) -> None:
    start_branch(repo, {PATH: incident("resolved")})
    commit(repo, "close", {PATH: incident("closed", body=BODY_EMPTY)})
    # No INCIDENTFLOW_LANG: the summary follows the config in force.
    result, markdown = check_in_actions(repo)
    assert result.code == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 6
    assert annotations[0].startswith(f"::error file={PATH},line=")
    # The summary speaks the config's language (the project's: ja).
    assert "incident check: 不合格" in markdown
    assert "🩹 復旧 → ✅ クロージング" in markdown


def test_annotations_stay_within_github_limits(repo: Path) -> None:
    files: dict[str, str | None] = {
        f"incidents/2026/INC-20261110-09{n:02d}-bad-ab12.md": "---\nid: [\n---\n" for n in range(15)
    }
    start_branch(repo, {})
    commit(repo, "many", files)
    result = run_incident("check", "--base", "main", "--format", "github", cwd=repo)
    out = result.stdout.splitlines()
    assert sum(line.startswith("::error ") for line in out) == 10
    assert any(line.startswith("::notice title=incidentflow::5 more") for line in out)


def test_base_from_pull_request_event(repo: Path, tmp_path: Path) -> None:
    start_branch(repo, {PATH: incident("decided")})
    base_sha = git(repo, "rev-parse", "main").strip()
    commit(repo, "rewind", {PATH: incident("investigating", fields_of="decided")})
    event = {
        "action": "synchronize",
        "number": 7,
        "pull_request": {
            "number": 7,
            "title": 'fix"; rm -rf / #',
            "base": {"ref": "main", "sha": base_sha},
            "head": {"ref": "$(touch /tmp/pwned)", "sha": git(repo, "rev-parse", "HEAD").strip()},
        },
        "repository": {"full_name": "acme/incidents"},
    }
    payload = tmp_path / "event.json"
    payload.write_text(json.dumps(event), "utf-8")
    result = run_incident(
        "check", "--format", "json", cwd=repo, env={"GITHUB_EVENT_PATH": str(payload)}
    )
    assert codes(result) == ["GT022"]


def test_unknown_base_is_a_usage_error(repo: Path) -> None:
    start_branch(repo, {PATH: incident("detected")})
    result = run_incident("check", "--base", "no-such-branch", cwd=repo)
    assert result.code == 2
    assert "fetch" in result.stderr


def test_no_base_outside_actions_is_a_usage_error(repo: Path) -> None:
    start_branch(repo, {PATH: incident("detected")})
    result = run_incident("check", cwd=repo)
    assert result.code == 2


def test_config_option_is_read_at_the_head_commit(repo: Path) -> None:
    start_branch(repo, {PATH: incident("decided")})
    commit(repo, "rewind", {PATH: incident("investigating", fields_of="decided")})
    for given in ("incidentflow.yaml", "./incidentflow.yaml", str(repo / "incidentflow.yaml")):
        result = run_incident(
            "--config", given, "check", "--base", "main", "--format", "json", cwd=repo
        )
        assert codes(result) == ["GT022"], given
