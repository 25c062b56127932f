"""The catalogue's flow family: what each phase needs (IF030, IF031), identity (IF040-IF042),
teams and config keys (IF043-IF045), times (IF046, IF050-IF051), waivers (IF060), imported
records (IF070-IF072) and regulatory clocks (CL0xx), in ja and en.

Keys are rule code, then the kind of problem the rule names; values fill ``{name}`` places,
and ``{x:phase}`` shows a status with its Japanese name (``words.spec``).
"""

from __future__ import annotations

from incidentflow.words import Words

MESSAGES: dict[str, dict[str, Words]] = {
    "IF030": {
        "required": Words(
            en="{field} is required from status '{phase}' ({phase:phase_ja}): "
            "{requirement:requirement}; {parent:add_under}.",
            ja="「{field}」は状態 {phase:phase}から必須です（{requirement:requirement}）。"
            "{parent:add_under}。",
        ),
        "required_always": Words(
            en="{field} is required in every incident file: {requirement:requirement}; "
            "{parent:add_under}.",
            ja="「{field}」はすべてのインシデントファイルで必須です（{requirement:requirement}）。"
            "{parent:add_under}。",
        ),
        "not_enough": Words(
            en="{field} is '{present}', which is not enough from status '{phase}' "
            "({phase:phase_ja}): {requirement:requirement}.",
            ja="「{field}」が '{present}' では状態 {phase:phase}に進めません"
            "（{requirement:requirement}）。",
        ),
        "status_missing": Words(
            en="status is missing: every incident file names its phase ({phases}).",
            ja="status がありません。インシデントファイルには必ずフェーズ（{phases}）を書きます。",
        ),
        "status_empty": Words(
            en="status is empty: every incident file names its phase ({phases}).",
            ja="status が空です。インシデントファイルには必ずフェーズ（{phases}）を書きます。",
        ),
    },
    "IF031": {
        "section_missing": Words(
            en="section '{section_en}' / '{section_ja}' is required from status '{phase}' "
            "({phase:phase_ja}) but missing: add a heading '{heading}' and write it.",
            ja="セクション「{section_ja}」は状態 {phase:phase}から必須ですが、ありません。"
            "見出し「{heading}」を追加して書いてください。",
        ),
        "section_empty": Words(
            en="section '{section}' is still empty or template text (TODO, 未記入, "
            "comments only): write it before status '{phase}'.",
            ja="セクション「{section}」がまだ空か、テンプレートのまま（TODO、未記入、コメントのみ）"
            "です。状態 {phase:phase}の前に書いてください。",
        ),
    },
}
