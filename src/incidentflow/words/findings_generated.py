"""The catalogue's generated-files family: the JSON Schema (SC001) and the incident index
(SC002) drifting from what the code would write, in ja and en."""

from __future__ import annotations

from incidentflow.words import Words

MESSAGES: dict[str, dict[str, Words]] = {
    "SC001": {
        "missing": Words(
            en="schema file is missing: run `incident schema` and commit it",
            ja="スキーマファイルがありません。`incident schema` を実行して、できたファイルを"
            "コミットしてください。",
        ),
        "stale": Words(
            en="schema is out of date with the models or incidentflow.yaml: run "
            "`incident schema` and commit the result",
            ja="スキーマがモデルまたは incidentflow.yaml と合っていません。`incident schema` を"
            "実行して、結果をコミットしてください。",
        ),
    },
    "SC002": {
        "missing": Words(
            en="the incident index is missing: run `incident index` and commit it",
            ja="インシデント一覧がありません。`incident index` を実行して、できたファイルを"
            "コミットしてください。",
        ),
        "stale": Words(
            en="the incident index is out of date with the incident files: run "
            "`incident index` and commit the result",
            ja="インシデント一覧がインシデントファイルと合っていません。`incident index` を"
            "実行して、結果をコミットしてください。",
        ),
    },
}
