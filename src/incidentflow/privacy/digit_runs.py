"""Find digit runs that could hold a card number, a My Number or a phone number.

A *run* is digit groups joined by up to three separators each: spaces, tabs, hyphens,
dots, slashes, underscores and parentheses, in any mix (``090 - 1234 - 5678``,
``4111.1111.1111.1111``), with an optional leading ``+`` or ``(area code)``. Runs that
are the tail of an identifier, a decimal, a time, a date or an amount (``INC-2026…``,
``10.0.0.1``, ``15:30``, ``11/29``, ``1,234``) are never started, and a last chunk glued
to a longer token (``2026-11-29T…``, ``0312345678.log``) is dropped, so ordinary numbers
never reach the checks.

A *chunk* is the part of a run between two loose joints, those holding a space, a tab
or a slash. Hyphens, dots and underscores bind groups into one token (an ID, a date, a
version, ``0.312345678``), so a value is only ever a span of whole chunks.

Spans are found from group lengths and running digit counts, never by walking the rest
of the run, so a page of numbers costs time in proportion to its length.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate, compress

MIN_DIGITS = 10  # shortest thing we look for: a Japanese landline, 03-1234-5678

_SEPARATOR = r"[ \t\-._/()]"
_RUN = re.compile(
    # The first character is matched before the look-behinds: a pattern that opens with
    # a character class lets the regex engine skip prose without trying each position.
    r"[+(0-9]"
    r"(?<![0-9A-Za-z_@+\-].)"  # not inside a word, an ID, an e-mail or a +09:00 offset
    r"(?<![0-9][:./].)"  # not after 15: 10. or 11/ (times, decimals, dates)
    # Not a thousands group after "1," (an amount), but a longer or hyphenated field
    # after one is a CSV column ("1,4539148803436467", "7,090-1234-5678") and is read.
    r"(?:(?<![0-9],.)|(?<=[0-9])(?=[0-9]{2}(?:[0-9]|-[0-9])))"
    r"(?<![A-Za-z]/.)"  # not a URL path segment
    rf"(?=(?:{_SEPARATOR}{{0,3}}[0-9]){{9}})"  # at least MIN_DIGITS digits, checked in C
    rf"(?:{_SEPARATOR}{{0,3}}[0-9])*"
)
_GROUPS = re.compile(r"([0-9]+)")
_AREA_CODE = re.compile(r"\([0-9]{1,5}\)")
_GLUE_AFTER = re.compile(r"[0-9A-Za-z_@%]|[\-.:/][0-9A-Za-z]")
_LOOSE = (" ", "\t", "/")


# A candidate value: the first and the last digit group of a span of whole chunks.
Candidate = tuple[int, int]


@dataclass(frozen=True, slots=True)
class DigitRun:
    start: int  # index in the normalised text, a leading "+" or "(" included
    prefix: str  # "+", "(" (an area code) or ""
    starts: list[int]  # per digit group: where it starts and ends
    ends: list[int]
    groups: list[str]
    sizes: list[int]  # digits per group
    chunk_end: list[bool]  # whether a loose joint (or the run's end) follows the group
    chunk_starts: list[int]  # the groups that open a chunk
    counts: list[int]  # counts[k]: digits in groups[:k]
    source: str  # the normalised text

    def last_group(self, first: int, digits: int) -> int | None:
        """The group where a span of whole chunks from group ``first`` reaches exactly
        ``digits`` digits, or None."""
        target = self.counts[first] + digits
        k = bisect_left(self.counts, target, first + 1)
        if k < len(self.counts) and self.counts[k] == target and self.chunk_end[k - 1]:
            return k - 1
        return None

    def digits(self, first: int, last: int) -> str:
        return "".join(self.groups[first : last + 1])

    def bounds(self, first: int, last: int) -> tuple[int, int]:
        """Where the span lies in the normalised text; a phone's "+" or "(" included."""
        return self.start if first == 0 else self.starts[first], self.ends[last]

    def text(self, first: int, last: int) -> str:
        start, end = self.bounds(first, last)
        return self.source[start:end]


def find_runs(text: str) -> Iterator[DigitRun]:
    for match in _RUN.finditer(text):
        run = _build_run(text, match.start(), match.end())
        if run is not None:
            yield run


def _build_run(text: str, start: int, end: int) -> DigitRun | None:
    if _GLUE_AFTER.match(text, end):
        # The last chunk belongs to a longer token (2026-11-29T15, a 15:30 time); the
        # chunks before it still count.
        cut = max(text.rfind(loose, start, end) for loose in _LOOSE)
        if cut <= start:
            return None
        end = cut
    prefix = text[start] if text[start] in "+(" else ""
    if (prefix == "(" and not _AREA_CODE.match(text, start)) or (
        prefix == "+" and text[start + 1] not in "0123456789("
    ):
        prefix = ""  # an opening bracket or a plus sign of the prose around the number
    # One split in C gives digit groups and joints alternately: ["", "090", "-", ...].
    parts = _GROUPS.split(text[start:end])
    groups = parts[1::2]
    if not groups:
        return None
    sizes = list(map(len, groups))
    counts = list(accumulate(sizes, initial=0))
    if counts[-1] < MIN_DIGITS:
        return None  # most runs (dates before a time, short numbers) die here
    offsets = list(accumulate(map(len, parts), initial=start))
    starts = offsets[1:-1:2]
    ends = offsets[2::2]
    chunk_end = list(map(_JOINTS.__getitem__, parts[2:-1:2]))
    chunk_end.append(True)
    chunk_starts = [0, *compress(range(1, len(groups)), chunk_end)]
    first = start if prefix else starts[0]
    return DigitRun(
        first, prefix, starts, ends, groups, sizes, chunk_end, chunk_starts, counts, text
    )


class _Joints(dict[str, bool]):
    """Whether a joint is loose, looked up once per distinct joint."""

    def __missing__(self, joint: str) -> bool:
        loose = " " in joint or "\t" in joint or "/" in joint
        self[joint] = loose
        return loose


_JOINTS = _Joints()


def continues_block(run: DigitRun, first: int, last: int) -> bool:
    """True if a 4-digit group sits right next to the span across a loose joint: then
    the span is a slice of a longer block (``1111 1111 1112`` out of a 16-digit
    card-like block) and reading the slice as a number of its own would be a guess."""
    sizes = run.sizes
    return (first > 0 and sizes[first - 1] == 4) or (last + 1 < len(sizes) and sizes[last + 1] == 4)
