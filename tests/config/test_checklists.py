"""Checklist templates named by the config are checked with the config, not in the sync."""

from __future__ import annotations

from pathlib import Path

from incidentflow.config.checklists import read_checklist
from tests.conftest import PROJECT_ROOT, run_incident


def test_default_paths_fall_back_to_the_packaged_templates(tmp_path: Path) -> None:
    text = read_checklist(tmp_path, ".github/incident-checklists/legal.ja.md")
    assert text is not None and "- [ ] " in text
    assert text == (PROJECT_ROOT / ".github/incident-checklists/legal.ja.md").read_text("utf-8")
    assert read_checklist(tmp_path, "docs/legal.md") is None


def test_a_repository_template_wins_over_the_packaged_one(repo: Path) -> None:
    own = repo / ".github" / "incident-checklists" / "legal.ja.md"
    own.parent.mkdir(parents=True)
    own.write_text("- [ ] 当社の手順\n", "utf-8")
    assert read_checklist(repo, ".github/incident-checklists/legal.ja.md") == "- [ ] 当社の手順\n"


def test_a_missing_template_is_a_config_error_at_its_line(repo: Path) -> None:
    config = repo / "incidentflow.yaml"
    text = config.read_text("utf-8").replace(
        "ja: .github/incident-checklists/legal.ja.md", "ja: docs/checklists/legal.ja.md"
    )
    config.write_text(text, "utf-8")
    result = run_incident("validate", cwd=repo)
    assert result.code == 2
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "docs/checklists" in row)
    assert f"incidentflow.yaml:{line}:" in result.stderr
    assert "CF043" in result.stderr and "docs/checklists/legal.ja.md" in result.stderr
    (repo / "docs" / "checklists").mkdir(parents=True)
    (repo / "docs" / "checklists" / "legal.ja.md").write_text("- [ ] x\n", "utf-8")
    assert run_incident("validate", cwd=repo).code == 0
