"""The message catalogue: the commonest findings read in Japanese for a ja repository."""

from __future__ import annotations

from pathlib import Path

from incidentflow.rules.findings import Finding, Level
from incidentflow.words.findings import message as localised
from tests.gate.fixtures import BODY_EMPTY, check_in_actions, commit, incident, start_branch


def test_phase_findings_carry_their_values_and_read_in_japanese(repo: Path) -> None:
    start_branch(repo, {})
    body = incident("closed", body=BODY_EMPTY).replace("closed_at:", "closed_at_typo:", 1)
    commit(repo, "close", {"incidents/2026/INC-20261110-0900-checkout-errors-ab12.md": body})
    _, markdown = check_in_actions(repo, language="ja")
    table = markdown.split("### 指摘事項", 1)[1]
    rows = [row for row in table.splitlines() if "| IF030 |" in row or "| IF031 |" in row]
    assert rows
    for row in rows:
        message = row.rsplit("|", 2)[-2]
        assert "required" not in message and "section '" not in message, row
    assert any("「closed_at」は状態 closed（クロージング）から必須です" in row for row in rows)
    assert any("テンプレートのまま" in row or "ありません" in row for row in rows)


def test_an_uncatalogued_finding_keeps_its_message() -> None:
    finding = Finding("x.md", 1, 1, "IF010", Level.ERROR, "YAML syntax error")
    assert localised(finding, "ja") == "YAML syntax error"
    tagged = Finding("x.md", 1, 1, "IF030", Level.ERROR, "english", (("kind", "unknown"),))
    assert localised(tagged, "ja") == "english" and localised(tagged, "en") == "english"
