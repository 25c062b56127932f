"""Comparison keys for allow-list entries, and positions for the personal-data scan."""

from __future__ import annotations

import re
from bisect import bisect_right

from incidentflow.privacy.normalise import normalise

_NUMBER_SEPARATORS = re.compile(r"[\s\-()./_]+")
_SPACES = re.compile(r"\s+")


def allow_key(normalised: str) -> str:
    """The comparison key of a normalised value: separators removed (only spaces from
    an e-mail address, whose dots matter), case folded."""
    separators = _SPACES if "@" in normalised else _NUMBER_SEPARATORS
    return separators.sub("", normalised).casefold()


def compact(value: str) -> str:
    """The comparison key for an allow-list entry as written, in any width or disguise."""
    return allow_key(normalise(value).text)


class LineIndex:
    """Maps a character index to a 1-based (line, column), counting characters."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, index: int) -> tuple[int, int]:
        line = bisect_right(self._starts, index)
        return line, index - self._starts[line - 1] + 1
