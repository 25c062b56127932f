"""`incident init --language ja`: what it prints, the next steps, the CODEOWNERS it writes and
why it cannot run read in Japanese; with `--language en`, in English; and every entry of its
word table says something in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from incidentflow.words.init import CODEOWNERS, ERRORS, RESULT
from tests.conftest import git, run_incident
from tests.words.english import english_sentences, sample

FOLLOW_CONFIG = {"INCIDENTFLOW_LANG": ""}


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    root = tmp_path / "adopter"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    return root


def test_init_in_japanese_says_everything_in_japanese(empty: Path) -> None:
    first = run_incident(
        "init", "--org", "shopco", "--language", "ja", "-y", cwd=empty, env=FOLLOW_CONFIG
    )
    again = run_incident(
        "init", "--org", "shopco", "--language", "ja", "-y", cwd=empty, env=FOLLOW_CONFIG
    )

    assert first.code == 0 and again.code == 0, first.stderr + again.stderr
    assert "作成：incidentflow.yaml" in first.stdout and "次のステップ：" in first.stdout
    assert "既存のまま：incidentflow.yaml" in again.stdout
    assert "CODEOWNERS に加える行の提案です" in again.stdout
    for text in (first.stdout, again.stdout):
        assert english_sentences(text) == [], text
    codeowners = (empty / ".github" / "CODEOWNERS").read_text("utf-8")
    assert codeowners.startswith("# `incident init` による提案です。")
    comment = "\n".join(line for line in codeowners.splitlines() if line.startswith("#"))
    assert english_sentences(comment) == [], comment


def test_init_in_english_says_everything_in_english(empty: Path) -> None:
    result = run_incident(
        "init", "--org", "shopco", "--language", "en", "-y", cwd=empty, env=FOLLOW_CONFIG
    )

    assert result.code == 0, result.stderr
    assert "wrote incidentflow.yaml" in result.stdout and "\nNext:\n" in result.stdout
    assert "# Suggested by `incident init`" in (empty / ".github" / "CODEOWNERS").read_text("utf-8")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--org", "bad org"), "「bad org」は GitHub の組織名やユーザー名として使えません"),
        (("--org", "shopco", "--team", "nobody=x"), "「nobody」は設定ファイルのチームにありません"),
        (("--org", "shopco", "--team", "cs=bad slug"), "チームのスラッグとして使えません"),
        (("--org", "shopco", "--branch", "-x"), "ブランチ名として書き込めません"),
        (("--org", "shopco", "--requirement", "pkg;rm"), "使える文字は英数字と"),
        (("--org", "shopco", "--timezone", "Asia/To kyo"), "timezone として書き込めません"),
    ],
)
def test_why_init_cannot_run_reads_in_japanese(
    empty: Path, args: tuple[str, ...], expected: str
) -> None:
    result = run_incident("init", *args, "-y", cwd=empty, env={"INCIDENTFLOW_LANG": "ja"})

    assert result.code == 2
    assert expected in result.stderr, result.stderr
    assert english_sentences(result.stderr) == [], result.stderr


def test_every_entry_renders_in_both_languages_and_the_japanese_has_no_english() -> None:
    for key, words in [*RESULT.items(), *ERRORS.items(), ("codeowners", CODEOWNERS)]:
        assert sample(words, "en"), key
        japanese = sample(words, "ja")
        assert english_sentences(japanese) == [], (key, japanese)
        assert words.ja != words.en, key
