"""The one-pass loader gives exactly the safe loader's data, or leaves the text to it."""

from __future__ import annotations

import math
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor

from incidentflow.record.fast_load import Unusual, load_plain
from incidentflow.record.load import MAX_DEPTH, MAX_VALUES, text_timestamps

ROOT = Path(__file__).resolve().parents[2]


def _full(text: str) -> Any:
    yaml = YAML(typ="safe")
    yaml.Constructor = text_timestamps(SafeConstructor)
    return yaml.load(text)


def _same(a: Any, b: Any) -> bool:
    """Equal, and of the same types throughout (True is not 1, 1.0 is not 1)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def _assert_same_or_unusual(text: str) -> bool:
    """True when the one-pass loader read ``text`` (and agreed with the safe loader)."""
    try:
        expected: Any = _full(text)
    except Exception:
        expected = Unusual
    try:
        got = load_plain(text, MAX_DEPTH, MAX_VALUES)
    except Unusual:
        return False
    assert expected is not Unusual, text
    assert _same(got, expected), (text, got, expected)
    return True


SCALARS = [
    "a: 12",
    "a: -0",
    "a: +7",
    "a: 0o17",
    "a: 017",
    "a: 0x1F",
    "a: 0b101",
    "a: 1_000",
    "a: 1.5",
    "a: 1e3",
    "a: -.inf",
    "a: .NaN",
    "a: 1.",
    "a: true",
    "a: False",
    "a: yes",
    "a: on",
    "a: ~",
    "a: null",
    "a:",
    "a: ''",
    "a: '12'",
    '"a": "x\\u00e9"',
    "a: 2026-11-29",
    "a: 2026-11-29T15:30:00+09:00",
    "a: 2026-11-29 15:30",
    "a: 12:30",
    "a: 1:30:00",
    "a: |\n  line one\n  line two\n",
    "a: >-\n  folded\n  text\n",
    "a: {b: 1, c: [x, 'y', 2.5]}",
    "a:\n- 1\n- - nested\n  - deeper\n",
    "? complex\n: value",
    "1: int key\n2.5: float key\nnull: null key\nfalse: bool key",
    "# only a comment\n",
    "",
    "plain scalar document",
    "- a list\n- document",
    "a: 日本語のテキスト　全角スペース",
]


@pytest.mark.parametrize("text", SCALARS)
def test_values_as_the_safe_loader_reads_them(text: str) -> None:
    assert _assert_same_or_unusual(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: !!str 12",  # tags
        "a: !custom x",
        "a: &anchor 1\nb: *anchor",  # anchors and aliases
        "base: {x: 1}\nother:\n  <<: {y: 2}",  # merge keys
        "a: 1\na: 2",  # duplicate keys
        "? [a, b]\n: v",  # a collection as a key
        "%YAML 1.1\n--- a",  # directives
        "a: 1\n--- b: 2",  # a second document
        "a: [unclosed",  # syntax errors
        "a:\n\t- tab",
        "a: " + "9" * 5000,  # more digits than Python converts
        "a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),  # past the shape limits
        "a: [" + ", ".join(["1"] * (MAX_VALUES + 1)) + "]",
        "a: =",
    ],
)
def test_unusual_text_is_left_to_the_safe_loader(text: str) -> None:
    with pytest.raises(Unusual):
        load_plain(text, MAX_DEPTH, MAX_VALUES)


def test_every_example_front_matter() -> None:
    read = 0
    for path in sorted(ROOT.glob("incidents/*/*.md")) + sorted(ROOT.glob("tests/examples/*/*.md")):
        text = path.read_text("utf-8")
        if text.startswith("---\n") and "\n---\n" in text[3:]:
            read += _assert_same_or_unusual(text[4 : text.index("\n---\n", 3) + 1])
    assert read >= 10
    _assert_same_or_unusual((ROOT / "incidentflow.yaml").read_text("utf-8"))  # has aliases


PIECES = st.sampled_from(
    [
        "a", "b", ":", ": ", "-", "- ", "\n", "\n  ", "\n- ", "[", "]", "{", "}", ",", "'", '"',
        "#", "?", "|", ">", "!", "&", "*", "%", "~", "0", "1", "07", "0x1", "1.5", "1e3", ".inf",
        "true", "no", "null", "2026-11-29", "12:30", "_", "+", "<<", "=", "日本", "\t", "\\", " ",
    ]
)  # fmt: skip


@given(st.lists(PIECES, max_size=40).map("".join))
def test_any_text_reads_the_same_or_is_left_to_the_safe_loader(text: str) -> None:
    _assert_same_or_unusual(text)


DATA = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False),
        st.text(max_size=20),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=8), children, max_size=4),
    ),
    max_leaves=20,
)


@given(DATA, st.booleans())
def test_dumped_data_reads_the_same(data: Any, flow: bool) -> None:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = flow
    out = StringIO()
    yaml.dump({"value": data}, out)
    _assert_same_or_unusual(out.getvalue())
