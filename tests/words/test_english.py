"""The checker the language tests use."""

from __future__ import annotations

from tests.words.english import english_sentences


def test_english_prose_is_found_and_names_are_not() -> None:
    assert english_sentences("add it under 'decision:' now") == ["add it under"]
    assert english_sentences("「closed_at」は状態 closed（クロージング）から必須です。") == []
    assert english_sentences("`incident status INC-1` を実行してください") == []
    assert english_sentences("IF030 SEV1 decision.leader shop_inquiry") == []
    assert english_sentences("'status: detected' を追加してください") == []
    assert english_sentences("then fix the value") == ["then fix the value"]
