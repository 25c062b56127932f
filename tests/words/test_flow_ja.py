"""The flow family in Japanese: every kind of IF030-IF072 and CL001-CL007 finding, made by the
real rules from real files, reads as Japanese for a ja reader and names what to do; the
English stays what it was."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from incidentflow.config.settings import Config, load_config
from incidentflow.config.workspace import Repository
from incidentflow.rules.codes import KNOWN
from incidentflow.rules.findings import Finding
from incidentflow.rules.run import validate_bytes, validate_file, validate_repository
from incidentflow.words import _SPECS
from incidentflow.words.findings import message
from incidentflow.words.findings_flow import CLOCK_PROGRESS, MESSAGES
from tests.conftest import PROJECT_ROOT, git, run_incident
from tests.gate.fixtures import BODY_EMPTY, INCIDENT_ID, PATH, incident
from tests.rules.test_clocks import CARD_INCIDENT, card_incident
from tests.words.english import english_sentences

CONFIG = load_config(PROJECT_ROOT / "incidentflow.yaml").config
CARD_PATH = "incidents/2026/INC-20261120-0900-card-log-aa11.md"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _with(text: str, block: str) -> str:
    """``text`` with ``block`` added at the end of its front matter."""
    front, _, body = text.partition("\n---\n")
    return f"{front}\n{block.rstrip()}\n---\n{body}"


def _notes(text: str, notes: str) -> str:
    return text.replace("notifications:", f"clock_notes:\n{notes.rstrip()}\nnotifications:", 1)


INVESTIGATING = incident("investigating")
SUSPECTED = INVESTIGATING.replace(
    "  status: none\n",
    "  status: suspected\n  categories: [card_number]\n"
    "  aware_at: 2026-11-10T09:00:00+09:00\n"
    "  escalated_at: 2026-11-10T11:30:00+09:00\n",
)
CLOSED = incident("closed")
IMPORTED = """imported:
  source: https://status.example.org/incidents/123
"""

# One file per problem (or a few): (path, text). Each is validated on its own.
CASES: dict[str, tuple[str, str]] = {
    "status missing": (PATH, incident("detected").replace("status: detected\n", "")),
    "status empty": (PATH, incident("detected").replace("status: detected", "status:")),
    "title missing": (PATH, incident("detected").replace("title: Checkout errors", "x_title: C")),
    "decided without a decision": (PATH, incident("decided", fields_of="investigating")),
    "personal data not assessed": (
        PATH,
        INVESTIGATING.replace("  status: none\n", "  status: unknown\n"),
    ),
    "closed with empty sections": (PATH, incident("closed", body=BODY_EMPTY)),
    "closed without a retrospective": (
        PATH,
        incident("closed", body=BODY_EMPTY.split("## Retrospective")[0]),
    ),
    "renamed": (PATH.replace("ab12", "zz99"), incident("detected")),
    "unknown keys": (
        PATH,
        incident("decided")
        .replace("severity: sev2", "severity: sev5")
        .replace("[engineering, cs]", "[engineering, legl]"),
    ),
    # Personal data and a card number: legal and security by rule, liaison and cs by clocks;
    # escalated two and a half hours after detection.
    "teams and escalation": (PATH, SUSPECTED),
    "times out of order": (
        PATH,
        _with(
            incident("resolved").replace(
                "decided_at: 2026-11-10T10:00:00+09:00", "decided_at: 2026-11-10T08:00:00+09:00"
            ),
            "started_at: 2026-11-10T08:30:00+09:00\nmitigated_at: 2026-11-10T08:10:00+09:00\n"
            "reported_to_management_at: 2026-11-09T10:00:00+09:00",
        ).replace(
            "  duration_minutes: 150\n",
            "  duration_minutes: 150\n  exposure:\n    from: 2026-11-10T09:00:00+09:00\n"
            "    to: 2026-11-09T09:00:00+09:00\n",
        ),
    ),
    "a time in the future": (
        PATH,
        incident("resolved").replace("resolved_at: 2026-11-10", "resolved_at: 2027-11-10"),
    ),
    "overrides": (
        PATH,
        _with(
            SUSPECTED.replace("escalated_at: 2026-11-10T11:30", "escalated_at: 2026-11-10T09:10"),
            "overrides:\n"
            "  - rule: IF045\n    reason: the teams were called by phone\n"
            "    approved_by: Kato (legal)\n"
            "  - rule: CL0001\n    reason: x\n    approved_by: K\n"
            "  - rule: IF040\n    reason: x\n    approved_by: K\n"
            "  - rule: PD100\n    reason: x\n    approved_by: K\n",
        ),
    ),
    "unknown in a live record": (
        PATH,
        _with(CLOSED, "unknown:\n  decision.leader: the postmortem names nobody"),
    ),
    "imported with unknowns": (
        PATH,
        _with(
            CLOSED.replace("  leader: Suzuki (EM)\n", ""),
            IMPORTED + "unknown:\n  decision.leader: the postmortem names nobody\n"
            "  detected_at: not known\n  decision.leaderr: typo\n  retrospective.held_at: ''\n",
        ),
    ),
    "clock overdue": (CARD_PATH, card_incident("investigating", None)),
    "clock late, known to the day": (CARD_PATH, card_incident("responding", "2026-11-23")),
    "clock late, at a time": (
        CARD_PATH,
        card_incident("responding", "2026-11-23T11:30:00+09:00"),
    ),
    "closing with clocks late and open": (
        CARD_PATH,
        CARD_INCIDENT.format(status="closed", brands="2026-11-23"),
    ),
    "clock late, acknowledged": (
        CARD_PATH,
        _notes(
            card_incident("responding", "2026-11-23"),
            "  card-brands:\n    late_reason: the brands' contact form was down\n"
            "    approved_by: Kato (legal)",
        ),
    ),
    "clock done on an unknown date": (
        CARD_PATH,
        card_incident("responding", "unknown\n      unknown_reason: the log was lost"),
    ),
    "clock notes": (
        CARD_PATH,
        _notes(
            card_incident("responding", "2026-11-20T10:00:00+09:00"),
            "  card-brand:\n    not_applicable: x\n    approved_by: K\n"
            "  appi-final-report:\n    unknown: nobody knows\n    approved_by: K\n"
            "  card-acquirer:\n    not_applicable: the processor reports for us\n"
            "    approved_by: Kato (legal)",
        ),
    ),
    "imported clock not known": (
        CARD_PATH,
        _with(
            _notes(
                card_incident("responding", "2026-11-20T10:00:00+09:00"),
                "  appi-final-report:\n    unknown: the public report does not say\n"
                "    approved_by: Kato (legal)",
            ),
            IMPORTED,
        ),
    ),
}


def _validate(path: str, text: str, config: Config = CONFIG) -> list[Finding]:
    _, findings = validate_bytes(Repository(PROJECT_ROOT, config), text.encode("utf-8"), path)
    return findings


def _across_files(tmp_path: Path) -> list[Finding]:
    """IF041 and IF042: one ID in two year folders, found across a repository."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    shutil.copy(PROJECT_ROOT / "incidentflow.yaml", root / "incidentflow.yaml")
    for year in ("2025", "2026"):
        target = root / "incidents" / year / f"{INCIDENT_ID}.md"
        target.parent.mkdir(parents=True)
        target.write_text(incident("detected"), "utf-8")
    _, findings = validate_repository(Repository(root, CONFIG))
    return findings


def _without_clocks() -> list[Finding]:
    """CL005 where the config has no clocks at all."""
    config = CONFIG.model_copy(update={"clock_packs": []})
    text = _notes(card_incident("responding", None), "  card-brands:\n    x: y")
    return _validate(CARD_PATH, text, config)


def _all_findings(tmp_path: Path) -> Iterator[tuple[str, Finding]]:
    for name, (path, text) in CASES.items():
        for found in _validate(path, text):
            yield name, found
    for found in _across_files(tmp_path):
        yield "one id in two folders", found
    for found in _without_clocks():
        yield "no clocks in the config", found


def _kind(found: Finding) -> str:
    args = dict(found.args)
    kind = args.get("kind", "")
    return "waived" if any(name == "wrap" for name, _ in found.args) else kind


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Finding]]:
    return [
        (name, found)
        for name, found in _all_findings(tmp_path_factory.mktemp("flow"))
        if found.code in MESSAGES
    ]


def test_every_kind_of_flow_finding_is_made_by_a_real_file(
    made: list[tuple[str, Finding]],
) -> None:
    seen = {(found.code, _kind(found)) for _, found in made}
    catalogued = {(code, kind) for code, kinds in MESSAGES.items() for kind in kinds}
    assert catalogued - seen == set()
    assert any(kind == "waived" for _, kind in seen), "a waived finding"
    notes = {found.code for _, found in made if ("note", "did_you_mean") in found.args}
    assert notes >= {"IF043", "IF044", "IF060", "IF071", "CL005"}


def test_every_flow_finding_reads_in_japanese(made: list[tuple[str, Finding]]) -> None:
    for name, found in made:
        ja = message(found, "ja")
        assert JAPANESE.search(ja), (name, ja)
        assert english_sentences(ja) == [], (name, found.code, ja)
        assert ja != found.message, (name, ja)
        assert message(found, "en") == found.message


def test_values_stay_as_typed_and_the_fix_is_named(made: list[tuple[str, Finding]]) -> None:
    said = {(found.code, _kind(found)): message(found, "ja") for _, found in made}
    assert "severity 'sev5'" in said[("IF043", "unknown_severity")]
    assert "「sev4」の誤りではありませんか？" in said[("IF043", "unknown_severity")]
    assert "sev1、sev2、sev3、sev4 のいずれか" in said[("IF043", "unknown_severity")]
    assert "`incident new`" in said[("IF041", "duplicate")]
    # A clock: its Japanese name, never the English one, and lateness in days and hours.
    overdue = said[("CL001", "overdue")]
    assert "「カードブランドへの報告」（card-brands）" in overdue or "（appi-" in overdue
    assert "Report to the" not in " ".join(said.values())
    assert "日と" in overdue and "過ぎています" in overdue
    assert "recipient: " in overdue and "記録してください" in overdue
    assert "2時間30分後" in said[("IF046", "escalated_late")]
    assert "上限は1時間" in said[("IF046", "escalated_late")]


def test_lateness_reads_in_days_and_hours_in_both_languages(
    made: list[tuple[str, Finding]],
) -> None:
    late = [
        (message(found, "ja"), found.message)
        for name, found in made
        if found.code == "CL002" and "card-brands" in found.message
    ]
    ja = " ".join(text for text, _ in late)
    en = " ".join(text for _, text in late)
    assert "2日（日付単位）遅れて完了しました" in ja
    assert "2日と2時間遅れて完了しました" in ja
    assert "2 days late (known to the day)" in en and "2 days 2 h late" in en


def test_a_waived_finding_says_so_in_either_language(made: list[tuple[str, Finding]]) -> None:
    waived = next(found for _, found in made if _kind(found) == "waived")
    assert waived.message.startswith("WAIVED by override (approved by Kato (legal): ")
    ja = message(waived, "ja")
    assert ja.startswith("免除済み（override。承認：「Kato (legal)」")
    assert "stakeholders に" in ja


def test_the_command_prints_flow_findings_in_japanese(repo: Path) -> None:
    target = repo / CARD_PATH
    target.parent.mkdir(parents=True)
    target.write_text(card_incident("investigating", None), "utf-8")
    result = run_incident("validate", cwd=repo, env={"INCIDENTFLOW_LANG": "ja"})
    lines = [line for line in result.stdout.splitlines() if " CL00" in line or " IF04" in line]
    assert lines
    for line in lines:
        assert english_sentences(line) == [], line


def test_catalogue_codes_are_known_rules_and_specs_are_ours() -> None:
    assert set(MESSAGES) <= KNOWN
    for name in ("listing", "alternatives", "any_kind", "elapsed", "minutes", "lateness"):
        assert _SPECS[name].__module__ == "incidentflow.words.findings_flow", name


def test_clock_progress_words_exist_in_both_languages() -> None:
    for words in CLOCK_PROGRESS.values():
        ja = words("ja", span="3日", when="2026-11-20", lateness="1日超過")
        assert JAPANESE.search(ja) and english_sentences(ja) == []


def test_a_file_that_cannot_be_read_says_so_in_japanese(tmp_path: Path) -> None:
    folder = tmp_path / "incidents" / "2026" / "INC-20261110-0900-a-folder-ab12.md"
    folder.mkdir(parents=True)
    _, findings = validate_file(Repository(tmp_path, CONFIG), folder)
    (found,) = findings
    assert found.code == "IF000" and found.message.startswith("cannot read file: ")
    ja = message(found, "ja")
    assert ja.startswith("ファイルを読めません") and english_sentences(ja) == [], ja
