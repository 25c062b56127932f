"""`incident check` in Japanese from end to end: the job summary and the text log of a ja
repository, with a waiver, relaxations approved and not, an accepted value and findings,
read without an English sentence; INCIDENTFLOW_LANG=en reads the same run in English."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Result, run_incident
from tests.gate.fixtures import BODY_EMPTY, PATH, check_in_actions, commit, incident, start_branch
from tests.words.english import english_sentences

CONFIG = "incidentflow.yaml"
WAIVER = (
    "overrides:\n  - rule: IF031\n    reason: 振り返りは別紙で実施済み\n"
    "    approved_by: Suzuki (EM)\n"
)
ALLOW = (
    "personal_data:\n  allow:\n    - value: support@shopmail.co.jp\n"
    "      reason: ショップが公開しているサポート窓口\n  status: none"
)


def _scenario(repo: Path) -> None:
    """A closing with a waived finding, an accepted e-mail address, a phone number, an
    approved relaxation and an unapproved one."""
    config = (repo / CONFIG).read_text("utf-8")
    start_branch(repo, {PATH: incident("resolved")})
    closing = (
        incident("closed", body=BODY_EMPTY)
        .replace("prevention:", WAIVER + "prevention:", 1)
        .replace("personal_data:\n  status: none", ALLOW, 1)
    ) + "\n窓口: support@shopmail.co.jp、お客様 090-1234-5678\n"
    relaxed = (
        config.replace(
            "allowed_email_domains: [acme.example]",
            "allowed_email_domains: [acme.example, partner.example]",
        ).replace("personal_data_max_minutes: 60", "personal_data_max_minutes: 90")
        + "\napprovals:\n  - change: privacy.allowed_email_domains\n"
        "    reason: パートナーの窓口\n    approved_by: Kato (legal)\n"
    )
    commit(repo, "close", {PATH: closing, CONFIG: relaxed})


def _check(repo: Path, language: str, *extra: str) -> tuple[Result, str]:
    return check_in_actions(repo, *extra, language=language)


def test_the_job_summary_reads_in_japanese(repo: Path) -> None:
    _scenario(repo)
    result, markdown = _check(repo, "")  # the config's language: ja
    assert result.code == 1
    assert "## ❌ incident check: 不合格" in markdown
    assert "🩹 復旧 → ✅ クロージング" in markdown
    waivers = markdown.split("### ⚠️ 適用した例外（overrides）", 1)[1].split("###", 1)[0]
    assert "免除済み" in waivers
    relaxations = markdown.split("### ⚠️ 設定の緩和", 1)[1].split("###", 1)[0]
    assert "GT041（承認済み）: 承認済みの緩和です。partner.example のメールアドレス" in relaxations
    assert "GT040（未承認）: この変更は、いま有効なルールを緩めます。" in relaxations
    accepted = markdown.split("### 個人情報の例外として受け入れた値（allow）", 1)[1].split("###")[0]
    assert "メールアドレス s***@shopmail.co.jp はこのファイルの personal_data.allow[0]" in accepted
    table = markdown.split("### 指摘事項", 1)[1]
    assert "電話番号 090-****-5678" in table
    for part in (waivers, relaxations, accepted, table):
        assert english_sentences(part) == [], part


def test_the_text_log_reads_in_japanese(repo: Path) -> None:
    _scenario(repo)
    result, _ = _check(repo, "ja", "--format", "text")
    lines = result.stdout.splitlines()
    assert f"  {PATH}: resolved（復旧） → closed（クロージング）" in lines
    waiver = [line for line in lines if "例外（overrides）を適用" in line]
    assert (
        waiver
        and waiver[0].startswith("  例外（overrides）を適用: IF031（")
        and "行目）" in waiver[0]
    )
    assert any("電話番号 090-****-5678" in line for line in lines)
    tally = lines[-len(waiver) - 2]
    assert "エラー" in tally and "警告" in tally
    for line in lines:
        message = line.split(" ", 3)[-1]
        assert english_sentences(message) == [], line


def test_the_reader_can_ask_for_english(repo: Path) -> None:
    _scenario(repo)
    _, markdown = _check(repo, "en")
    assert "## ❌ incident check failed" in markdown
    assert "GT041 (approved): approved relaxation: e-mail addresses at partner.example" in markdown
    text, _ = _check(repo, "en", "--format", "text")
    assert f"  {PATH}: resolved → closed" in text.stdout.splitlines()
    assert "  WAIVER honoured: IF031 at line " in text.stdout


def test_the_check_says_why_it_cannot_run_in_japanese(repo: Path) -> None:
    start_branch(repo, {PATH: incident("detected")})
    outside = repo.parent / "elsewhere.yaml"
    outside.write_text((repo / CONFIG).read_text("utf-8"), "utf-8")
    runs = {
        "no base": run_incident("check", cwd=repo, env={"INCIDENTFLOW_LANG": "ja"}),
        "unknown base": run_incident(
            "check", "--base", "no-such-branch", cwd=repo, env={"INCIDENTFLOW_LANG": "ja"}
        ),
        "config outside": run_incident(
            "--config",
            str(outside),
            "check",
            "--base",
            "main",
            cwd=repo,
            env={"INCIDENTFLOW_LANG": "ja"},
        ),
    }
    for name, result in runs.items():
        assert result.code == 2, (name, result.stderr)
        said = result.stderr.split(":", 1)[1]
        assert english_sentences(said) == [], (name, result.stderr)
    assert "--base REF を指定してください" in runs["no base"].stderr
    assert "リポジトリ" in runs["config outside"].stderr
