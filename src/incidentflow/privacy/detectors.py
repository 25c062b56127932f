"""Scan incident text for personal data that must not be in a company-wide file.

Pure: takes text, returns hits with positions. The validator turns hits into findings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from incidentflow.privacy.cards import find_cards
from incidentflow.privacy.digit_runs import Candidate, DigitRun, find_runs
from incidentflow.privacy.emails import find_emails, normalise_domains
from incidentflow.privacy.my_number import find_my_numbers
from incidentflow.privacy.normalise import normalise
from incidentflow.privacy.phones import find_phones
from incidentflow.privacy.redaction import (
    redact_card,
    redact_email,
    redact_my_number,
    redact_phone,
)
from incidentflow.privacy.text import LineIndex, allow_key, compact

CARD_NUMBER = "card_number"
MY_NUMBER = "my_number"
EMAIL = "email"
PHONE = "phone"

CODES: dict[str, str] = {CARD_NUMBER: "PD101", MY_NUMBER: "PD102", EMAIL: "PD103", PHONE: "PD104"}

# Checked on the normalised text before any more work: ten digits with short separators
# between them, or an at sign. Text without either costs one pass in C.
_TEN_DIGITS = re.compile("[0-9](?:[^0-9\\n]{0,3}[0-9]){9}")


@dataclass(frozen=True, slots=True)
class AllowedValue:
    """A reviewed false positive. ``value`` is compared in any width, disguise or
    grouping; ``source`` names the entry in the notice (``personal_data.allow[0]``), kept
    in ``scope`` ("file": the incident's own, "config": incidentflow.yaml) with its
    ``reason``."""

    value: str
    source: str
    scope: str = ""
    reason: str = ""


@dataclass(frozen=True, slots=True)
class PersonalDataHit:
    """One piece of personal data found in the text.

    ``line`` and ``column`` are 1-based and point into the text as written; ``column``
    and ``length`` count characters, invisible ones included. ``redacted`` never
    contains the whole value, so the hit is safe to print in CI logs. ``allowed_by`` is
    the allow entry that accepts the value, if one does.
    """

    kind: str
    code: str
    line: int
    column: int
    length: int
    redacted: str
    allowed_by: AllowedValue | None = None

    def said(self, *, in_incident: bool = True) -> tuple[str, dict[str, str]]:
        """The kind and values of this hit's message in the catalogue
        (``words.findings_gate.PERSONAL_DATA_HIT``): ``in_incident`` when the text is an
        incident file, whose own ``personal_data.allow`` can accept the value."""
        values = {"data": self.kind, "redacted": self.redacted}
        entry = self.allowed_by
        if entry is None:
            return ("found" if in_incident else "found_in_file"), values
        values["entry"] = entry.source
        if entry.scope in ("file", "config"):
            values["reason"] = entry.reason
            return ("allowed_here" if entry.scope == "file" else "allowed_config"), values
        return "allowed", values

    @property
    def message(self) -> str:
        """What the hit's finding says, in English."""
        from incidentflow.words.findings import render

        kind, values = self.said()
        return render(self.code, [("kind", kind), *values.items()], "en")


@dataclass(frozen=True, slots=True)
class Unlisted:
    """Hits past the listing limit: where the first one is, and how many of each kind."""

    line: int
    column: int
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class Scan:
    """The hits of one text, by position: ``hits`` to report, ``allowed`` accepted by an
    allow entry; each list holds at most ``limit`` and counts the rest in ``unlisted_*``."""

    hits: list[PersonalDataHit] = field(default_factory=list)
    allowed: list[PersonalDataHit] = field(default_factory=list)
    unlisted_hits: Unlisted | None = None
    unlisted_allowed: Unlisted | None = None


def scan(
    text: str,
    *,
    line_offset: int = 0,
    allowed_email_domains: Collection[str] = (),
    allow: Sequence[AllowedValue] = (),
    limit: int | None = None,
) -> Scan:
    """Find the personal data in ``text``, ordered by position.

    ``line_offset`` is added to every line number, for text cut out of a larger file.
    ``allowed_email_domains`` accepts addresses at those domains and their subdomains.
    ``allow`` lists accepted values; the first entry that matches a hit is named in it.
    ``limit`` bounds each list of the result; the rest is only counted.
    """
    normal = normalise(text)
    if "@" not in normal.text and not _TEN_DIGITS.search(normal.text):
        return Scan()
    spans = _find_spans(normal.text, normalise_domains(allowed_email_domains))
    if not spans:
        return Scan()
    entries: dict[str, AllowedValue] = {}
    for allowed_value in allow:
        entries.setdefault(compact(allowed_value.value), allowed_value)
    index = LineIndex(text)
    hits = _Listing(limit)
    allowed = _Listing(limit)
    for start, end, kind in sorted(spans):
        value = normal.text[start:end]
        entry = entries.get(allow_key(value)) if entries else None
        listing = hits if entry is None else allowed
        if listing.full and listing.counted:
            listing.count(kind)
            continue
        original_start, original_end = normal.original_span(start, end)
        line, column = index.position(original_start)
        line += line_offset
        if listing.full:
            listing.count(kind, (line, column))
            continue
        redacted = _REDACTORS[kind](value)
        listing.hits.append(
            PersonalDataHit(
                kind=kind,
                code=CODES[kind],
                line=line,
                column=column,
                length=original_end - original_start,
                redacted=redacted,
                allowed_by=entry,
            )
        )
    return Scan(hits.hits, allowed.hits, hits.unlisted(), allowed.unlisted())


def scan_text(
    text: str,
    *,
    line_offset: int = 0,
    allowed_email_domains: Collection[str] = (),
    allowed_values: Collection[str] = (),
) -> list[PersonalDataHit]:
    """Every hit in ``text`` that no value of ``allowed_values`` accepts, by position.

    ``allowed_values`` are accepted false positives, compared in any width, disguise or
    grouping. Use ``scan`` to see what they accept and to bound the result.
    """
    allow = [AllowedValue(value, "an allow entry") for value in allowed_values]
    return scan(
        text, line_offset=line_offset, allowed_email_domains=allowed_email_domains, allow=allow
    ).hits


class _Listing:
    """The first ``limit`` hits of one list, and a count of the rest."""

    def __init__(self, limit: int | None) -> None:
        self.hits: list[PersonalDataHit] = []
        self._limit = limit
        self._first: tuple[int, int] | None = None
        self._counts: Counter[str] = Counter()

    @property
    def full(self) -> bool:
        return self._limit is not None and len(self.hits) >= self._limit

    @property
    def counted(self) -> bool:
        return self._first is not None

    def count(self, kind: str, position: tuple[int, int] | None = None) -> None:
        """Count one hit past the limit; the first one comes with its position."""
        if self._first is None:
            self._first = position
        self._counts[kind] += 1

    def unlisted(self) -> Unlisted | None:
        if self._first is None:
            return None
        return Unlisted(*self._first, dict(self._counts))


def _find_spans(text: str, allowed_domains: tuple[str, ...]) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    if "@" in text:
        found.extend((start, end, EMAIL) for start, end in find_emails(text, allowed_domains))
    for run in find_runs(text):
        found.extend(_claim(run))
    return found


def _claim(run: DigitRun) -> Iterator[tuple[int, int, str]]:
    """Most specific kind first, so a card or My Number span is never reported again as
    a phone; within a kind the longest span wins."""
    claimed = bytearray(len(run.groups))
    for kind, candidates in (
        (CARD_NUMBER, find_cards(run)),
        (MY_NUMBER, find_my_numbers(run)),
        (PHONE, find_phones(run)),
    ):
        for first, last in _longest_first(run, candidates):
            if claimed.find(1, first, last + 1) == -1:
                claimed[first : last + 1] = b"\x01" * (last + 1 - first)
                yield (*run.bounds(first, last), kind)


def _longest_first(run: DigitRun, candidates: Iterable[Candidate]) -> list[Candidate]:
    def key(candidate: Candidate) -> tuple[int, int]:
        start, end = run.bounds(*candidate)
        return start - end, start

    return sorted(candidates, key=key)


def _redact_email(value: str) -> str:
    local, _, domain = value.rpartition("@")
    return redact_email(local, domain)


_REDACTORS: dict[str, Callable[[str], str]] = {
    CARD_NUMBER: redact_card,
    MY_NUMBER: redact_my_number,
    EMAIL: _redact_email,
    PHONE: redact_phone,
}
