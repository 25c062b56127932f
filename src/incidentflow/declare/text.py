"""Text from outside (issue forms, alerts) made safe to write into files and onto GitHub.

Such text is data: it is cut to a size, stripped of control and direction-changing
characters (which make text read differently from what it is), and, where it goes into
Markdown, either escaped (one line) or quoted in a fence longer than any it contains (a
block), so it can add no heading, link, HTML or section to the incident file.
"""

from __future__ import annotations

import re
import unicodedata

_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)}
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]<>#|~!&])")
_TILDE_RUN = re.compile(r"~{3,}|`{3,}")


def _drop_invisible(text: str) -> str:
    kept = []
    for char in text:
        if char in "\n\t":
            kept.append(char)
        elif char in _BIDI or unicodedata.category(char) == "Cc":
            continue
        else:
            kept.append(char)
    return "".join(kept)


def one_line(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters; runs of whitespace become one space."""
    flat = " ".join(_drop_invisible(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def block(text: str, *, chars: int, lines: int) -> tuple[str, bool]:
    """A block of text within ``chars`` characters and ``lines`` lines; True when cut."""
    cleaned = _drop_invisible(text.replace("\r\n", "\n").replace("\r", "\n")).strip("\n")
    rows = [row.rstrip() for row in cleaned.split("\n")]
    cut = len(rows) > lines
    rows = rows[:lines]
    joined = "\n".join(rows)
    if len(joined) > chars:
        joined, cut = joined[:chars].rstrip(), True
    return joined, cut


def escape_markdown(text: str) -> str:
    """One line of text that renders as written: the marks that make emphasis, code, links,
    HTML, headings, tables and entities are escaped (not needed at a line's start: callers
    put text after a list marker or a label)."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


def fenced(text: str) -> str:
    """``text`` in a tilde fence longer than any fence it holds: literal, whatever it says."""
    longest = max((len(run) for run in _TILDE_RUN.findall(text)), default=0)
    fence = "~" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"
