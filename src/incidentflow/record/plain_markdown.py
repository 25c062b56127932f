"""The block tokens of plain Markdown, without markdown-it's general machinery.

Most incident bodies use a small part of Markdown: ATX headings, paragraphs, flat bullet lists
whose items are one paragraph each, and HTML comments (template guidance). For those, the
tokens ``sections.find_sections`` reads (headings with their line and text, the text of each
paragraph, each HTML block) follow from a single pass over the lines, some ten times faster
than markdown-it's block parser. Anything else in the file (code, quotes, nested or ordered
lists, setext headings, thematic breaks, reference definitions, tabs, indentation that could
start a block, other HTML) returns None, and markdown-it parses the file as before.

The tokens are markdown-it's own ``Token`` objects with the same type, tag, map and content
as markdown-it gives for them; the container tokens around them (paragraphs, lists) are left
out, as ``find_sections`` does not read them.
"""

from __future__ import annotations

import re

from markdown_it.common.utils import mdTrim
from markdown_it.token import Token

# What a line's text (after its indentation) may start, other than a paragraph's text.
_ATX = re.compile(r"#{1,6}(?:[ \t]|$)")
_BULLET = re.compile(r"[-*+](?:[ \t]|$)")
_ORDERED = re.compile(r"\d{1,9}[.)](?:[ \t]|$)")
_STARTS_BLOCKS = frozenset("#>-*+_=`~<[0123456789")
_COMMENT_START = "<!--"
_COMMENT_END = "-->"


def _starts_block(text: str) -> bool:
    """Whether ``text`` (a line without its indentation) may open something but a paragraph
    or continue one as something else. Errs towards yes: a yes only means markdown-it runs."""
    first = text[:1]
    if first not in _STARTS_BLOCKS:
        return False
    if first in "0123456789":
        return _ORDERED.match(text) is not None
    if first == "#":
        return _ATX.match(text) is not None
    if first in "`~":
        return text.startswith(("```", "~~~"))  # a fence; a single '`' is inline code
    if first in "-*+" and _BULLET.match(text):
        return True
    if first in "-*_=":
        # A thematic break or a setext underline is nothing but its marker and spaces.
        return not text.replace(first, "").strip(" ")
    return first in "><["  # quotes, HTML, references: never guessed at


def _heading_text(line: str, level: int) -> str:
    """markdown-it's heading content: without a closing run of '#' and the spaces around."""
    end = len(line)
    while end > level and line[end - 1] in " \t":
        end -= 1
    closing = end
    while closing > level and line[closing - 1] == "#":
        closing -= 1
    if closing > level and line[closing - 1] in " \t":
        end = closing
    return mdTrim(line[level:end])


def _front_matter_end(lines: list[str]) -> int | None:
    """Index of the first body line, when the front matter ends exactly where the
    front-matter plugin ends it too; 0 without front matter; None when unsure."""
    if not lines[0].startswith("-"):
        return 0
    if lines[0] != "---":
        return None
    for number in range(1, len(lines)):
        line = lines[number]
        if line in ("---", "..."):
            return number + 1
        stripped = line.lstrip(" ")
        if stripped.startswith("---") or line.startswith("..."):
            return None  # a line the plugin might take as the closing fence, or not
    return None  # not closed: the plugin leaves the text to Markdown


def plain_tokens(text: str) -> list[Token] | None:
    """Headings, paragraph text and HTML blocks of ``text``, as markdown-it tokens; None when
    the text uses Markdown this does not read (markdown-it must parse it)."""
    if "\t" in text or "\r" in text or "\0" in text:
        return None
    lines = text.split("\n")
    # markdown-it has no line after the last line break, nor a last line of spaces alone.
    last_line_ends = not lines[-1].strip(" ")
    if last_line_ends:
        lines.pop()
    if not lines:
        return []
    first = _front_matter_end(lines)
    if first is None:
        return None
    tokens: list[Token] = []
    paragraph: list[str] = []  # lines of the paragraph being read, indentation removed
    indent = 0  # columns a list item's continuation lines may drop
    number = first
    while number < len(lines):
        line = lines[number]
        text_start = len(line) - len(line.lstrip(" "))
        content = line[text_start:]
        if paragraph:
            if not content:
                _close(tokens, paragraph)
                number += 1
                continue
            if not _starts_block(content):
                paragraph.append(line[min(text_start, indent) :])
                number += 1
                continue
            if text_start:
                return None  # indented: a nested block, or a continuation; let markdown-it see
            _close(tokens, paragraph)
        # A new block starts on this line.
        if not content:
            number += 1
            continue
        if text_start:
            return None  # indentation at a block's start: code, or a list item's later block
        if content.startswith(_COMMENT_START):
            end = number
            while _COMMENT_END not in lines[end]:
                end += 1
                if end == len(lines):
                    end -= 1
                    break
            html = Token("html_block", "", 0, map=[number, end + 1])
            html.content = "".join(f"{row}\n" for row in lines[number : end + 1])
            if end == len(lines) - 1 and not last_line_ends:
                html.content = html.content[:-1]  # the file's last line has no line break
            tokens.append(html)
            number = end + 1
            continue
        if _ATX.match(content):
            level = len(content) - len(content.lstrip("#"))
            tag = f"h{level}"
            tokens.append(Token("heading_open", tag, 1, map=[number, number + 1]))
            inline = Token("inline", "", 0, map=[number, number + 1])
            inline.content = _heading_text(line, level)
            tokens += [inline, Token("heading_close", tag, -1)]
            number += 1
            continue
        if _BULLET.match(content) and content[:1] == "-":
            after = content[1:]
            item = after.lstrip(" ")
            spaces = len(after) - len(item)
            if not item or spaces > 4 or _starts_block(item):
                return None  # an empty item, code in an item, or a block in an item
            indent = 1 + spaces
            paragraph.append(item)
            number += 1
            continue
        if _starts_block(content):
            return None
        indent = 0
        paragraph.append(line)
        number += 1
    if paragraph:
        _close(tokens, paragraph)
    return tokens


def _close(tokens: list[Token], paragraph: list[str]) -> None:
    inline = Token("inline", "", 0)
    inline.content = mdTrim("\n".join(paragraph))
    tokens.append(inline)
    paragraph.clear()
