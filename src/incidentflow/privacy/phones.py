"""Phone numbers (PD104), Japanese and international, validated by ``phonenumbers``."""

from __future__ import annotations

from collections.abc import Iterator

import phonenumbers

from incidentflow.privacy.digit_runs import DigitRun

# Numbers are read as Japanese unless they carry a +country code.
_REGION = "JP"
# VALID: the number must exist in the numbering plan. The stricter grouping levels
# would miss numbers typed with unusual spacing, which are still personal data; runs
# are already pre-screened, so false positives stay rare.
_LENIENCY = phonenumbers.Leniency.VALID


def find_phones(run: DigitRun) -> Iterator[tuple[int, int]]:
    """Yield (start, end) in the folded text of each phone number inside ``run``."""
    text = run.text
    if not run.international and not any(g.digits[0] == "0" for g in run.groups):
        return  # a domestic number always starts with the trunk prefix 0
    for match in phonenumbers.PhoneNumberMatcher(text, _REGION, leniency=_LENIENCY):
        start: int = match.start
        end: int = match.end
        if not _on_chunk_edges(text, start, end):
            continue
        raw = text[start:end]
        if not raw.startswith("+") and raw.lstrip("(")[:1] != "0":
            continue  # bare digits without 0 or + are IDs far more often than phones
        yield run.start + start, run.start + end


def _on_chunk_edges(text: str, start: int, end: int) -> bool:
    # Hyphen-joined digits are one token; a phone number cut out of the middle of one
    # (an order ID, a UUID-like string) is a false positive.
    return (start == 0 or text[start - 1] == " ") and (end == len(text) or text[end] == " ")
