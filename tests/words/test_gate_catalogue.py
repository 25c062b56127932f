"""The gate family of the message catalogue (GT0xx, PD1xx): every entry renders in both
languages with the values its rule passes, the Japanese asks for no value the English
does not have, and reads as Japanese."""

from __future__ import annotations

import re
import string

import pytest

from incidentflow.rules.codes import KNOWN
from incidentflow.words import Words
from incidentflow.words.findings import render
from incidentflow.words.findings_gate import (
    MESSAGES,
    clock_changes,
    open_checklists,
    personal_data_counts,
    teams,
)
from tests.words.english import english_sentences

# Values the rules pass; a name with a spec gets a value in that spec's form.
SAMPLES: dict[str, str] = {
    "open": open_checklists(
        [
            {
                "team": "cs",
                "name": "カスタマーサポート",
                "number": 7,
                "url": "https://github.com/acme/incidents/issues/7",
                "state": "open",
                "reason": None,
                "done": 1,
                "total": 2,
            },
            {
                "team": "legal",
                "name": "法務",
                "number": 8,
                "url": "https://github.com/acme/incidents/issues/8",
                "state": "closed",
                "reason": "not_planned",
                "done": 0,
                "total": 2,
            },
            {
                "team": "pr",
                "name": "広報",
                "number": 9,
                "url": "https://github.com/acme/incidents/issues/9",
                "state": "open",
                "reason": None,
                "done": 0,
                "total": 0,
            },
        ]
    ),
    "changes": clock_changes(
        [("when",), ("deadline", "72 hours", "96 hours"), ("effective_from", "", "2030-04-01")]
    ),
    "counts": personal_data_counts({"phone": 1234, "email": 2}),
    "teams": teams([("legal", "法務"), ("security", "個人情報・セキュリティ対応チーム")]),
    "hint": "yes",
    "data": "card_number",
    "before": "resolved",
    "after": "detected",
    "old": "2026-11-10T09:00:00+09:00",
    "new": "2026-11-09T09:00:00+09:00",
}


def _names(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _entries() -> list[tuple[str, str, Words]]:
    return [
        (code, kind, words) for code, kinds in MESSAGES.items() for kind, words in kinds.items()
    ]


def test_every_gate_code_is_a_rule_code() -> None:
    assert set(MESSAGES) <= KNOWN
    assert {code for code in KNOWN if code.startswith(("GT", "PD"))} == set(MESSAGES)


@pytest.mark.parametrize(("code", "kind", "words"), _entries(), ids=lambda v: str(v)[:30])
def test_each_entry_renders_in_both_languages(code: str, kind: str, words: Words) -> None:
    en_names, ja_names = _names(words.en), _names(words.ja)
    # Japanese names a team by its Japanese name too; it needs no other value.
    assert ja_names - en_names <= {"team_name"}, (code, kind)
    values = {name: SAMPLES.get(name, f"<{name}>") for name in en_names | ja_names}
    args = [("kind", kind), *values.items()]
    english, japanese = render(code, args, "en"), render(code, args, "ja")
    assert english != japanese
    assert re.search("[ぁ-ん]", japanese), japanese
    assert english_sentences(japanese) == [], (code, kind, japanese)
