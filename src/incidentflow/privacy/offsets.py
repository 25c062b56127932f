"""Where each character of a rewritten text came from.

The scan reads a normalised copy of the file (format characters removed, ``[at]``
rewritten to ``@``, ...), but findings must point into the file as written. A rewrite
records only its *edits*; text between two edits was copied unchanged, so an index there
moves by the length difference accumulated so far. Memory grows with the number of edits,
not with the length of the text.
"""

from __future__ import annotations

from bisect import bisect_right


class OffsetMap:
    """Maps indices of a rewritten text back to the text it was made from."""

    __slots__ = ("_new_ends", "_new_starts", "_old_ends", "_old_starts")

    def __init__(self) -> None:
        self._new_starts: list[int] = []
        self._new_ends: list[int] = []
        self._old_starts: list[int] = []
        self._old_ends: list[int] = []

    def __bool__(self) -> bool:
        return bool(self._new_starts)

    def record(self, old_start: int, old_end: int, new_start: int, new_end: int) -> None:
        """``old[old_start:old_end]`` became ``new[new_start:new_end]``; edits come in order."""
        self._new_starts.append(new_start)
        self._new_ends.append(new_end)
        self._old_starts.append(old_start)
        self._old_ends.append(old_end)

    def old_start(self, new: int) -> int:
        """The original index where the character at ``new`` begins. A character produced
        by an edit maps to the start of what the edit replaced."""
        k = bisect_right(self._new_starts, new) - 1
        if k < 0:
            return new
        if new < self._new_ends[k]:
            return self._old_starts[k]
        return self._old_ends[k] + new - self._new_ends[k]

    def old_end(self, new_end: int) -> int:
        """The original (exclusive) end of a span that ends before ``new_end``; characters
        removed right after the span are not part of it."""
        if new_end <= 0:
            return new_end
        last = new_end - 1
        k = bisect_right(self._new_starts, last) - 1
        if k < 0:
            return new_end
        if last < self._new_ends[k]:
            return self._old_ends[k]
        return self._old_ends[k] + new_end - self._new_ends[k]


class Rewriter:
    """Builds a rewritten text piece by piece, recording the edits in an ``OffsetMap``."""

    __slots__ = ("_copied_to", "_length", "_pieces", "_source", "offsets")

    def __init__(self, source: str) -> None:
        self._source = source
        self._pieces: list[str] = []
        self._copied_to = 0  # index in the source up to which pieces cover it
        self._length = 0  # length of the rewritten text so far
        self.offsets = OffsetMap()

    def replace(self, start: int, end: int, replacement: str) -> None:
        """Replace ``source[start:end]``; calls come in source order and never overlap."""
        self._copy_to(start)
        self.offsets.record(start, end, self._length, self._length + len(replacement))
        self._append(replacement)
        self._copied_to = end

    def _copy_to(self, start: int) -> None:
        if start > self._copied_to:
            self._append(self._source[self._copied_to : start])

    def _append(self, piece: str) -> None:
        self._pieces.append(piece)
        self._length += len(piece)

    def text(self) -> str:
        if not self._pieces:
            return self._source
        return "".join(self._pieces) + self._source[self._copied_to :]
