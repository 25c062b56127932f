"""Character folding and positions for the personal-data scan.

Folding maps one character to exactly one character, so an index into the folded
text is also an index into the original: columns stay right for full-width input.
"""

from __future__ import annotations

import re
from bisect import bisect_right

# Full-width ASCII (！ to ～) sits at a fixed offset from ASCII; Japanese IMEs produce
# ０９０－１２３４ and ＠ routinely, so everything downstream matches ASCII only.
_FOLD: dict[int, int] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = ord(" ")  # ideographic space
_FOLD[0x00A0] = ord(" ")  # no-break space
# Hyphen look-alikes that people type between digit groups. The em dash and the
# horizontal bar are left alone: they punctuate prose, not numbers.
for _dash in "\u2010\u2011\u2012\u2013\u2212\ufe63":
    _FOLD[ord(_dash)] = ord("-")

# Matched one character at a time through a str-to-str table: for Japanese text that is
# cheaper than str.translate, which looks up every character of the paragraph.
_FOLDABLE = re.compile("[" + "".join(chr(cp) for cp in sorted(_FOLD)) + "]")
_FOLDED: dict[str, str] = {chr(k): chr(v) for k, v in _FOLD.items()}

# The katakana long-vowel mark is a common IME slip for a hyphen in 090ー1234ー5678,
# but it is a letter everywhere else, so only fold it between digits. The literal
# comes first so the engine can skip to it.
_LONG_VOWEL_BETWEEN_DIGITS = re.compile("\u30fc(?<=[0-9]\u30fc)(?=[0-9])")


def _fold_char(match: re.Match[str]) -> str:
    return _FOLDED[match.group()]


def fold(text: str) -> str:
    """Return ``text`` with full-width forms and dash look-alikes folded to ASCII."""
    folded = _FOLDABLE.sub(_fold_char, text)
    if "\u30fc" in folded:
        folded = _LONG_VOWEL_BETWEEN_DIGITS.sub("-", folded)
    return folded


_SEPARATORS = re.compile(r"[\s\-()]+")


def compact(value: str) -> str:
    """The comparison key for allow-list entries: folded, separators removed, casefolded."""
    return _SEPARATORS.sub("", fold(value)).casefold()


class LineIndex:
    """Maps a character index to a 1-based (line, column), counting characters."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, index: int) -> tuple[int, int]:
        line = bisect_right(self._starts, index)
        return line, index - self._starts[line - 1] + 1
