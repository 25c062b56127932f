"""The format family in Japanese: every kind of IF000-IF025 and CF0xx finding, made by the real
reader, model and config loader from real bytes (and the gate from a real git repository),
reads as Japanese for a ja reader and names what to do; the English stays what it was."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import pytest
from pydantic import BaseModel, ValidationError, field_validator

from incidentflow.config.checklists import check_checklists
from incidentflow.config.settings import (
    Config,
    config_from_bytes,
    default_config_text,
    load_config,
    parse_config,
)
from incidentflow.config.workspace import Repository
from incidentflow.errors import ConfigError
from incidentflow.gate.check import run_check
from incidentflow.record.load import read_document
from incidentflow.record.positions import PositionIndex
from incidentflow.rules.codes import KNOWN
from incidentflow.rules.findings import Finding
from incidentflow.rules.run import validate_bytes
from incidentflow.rules.schema import findings_from_error
from incidentflow.words import _SPECS
from incidentflow.words.findings import message
from incidentflow.words.findings_format import MESSAGES, REASONS
from tests.conftest import PROJECT_ROOT, git, run_incident
from tests.gate.fixtures import PATH, commit, incident, start_branch
from tests.words.english import english_sentences

CONFIG = load_config(PROJECT_ROOT / "incidentflow.yaml").config
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
DETECTED = incident("detected")


def _with(block: str, text: str = DETECTED) -> str:
    """``text`` with ``block`` added at the end of its front matter."""
    front, _, body = text.partition("\n---\n")
    return f"{front}\n{block.rstrip()}\n---\n{body}"


def _front(block: str) -> str:
    return f"---\n{block.rstrip()}\n---\n\n# Body\n"


_BOMB = "\n".join(
    [
        "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]",
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
        "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
        "e: [*d, *d]",
    ]
)

SYNTAX = _with("cause:\n  summary: timeout: pool exhausted")
WRONG_TYPES = _with(
    "stakeholders: engineering\n"
    "impact:\n  orders: many\n  shops: [1]\n  sites: 1.5\n  accounts: .nan\n"
    "  transactions: -1\n  people: {at_least: 5, about: 3}\n  cards: {}\n"
    "  records: {at_least: 5, at_most: 3}\n  amount: {value: 5, about: 4, currency: JPY}\n"
    "clock_notes: 1\n"
    "prevention:\n  - id: -x\n    done: maybe\n    due: 2026-02-30\n"
    "links:\n  - kind: press\n    url: ftp://example.org/x\n"
    "  - kind: press\n"
    "retrospective:\n  participants: [1]\n"
    "overrides:\n  - rule: x\n    reason: ''\n    approved_by: K\n"
).replace("detection:\n  source: system_alert", "detection:\n  source: system_alrt")

# Incident files, one problem (or a few) each: the bytes of the file.
FILES: dict[str, bytes | str] = {
    # the file itself
    "too large": b"x" * 1_000_001,
    "too many lines": "---\n---\n" + "x\n" * 10_001,
    "binary": DETECTED.replace("title:", "title: \x00", 1),
    "not UTF-8": DETECTED.encode() + b"\xff\n",
    "empty": "  \n",
    "no front matter": "# Checkout errors\n",
    "not closed": "---\nid: x\ntitle: y\n",
    # YAML
    "tab": _with("impact:\n\torders: 1"),
    "syntax": SYNTAX,
    "unreadable value": _with("impact:\n  orders: !!int many"),
    "duplicate key": _with("title: Again"),
    "tag": _with("cause: !secret x"),
    "self reference": _with("stakeholders: &x [*x]"),
    "alias bomb": _front(_BOMB),
    "empty front matter": "---\n# nothing yet\n---\n",
    "a list": _front("- id: x"),
    "a number key": _with("1: a"),
    "too deep": _with("cause: " + "[" * 70 + "]" * 70),
    "too deep by alias": _with(
        "cause: &a " + "[" * 40 + "]" * 40 + "\ntracking: " + "[" * 40 + "*a" + "]" * 40
    ),
    "too many": _with("stakeholders: [" + ", ".join(["x"] * 10_001) + "]"),
    "a number too long": _with("impact:\n  orders: " + "9" * 5_000),
    # fields
    "misplaced and unknown": _with("summary: x\nxyzzy: 1\nsevrity: sev2"),
    "fields of an earlier version": _with(
        "impact:\n  orders_affected: 5\n  amount_jpy: 1000\n"
        "notifications:\n  shops:\n    notified_at: '2026-11-04T11:00:00+09:00'"
    ),
    "wrong types": WRONG_TYPES,
    "more wrong types": _with(
        "investigation: 1\nlang: fr\nduplicate_of: x\n"
        "impact:\n  amount: {value: 5, currency: yen}\n"
        "notifications:\n  log:\n"
        "    - {recipient: police, kind: final, at: unknown}\n"
        "    - recipient: police\n      kind: report\n"
        "      at: 2026-11-10T10:00:00+09:00\n      unknown_reason: x\n"
        "    - {recipient: polise, kind: report, at: unknown, unknown_reason: y}\n"
        "clock_notes:\n  card-brands: {approved_by: K}\n"
    ).replace("status: detected", "status: 5"),
    "times": _with("mitigated_at: 2026-11-10T10:00:00").replace(
        "detected_at: 2026-11-10T09:00:00+09:00", "detected_at: 2026-02-30T09:00:00+09:00"
    ),
}

_BASE_CONFIG = default_config_text()
_WHEN = "when: {field: personal_data.status, in: [suspected, confirmed]}"
_CHECKLIST = ".github/incident-checklists/engineering.ja.md"

# Config texts, each with its problems: (old, new) replacements in the packaged config.
CONFIGS: dict[str, list[tuple[str, str]]] = {
    "settings": [
        ("timezone: Asia/Tokyo", "timezone: Mars/Base"),
        ("calendar: JP", "calendar: XX"),
        ("id_prefix: INC", "id_prefix: inc"),
        ("language: ja", "language: jp"),
        ("version: 1", "version: " + "9" * 30),
        ("escalation:", "escalaton:"),
    ],
    "folder not plain": [("incidents_dir: incidents", "incidents_dir: ../x")],
    "folder pattern": [("incidents_dir: incidents", "incidents_dir: 'a*'")],
    "folder too long": [("incidents_dir: incidents", "incidents_dir: " + "y" * 300)],
    "index in the folder": [
        ("incidents_dir: incidents", "incidents_dir: incidents\nindex_file: incidents/all.md")
    ],
    "index not markdown": [
        ("incidents_dir: incidents", "incidents_dir: incidents\nindex_file: docs/all.txt")
    ],
    "index not plain": [
        ("incidents_dir: incidents", "incidents_dir: incidents\nindex_file: ../all.md")
    ],
    "index value": [("incidents_dir: incidents", "incidents_dir: incidents\nindex_file: true")],
    "references": [
        ("  - key: cs\n", "  - key: engineering\n"),
        ("phase_requirements:\n", "phase_requirements:\n  closed: [xyz.quux]\n"),
        (_WHEN, "when: {field: personal_data.statuss, in: [x]}"),
        ("require_stakeholders: [legal, security]", "require_stakeholders: [legal, securty]"),
        ("require_stakeholders: [pr, management]", "require_stakeholders: [pr, nobody]"),
    ],
    "condition shapes": [
        (_WHEN, "when: {field: A, equals: [1], gt: x, exists: [1]}"),
        ("when: {field: severity, equals: sev1}", "when: {field: severity, lt: [2]}"),
        ("require_stakeholders: [legal, security]", "require_stakeholders: []"),
    ],
    "condition operators": [(_WHEN, "when: {field: personal_data.status}")],
    "condition lists": [(_WHEN, "when: {all: []}")],
    "keys": [
        ("  - key: sev4\n", "  - key: Sev-4\n"),
        ("phase_requirements:\n", "phase_requirements:\n  closd: [x]\n  zzz: [y]\n"),
    ],
    "a rule id": [("  - id: personal-data-escalation", "  - id: Personal data")],
    "declare": [
        (
            "sync:",
            "declare:\n  label: 'a,b'\n  issue_authors: [BOSS]\n"
            "  alert:\n    fields:\n      title: ['a b']\nsync:",
        )
    ],
    "a team": [("github: {team: acme/engineering,", "github: {team: engineering,")],
}


def _config_findings(text: str) -> list[Finding]:
    try:
        parse_config(text, "incidentflow.yaml")
    except ConfigError as error:
        return error.findings
    return []


def _config_cases(tmp_path: Path) -> Iterator[tuple[str, Finding]]:
    for name, replacements in CONFIGS.items():
        text = _BASE_CONFIG
        for old, new in replacements:
            assert old in text, (name, old)
            text = text.replace(old, new, 1)
        for found in _config_findings(text):
            yield name, found
    for name, text in (("yaml", "a: [\n"), ("duplicate", "a: 1\na: 2\n"), ("list", "- a\n")):
        for found in _config_findings(text):
            yield f"config {name}", found
    for name, raw in (("too large", b"#" * 1_000_001), ("not UTF-8", b"a: \xff\n")):
        with pytest.raises(ConfigError) as caught:
            config_from_bytes(raw, "incidentflow.yaml")
        yield f"config {name}", caught.value.findings[0]
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path, "incidentflow.yaml")  # a folder, not a file
    yield "config unreadable", caught.value.findings[0]
    path = tmp_path / "incidentflow.yaml"
    path.write_text(_BASE_CONFIG.replace(_CHECKLIST, "docs/checklists/missing.ja.md"), "utf-8")
    with pytest.raises(ConfigError) as caught:
        check_checklists(load_config(path), tmp_path, "incidentflow.yaml")
    yield "checklist", caught.value.findings[0]


def _add_raw(repo: Path, path: bytes, content: bytes, mode: str = "100644") -> None:
    """Commit a path git allows but a checkout may not (odd bytes, links) via the index."""
    sha = subprocess.run(
        ["git", "hash-object", "-w", "--stdin"],
        cwd=repo,
        input=content,
        capture_output=True,
        check=True,
    ).stdout.strip()
    if mode == "160000":
        sha = git(repo, "rev-parse", "HEAD").strip().encode()
    cacheinfo = mode.encode() + b"," + sha + b"," + path
    subprocess.run(
        [b"git", b"update-index", b"--add", b"--cacheinfo", cacheinfo], cwd=repo, check=True
    )
    git(repo, "commit", "-q", "-m", "raw")


def _folder_cases(repo: Path) -> Iterator[tuple[str, Finding]]:
    """IF007 and IF008 from the gate: what a change adds under the incidents folder."""
    start_branch(repo, {PATH: DETECTED})
    commit(repo, "export", {"incidents/2026/export.txt": "order list\n"})
    _add_raw(repo, b"incidents/2026/\xff.md", DETECTED.encode())
    _add_raw(repo, b"incidents/2026/bell\x07.md", DETECTED.encode())
    _add_raw(repo, "incidents/2026/\u200b.md".encode(), DETECTED.encode())
    _add_raw(repo, b"incidents/2026/link.md", PATH.encode(), "120000")
    _add_raw(repo, b"incidents/2026/vendored", b"", "160000")
    for found in run_check(repo, "main", "HEAD", None).findings:
        yield "folder", found


def _all_findings(repo: Path) -> Iterator[tuple[str, Finding]]:
    repository = Repository(PROJECT_ROOT, CONFIG)
    for name, text in FILES.items():
        raw = text.encode("utf-8") if isinstance(text, str) else text
        _, findings = validate_bytes(repository, raw, PATH)
        for found in findings:
            yield name, found
    _, unreadable = read_document(repo, PATH)  # a folder, not a file
    yield "unreadable", unreadable[0]
    yield from _config_cases(repo.parent)
    yield from _folder_cases(repo)


def _kind(found: Finding) -> str:
    return dict(found.args).get("kind", "")


def _family(code: str) -> str:
    """The catalogue's entry a code reads from: CF010 says what IF010 says."""
    shared = "IF" + code[2:]
    return shared if code.startswith("CF") and shared in MESSAGES else code


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Finding]]:
    root = tmp_path_factory.mktemp("format") / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "incidentflow.yaml").write_text(_BASE_CONFIG, "utf-8")
    return [(name, found) for name, found in _all_findings(root) if found.code in MESSAGES]


# Kinds no file can make, kept so that a future pydantic error or plain ValueError still reads
# in the reader's language; ``test_the_fallbacks_read_in_japanese`` makes them.
FALLBACKS = {("IF021", "invalid"), ("IF021", "other")}


def test_every_kind_of_format_finding_is_made_by_real_input(
    made: list[tuple[str, Finding]],
) -> None:
    seen = {(_family(found.code), _kind(found)) for _, found in made}
    catalogued = {(_family(code), kind) for code, kinds in MESSAGES.items() for kind in kinds}
    assert catalogued - seen - FALLBACKS == set()
    assert {code for _, found in made for code in [found.code] if code.startswith("CF")} >= {
        "CF000",
        "CF001",
        "CF003",
        "CF010",
        "CF011",
        "CF014",
        "CF020",
        "CF021",
        "CF022",
        "CF025",
        "CF040",
        "CF041",
        "CF042",
        "CF043",
    }


def test_every_format_finding_reads_in_japanese(made: list[tuple[str, Finding]]) -> None:
    for name, found in made:
        ja = message(found, "ja")
        assert JAPANESE.search(ja), (name, ja)
        assert english_sentences(ja) == [], (name, found.code, _kind(found), ja)
        assert ja != found.message, (name, ja)
        assert message(found, "en") == found.message
        assert "「「" not in ja and "」」" not in ja, ja


def _said(made: list[tuple[str, Finding]], code: str, kind: str) -> list[str]:
    return [message(found, "ja") for _, found in made if (found.code, _kind(found)) == (code, kind)]


def test_values_stay_as_typed_and_the_fix_is_named(made: list[tuple[str, Finding]]) -> None:
    [duplicate] = _said(made, "IF011", "duplicate_key")
    assert "キー「title」が 2 回" in duplicate and "'Again'" in duplicate
    assert "削除してください" in duplicate
    [source] = _said(made, "IF022", "not_allowed_suggested")[:1]
    assert "「detection.source」に 'system_alrt' は使えません" in source
    assert "「system_alert」の誤りではありませんか？" in source
    assert "'shop_inquiry'、'system_alert'" in source and " のいずれかを書いてください" in source
    [orders] = [text for text in _said(made, "IF021", "int_parsing") if "orders" in text]
    assert orders == "「impact.orders」には整数を書いてください（今の値: 'many'）。"
    [stakeholders] = _said(made, "IF021", "list_type")
    assert "「- 」で始まる行" in stakeholders
    [zone] = _said(made, "IF023", "no_zone")
    assert "「mitigated_at」" in zone and "+09:00" in zone
    [date] = [text for text in _said(made, "IF024", "not_a_time") if "detected_at" in text]
    assert "'2026-02-30T09:00:00+09:00'" in date and "その月にない日です" in date
    [home] = _said(made, "IF020", "misplaced")
    assert "「investigation.summary」または「cause.summary」に書く項目です" in home
    [bounds] = _said(made, "IF021", "count_bounds_reversed")
    assert "at_least（5）が at_most（3）より大きく" in bounds
    [syntax] = [text for text in _said(made, "IF010", "syntax") if "キー: 値" in text]
    assert "引用符で囲む" in syntax and "インデント、引用符、括弧を確認してください" in syntax
    [zone_name] = _said(made, "CF021", "unknown_time_zone")
    assert "'Mars/Base'" in zone_name and "Asia/Tokyo" in zone_name
    [key] = _said(made, "CF022", "key_not_allowed_suggested")
    assert "「phase_requirements」のキーに 'closd' は使えません" in key
    [unreadable] = _said(made, "CF000", "unreadable")
    assert "ファイルではなくフォルダーです" in unreadable


def test_the_english_stays_what_it_was(made: list[tuple[str, Finding]]) -> None:
    english = {found.message for _, found in made}
    assert "file is binary (it contains NUL bytes): incident files are UTF-8 Markdown text" in (
        english
    )
    assert (
        "impact.orders: Input should be a valid integer, unable to parse string as an integer; "
        "got 'many'. Fix the value." in english
    )
    assert "impact.records: at_least is larger than at_most." in english
    assert "timezone: unknown time zone 'Mars/Base' (use an IANA name)." in english
    assert any(
        text.startswith('found duplicate key "title" with value "Again"') for text in english
    )
    assert (
        "unknown field 'sevrity'. Did you mean 'severity'? Remove it or fix its spelling."
        in english
    )


class _Odd(BaseModel):
    uid: UUID | None = None
    name: str | None = None

    @field_validator("name")
    @classmethod
    def _plain(cls, value: str) -> str:
        raise ValueError("a plain reason from elsewhere")


def test_the_fallbacks_read_in_japanese() -> None:
    """A pydantic error type or a plain ValueError the catalogue does not name keeps its
    English as quoted data inside a Japanese sentence."""
    with pytest.raises(ValidationError) as caught:
        _Odd.model_validate({"uid": "not-a-uuid", "name": "x"})
    index = PositionIndex("uid: not-a-uuid\nname: x\n", 1)
    found = findings_from_error(
        caught.value, path="x.md", root=_Odd, positions=lambda: index, prefix="IF"
    )
    assert {(_family(f.code), _kind(f)) for f in found} == FALLBACKS
    for each in found:
        ja = message(each, "ja")
        assert JAPANESE.search(ja) and english_sentences(ja) == [], ja
    assert "uid: Input should be a valid UUID" in found[0].message
    assert found[1].message == "name: a plain reason from elsewhere."


def test_the_command_prints_format_findings_in_japanese(repo: Path) -> None:
    target = repo / PATH
    target.parent.mkdir(parents=True)
    target.write_text(WRONG_TYPES, "utf-8")
    (repo / "incidents" / "2026" / "INC-20261110-0930-broken-ab12.md").write_text(SYNTAX, "utf-8")
    result = run_incident("validate", cwd=repo, env={"INCIDENTFLOW_LANG": "ja"})
    lines = [line for line in result.stdout.splitlines() if re.search(r" IF0[12]\d ", line)]
    assert len(lines) > 10
    for line in lines:
        assert english_sentences(line) == [], line


def test_a_broken_config_is_told_in_japanese(repo: Path) -> None:
    (repo / "incidentflow.yaml").write_text(
        _BASE_CONFIG.replace("timezone: Asia/Tokyo", "timezone: Mars/Base"), "utf-8"
    )
    result = run_incident("validate", cwd=repo, env={"INCIDENTFLOW_LANG": "ja"})
    assert result.code == 2
    said = result.stdout + result.stderr
    assert "CF021" in said and "タイムゾーン 'Mars/Base' はありません" in said


def test_catalogue_codes_are_known_rules_and_specs_are_ours() -> None:
    for code in MESSAGES:
        assert code in KNOWN or code.startswith("CF"), code
    for name in ("path_or_top", "homes", "one_of", "got"):
        assert _SPECS[name].__module__ == "incidentflow.words.findings_format", name
    for name in ("yaml_problem", "date_reason", "os_error", "a_type"):
        assert _SPECS[name].__module__ == "incidentflow.words.library_texts", name


def test_every_validator_reason_is_a_kind_of_its_own() -> None:
    """``record.model.invalid`` raises by these kinds; each reads with its values."""
    values = {
        "where": "impact.people",
        "zone": "Mars/Base",
        "folder": "../x",
        "calendar": "XX",
        "path": "a b",
        "unknown": "BOSS",
        "choices": "MEMBER, OWNER",
        "at_least": "5",
        "at_most": "3",
        "value": "True",
    }
    for kind, words in REASONS.items():
        assert "{where" in words.ja, kind
        for code in ("IF021", "CF021"):
            assert MESSAGES[code][kind] is MESSAGES["IF021"][kind]
        ja = words("ja", **values)
        assert JAPANESE.search(ja) and english_sentences(ja) == [], (kind, ja)
        assert words("en", **values)


def test_config_parses_again_after_the_condition_fix() -> None:
    """A condition that is not a mapping is a finding, not a crash in the discriminator."""
    findings = _config_findings(_BASE_CONFIG.replace(_WHEN, "when: 1", 1))
    assert [(f.code, _kind(f)) for f in findings] == [("CF021", "model_type")]
    assert isinstance(parse_config(_BASE_CONFIG, "incidentflow.yaml"), Config)
