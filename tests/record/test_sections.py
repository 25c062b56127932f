"""Section detection in Japanese and English, and what counts as filled."""

from __future__ import annotations

import pytest

from incidentflow.record.sections import find_sections, section_key


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("Timeline", "timeline"),
        ("タイムライン", "timeline"),
        ("タイムライン / Timeline", "timeline"),
        ("Timeline（タイムライン）", "timeline"),
        ("ふりかえり", "retrospective"),
        ("振り返り", "retrospective"),
        ("Retrospective:", "retrospective"),
        ("うまくいったこと", "went_well"),
        ("What went wrong", "went_wrong"),
        ("幸運だったこと", "got_lucky"),
        ("原因", "cause"),
        ("Root cause", "cause"),
        ("再発防止策", "prevention"),
        ("Appendix", None),
    ],
)
def test_heading_aliases(heading: str, key: str | None) -> None:
    assert section_key(heading) == key


def _filled(body: str) -> dict[str, bool]:
    return {s.key: s.filled for s in find_sections("---\nid: x\n---\n" + body)}


@pytest.mark.parametrize(
    "content",
    ["", "<!-- guidance -->", "TODO", "TBD: later", "未記入", "- TODO", "…", "<!--\nmulti\n-->"],
)
def test_placeholders_are_unfilled(content: str) -> None:
    assert _filled(f"## Cause\n\n{content}\n") == {"cause": False}


@pytest.mark.parametrize(
    "content",
    [
        "The pool was exhausted.",
        "コネクションプールが枯渇した。",
        "- 10:00 JST 検知",
        "```\nstack trace\n```",
        "| t | e |\n|---|---|\n| 10:00 | x |",
    ],
)
def test_real_text_is_filled(content: str) -> None:
    assert _filled(f"## 原因\n\n{content}\n") == {"cause": True}


def test_heading_in_code_block_is_not_a_section() -> None:
    sections = _filled("## Cause\n\nx\n\n```\n## Timeline\n```\n\n    ## Retrospective\n")
    assert sections == {"cause": True}


def test_subsection_text_does_not_fill_a_sibling() -> None:
    body = (
        "## ふりかえり\n\n### うまくいったこと\n\n早期検知\n\n"
        "### うまくいかなかったこと\n\n未記入\n"
    )
    filled = _filled(body)
    assert filled == {"retrospective": True, "went_well": True, "went_wrong": False}


def test_positions_are_file_lines() -> None:
    sections = find_sections("---\nid: x\n---\n\n# T\n\n## Timeline\n\nx\n")
    assert [(s.key, s.line) for s in sections] == [("timeline", 7)]
