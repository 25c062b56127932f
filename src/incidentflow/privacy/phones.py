"""Phone numbers (PD104), Japanese and international, valid in ``phonenumbers``' data.

A candidate is a span of whole chunks of a digit run: 10 or 11 digits starting with
the trunk prefix 0 (read as a Japanese number; ``00`` starts an international call or
an ID), or a run that opens with ``+`` and a country code. Bare digits without 0 or +
are IDs far more often than phones.

Valid means what ``phonenumbers.is_valid_number`` means: the national number matches
the general pattern of its region and the pattern of one number type (fixed line,
mobile, toll free, ...). The patterns are read from phonenumbers' metadata and applied
directly, because parsing each candidate costs about 45 µs and a page of numbers would
take seconds; a test holds the two to the same answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from phonenumbers import COUNTRY_CODE_TO_REGION_CODE, PhoneMetadata

from incidentflow.privacy.digit_runs import Candidate, DigitRun

_JAPAN = 81
_DOMESTIC_LENGTHS = (11, 10)  # mobile and 0800 numbers, then landlines and 0120
_INTERNATIONAL_LENGTHS = range(17, 7, -1)  # E.164 allows 15 digits; "(0)" adds one
_NON_GEOGRAPHIC = "001"  # phonenumbers' region for +800, +808, +870, ...
_NUMBER_TYPES = (
    "premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager",
    "uan", "voicemail", "fixed_line", "mobile",
)  # fmt: skip


def find_phones(run: DigitRun) -> Iterator[Candidate]:
    if run.prefix == "+":
        for length in _INTERNATIONAL_LENGTHS:
            last = run.last_group(0, length)
            if last is not None and is_valid_international(run.digits(0, last)):
                yield 0, last
                break
    groups = run.groups
    reached = -1  # read left to right: a number is not read again from inside
    for first in [k for k in run.chunk_starts if groups[k][0] == "0"]:
        if first <= reached or (first == 0 and run.prefix == "+") or _is_decimal(run, first):
            continue
        for length in _DOMESTIC_LENGTHS:
            last = run.last_group(first, length)
            if last is None:
                continue
            digits = run.digits(first, last)
            if digits[1] != "0" and is_valid_national(_JAPAN, digits[1:]):
                yield first, last
                reached = last
                break  # the shorter number from the same start would lose anyway


def _is_decimal(run: DigitRun, first: int) -> bool:
    """``0.312345678``, ``0.9 0.8 0.7``, ``0.31.2345.678``: a lone 0 before a dot starts
    a decimal or a version, never a phone number."""
    return (
        run.groups[first] == "0"
        and first + 1 < len(run.groups)
        and "." in run.source[run.ends[first] : run.starts[first + 1]]
    )


def is_valid_international(digits: str) -> bool:
    """``digits`` after the plus sign: a country code, then the national number (with
    a trunk prefix 0 written as in ``+81 (0)3-1234-5678``, or without)."""
    for size in (1, 2, 3):  # country codes are prefix-free
        code = int(digits[:size])
        if code in COUNTRY_CODE_TO_REGION_CODE:
            national = digits[size:]
            return is_valid_national(code, national) or (
                national[:1] == "0" and is_valid_national(code, national[1:])
            )
    return False


def is_valid_national(country_code: int, national: str) -> bool:
    for general, by_length in _patterns(country_code):
        kinds = by_length.get(len(national))
        if kinds and general.fullmatch(national) and kinds.fullmatch(national):
            return True
    return False


@cache
def _patterns(country_code: int) -> tuple[tuple[re.Pattern[str], dict[int, re.Pattern[str]]], ...]:
    """Per region of the country code: its general pattern, and per possible length one
    pattern joining those of the number types that allow the length."""
    found = []
    for region in COUNTRY_CODE_TO_REGION_CODE.get(country_code, ()):
        if region == _NON_GEOGRAPHIC:
            metadata = PhoneMetadata.metadata_for_nongeo_region(country_code)
        else:
            metadata = PhoneMetadata.metadata_for_region(region)
        general = _description(metadata.general_desc) if metadata else None
        if general is None:
            continue
        kinds = [_description(getattr(metadata, name)) for name in _NUMBER_TYPES]
        by_length: dict[int, re.Pattern[str]] = {}
        for length in general[0] or range(1, 18):
            patterns = [p for lengths, p in filter(None, kinds) if not lengths or length in lengths]
            if patterns:
                by_length[length] = re.compile("|".join(f"(?:{p})" for p in patterns))
        found.append((re.compile(general[1]), by_length))
    return tuple(found)


def _description(desc: object) -> tuple[frozenset[int], str] | None:
    """Possible lengths (empty: any) and pattern of a number description, if it has one."""
    pattern = getattr(desc, "national_number_pattern", None)
    if not pattern:
        return None
    return frozenset(getattr(desc, "possible_length", None) or ()), str(pattern)
