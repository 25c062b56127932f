"""Positions of keys and values, from the C parser's node marks, looked up only when asked."""

from __future__ import annotations

import pytest

from incidentflow.record.positions import Position, PositionIndex

SOURCE = """\
id: INC-20261104-1000-x-zz00
title: 決済代行のオーソリタイムアウト
detection:
  source: system_alert
  reported_by:   Sato (SRE)
investigation:
  summary: >-
    Authorisations time out
    for a third of checkouts.
  impact:
personal_data: {status: confirmed, categories: [name, email]}
prevention:
  - id: P1
    owner: Sato
  -
  - id: P3
"""


@pytest.mark.parametrize(
    ("loc", "value", "expected"),
    [
        (("id",), False, (2, 1)),
        (("id",), True, (2, 5)),
        (("title",), True, (3, 8)),
        (("detection", "reported_by"), False, (6, 3)),
        (("detection", "reported_by"), True, (6, 18)),
        (("investigation", "summary"), True, (8, 12)),  # the block scalar's indicator
        (("investigation", "impact"), True, (11, 10)),  # empty: where the value would go
        (("personal_data", "status"), True, (12, 25)),
        (("personal_data", "categories", 1), True, (12, 55)),
        (("prevention", 0, "owner"), True, (15, 12)),
        (("prevention", 1), True, (16, 4)),
        (("prevention", 2, "id"), False, (17, 5)),
        # Missing parts: the deepest part that exists.
        (("detection", "channel"), False, (4, 1)),
        (("prevention", 7, "owner"), False, (13, 1)),
        (("nothing",), False, (2, 1)),  # the front matter's first line
    ],
)
def test_keys_and_values(
    loc: tuple[str | int, ...], value: bool, expected: tuple[int, int]
) -> None:
    index = PositionIndex(SOURCE, first_line=2)
    assert index.locate(loc, value=value) == Position(*expected)


def test_columns_count_characters_not_bytes() -> None:
    index = PositionIndex("title: 日本語のタイトル\nlang: ja\n", 1)
    assert index.value_of(("lang",)) == Position(2, 7)
    assert index.key_of(("lang",)) == Position(2, 1)


def test_nothing_is_parsed_until_a_lookup() -> None:
    index = PositionIndex("a: [unclosed\n", 1)
    assert not index.parsed
    assert index.key_of(("a",)) == Position(1, 1)  # unreadable text: the document's start
    assert index.parsed


def test_merged_keys_point_at_their_definition() -> None:
    index = PositionIndex("base: &b\n  x: 1\nother:\n  <<: *b\n  y: 2\n", 1)
    assert index.key_of(("other", "x")) == Position(2, 3)
    assert index.key_of(("other", "y")) == Position(5, 3)


def test_text_past_the_shape_limits_has_no_positions() -> None:
    deep = "a: " + "[" * 100 + "]" * 100 + "\n"
    assert PositionIndex(deep, 1).key_of(("a",)) == Position(1, 1)
