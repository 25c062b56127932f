"""The command line in a Japanese repository: validate, status, schema, index, new and their
errors print no English sentence; with ``INCIDENTFLOW_LANG=en`` the same commands read English.

Every run here follows the config's ``language: ja`` (``INCIDENTFLOW_LANG`` unset) unless it
asks for English.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from incidentflow.cli.output import display_width
from tests.conftest import PROJECT_ROOT, Result, git, run_incident
from tests.gate.fixtures import BODY_EMPTY, PATH, commit, incident, start_branch
from tests.words.english import english_sentences

JA = {"INCIDENTFLOW_LANG": ""}  # follow the config: language: ja
EN = {"INCIDENTFLOW_LANG": "en"}
DETECTED = "2026-11-29T09:30:00+09:00"
BROKEN_YAML = "---\nid: [oops\ntitle: 壊れたファイル\n---\n"


def japanese(*outputs: str) -> None:
    for output in outputs:
        assert not english_sentences(output), (english_sentences(output), output)


def run(repo: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return run_incident(*args, cwd=repo, env=JA if env is None else env)


def new_incident(
    repo: Path, title: str = "決済APIの応答遅延", slug: str = "payment-latency"
) -> Path:
    result = run(
        repo,
        "new",
        title,
        "--slug",
        slug,
        "--severity",
        "sev2",
        "--source",
        "system_alert",
        "--reported-by",
        "山田",
        "--detected-at",
        DETECTED,
    )
    assert result.code == 0, result.stderr
    japanese(result.stdout, result.stderr)
    return repo / result.stdout.strip()


def investigating(path: Path) -> None:
    """The incident moved on without what the next phase asks for: IF030 findings."""
    text = path.read_text("utf-8").replace("status: detected", "status: investigating", 1)
    path.write_text(text, "utf-8")


@pytest.fixture
def broken(repo: Path) -> tuple[Path, Path]:
    """One incident missing what its phase needs, and one file whose YAML does not parse."""
    incident = new_incident(repo)
    investigating(incident)
    unreadable = incident.parent / "INC-20261128-0900-broken-aa11.md"
    unreadable.write_text(BROKEN_YAML, "utf-8")
    return incident, unreadable


def test_validate_counts_in_japanese(repo: Path) -> None:
    new_incident(repo)
    result = run(repo, "validate")
    assert result.code == 0, result.stderr
    assert result.stdout.strip() == "1 件のファイルを検査しました。エラー 0 件、警告 0 件です。"


def test_validate_findings_in_japanese_in_every_format(
    repo: Path, broken: tuple[Path, Path], tmp_path: Path
) -> None:
    text = run(repo, "validate")
    assert text.code == 1
    assert ": エラー IF030 " in text.stdout and ": エラー IF010 " in text.stdout
    assert text.stdout.rstrip().endswith(
        "2 件のファイルを検査しました。エラー 4 件、警告 0 件です。"
    )
    japanese(text.stdout, text.stderr)

    payload = run(repo, "validate", "--format", "json").json()
    for finding in payload["findings"]:
        assert finding["level"] == "error"  # a key, the same in every language
        japanese(finding["message"])
        assert english_sentences(finding["message_en"]), finding  # the English for tools

    summary = tmp_path / "summary.md"
    github = run(
        repo,
        "validate",
        env={**JA, "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)},
    )
    annotations = [line for line in github.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 4
    japanese(*(line.split("::", 2)[2] for line in annotations))
    markdown = summary.read_text("utf-8")
    assert "| | ファイル | 行 | ルール | 対処 |" in markdown
    japanese(markdown)


def test_the_overflow_notice_in_japanese(repo: Path) -> None:
    incident = new_incident(repo)
    for number in range(12):
        copy = incident.parent / f"INC-20261128-09{number:02d}-broken-aa{number:02d}.md"
        copy.write_text(BROKEN_YAML, "utf-8")
    result = run(repo, "validate", "--format", "github")
    notice = next(line for line in result.stdout.splitlines() if line.startswith("::notice "))
    assert "ほか 2 件の指摘は注釈にしていません" in notice
    japanese(notice)


def test_status_overview_in_japanese(repo: Path, broken: tuple[Path, Path]) -> None:
    new_incident(repo, "ショップ管理画面にログインできない", "admin-login")
    result = run(repo, "status")
    assert result.code == 1  # the unreadable file
    header, *rows = result.stdout.split("\n\n", 1)[0].splitlines()
    assert header.split() == ["ID", "状態", "重大度", "不足", "期限", "件名"]
    assert any("障害初期調査 !3" in row for row in rows)
    # The columns line up on a terminal although Japanese characters take two columns each.
    starts = {display_width(line[: line.index("sev2")]) for line in rows}
    assert starts == {display_width(header[: header.index("重大度")])}
    assert "急ぐものから順に並べています。" in result.stdout
    assert "読み込めないファイル:" in result.stdout
    japanese(result.stdout, result.stderr)


def test_no_incidents_yet(repo: Path) -> None:
    result = run(repo, "status")
    assert result.stdout.strip().startswith("インシデントはまだありません。")
    japanese(result.stdout)


def test_one_incident_in_japanese(repo: Path, broken: tuple[Path, Path]) -> None:
    incident, unreadable = broken
    result = run(repo, "status", incident.stem)
    assert result.code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"{incident.stem}: 決済APIの応答遅延"
    assert "  状態:          investigating（障害初期調査）" in lines
    assert "  次のフェーズ:  decided（初期対応決定）に進むには次のものが必要です:" in lines
    assert "    - investigation.summary（14 行目）" in lines
    assert any(
        line.startswith("  問題:          エラー 3 件（`incident validate ") for line in lines
    )
    assert any(line.startswith("    - 14 行目: IF030 「investigation.summary」") for line in lines)
    japanese(result.stdout, result.stderr)

    unread = run(repo, "status", unreadable.stem)
    assert unread.stdout.startswith("読み込めないファイル:\n")
    japanese(unread.stdout)


def test_a_closed_incident_and_its_page_in_japanese(tmp_path: Path) -> None:
    shutil.copytree(PROJECT_ROOT / "incidents", tmp_path / "incidents")
    shutil.copy(PROJECT_ROOT / "incidentflow.yaml", tmp_path / "incidentflow.yaml")
    git(tmp_path, "init", "-q")
    closed = "INC-20260824-0915-credential-stuffing-sdgg"
    result = run(tmp_path, "status", closed)
    assert "  次のフェーズ:  なし（最終の状態です）" in result.stdout
    assert "  期限:" in result.stdout and "  連絡記録:" in result.stdout
    japanese(result.stdout)

    page = run(tmp_path, "status", closed, "--format", "markdown")
    assert page.code == 0
    japanese(page.stdout.split("```mermaid")[0])


def test_the_page_names_missing_sections_in_japanese(repo: Path) -> None:
    incident = new_incident(repo)
    text = incident.read_text("utf-8")
    # Resolved, so closing needs the retrospective sections the template leaves empty.
    incident.write_text(text.replace("status: detected", "status: resolved", 1), "utf-8")
    one = run(repo, "status", incident.stem)
    assert "    - セクション「ふりかえり」" in one.stdout
    page = run(repo, "status", incident.stem, "--format", "markdown").stdout
    assert "- セクション「ふりかえり」" in page and "- `closed_at`" in page
    japanese(one.stdout, page.split("```mermaid")[0])


def test_status_json_keeps_the_english_beside_the_japanese(
    repo: Path, broken: tuple[Path, Path]
) -> None:
    payload = run(repo, "status", "--format", "json").json()
    (finding,) = payload["findings"][:1]
    japanese(finding["message"])
    assert finding["message_en"].startswith("YAML syntax error")


def test_schema_and_index_in_japanese(repo: Path) -> None:
    new_incident(repo)
    for command, shown in (
        ("schema", "schemas/incident.schema.json"),
        ("index", "incidents/README.md"),
    ):
        missing = run(repo, command, "--check")
        assert missing.code == 1
        assert f"{shown}: エラー " in missing.stdout and "がありません。" in missing.stdout
        wrote = run(repo, command)
        assert wrote.stdout.strip() == f"{shown} を書き出しました。"
        again = run(repo, command)
        assert again.stdout.strip() == f"{shown} は変更ありません（すでに最新です）。"
        fresh = run(repo, command, "--check")
        assert fresh.code == 0 and fresh.stdout.strip() == f"{shown} は最新です。"
        target = repo / shown
        target.write_text(target.read_text("utf-8") + "\n余計な行\n", "utf-8")
        stale = run(repo, command, "--check")
        assert stale.code == 1 and "合っていません。" in stale.stdout
        japanese(missing.stdout, wrote.stdout, again.stdout, fresh.stdout, stale.stdout)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("new", " "), "incident new: TITLE: 件名が空です。"),
        (("new", "x", "--severity", "sev9"), "incident new: --severity: 「sev9」は重大度の候補"),
        (("new", "x", "--detected-at", "2026-11-29T15:30"), "タイムゾーンを付けるか"),
        (("new", "x", "--detected-at", "yesterday"), "ISO 8601 形式"),
        (("new", "x", "--detected-at", "2026-12-01T09:00+09:00"), "未来の日時です。"),
        (("new", "連絡は taro@gmail.com まで"), "個人情報（メールアドレス t***@gmail.com）"),
        (
            ("status", "INC-20990101-0000-nope"),
            "インシデント「INC-20990101-0000-nope」が見つかりません。",
        ),
        (("status", "INC-20990101-0000-nope", "--format", "markdown"), "が見つかりません。"),
    ],
)
def test_usage_errors_in_japanese(repo: Path, args: tuple[str, ...], expected: str) -> None:
    result = run(repo, *args)
    assert result.code == 2
    assert expected in result.stderr
    japanese(result.stderr)


def test_a_broken_config_is_reported_in_the_language_it_names(repo: Path) -> None:
    config = repo / "incidentflow.yaml"
    config.write_text(config.read_text("utf-8") + "\nseverities: [\n", "utf-8")
    for args in (("validate",), ("status",), ("new", "x")):
        result = run(repo, *args)
        assert result.code == 2
        assert (
            "incident: 設定ファイルにエラーがあります。先に修正してください（終了コード 2）。"
            in (result.stderr)
        )
        assert ": エラー CF010 " in result.stderr
        japanese(result.stdout, result.stderr)
    as_json = run(repo, "validate", "--format", "json")
    (finding,) = json.loads(as_json.stdout)["findings"]
    japanese(finding["message"])
    english = run(repo, "validate", env=EN)
    assert "the config has errors; fix them first (exit 2)" in english.stderr


def test_no_repository_here_in_japanese(tmp_path: Path) -> None:
    # Without a config the packaged default applies, and it is Japanese.
    result = run(tmp_path, "validate")
    assert result.code == 2
    assert "incidentflow.yaml もありません。" in result.stderr
    japanese(result.stderr)


def test_the_same_commands_in_english(repo: Path, broken: tuple[Path, Path]) -> None:
    incident, _ = broken
    validate = run(repo, "validate", env=EN)
    assert ": error IF030 investigation.summary is required" in validate.stdout
    assert validate.stdout.rstrip().endswith("2 files checked, 4 errors, 0 warnings")
    payload = run(repo, "validate", "--format", "json", env=EN).json()
    assert all("message_en" not in finding for finding in payload["findings"])
    overview = run(repo, "status", env=EN).stdout
    assert overview.startswith("ID") and "STATUS" in overview and "Most urgent first." in overview
    one = run(repo, "status", incident.stem, env=EN).stdout
    assert "  next:      decided (初期対応決定) needs:" in one
    assert "    - investigation.summary  (line 14)" in one
    page = run(repo, "status", incident.stem, "--format", "markdown", env=EN).stdout
    assert "What the next phase" in page
    assert run(repo, "schema", env=EN).stdout.startswith("wrote ")
    assert run(repo, "schema", "--check", env=EN).stdout.strip().endswith(" is up to date")
    unknown = run(repo, "status", "INC-20990101-0000-nope", env=EN)
    assert unknown.stderr.strip() == "incident status: TARGET: no incident 'INC-20990101-0000-nope'"
    new = run(repo, "new", "x", "--severity", "sev9", env=EN)
    assert "'sev9' is not one of sev1, sev2, sev3, sev4" in new.stderr


def test_check_as_json_and_annotations_in_japanese(repo: Path) -> None:
    start_branch(repo, {})
    body = incident("closed", body=BODY_EMPTY).replace("closed_at:", "closed_at_typo:", 1)
    commit(repo, "close", {PATH: body})
    payload = run(repo, "check", "--base", "main", "--format", "json").json()
    assert payload["findings"]
    for finding in payload["findings"]:
        japanese(finding["message"])
        assert finding["message_en"]
    github = run(repo, "check", "--base", "main", "--format", "github")
    annotations = [line for line in github.stdout.splitlines() if line.startswith("::error ")]
    assert annotations
    japanese(*(line.split("::", 2)[2] for line in annotations))
