"""Scan incident text for personal data that must not be in a company-wide file.

Pure: takes text, returns hits with positions. The validator turns hits into findings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from incidentflow.privacy.cards import find_cards
from incidentflow.privacy.digit_runs import find_runs
from incidentflow.privacy.emails import find_emails, normalise_domains
from incidentflow.privacy.my_number import find_my_numbers
from incidentflow.privacy.phones import find_phones
from incidentflow.privacy.redaction import (
    redact_card,
    redact_email,
    redact_my_number,
    redact_phone,
)
from incidentflow.privacy.text import LineIndex, compact, fold

CARD_NUMBER = "card_number"
MY_NUMBER = "my_number"
EMAIL = "email"
PHONE = "phone"

CODES: dict[str, str] = {CARD_NUMBER: "PD101", MY_NUMBER: "PD102", EMAIL: "PD103", PHONE: "PD104"}

_NOUNS: dict[str, str] = {
    CARD_NUMBER: "card number",
    MY_NUMBER: "My Number (individual number)",
    EMAIL: "e-mail address",
    PHONE: "phone number",
}

# Checked on the raw text before any work: ten digits (ASCII or full-width) with short
# separators between them, or an at sign. Text without either costs one pass in C.
_TEN_DIGITS = re.compile("[0-9\uff10-\uff19](?:[^0-9\uff10-\uff19\\n]{0,3}[0-9\uff10-\uff19]){9}")


@dataclass(frozen=True, slots=True)
class PersonalDataHit:
    """One piece of personal data found in the text.

    ``line`` and ``column`` are 1-based; ``column`` and ``length`` count characters.
    ``redacted`` never contains the whole value, so the hit is safe to print in CI logs.
    """

    kind: str
    code: str
    line: int
    column: int
    length: int
    redacted: str
    message: str


def scan_text(
    text: str,
    *,
    line_offset: int = 0,
    allowed_email_domains: Collection[str] = (),
    allowed_values: Collection[str] = (),
) -> list[PersonalDataHit]:
    """Return the personal data in ``text``, ordered by position.

    ``line_offset`` is added to every line number, for text cut out of a larger file.
    ``allowed_email_domains`` accepts addresses at those domains and their subdomains.
    ``allowed_values`` are accepted false positives, compared with separators removed.
    """
    if "@" not in text and "\uff20" not in text and not _TEN_DIGITS.search(text):
        return []
    folded = fold(text)
    spans = _find_spans(folded, normalise_domains(allowed_email_domains))
    if not spans:
        return []
    allowed = {compact(v) for v in allowed_values}
    index = LineIndex(text)
    hits: list[PersonalDataHit] = []
    for start, end, kind in sorted(spans):
        value = folded[start:end]
        if allowed and compact(value) in allowed:
            continue
        line, column = index.position(start)
        redacted = _REDACTORS[kind](value)
        hits.append(
            PersonalDataHit(
                kind=kind,
                code=CODES[kind],
                line=line + line_offset,
                column=column,
                length=end - start,
                redacted=redacted,
                message=_message(kind, redacted),
            )
        )
    return hits


def _find_spans(folded: str, allowed_domains: tuple[str, ...]) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    if "@" in folded:
        found.extend((start, end, EMAIL) for start, end in find_emails(folded, allowed_domains))
    for run in find_runs(folded):
        # Most specific kind first, so a card or My Number span is never reported again as
        # a phone; within a kind the longest span wins.
        claimed: list[tuple[int, int, str]] = []
        candidates = [
            *_longest_first((s.start, s.end, CARD_NUMBER) for s in find_cards(run)),
            *_longest_first((s.start, s.end, MY_NUMBER) for s in find_my_numbers(run, folded)),
            *_longest_first((start, end, PHONE) for start, end in find_phones(run)),
        ]
        for start, end, kind in candidates:
            if not any(start < c_end and c_start < end for c_start, c_end, _ in claimed):
                claimed.append((start, end, kind))
        found.extend(claimed)
    return found


def _longest_first(spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    return sorted(spans, key=lambda span: (span[0] - span[1], span[0]))


def _redact_email(value: str) -> str:
    local, _, domain = value.rpartition("@")
    return redact_email(local, domain)


_REDACTORS: dict[str, Callable[[str], str]] = {
    CARD_NUMBER: redact_card,
    MY_NUMBER: redact_my_number,
    EMAIL: _redact_email,
    PHONE: redact_phone,
}


def _message(kind: str, redacted: str) -> str:
    noun = _NOUNS[kind]
    return (
        f"{noun[0].upper()}{noun[1:]} {redacted} in the incident text. Incident files are "
        f"read company-wide: replace it with a count or category (e.g. '1 customer's "
        f"{noun}') or move it to the restricted system and refer to that record. If it is "
        f"not personal data, add an allow entry with a reason."
    )
