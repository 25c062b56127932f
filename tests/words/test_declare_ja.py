"""`incident declare` in a Japanese repository: what it prints, the pull request, the comments
on the issue and the lines it adds to the file read in Japanese, through real declarations
against the fake GitHub; and every entry of its word table says something in both languages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from incidentflow.words import Words
from incidentflow.words.declare import (
    COMMENTS,
    ERRORS,
    FIELDS,
    FILE,
    NOT_A_DECLARATION,
    NOTES,
    OUTCOMES,
    PERSONAL_ANSWERS,
    PULL,
)
from incidentflow.words.findings_gate import PERSONAL_DATA_KINDS
from tests.conftest import run_incident
from tests.declare.support import GOOD_ANSWERS, file_issue, pulls, serve, write_alert_event
from tests.fake_github import FakeGitHub
from tests.sync.support import FAST
from tests.words.english import english_sentences, sample

JA = {"INCIDENTFLOW_LANG": "ja"}
ANSWERS = {
    **GOOD_ANSWERS,
    "title": "カード決済がタイムアウトする",
    "observed": "3 つのショップから問い合わせ。09:40 ごろから決済が失敗する。",
    "source": "伝書鳩",  # not one of the form's choices: a note says so
    "personal_data": None,  # not answered: treated as unknown, escalated, noted
    "affected": "決済、約 30 ショップ",
}
ALERT = {
    "title": "決済のエラー率が 5% を超えた",
    "service": "checkout-api",
    "started_at": "yesterday",  # no usable time: a note says so
    "link": "https://grafana.example.com/d/checkout",
    "dedup_key": "checkout-api/error-rate",
}


def declare(repo: Path, gh: FakeGitHub, *args: str) -> Any:
    return run_incident("declare", *args, cwd=repo, env={**gh.env(), **FAST, **JA})


def assert_japanese(text: str) -> None:
    assert text.strip()
    assert english_sentences(text) == [], text


def test_a_declaration_from_an_issue_reads_in_japanese(
    repo: Path, tmp_path: Path, fake_github_factory: Any
) -> None:
    gh = serve(fake_github_factory, repo)
    number, event = file_issue(gh, tmp_path, ANSWERS, title="カード決済がタイムアウトする")

    result = declare(repo, gh, "--from-issue", str(event))
    again = declare(repo, gh, "--from-issue", str(event))

    assert result.code == 0, result.stdout + result.stderr
    assert "を申告しました：プルリクエスト #" in result.stdout
    assert "メモ：検知経路がフォームの選択肢になかったため" in result.stdout
    assert "申告済みです：" in again.stdout
    for text in (result.stdout, again.stdout):
        assert_japanese(text)
    (pull,) = pulls(gh)
    assert "緊急" in (pull.body or "") and "申告時の調整" in (pull.body or "")
    assert_japanese(pull.title + "\n" + (pull.body or ""))
    (comment,) = gh.state.comments_on(number)
    assert "障害として申告しました" in comment.body
    assert_japanese(comment.body)


def test_personal_data_and_other_issues_are_answered_in_japanese(
    repo: Path, tmp_path: Path, fake_github_factory: Any
) -> None:
    gh = serve(fake_github_factory, repo)
    answers = {**ANSWERS, "observed": "田中様 090-1234-5678 が支払えない。"}
    number, event = file_issue(gh, tmp_path, answers)
    refused = declare(repo, gh, "--from-issue", str(event))
    _, other = file_issue(gh, tmp_path, ANSWERS, labels=("question",), name="other.json")
    ignored = declare(repo, gh, "--from-issue", str(other))

    assert refused.code == 1 and "申告しませんでした：イシューに個人情報があります（電話番号）" in (
        refused.stdout
    )
    assert ignored.code == 0 and ignored.stdout.startswith("対象外：申告するものはありません")
    for text in (refused.stdout, ignored.stdout):
        assert_japanese(text)
    (comment,) = gh.state.comments_on(number)
    assert "- 何が起きていますか：電話番号 `090-****-5678`" in comment.body
    assert_japanese(comment.body)


def test_alerts_and_their_repeats_read_in_japanese(
    repo: Path, tmp_path: Path, fake_github_factory: Any
) -> None:
    gh = serve(fake_github_factory, repo)
    first = declare(repo, gh, "--from-alert", str(write_alert_event(tmp_path, ALERT, "1.json")))
    later = {**ALERT, "title": "決済のエラー率が 9% を超えた"}
    event = write_alert_event(tmp_path, later, "2.json")
    repeated = declare(repo, gh, "--from-alert", str(event))
    recorded = declare(repo, gh, "--from-alert", str(event))
    secret = {**ALERT, "dedup_key": "other", "service": "taro.yamada@gmail.com"}
    guarded = declare(repo, gh, "--from-alert", str(write_alert_event(tmp_path, secret, "3.json")))

    assert first.code == 0, first.stdout + first.stderr
    assert "タイムラインに 1 行追加しました" in repeated.stdout
    assert "このアラートは記録済みです" in recorded.stdout
    assert "アラートのサービスに個人情報があったため" in guarded.stdout
    for result in (first, repeated, recorded, guarded):
        assert_japanese(result.stdout)
    pull = pulls(gh)[0]
    assert pull.pull is not None
    assert_japanese(pull.title + "\n" + (pull.body or ""))
    (comment,) = gh.state.comments_on(pull.number)
    assert "同じアラートが再び届きました" in comment.body and "アラート再発:" in comment.body
    assert_japanese(comment.body)
    files = gh.state.git.head_changes(
        gh.state.git.resolve("main").sha,  # type: ignore[union-attr]
        gh.state.git.resolve(pull.pull.head).sha,  # type: ignore[union-attr]
    )
    (path,) = [name for name in files if name != "incidents/README.md"]  # and the index
    text = (gh.state.read_file(pull.pull.head, path) or b"").decode()
    assert "アラート再発: 決済のエラー率が 9% を超えた" in text


# -- the table ----------------------------------------------------------------------------


def test_every_entry_renders_in_both_languages_and_the_japanese_has_no_english() -> None:
    tables: list[dict[str, Words]] = [
        PULL, PERSONAL_ANSWERS, COMMENTS, FILE, NOTES, FIELDS, PERSONAL_DATA_KINDS,
        NOT_A_DECLARATION, OUTCOMES, ERRORS,
    ]  # fmt: skip
    for table in tables:
        for key, words in table.items():
            assert sample(words, "en"), key
            japanese = sample(words, "ja")
            assert english_sentences(japanese) == [], (key, japanese)
            assert words.ja != words.en or key == "finding", key


def test_why_a_declaration_cannot_run_reads_in_japanese(
    repo: Path, tmp_path: Path, fake_github_factory: Any
) -> None:
    gh = serve(fake_github_factory, repo)
    (tmp_path / "list.json").write_text("[1, 2]", "utf-8")
    (tmp_path / "broken.json").write_text("{", "utf-8")
    missing = declare(repo, gh, "--from-issue", str(tmp_path / "missing.json"))
    listed = declare(repo, gh, "--from-alert", str(tmp_path / "list.json"))
    broken = declare(repo, gh, "--from-alert", str(tmp_path / "broken.json"))

    assert missing.code == 2 and "を読めません" in missing.stderr
    assert listed.code == 2 and "JSON のオブジェクトがありません" in listed.stderr
    assert broken.code == 2 and "は JSON ではありません" in broken.stderr
    for result in (missing, listed, broken):
        assert_japanese(result.stderr)
