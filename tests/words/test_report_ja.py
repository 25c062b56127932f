"""`incident report` and `incident remind` in a Japanese repository: every line of the
monthly report, the reminder list, the reminder comments and what `--post` did read in
Japanese, from real incident files; and every entry of their word tables says something in
both languages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from incidentflow.commands.remind import post_reminders, run_remind
from incidentflow.config.workspace import open_repository
from incidentflow.forge.interface import ForgeSettings
from incidentflow.forge.pygithub_adapter import PyGithubTracker
from incidentflow.forge.request_policy import RequestPolicy
from incidentflow.sync.markers import PREVENTION, IssueKey
from incidentflow.words import Words
from incidentflow.words.charts import POINTS, SECTIONS, SPANS
from incidentflow.words.notifications import CLOCK, COUNTS, KINDS, LOG, NOTE_KINDS, RECIPIENTS
from incidentflow.words.remind import COMMENT, LIST, POSTED, REMINDER
from incidentflow.words.report import CHARTS, REPORT, SOURCES
from tests.conftest import PROJECT_ROOT, git, run_incident
from tests.fake_github import FakeGitHub
from tests.gate.fixtures import INCIDENT_ID, PATH, incident
from tests.rules.test_clocks import CARD_INCIDENT, card_incident
from tests.words.english import english_sentences, sample

JA = {"INCIDENTFLOW_LANG": "ja"}
CARD_PATH = "incidents/2026/INC-20261120-0900-card-log-aa11.md"
PAST_PATH = "incidents/2026/INC-20261101-0000-past-outage-zz11.md"
DAY_PATH = "incidents/2026/INC-20261103-0000-day-only-yy22.md"


def japanese_closed_incident(tracking: str = "") -> str:
    text = incident("closed")
    for english, japanese in (
        ("Checkout errors for card payments", "カード決済のチェックアウトエラー"),
        ("Alert on connection pool saturation", "コネクションプールの飽和を監視する"),
        ("Review config changes to payment paths", "決済経路の設定変更をレビューする"),
        ("Sato (SRE)", "佐藤（SRE）"),
        ("Suzuki (EM)", "鈴木（EM）"),
        ("due: 2027-03-31", "due: 2026-12-20"),  # P2: overdue by January
    ):
        text = text.replace(english, japanese)
    return text.replace("prevention:", tracking + "prevention:", 1)


def make_repo(root: Path, card: str, *, tracking: str = "") -> Path:
    root.mkdir(exist_ok=True)
    (root / "incidentflow.yaml").write_bytes((PROJECT_ROOT / "incidentflow.yaml").read_bytes())
    files = {
        CARD_PATH: card.replace("Card numbers in debug logs", "デバッグログにカード番号"),
        PATH: japanese_closed_incident(tracking),
        # A past incident entered afterwards, known only to the day.
        PAST_PATH: japanese_closed_incident()
        .replace(INCIDENT_ID, "INC-20261101-0000-past-outage-zz11")
        .replace(
            "detected_at: 2026-11-10T09:00:00+09:00",
            "imported: {source: 'https://status.example.org/1'}\ndetected_at: 2026-11-01",
        )
        .replace("2026-11-10T", "2026-11-01T"),
        # A live incident known only to the day, with personal data not counted yet.
        DAY_PATH: incident("investigating")
        .replace(INCIDENT_ID, "INC-20261103-0000-day-only-yy22")
        .replace("Checkout errors for card payments", "日付だけ分かっている障害")
        .replace("detected_at: 2026-11-10T09:00:00+09:00", "detected_at: 2026-11-03")
        .replace(
            "  status: none\n  assessed_by: Tanaka (security)",
            "  status: suspected\n  escalated_at: 2026-11-03",
        ),
    }
    for relative, text in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    git(root, "init", "-q")
    return root


def assert_japanese(text: str) -> None:
    assert text.strip()
    assert english_sentences(text) == [], text


def test_the_monthly_report_reads_in_japanese(tmp_path: Path) -> None:
    late = CARD_INCIDENT.format(status="responding", brands="2026-11-25T12:00:00+09:00")
    repo = make_repo(tmp_path / "repo", late)
    env = {**JA, "INCIDENTFLOW_NOW": "2026-12-05T10:00:00+09:00"}

    result = run_incident("report", "--month", "2026-11", cwd=repo, env=env)

    assert result.code == 0, result.stderr
    report = result.stdout
    for expected in (
        "対象期間：2026-11-01 – 2026-11-30",
        "### 期限を過ぎた法令・契約上の対応",
        "理由未記録",
        "### 過去のインシデントの取り込み（指標には含めない）",
        "（件数未確定のインシデント 1 件を除く）",
        "区分：今やること",
        "_日付のみ判明の 1 件は分単位の指標から除外_",
    ):
        assert expected in report, expected
    assert_japanese(report)


def test_reminders_read_in_japanese(tmp_path: Path) -> None:
    late = CARD_INCIDENT.format(status="responding", brands="2026-11-25T12:00:00+09:00")
    repo = make_repo(tmp_path / "late", late)
    soon = make_repo(tmp_path / "soon", card_incident("investigating", None))
    later = {**JA, "INCIDENTFLOW_NOW": "2027-01-05T09:00:00+09:00"}

    listed = run_incident("remind", cwd=repo, env=later).stdout
    due_soon = run_incident(
        "remind", cwd=soon, env={**JA, "INCIDENTFLOW_NOW": "2026-11-20T21:00:00+09:00"}
    ).stdout

    assert "期限超過 5 件:" in listed and "期限後に完了・遅延理由の記録待ち 1 件:" in listed
    assert "再発防止策 P1「コネクションプールの飽和を監視する」の期限 2026-12-01" in listed
    assert "期限間近 1 件:" in due_soon and "残り12時間です" in due_soon
    for text in (listed, due_soon):
        assert_japanese(text)


def test_an_english_incident_is_reminded_and_reported_in_the_readers_language(
    tmp_path: Path,
) -> None:
    late = CARD_INCIDENT.format(status="responding", brands="2026-11-25T12:00:00+09:00")
    repo = make_repo(tmp_path / "repo", late.replace("severity: sev1", "severity: sev1\nlang: en"))
    env = {**JA, "INCIDENTFLOW_NOW": "2027-01-05T09:00:00+09:00"}

    listed = run_incident("remind", cwd=repo, env=env).stdout
    report = run_incident("report", "--month", "2026-11", cwd=repo, env=env).stdout

    assert "[法務]" in listed and "個人情報保護委員会への速報" in listed
    assert "カードブランドへの報告：4日と3時間超過" in report
    for text in (listed, report):
        assert_japanese(text)


def test_posted_reminders_and_what_was_done_read_in_japanese(
    tmp_path: Path, fake_github: FakeGitHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = IssueKey(PREVENTION, INCIDENT_ID, "P1")
    ours = fake_github.state.create_issue("P1", f"{key.marker}\n監視").number
    fake_github.state.add_user("mallory")
    stranger = fake_github.state.create_issue("hi", "unrelated", author="mallory").number
    tracking = f"tracking:\n  prevention:\n    P1: {ours}\n    P2: {stranger}\n"
    late = CARD_INCIDENT.format(status="responding", brands="2026-11-25T12:00:00+09:00")
    repo = make_repo(tmp_path / "repo", late, tracking=tracking)
    settings = ForgeSettings(
        fake_github.token, fake_github.repository, fake_github.url, fake_github.web_url
    )
    tracker = PyGithubTracker(settings, RequestPolicy(write_pause=0, backoff=0, max_wait=5))
    day = date(2027, 1, 5)
    monkeypatch.setenv("INCIDENTFLOW_NOW", "2027-01-05T09:00:00+09:00")
    found = run_remind(open_repository(repo))

    posted = post_reminders(found, tracker, day, fake_github.repository)
    again = post_reminders(found, tracker, day, fake_github.repository)

    said = {p.reminder.key: p.describe("ja") for p in posted}
    assert said["P1"] == "コメントしました"
    assert said["P2"].startswith(
        f"コメントしていません：イシュー #{stranger} は同期のものではありません"
    )
    assert "イシューが記録されていません" in said["card-brands"]
    assert {p.reminder.key: p.describe("ja") for p in again}["P1"] == "今日はリマインド済みです"
    for text in [*said.values(), *(p.describe("ja") for p in again)]:
        assert_japanese(text)
    assert {p.reminder.key: p.outcome for p in posted}["P1"] == "commented"
    (comment,) = fake_github.state.comments_on(ours)
    assert "⏰ 期限超過: 再発防止策 P1" in comment.body and "担当: 佐藤（SRE）" in comment.body
    assert_japanese(comment.body)


# -- the tables ---------------------------------------------------------------------------


def test_every_entry_renders_in_both_languages_and_the_japanese_has_no_english() -> None:
    tables: list[dict[str, Words]] = [
        REPORT, SOURCES, CHARTS, POINTS, SECTIONS, SPANS, CLOCK, COUNTS, KINDS, LOG,
        NOTE_KINDS, RECIPIENTS, COMMENT, LIST, POSTED, REMINDER,
    ]  # fmt: skip
    same = {("COUNTS", "value"), ("LIST", "item"), ("REMINDER", "clock")}
    assert REMINDER["completion_any"]("ja", recipients="card_brands") == (
        "recipient: card_brands、kind は任意"
    )
    for table in tables:
        for key, words in table.items():
            assert sample(words, "en"), key
            japanese = sample(words, "ja")
            assert english_sentences(japanese) == [], (key, japanese)
            if words.ja == words.en:
                assert any(key == entry for _, entry in same), key
