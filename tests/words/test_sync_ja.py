"""`incident sync` in a Japanese repository: every line it prints, the job summary, the issue
headers, the phase comments and its pull request read in Japanese, through real runs against
the fake GitHub; and every entry of its word tables says something in both languages."""

from __future__ import annotations

import json
import string
import time
from pathlib import Path
from typing import Any

from incidentflow.sync.lock import LOCK_FILE
from incidentflow.sync.markers import split_body
from incidentflow.words import Words
from incidentflow.words.issues import CLOCK, CLOCK_STATES, HEADER, HORIZONS, PHASE_COMMENT
from incidentflow.words.issues import PULL_REQUEST as ISSUE_PULL
from incidentflow.words.sync import (
    CHANGED,
    COUNT,
    DETAILS,
    DONE,
    ERRORS,
    JOB_SUMMARY,
    LEFT,
    OWNERSHIP,
    PLANNED,
    PLANNED_COUNT,
    SUBJECTS,
    SUMMARY,
    WRITE_BACK,
)
from tests.fake_github import FakeGitHub
from tests.sync.support import (
    BOT_BRANCH,
    commit_all,
    committed_files,
    incident_path,
    incident_text,
    sync,
    write_incident,
)
from tests.words.english import english_sentences

JA = {"INCIDENTFLOW_LANG": "ja"}
ITEMS = (
    {"id": "P1", "title": "テーマのエラーを監視する", "owner": "'@kato'", "due": "2026-12-20",
     "horizon": "now", "type": "monitoring"},
    {"id": "P2", "title": "カナリアリリース", "owner": "佐藤（SRE）", "due": "2027-02-01",
     "horizon": "later", "type": "process"},
)  # fmt: skip


def japanese_incident(number: int, **changes: Any) -> str:
    return incident_text(
        number,
        lang="ja",
        title="一部のショップで決済が失敗する",
        summary="新しいテーマのショップで決済が 500 を返す。",
        leader="加藤（決済）",
        **changes,
    )


def serve(factory: Any, repo: Path, **kwargs: Any) -> FakeGitHub:
    server: FakeGitHub = factory(files=committed_files(repo), **kwargs)
    return server


def assert_japanese(text: str) -> None:
    assert text.strip()
    assert english_sentences(text) == [], text


def headers(gh: FakeGitHub) -> list[str]:
    found = []
    for issue in gh.state.issues.values():
        split = split_body(issue.body or "")
        if split is not None:
            found.append(split.header)
    return found


def test_a_first_sync_says_everything_in_japanese(
    repo: Path, fake_github_factory: Any, tmp_path: Path
) -> None:
    write_incident(repo, 1, japanese_incident(1, prevention=ITEMS))
    commit_all(repo)
    gh = serve(fake_github_factory, repo, collaborators=["kato"])
    summary = tmp_path / "summary.md"

    planned = sync(repo, gh, "--dry-run", **JA)
    result = sync(repo, gh, GITHUB_STEP_SUMMARY=str(summary), INCIDENTFLOW_LANG="")

    assert planned.code == 0 and result.code == 0, result.stdout + result.stderr
    assert "作成予定" in planned.stdout and "ドライラン" in planned.stdout
    assert "作成" in result.stdout and "同期：" in result.stdout
    for text in (planned.stdout, result.stdout, summary.read_text("utf-8")):
        assert_japanese(text)
    bodies = headers(gh)
    assert len(bodies) == 4
    for header in bodies:
        assert_japanese(header)
    assert any("decided（初期対応決定）" in header for header in bodies)
    (pull,) = gh.state.pulls
    assert_japanese(pull.title + "\n" + (pull.body or ""))


def test_later_runs_say_what_changed_in_japanese(repo: Path, fake_github_factory: Any) -> None:
    write_incident(repo, 1, japanese_incident(1, stakeholders=["cs"]))
    commit_all(repo)
    gh = serve(fake_github_factory, repo)
    assert sync(repo, gh).code == 0
    write_incident(repo, 1, japanese_incident(1, stakeholders=["cs"], status="responding"))
    commit_all(repo, "responding")
    gh.state.put_file("main", incident_path(1), (repo / incident_path(1)).read_bytes())
    gh.faults.add("lost_write", method="POST", path=r"/comments$", count=1)

    result = sync(repo, gh, **JA)

    assert result.code == 0, result.stdout + result.stderr
    assert "decided（初期対応決定） → responding（障害対応）" in result.stdout
    assert "二重には投稿していません" in result.stdout
    assert_japanese(result.stdout)
    comments = [c.body for c in gh.state.comments_on(1)]
    assert len(comments) == 1 and "状態が" in comments[0]
    assert_japanese(comments[0])


def test_problems_and_duplicates_are_explained_in_japanese(
    repo: Path, fake_github_factory: Any
) -> None:
    items = [{"title": "番号のない対策", "owner": "誰か"}, ITEMS[1], dict(ITEMS[1], title="同じ")]
    write_incident(repo, 1, japanese_incident(1, stakeholders=["cs", "sales"], prevention=items))
    write_incident(repo, 2, japanese_incident(3))  # its id is not its file name
    commit_all(repo)
    gh = serve(fake_github_factory, repo)
    sync(repo, gh)
    first = gh.state.issues[1]
    used = gh.state.create_issue(first.title, first.body, labels=["incident"])
    gh.state.add_comment(used, "ここで始めました", author="acme")

    result = sync(repo, gh, **JA)

    assert "id をファイル名と同じにし" in result.stdout
    assert "番目の再発防止策" in result.stdout and "id がありません" in result.stdout
    assert "同じ id が 2 回使われています" in result.stdout
    assert f"#{first.number} と重複しています" in result.stdout
    assert_japanese(result.stdout)


def test_lost_creates_and_a_busy_lock_read_in_japanese(
    repo: Path, fake_github_factory: Any
) -> None:
    write_incident(repo, 1, japanese_incident(1, stakeholders=["cs"]))
    commit_all(repo)
    gh = serve(fake_github_factory, repo)
    live = {"owner": "other-run", "acquired_at": time.time(), "where": "workflow run 42"}
    gh.state.put_file(f"{BOT_BRANCH}-lock", LOCK_FILE, json.dumps(live), author=gh.state.bot.login)

    busy = sync(repo, gh, INCIDENTFLOW_LOCK_WAIT="0", **JA)

    assert busy.code == 1
    assert "別の同期が実行中です" in busy.stdout and "持ち越し" in busy.stdout
    assert_japanese(busy.stdout)

    gh.state.git.branches.pop(f"{BOT_BRANCH}-lock")
    gh.faults.add("lost_write", method="POST", path=r"/issues$", count=1)
    again = sync(repo, gh, **JA)
    assert again.code == 0, again.stdout
    assert "二重には作成していません" in again.stdout
    assert_japanese(again.stdout)


def test_github_failures_are_quoted_as_data(repo: Path, fake_github_factory: Any) -> None:
    write_incident(repo, 1, japanese_incident(1, stakeholders=["cs", "sales", "legal"]))
    commit_all(repo)
    gh = serve(fake_github_factory, repo)
    gh.faults.add("primary_rate_limit", method="POST", path=r"/issues$", skip=1, retry_after=3600)

    stopped = sync(repo, gh, INCIDENTFLOW_MAX_WAIT="5", **JA)

    assert stopped.code == 1
    assert "途中で止まりました：GitHub の応答：「" in stopped.stdout
    assert "もう一度 `incident sync` を実行してください" in stopped.stdout
    assert_japanese(stopped.stdout)


# -- the tables ---------------------------------------------------------------------------


def _sample(words: Words, language: str) -> str:
    # Phase words in the places a phase goes (a phase spec reads them).
    names = {name for _, name, _, _ in string.Formatter().parse(words.en) if name}
    names |= {name for _, name, _, _ in string.Formatter().parse(words.ja) if name}
    values = {name: "responding" if name in ("before", "after") else "x1" for name in names}
    return words(language, **values)


def test_every_entry_renders_in_both_languages_and_the_japanese_has_no_english() -> None:
    tables: list[dict[str, Words]] = [
        DONE, PLANNED, PLANNED_COUNT, SUMMARY, JOB_SUMMARY, SUBJECTS, DETAILS, CHANGED,
        WRITE_BACK, HEADER, HORIZONS, CLOCK, CLOCK_STATES, ISSUE_PULL, ERRORS, OWNERSHIP,
        {"left": LEFT, "count": COUNT, "phase": PHASE_COMMENT},
    ]  # fmt: skip
    for table in tables:
        for key, words in table.items():
            assert _sample(words, "en"), key
            japanese = _sample(words, "ja")
            assert english_sentences(japanese) == [], (key, japanese)
            if key not in ("in_incident", "heading"):
                assert words.ja != words.en, key


def test_why_the_sync_cannot_start_reads_in_japanese(repo: Path, fake_github_factory: Any) -> None:
    write_incident(repo, 1, japanese_incident(1, stakeholders=["cs"]))
    commit_all(repo)
    gh = serve(fake_github_factory, repo)
    unknown = sync(repo, gh, "INC-20990101-0000-nothing-zz99", **JA)
    config = repo / "incidentflow.yaml"
    config.write_text(
        config.read_text("utf-8").replace("branch: incidentflow/sync", "branch: main")
    )
    refused = sync(repo, gh, **JA)

    assert unknown.code == 2 and "インシデント「INC-20990101-0000-nothing-zz99」がありません" in (
        unknown.stderr
    )
    assert refused.code == 2 and "sync.branch が「main」です" in refused.stderr
    for text in (unknown.stderr, refused.stderr):
        assert_japanese(text)
