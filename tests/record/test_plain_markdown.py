"""The line pass over plain Markdown gives markdown-it's own tokens, or leaves the text to it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it.token import Token

from incidentflow.record.plain_markdown import plain_tokens
from incidentflow.record.sections import _parser

ROOT = Path(__file__).resolve().parents[2]
FRONT = "---\nid: x\n---\n"


def _read(tokens: list[Token]) -> list[tuple[object, ...]]:
    """What ``find_sections`` reads: headings with tag and line, and every text's content."""
    read: list[tuple[object, ...]] = []
    for token in tokens:
        if token.type == "heading_open":
            read.append((token.tag, token.map[0] if token.map else None))
        elif token.type in ("inline", "html_block", "fence", "code_block"):
            read.append((token.type, token.content))
    return read


def _agrees(text: str) -> bool:
    """True when the line pass read ``text``, and then it read what markdown-it reads."""
    tokens = plain_tokens(text)
    if tokens is None:
        return False
    assert _read(tokens) == _read(_parser().parse(text)), text
    return True


@pytest.mark.parametrize(
    "body",
    [
        "# 概要\n\n本文。\n",
        "## Timeline ##\n- 10:00 JST: 検知\n- 10:05 JST: 連絡\n  続き\n続き (lazy)\n",
        "## Cause\n\nTODO\n\n## Impact\n-  two spaces\n-    four spaces\n",
        "## 原因\n<!-- guidance -->\n<!--\nmulti\n-->\ntext <!-- inline --> more\n",
        "## Retrospective\n### うまくいったこと\n\n### 幸運だったこと\n- …\n",
        "## x\n<!-- never closed\n## Summary\n",
        "#tag is text\n#\n## ##\n##   spaced   ###   \n",
        "\u3000全角で始まる行\n- \u3000全角\n",
        "text\n#no-heading\n2026-11-29 is not a list\n",
        "## Response\n- `incident new` opens it\n  `code` continues\n**bold**, _under_, +plus\n",
        "no final line break",
        "",
        "   \n",
    ],
)
def test_plain_bodies_read_as_markdown_it_reads_them(body: str) -> None:
    assert _agrees(FRONT + body)
    assert _agrees(body)


@pytest.mark.parametrize(
    "body",
    [
        "```\n## not a heading\n```\n",
        "    code\n",
        "> quote\n",
        "1. ordered\n",
        "* star\n",
        "- nested\n  - list\n",
        "- item\n\n  second paragraph\n",
        "-\n",
        "Setext\n===\n",
        "text\n---\n",
        "***\n",
        "[ref]: https://example.invalid\n",
        "<div>html</div>\n",
        "\ttab\n",
        "  ## indented heading\n",
    ],
)
def test_other_markdown_is_left_to_markdown_it(body: str) -> None:
    assert plain_tokens(FRONT + body) is None


@pytest.mark.parametrize(
    "front", ["----\nid: x\n----\n", "---\n  ---\n---\n", "---\nid: x\n", "---\nid: x\n...  \n"]
)
def test_unclear_front_matter_is_left_to_markdown_it(front: str) -> None:
    assert plain_tokens(front + "## Summary\ntext\n") is None


def test_example_incidents() -> None:
    paths = sorted(ROOT.glob("incidents/*/*.md")) + sorted(ROOT.glob("tests/examples/*/*.md"))
    read = [_agrees(path.read_text("utf-8")) for path in paths]
    assert sum(read) >= len(paths) // 2


LINES = st.sampled_from(
    [
        "", "", "text", "TODO", "未記入", "N/A", "- item", "- TODO", "-  two", "-    four",
        "-     five", "-", "- - x", "  indented", "    four", "      six", "#tag", "# 概要",
        "## Timeline", "### うまくいったこと", "## Cause ##", "##", "<!-- c -->", "<!-- open",
        "close -->", "x <!-- y", "1. one", "2) two", "* star", "+ plus", "> q", "```", "~~~",
        "===", "---", "***", "___", "[ref]: x", "<div>", "\u3000全角", "   ", "2026-11-29 x",
        "...", "- [ ] task", "**bold**", "`code` x", "  `code`", "*em*", "_u_", "+x", "=x",
        "-x", "--", "-- x", "**", "__", "  --", "  ==",
    ]
)  # fmt: skip


@given(
    st.sampled_from(["", FRONT, "---\n", "----\nx\n----\n"]),
    st.lists(LINES, max_size=30),
    st.sampled_from(["", "\n", "\n\n"]),
)
def test_any_body_reads_the_same_or_is_left_to_markdown_it(
    front: str, lines: list[str], end: str
) -> None:
    _agrees(front + "\n".join(lines) + end)
