"""The message catalogue: findings in the reader's language, by rule code and kind.

A rule writes its English message and, for the messages catalogued here, the values the
message is made of (``Finding.args``). ``localised`` says the same in Japanese; a finding
without catalogued values keeps its English message, so nothing is ever lost.
"""

from __future__ import annotations

from incidentflow.record.model import parse_status
from incidentflow.record.phases import PHASES
from incidentflow.rules.findings import Finding

CATALOGUE: dict[str, dict[str, str]] = {
    "IF030": {
        "required": (
            "「{field}」は状態 {phase}（{phase_ja}）から必須です。{where}に追加してください。"
        ),
        "required_always": (
            "「{field}」はすべてのインシデントファイルで必須です。{where}に追加してください。"
        ),
        "not_enough": "「{field}」が '{value}' では状態 {phase}（{phase_ja}）に進めません。",
    },
    "IF031": {
        "section_missing": (
            "セクション「{section}」は状態 {phase}（{phase_ja}）から必須ですが、ありません。"
            "見出し「{heading}」を追加して書いてください。"
        ),
        "section_empty": (
            "セクション「{section}」がまだ空か、テンプレートのまま（TODO、未記入、コメントのみ）"
            "です。状態 {phase}（{phase_ja}）の前に書いてください。"
        ),
    },
}


def localised(finding: Finding, language: str) -> str:
    """The finding's message in ``language`` (ja or en)."""
    if language != "ja" or not finding.args:
        return finding.message
    values = dict(finding.args)
    kind = values.get("kind", "")
    status = parse_status(values.get("phase"))
    values["phase_ja"] = PHASES[status].ja if status is not None else ""
    if kind == "required":
        parent = values.get("parent", "")
        values["where"] = f"'{parent}:' の下" if parent else "ファイル"
        if values.get("phase") == "detected":
            kind = "required_always"
    template = CATALOGUE.get(finding.code, {}).get(kind)
    if template is None:
        return finding.message
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return finding.message
