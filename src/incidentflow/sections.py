"""Markdown sections of an incident: their names in both languages, and whether they are filled.

Headings are matched by alias, so a team may write ``## Timeline``, ``## タイムライン`` or
``## タイムライン / Timeline``. markdown-it-py tokenises the file, so a heading inside a code
block is code, not a section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin


@dataclass(frozen=True, slots=True)
class SectionSpec:
    key: str
    en: str
    ja: str
    guidance_en: str
    guidance_ja: str
    aliases: tuple[str, ...] = ()
    level: int = 2


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        "summary",
        "Summary",
        "概要",
        "What happened, to whom, and what is being done, in three sentences.",
        "何が起きて、誰に影響し、何をしているかを3文で。",
        ("overview", "サマリー"),
    ),
    SectionSpec(
        "timeline",
        "Timeline",
        "タイムライン",
        "One line per event, with the time zone: detection, escalation, decisions, recovery.",
        "出来事を1行ずつ、タイムゾーン付きの時刻で: 検知、エスカレーション、判断、復旧。",
        ("時系列", "経緯"),
    ),
    SectionSpec(
        "impact",
        "Impact",
        "影響範囲",
        "Who and what was affected, as counts. Never names, e-mails or card numbers.",
        "影響を受けた対象と件数。氏名・メールアドレス・カード番号などは書かない。",
        ("影響", "scope"),
    ),
    SectionSpec(
        "response",
        "Response",
        "対応内容",
        "What each team did: fixes, contacts, data fixes and refunds, reports.",
        "各チームの対応: 修正、連絡、データ修正・返金、報告。",
        ("対応", "actions"),
    ),
    SectionSpec(
        "cause",
        "Cause",
        "原因",
        "The cause, and why it was possible.",
        "原因と、それが起こり得た理由。",
        ("root cause", "根本原因"),
    ),
    SectionSpec(
        "retrospective",
        "Retrospective",
        "ふりかえり",
        "Held with everyone involved.",
        "関係者全員で実施。",
        ("振り返り", "postmortem", "ポストモーテム"),
    ),
    SectionSpec(
        "went_well",
        "What went well",
        "うまくいったこと",
        "What to keep doing.",
        "続けたいこと。",
        ("went well",),
        level=3,
    ),
    SectionSpec(
        "went_wrong",
        "What went wrong",
        "うまくいかなかったこと",
        "What to change.",
        "改善したいこと。",
        ("went wrong",),
        level=3,
    ),
    SectionSpec(
        "got_lucky",
        "Where we got lucky",
        "幸運だったこと",
        "What saved us this time but may not next time.",
        "今回は助かったが、次は助からないかもしれないこと。",
        ("got lucky", "lucky"),
        level=3,
    ),
    SectionSpec(
        "prevention",
        "Prevention",
        "再発防止策",
        "Listed in the front matter under `prevention`, each with an owner and a due date.",
        "フロントマターの `prevention` に、担当者と期日付きで記載。",
        ("再発防止",),
    ),
)

SECTION_BY_KEY = {spec.key: spec for spec in SECTIONS}

# A section whose only text matches one of these has not been written yet.
_PLACEHOLDER = re.compile(
    r"^\s*(?:[-*+]\s*)?(?:\[[ xX]?\]\s*)?(?:TODO|TBD|FIXME|XXX|未記入|未定|記入中|N/?A|-|…|\.\.\.)"
    r"(?:\b|\s|:|：|$).*$",
    re.IGNORECASE,
)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HEADING_SPLIT = re.compile(r"\s*(?:/|／|\||｜|\(|（|\)|）)\s*")


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().strip(":：").lower())


@cache
def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for spec in SECTIONS:
        for name in (spec.en, spec.ja, *spec.aliases):
            index[_normalise(name)] = spec.key
    return index


def section_key(heading: str) -> str | None:
    """The section a heading names, by any alias; bilingual headings match either half."""
    index = _alias_index()
    whole = _normalise(heading)
    if whole in index:
        return index[whole]
    for part in _HEADING_SPLIT.split(heading):
        key = index.get(_normalise(part))
        if key is not None:
            return key
    return None


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    heading: str
    line: int  # 1-based file line of the heading
    level: int
    filled: bool


@cache
def _parser() -> MarkdownIt:
    # Only block structure matters here (headings, code, HTML comments, which blocks hold
    # text), so inline parsing is switched off: an inline token keeps its raw text in
    # `content`, and parsing costs about a third less.
    return (
        MarkdownIt("commonmark")
        .use(front_matter_plugin)
        .enable("table")
        .disable(["inline", "text_join"])
    )


def _meaningful(token: Token) -> bool:
    if token.type == "inline":
        text = _HTML_COMMENT.sub("", token.content).strip()
        return bool(text) and not _PLACEHOLDER.match(text)
    if token.type == "html_block":
        return bool(_HTML_COMMENT.sub("", token.content).strip())
    if token.type in ("fence", "code_block"):
        return bool(token.content.strip())
    return False


def find_sections(text: str) -> list[Section]:
    """All recognised sections of a whole incident file (front matter included in ``text``).

    Token line maps from markdown-it are file-relative because the front-matter plugin keeps
    the fence lines, so positions need no offset arithmetic.
    """
    tokens = _parser().parse(text)
    headings: list[tuple[int, int, str]] = []  # (token index, level, heading text)
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            headings.append((index, int(token.tag[1:]), tokens[index + 1].content))
    sections: list[Section] = []
    for position, (index, level, heading) in enumerate(headings):
        key = section_key(heading)
        if key is None:
            continue
        end = len(tokens)
        for later_index, later_level, _ in headings[position + 1 :]:
            if later_level <= level:
                end = later_index
                break
        body = tokens[index + 3 : end]
        # Inline tokens of sub-headings are heading text, not content.
        filled = any(
            _meaningful(token)
            for offset, token in enumerate(body)
            if not (offset > 0 and body[offset - 1].type == "heading_open")
        )
        line_map = tokens[index].map
        sections.append(Section(key, heading, (line_map[0] + 1) if line_map else 1, level, filled))
    return sections
