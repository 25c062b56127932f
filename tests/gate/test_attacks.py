"""The gate against a contributor who wants a change to pass: each attack as a real git
scenario, checked through the real CLI, each expecting a refusal with its rule code."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import Result, git, run_incident
from tests.gate.fixtures import (
    INCIDENT_ID,
    PATH,
    check_in_actions,
    commit,
    incident,
    start_branch,
)

CONFIG = "incidentflow.yaml"


def check(repo: Path, *extra: str) -> Result:
    return run_incident("check", "--base", "main", "--format", "json", *extra, cwd=repo)


def findings(result: Result, level: str | None = None) -> list[dict[str, object]]:
    every = result.json()["findings"]
    assert isinstance(every, list)
    return [f for f in every if level is None or f["level"] == level]


def codes(result: Result, level: str = "error") -> set[str]:
    return {str(f["code"]) for f in findings(result, level)}


def config_text(repo: Path) -> str:
    return (repo / CONFIG).read_text("utf-8")


# A change that the base's config refuses: investigating without the investigation fields.
UNFINISHED = incident("investigating", fields_of="detected")
WITH_EMAIL = incident("detected") + "\nThe shop owner wrote from owner@shopmail.co.jp.\n"


def _edit(old: str, new: str) -> object:
    def apply(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return apply


RELAXATIONS = {
    "incidents_dir moved away": (
        _edit("incidents_dir: incidents", "incidents_dir: elsewhere"),
        {PATH: UNFINISHED},
        {"GT040", "IF030"},
    ),
    "incidents_dir by a YAML escape": (
        _edit("incidents_dir: incidents", 'incidents_dir: "incident\\x73/2025"'),
        {PATH: UNFINISHED},
        {"GT040", "IF030"},
    ),
    "phase requirement dropped": (
        _edit("resolved: [impact.duration_minutes]", "resolved: []"),
        {PATH: incident("detected")},
        {"GT040"},
    ),
    "stakeholder rule removed": (
        _edit("  - id: sev1-communication", "  - id: sev1-communications"),
        {PATH: incident("detected")},
        {"GT040"},
    ),
    "clock pack removed": (
        _edit("  - id: card-data", "  - id: card-data-later"),
        {PATH: incident("detected")},
        {"GT040"},
    ),
    "law date moved later": (
        _edit("effective_from: 2022-04-01", "effective_from: 2030-04-01"),
        {PATH: incident("detected")},
        {"GT040"},
    ),
    "clock completed by any regulator entry": (
        _edit(
            "completed_by: {recipient: regulator, kind: final}",
            "completed_by: {recipient: [regulator, other]}",
        ),
        {PATH: incident("detected")},
        {"GT040"},
    ),
    "mail domain allowed": (
        _edit(
            "allowed_email_domains: [acme.example]",
            "allowed_email_domains: [acme.example, shopmail.co.jp]",
        ),
        {PATH: WITH_EMAIL},
        {"GT040", "PD103"},
    ),
    "value allowed": (
        _edit("  allow: []", "  allow: [{value: owner@shopmail.co.jp, reason: a test shop}]"),
        {PATH: WITH_EMAIL},
        {"GT040", "PD103"},
    ),
    "escalation slowed": (
        _edit("personal_data_max_minutes: 60", "personal_data_max_minutes: 6000"),
        {PATH: incident("detected")},
        {"GT040"},
    ),
    "time zone moved": (
        _edit("timezone: Asia/Tokyo", "timezone: Pacific/Kiritimati"),
        {PATH: incident("detected")},
        {"GT040"},
    ),
    "sync aimed at main": (
        _edit("branch: incidentflow/sync", "branch: main"),
        {},
        {"GT040"},
    ),
}


@pytest.mark.parametrize("name", list(RELAXATIONS))
def test_a_pull_request_cannot_relax_the_config_that_judges_it(repo: Path, name: str) -> None:
    edit, files, expected = RELAXATIONS[name]
    start_branch(repo, {PATH: incident("detected")})
    relaxed = edit(config_text(repo))  # type: ignore[operator]
    commit(repo, "relax", {CONFIG: relaxed, **files})
    result = check(repo)
    assert result.code == 1, result.stdout
    assert expected <= codes(result), (name, result.stdout)
    gt040 = [f for f in findings(result, "error") if f["code"] == "GT040"]
    assert gt040 and all(f["path"] == CONFIG and f["line"] for f in gt040)
    assert "approvals" in str(gt040[0]["message"])


def test_deleting_the_config_is_a_relaxation(repo: Path) -> None:
    stricter = config_text(repo).replace(
        "resolved: [impact.duration_minutes]",
        "resolved: [impact.duration_minutes]\n  detected: [detection.channel]",
    )
    (repo / CONFIG).write_text(stricter, "utf-8")
    start_branch(repo, {PATH: incident("detected")})
    git(repo, "rm", "-q", CONFIG)
    git(repo, "commit", "-q", "-m", "drop config")
    result = check(repo)
    assert result.code == 1
    assert "GT040" in codes(result)


def test_a_broken_config_in_the_change_fails(repo: Path) -> None:
    start_branch(repo, {PATH: incident("detected")})
    commit(repo, "break", {CONFIG: config_text(repo).replace("version: 1", "version: [")})
    result = check(repo)
    assert result.code == 1
    assert any(code.startswith("CF") for code in codes(result))


def approved(text: str, change: str) -> str:
    return text + (
        f"\napprovals:\n  - change: {change}\n    reason: Partner shops write from this domain\n"
        "    approved_by: Kato (legal)\n"
    )


def test_an_approved_relaxation_passes_and_is_reported(repo: Path) -> None:
    start_branch(repo, {PATH: incident("detected")})
    relaxed = config_text(repo).replace(
        "allowed_email_domains: [acme.example]",
        "allowed_email_domains: [acme.example, partner.example]",
    )
    commit(repo, "relax", {CONFIG: approved(relaxed, "privacy.allowed_email_domains")})
    result = check(repo)
    assert result.code == 0, result.stdout
    notices = [f for f in findings(result, "notice") if f["code"] == "GT041"]
    assert notices and "Kato (legal)" in str(notices[0]["message"])
    text = run_incident("check", "--base", "main", "--format", "text", cwd=repo)
    assert "GT041" in text.stdout
    _, markdown = check_in_actions(repo)
    assert "設定の緩和" in markdown and "承認済み" in markdown and "Kato (legal)" in markdown


def test_allow_hits_are_listed_in_the_job_summary(repo: Path) -> None:
    start_branch(repo, {PATH: incident("detected")})
    allowed = WITH_EMAIL.replace(
        "detection:",
        "personal_data:\n  allow:\n    - value: owner@shopmail.co.jp\n"
        "      reason: the shop's published support address\ndetection:",
    )
    commit(repo, "allow", {PATH: allowed})
    result, markdown = check_in_actions(repo)
    assert result.code == 0, result.stdout
    assert "::notice " in result.stdout
    assert "個人情報の例外" in markdown and "PD103" in markdown


def test_an_approval_from_the_base_approves_nothing_new(repo: Path) -> None:
    approved_once = approved(config_text(repo), "privacy")
    commit(repo, "base with an old approval", {CONFIG: approved_once, PATH: incident("detected")})
    git(repo, "checkout", "-q", "-b", "change")
    relaxed = approved_once.replace(
        "allowed_email_domains: [acme.example]",
        "allowed_email_domains: [acme.example, anything.example]",
    )
    commit(repo, "relax again", {CONFIG: relaxed})
    result = check(repo)
    assert result.code == 1
    assert "GT040" in codes(result)


def test_an_approval_does_not_cover_another_relaxation(repo: Path) -> None:
    start_branch(repo, {PATH: incident("detected")})
    relaxed = config_text(repo).replace("resolved: [impact.duration_minutes]", "resolved: []")
    commit(repo, "relax", {CONFIG: approved(relaxed, "privacy.allowed_email_domains")})
    assert "GT040" in codes(check(repo))


def test_the_change_must_pass_under_the_base_config_even_when_approved(repo: Path) -> None:
    """An approved new mail domain applies after merging: the incident that uses it waits."""
    start_branch(repo, {PATH: incident("detected")})
    relaxed = config_text(repo).replace(
        "allowed_email_domains: [acme.example]",
        "allowed_email_domains: [acme.example, shopmail.co.jp]",
    )
    commit(
        repo,
        "relax and use",
        {CONFIG: approved(relaxed, "privacy.allowed_email_domains"), PATH: WITH_EMAIL},
    )
    result = check(repo)
    assert result.code == 1
    assert "PD103" in codes(result)


def test_the_change_must_pass_under_the_proposed_config_too(repo: Path) -> None:
    """A tightening in the same change applies at once: the incident must meet it."""
    start_branch(repo, {PATH: incident("detected")})
    tightened = config_text(repo).replace(
        "resolved: [impact.duration_minutes]",
        "resolved: [impact.duration_minutes]\n  detected: [detection.channel]",
    )
    commit(repo, "tighten", {CONFIG: tightened, PATH: incident("detected") + "\nMore.\n"})
    result = check(repo)
    messages = [str(f["message"]) for f in findings(result, "error")]
    assert result.code == 1, result.stdout
    assert any(m.startswith("under the proposed config") for m in messages), messages


def test_relevance_follows_the_base_config_however_it_is_written(repo: Path) -> None:
    """A folder the YAML spells with escapes and quotes is still the folder the gate checks."""
    spelled = config_text(repo).replace(
        "incidents_dir: incidents", 'incidents_dir: "rec\\u006Frds"'
    )
    commit(
        repo,
        "base",
        {CONFIG: spelled, "records/2026/" + PATH.rsplit("/", 1)[1]: incident("detected")},
    )
    git(repo, "checkout", "-q", "-b", "change")
    commit(repo, "bad", {"records/2026/" + PATH.rsplit("/", 1)[1]: UNFINISHED})
    result = check(repo)
    assert result.code == 1
    assert result.json()["files"] == 1
    assert "IF030" in codes(result)


@pytest.mark.parametrize(
    "folder", [":(exclude)incidents", "incidents/*", "../incidents", "/incidents", "a\nb"]
)
def test_a_pattern_or_escape_as_incidents_dir_is_refused(repo: Path, folder: str) -> None:
    text = config_text(repo).replace("incidents_dir: incidents", f"incidents_dir: {folder!r}")
    (repo / CONFIG).write_text(text.replace("'\\n'", "\\n"), "utf-8")
    result = run_incident("validate", "--format", "json", cwd=repo)
    assert result.code == 2, result.stdout
    assert any(f["path"] == CONFIG for f in findings(result))


# --- every file under the incidents folder is accounted for -----------------------------

CARD = "4539 1488 0343 6467"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("incidents/2026/export.csv", f"order;card\nA-1;{CARD}\n", {"IF007", "PD101"}),
        (
            "incidents/2026/orders.csv",
            f"order,card,at\n1,{CARD.replace(' ', '')},2026-11-10\n",
            {"IF007", "PD101"},
        ),
        ("incidents/2026/notes.txt", "call back the shop owner\n", {"IF007"}),
        ("incidents/2026/INC-20261110-0930-upper-ab12.MD", "---\nid: x\n", {"IF007"}),
        ("incidents/.gitattributes", "*.md linguist-generated\n", {"IF007"}),
        ("incidents/2026/raw.yaml", "email: owner@shopmail.co.jp\n", {"IF007", "PD103"}),
        # incidents/README.md is also the incident index: hand-written, it is stale (SC002).
        ("incidents/README.md", "Ask owner@shopmail.co.jp for details.\n", {"PD103", "SC002"}),
        ("incidents/2026/screenshot.png", "\x89PNG\r\n\x1a\n\x00\x00", {"IF007"}),
    ],
)
def test_files_that_are_not_incidents(
    repo: Path, name: str, content: str, expected: set[str]
) -> None:
    start_branch(repo, {PATH: incident("detected")})
    commit(repo, "add", {name: content})
    result = check(repo)
    assert result.code == 1, result.stdout
    assert codes(result) == expected
    validate = run_incident("validate", "--format", "json", cwd=repo)
    assert validate.code == 1
    assert codes(validate) == expected - {"SC002"}  # the index is the gate's and --check's


def test_an_empty_placeholder_is_fine(repo: Path) -> None:
    start_branch(repo, {PATH: incident("detected")})
    commit(repo, "keep", {"incidents/2027/.gitkeep": ""})
    assert check(repo).code == 0
    assert run_incident("validate", cwd=repo).code == 0


def _add_raw(repo: Path, path: str, content: bytes, mode: str = "100644") -> None:
    """Commit a path git allows but a checkout may not (newlines, gitlinks) via the index."""
    if mode == "160000":
        sha = git(repo, "rev-parse", "HEAD").strip()
    else:
        sha = (
            subprocess.run(
                ["git", "hash-object", "-w", "--stdin"],
                cwd=repo,
                input=content,
                capture_output=True,
                check=True,
            )
            .stdout.decode()
            .strip()
        )
    git(repo, "update-index", "--add", "--cacheinfo", f"{mode},{sha},{path}")
    git(repo, "commit", "-q", "-m", "raw")


@pytest.mark.parametrize(
    "suffix",
    [
        "\nHEAD:incidents/2026/other.md",
        "\n",
        "\t.md",
        "\u202egpj.md",
        "\u200b.md",
        "\x1b[2J.md",
    ],
)
def test_control_and_invisible_characters_in_names(repo: Path, suffix: str) -> None:
    start_branch(repo, {PATH: incident("detected")})
    _add_raw(repo, f"incidents/2026/{INCIDENT_ID}{suffix}", UNFINISHED.encode())
    result = check(repo)
    assert result.code == 1, result.stdout
    assert "IF008" in codes(result)
    for finding in findings(result):
        assert "\n" not in str(finding["path"]) and "\u202e" not in str(finding["path"])


def test_a_newline_name_cannot_swap_the_blob_that_is_judged(repo: Path) -> None:
    """The old request stream read `<rev>:<path>\\n` lines: a name with a newline asked for
    another file. A good file is modified next to such a name; both are judged for what they
    are."""
    start_branch(repo, {PATH: incident("detected")})
    _add_raw(repo, f"{PATH}\nmain:{PATH}", b"whatever")
    commit(repo, "bad", {PATH: UNFINISHED})
    result = check(repo)
    assert result.code == 1
    assert {"IF008", "IF030"} <= codes(result)


def test_symlinks_and_submodules(repo: Path) -> None:
    start_branch(repo, {PATH: incident("detected")})
    _add_raw(repo, "incidents/2026/INC-20261110-0901-link-ab12.md", PATH.encode(), "120000")
    _add_raw(repo, "incidents/2026/vendored", b"", "160000")
    result = check(repo)
    assert result.code == 1
    assert codes(result) == {"IF008"}
    assert len([f for f in findings(result) if f["code"] == "IF008"]) == 2


def test_gate_files_changed_are_named(repo: Path) -> None:
    start_branch(repo, {PATH: incident("detected")})
    commit(
        repo,
        "workflow",
        {
            ".github/workflows/incident-check.yml": "on: push\n",
            ".github/CODEOWNERS": "* @someone\n",
        },
    )
    result = check(repo)
    assert result.code == 0
    warned = {str(f["path"]) for f in findings(result, "warning") if f["code"] == "GT042"}
    assert warned == {".github/workflows/incident-check.yml", ".github/CODEOWNERS"}


# --- a status is required ------------------------------------------------------------------


def test_deleting_the_status_of_a_closed_incident_fails(repo: Path) -> None:
    start_branch(repo, {PATH: incident("closed")})
    commit(repo, "drop status", {PATH: incident("closed").replace("status: closed\n", "")})
    result = check(repo)
    assert result.code == 1
    assert {"IF030", "GT023"} <= codes(result)


@pytest.mark.parametrize("status", ["status:", "status: ''", "status: [closed]", "status: null"])
def test_emptying_the_status_fails(repo: Path, status: str) -> None:
    start_branch(repo, {PATH: incident("closed")})
    commit(repo, "empty status", {PATH: incident("closed").replace("status: closed", status)})
    result = check(repo)
    assert result.code == 1
    assert "GT023" in codes(result)


def test_a_new_file_holding_only_an_id_fails(repo: Path) -> None:
    start_branch(repo, {})
    commit(repo, "only id", {PATH: f"---\nid: {INCIDENT_ID}\n---\n"})
    result = check(repo)
    assert result.code == 1
    assert "IF030" in codes(result)


def test_a_status_removal_cannot_be_waived(repo: Path) -> None:
    start_branch(repo, {PATH: incident("closed")})
    waived = incident("closed").replace(
        "status: closed\n",
        "overrides:\n  - rule: GT023\n    reason: reopen\n    approved_by: me\n"
        "  - rule: IF030\n    reason: reopen\n    approved_by: me\n",
    )
    commit(repo, "waive", {PATH: waived})
    result = check(repo)
    assert result.code == 1
    assert {"IF030", "GT023"} <= codes(result)
