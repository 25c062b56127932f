"""Find digit runs that could hold a card number, a My Number or a phone number.

A *run* is digits joined by single spaces or hyphens, with optional ``(..)`` area
codes and a leading ``+``. Runs that are the tail of an identifier, a decimal, a time
or an amount (``INC-2026…``, ``10.0.0.1``, ``15:30``, ``1,234``) are never started,
and a final chunk glued to a word (``2026-11-29T…``) is dropped, so ordinary numbers
never reach the more expensive checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

MIN_DIGITS = 10  # shortest thing we look for: a Japanese landline, 03-1234-5678

_RUN = re.compile(
    # The first character is matched before the look-behinds: a pattern that opens with
    # a character class lets the regex engine skip prose without trying each position.
    r"[+(0-9]"
    r"(?<![0-9A-Za-z_@+\-].)"  # not inside a word, an ID, an e-mail or a +09:00 offset
    r"(?<![0-9][:,.].)"  # not after 15: or 1, or 10. (times, amounts, decimals, versions)
    r"(?<![A-Za-z]/.)"  # not a URL path segment
    r"(?=(?:[ \-()]{0,3}[0-9]){9})"  # at least MIN_DIGITS digits in all, checked in C
    r"(?:(?<=\+)(?:\([0-9]{1,5}\)|[0-9])|(?<=\()[0-9]{1,5}\)|(?<=[0-9]))"
    r"(?:[0-9]|[ \-]?\([0-9]{1,5}\)|[ \-][0-9])*"
)
_DIGITS = re.compile(r"[0-9]+")
_GLUE_AFTER = re.compile(r"[0-9A-Za-z_@]|[\-.:,][0-9A-Za-z]")


@dataclass(frozen=True, slots=True)
class DigitGroup:
    start: int  # index in the folded text
    end: int
    digits: str
    sep_before: str  # what joins it to the previous group; "" for the first group


@dataclass(frozen=True, slots=True)
class DigitRun:
    start: int
    end: int
    text: str
    groups: tuple[DigitGroup, ...]

    @property
    def international(self) -> bool:
        return self.text.startswith("+")


@dataclass(frozen=True, slots=True)
class Span:
    """Consecutive groups of a run joined by one kind of separator (or none)."""

    start: int
    end: int
    digits: str
    layout: tuple[int, ...]  # digits per group, e.g. (4, 4, 4, 4)


def find_runs(folded: str) -> Iterator[DigitRun]:
    for match in _RUN.finditer(folded):
        run = _build_run(folded, match.start(), match.end())
        if run is not None:
            yield run


def _build_run(folded: str, start: int, end: int) -> DigitRun | None:
    text = folded[start:end]
    if _GLUE_AFTER.match(folded, end):
        # The last space-separated chunk belongs to a longer token (2026-11-29T15, a
        # 15:30 time); the chunks before it still count.
        cut = text.rfind(" ")
        if cut <= 0:
            return None
        text = text[:cut]
    # Most runs (dates before a time, short numbers) die here, before objects are built.
    if len(text) - sum(text.count(c) for c in " -()+") < MIN_DIGITS:
        return None
    groups: list[DigitGroup] = []
    previous_end = 0
    for m in _DIGITS.finditer(text):
        sep = text[previous_end : m.start()] if groups else ""
        groups.append(DigitGroup(start + m.start(), start + m.end(), m.group(), sep))
        previous_end = m.end()
    if not text[-1].isdigit() and text[-1] != ")":
        text = text[: groups[-1].end - start]  # a cut left a dangling separator
    return DigitRun(start, start + len(text), text, tuple(groups))


def uniform_spans(run: DigitRun, max_digits: int) -> Iterator[Span]:
    """Every span of whole groups that starts and ends at a space (or the run's edge)
    and uses one separator kind throughout. A hyphen never splits a span, because
    hyphen-joined groups are one token (an ID, a UUID, a date)."""
    groups = run.groups
    for i, first in enumerate(groups):
        if i > 0 and first.sep_before != " ":
            continue
        if i == 0 and run.text[0] in "+(":
            continue  # a country code or an area code: phone syntax, not a card
        digits = first.digits
        layout = [len(first.digits)]
        sep: str | None = None
        for j in range(i, len(groups)):
            if j > i:
                joint = groups[j].sep_before
                if joint not in (" ", "-") or (sep is not None and joint != sep):
                    break
                sep = joint
                digits += groups[j].digits
                layout.append(len(groups[j].digits))
            if len(digits) > max_digits:
                break
            ends_chunk = j + 1 == len(groups) or groups[j + 1].sep_before == " "
            if ends_chunk and (sep != " " or not _continues_block(groups, i, j)):
                yield Span(first.start, groups[j].end, digits, tuple(layout))


def _continues_block(groups: tuple[DigitGroup, ...], i: int, j: int) -> bool:
    """True if a 4-digit group sits right next to the space-separated span: then the
    span is a slice of a longer block (``1111 1111 1112`` out of a 16-digit card-like
    block) and reading the slice as a number of its own would be a guess."""
    before = i > 0 and len(groups[i - 1].digits) == 4
    after = j + 1 < len(groups) and groups[j + 1].sep_before == " "
    return before or (after and len(groups[j + 1].digits) == 4)
