"""`incident index`: incidents/README.md lists every incident, stays current under CI, and
holds no personal data by construction."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import PROJECT_ROOT, git, run_incident

MINUTE = "2026-11-29T11:30:00+09:00"


def _new(repo: Path, title: str, *args: str) -> Path:
    result = run_incident(
        "new", title, *args, "--detected-at", MINUTE, "--reported-by", "Sato", cwd=repo
    )
    assert result.code == 0, result.stderr
    return repo / result.stdout.strip()


def test_the_examples_index_is_current() -> None:
    result = run_incident("index", "--check", cwd=PROJECT_ROOT)
    assert result.code == 0, result.stdout


def test_index_is_written_checked_and_stable(repo: Path) -> None:
    first = _new(repo, "Search is slow", "--lang", "en", "--severity", "sev3")
    index = repo / "incidents" / "README.md"
    stale = run_incident("index", "--check", cwd=repo)
    assert stale.code == 1 and "SC002" in stale.stdout and "missing" in stale.stdout
    assert run_incident("index", cwd=repo).stdout.strip() == "wrote incidents/README.md"
    written = index.read_bytes()
    assert run_incident("index", "--check", cwd=repo).code == 0
    assert run_incident("index", cwd=repo).stdout.strip() == "unchanged incidents/README.md"
    assert index.read_bytes() == written
    text = written.decode("utf-8")
    assert f"[{first.stem}](2026/{first.name})" in text
    assert "| 🚨 障害発生・検知 |" in text  # the repository's language: ja
    second = _new(repo, "Checkout is down", "--lang", "en", "--severity", "sev1")
    assert run_incident("index", "--check", cwd=repo).code == 0, "`new` brought it along"
    edited = second.read_text("utf-8").replace("title: Checkout is down", "title: Checkout down")
    second.write_text(edited, "utf-8")
    stale = run_incident("index", "--check", cwd=repo)
    assert stale.code == 1 and "out of date" in stale.stdout
    run_incident("index", cwd=repo)
    rows = [line for line in index.read_text("utf-8").splitlines() if line.startswith("| [")]
    assert len(rows) == 2
    assert run_incident("validate", cwd=repo).code == 0
    assert second.name in index.read_text("utf-8")


def test_newest_first_and_days_from_detection_to_closing() -> None:
    text = (PROJECT_ROOT / "incidents" / "README.md").read_text("utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| [")]
    ids = [row.split("]", 1)[0].removeprefix("| [") for row in rows]
    assert ids == sorted(ids, reverse=True)
    credential = next(row for row in rows if "credential-stuffing" in row)
    assert "| ✅ クロージング |" in credential and "| 58日 |" in credential


def test_an_allowed_value_in_a_title_is_withheld_from_the_index(repo: Path) -> None:
    path = _new(repo, "Support line unreachable", "--lang", "en")
    text = path.read_text("utf-8").replace(
        "title: Support line unreachable", "title: Support line 03-1234-5678 unreachable", 1
    )
    text = text.replace(
        "personal_data:\n",
        "personal_data:\n  allow:\n    - value: 03-1234-5678\n      reason: our own support line\n",
        1,
    )
    path.write_text(text, "utf-8")
    assert run_incident("validate", cwd=repo).code == 0
    assert run_incident("index", cwd=repo).code == 0
    index = (repo / "incidents" / "README.md").read_text("utf-8")
    assert "1234" not in index and "個人情報の可能性があるため省略" in index
    # The index itself passes the personal-data scan of files under the incidents folder.
    result = run_incident("validate", "--format", "json", cwd=repo)
    assert result.code == 0
    assert not [f for f in result.json()["findings"] if f["path"].endswith("README.md")]


def test_a_pull_request_with_the_index_passes_the_gate(repo: Path) -> None:
    git(repo, "commit", "-q", "--allow-empty", "-m", "base")
    git(repo, "checkout", "-q", "-b", "declare")
    _new(repo, "Search is slow", "--lang", "en")
    run_incident("index", cwd=repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "declare")
    result = run_incident("check", "--base", "main", "--format", "json", cwd=repo)
    assert result.code == 0, result.stdout
    assert not [f for f in result.json()["findings"] if f["code"] == "IF007"]


def test_an_english_repository_gets_an_english_index(repo: Path) -> None:
    config = repo / "incidentflow.yaml"
    config.write_text(config.read_text("utf-8").replace("language: ja", "language: en", 1), "utf-8")
    _new(repo, "Search is slow", "--lang", "en")
    run_incident("index", cwd=repo)
    index = (repo / "incidents" / "README.md").read_text("utf-8")
    assert "# Incident index" in index and "| open |" in index


def test_new_brings_an_existing_index_up_to_date(repo: Path) -> None:
    assert run_incident("index", cwd=repo).code == 0
    result = run_incident(
        "new", "Search is slow", "--detected-at", MINUTE, "--reported-by", "Sato", cwd=repo
    )
    assert result.code == 0 and "incidents/README.md" in result.stderr
    created = repo / result.stdout.strip()
    assert created.name in (repo / "incidents" / "README.md").read_text("utf-8")
    assert run_incident("index", "--check", cwd=repo).code == 0


def test_new_does_not_start_an_index_nobody_asked_for(repo: Path) -> None:
    _new(repo, "Search is slow")
    assert not (repo / "incidents" / "README.md").exists()
