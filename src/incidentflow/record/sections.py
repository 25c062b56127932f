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
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from incidentflow.record.plain_markdown import plain_tokens


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
# No section name is longer: the longest bilingual heading has some 40 characters.
_LONGEST_HEADING = 200
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
    if len(heading) > _LONGEST_HEADING:
        return None  # no name is this long: skip normalising a pasted paragraph
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
    # `content`, and parsing costs about a third less. Tables stay paragraphs (text either
    # way): the table rule spends some 14 µs per cell, seconds on a hostile 1 MB row.
    # markdown-it stops reading at `maxNesting` token levels, and with it the rest of the
    # file; CommonMark's 20 is a list ten levels deep, 100 (its default preset's) is fifty.
    parser = (
        MarkdownIt("commonmark", {"maxNesting": 100})
        .use(front_matter_plugin)
        .disable(["inline", "text_join"])
    )
    parser.block.ruler.at(
        "hr", _thematic_break, {"alt": ["paragraph", "reference", "blockquote", "list"]}
    )
    return parser


def _thematic_break(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """markdown-it's ``hr`` rule (three or more of one of ``-*_``, blanks between) in C speed.

    Its Python loop over the line runs once per list level that a line like ``- - - … x``
    opens, which took seconds on a 1 MB line; ``str.strip`` and ``str.count`` take a
    millisecond.
    """
    if state.is_code_block(start_line):
        return False
    line = state.src[state.bMarks[start_line] + state.tShift[start_line] : state.eMarks[start_line]]
    marker = line[:1]
    if marker not in ("-", "*", "_") or line.strip(marker + " \t") or line.count(marker) < 3:
        return False
    if silent:
        return True
    state.line = start_line + 1
    token = state.push("hr", "hr", 0)
    token.map = [start_line, state.line]
    token.markup = marker * line.count(marker)
    return True


def _without_comments(text: str) -> str:
    """``text`` without HTML comments; an unclosed one runs to the end, as in a browser.

    A scan with ``find`` rather than a regex: a lazy ``<!--.*?-->`` restarts at every
    ``<!--`` and runs to the end when none is closed, quadratic on a hostile body.
    """
    kept: list[str] = []
    position = 0
    while (start := text.find("<!--", position)) >= 0:
        kept.append(text[position:start])
        end = text.find("-->", start + 4)
        if end < 0:
            return "".join(kept)
        position = end + 3
    kept.append(text[position:])
    return "".join(kept)


def _meaningful(token: Token) -> bool:
    if token.type == "inline":
        text = _without_comments(token.content).strip()
        return bool(text) and not _PLACEHOLDER.match(text)
    if token.type == "html_block":
        return bool(_without_comments(token.content).strip())
    if token.type in ("fence", "code_block"):
        return bool(token.content.strip())
    return False


def find_sections(text: str) -> list[Section]:
    """All recognised sections of a whole incident file (front matter included in ``text``).

    Token line maps from markdown-it are file-relative because the front-matter plugin keeps
    the fence lines, so positions need no offset arithmetic.
    """
    tokens = plain_tokens(text)  # most bodies: a pass over the lines
    if tokens is None:
        tokens = _parser().parse(text)
    headings: list[tuple[int, int, str]] = []  # (token index, level, heading text)
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            headings.append((index, int(token.tag[1:]), tokens[index + 1].content))
    sections: list[Section] = []
    for (index, level, heading), end in zip(
        headings, _section_ends(headings, len(tokens)), strict=True
    ):
        key = section_key(heading)
        if key is None:
            continue
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


def _section_ends(headings: list[tuple[int, int, str]], token_count: int) -> list[int]:
    """For each heading, the token index where its section ends.

    That is the next heading of the same or a higher level, else the end of the file. One
    pass with a stack, so a body of 50,000 headings costs 50,000 steps, not 50,000 squared.
    """
    ends = [token_count] * len(headings)
    waiting: list[int] = []  # headings whose end is not found yet; levels rise to the top
    for position, (index, level, _) in enumerate(headings):
        while waiting and headings[waiting[-1]][1] >= level:
            ends[waiting.pop()] = index
        waiting.append(position)
    return ends
