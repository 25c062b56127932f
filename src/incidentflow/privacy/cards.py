"""Payment card numbers (PD101): brand prefix, length, layout and Luhn checksum."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from stdnum import ean

from incidentflow.privacy.digit_runs import Candidate, DigitRun

# (lowest prefix, highest prefix, allowed lengths). Prefixes of equal length compare
# correctly as strings. Requiring a brand keeps Luhn's 1-in-10 chance from flagging
# random 16-digit IDs.
_BRANDS: tuple[tuple[str, str, range], ...] = (
    ("4", "4", range(13, 20, 3)),  # Visa: 13, 16, 19
    ("51", "55", range(16, 17)),  # Mastercard
    ("2221", "2720", range(16, 17)),  # Mastercard 2-series
    ("34", "34", range(15, 16)),  # American Express
    ("37", "37", range(15, 16)),
    ("3528", "3589", range(16, 20)),  # JCB
    ("300", "305", range(14, 20)),  # Diners Club
    ("3095", "3095", range(14, 20)),
    ("36", "36", range(14, 20)),
    ("38", "39", range(16, 20)),
    ("6011", "6011", range(16, 20)),  # Discover
    ("644", "649", range(16, 20)),
    ("65", "65", range(16, 20)),
    ("62", "62", range(16, 20)),  # UnionPay
)

_DOUBLED = str.maketrans("0123456789", "0246813579")  # 2d, minus 9 when above 9


def find_cards(run: DigitRun) -> Iterator[Candidate]:
    """Every span of whole chunks with a card layout, a brand prefix and a valid Luhn
    checksum. A card next to other 4-digit groups is still a card: padding a number
    with a group is no way to hide it."""
    groups = run.groups
    for first in run.chunk_starts:
        if len(groups[first]) < 4 or not _brand_lengths(groups[first][:4]):
            continue
        if first == 0 and run.prefix:
            continue  # a country code or an area code is phone syntax, not a card
        for last in _layout_ends(run.sizes, first):
            if run.chunk_end[last] and is_card_number(run.digits(first, last)):
                yield first, last


def _layout_ends(sizes: list[int], first: int) -> Iterator[int]:
    """The last group of each card layout that starts at group ``first``: one block of
    13 to 19 digits, 4-4-4-4 with an optional short last group (4-4-4-1 to 4-4-4-4-3),
    Amex 4-6-5 or Diners 4-6-4. Other groupings are more likely lists of numbers."""
    head = sizes[first]
    if 13 <= head <= 19:
        yield first
        return
    ahead = sizes[first + 1 : first + 5]
    if head != 4 or len(ahead) < 2:
        return
    if ahead[0] == 6 and ahead[1] in (4, 5):
        yield first + 2
    if ahead[0] == 4 and ahead[1] == 4 and len(ahead) > 2 and 1 <= ahead[2] <= 4:
        yield first + 3
        if ahead[2] == 4 and len(ahead) > 3 and 1 <= ahead[3] <= 3:
            yield first + 4


def is_card_number(digits: str) -> bool:
    return (
        len(digits) in _brand_lengths(digits[:4])
        and _luhn_ok(digits)
        and not _is_product_code(digits)
    )


@cache
def _brand_lengths(head: str) -> tuple[int, ...]:
    """The card lengths a number starting with these four digits can have."""
    lengths = {
        length
        for low, high, allowed in _BRANDS
        if low <= head[: len(low)] <= high
        for length in allowed
    }
    return tuple(sorted(lengths))


def _is_product_code(digits: str) -> bool:
    """A 13-digit Visa looks like a JAN/EAN-13 barcode (Japanese ones start 45 or 49),
    which shop incidents quote all the time; 13-digit Visas are no longer issued, so
    a valid EAN-13 check digit wins."""
    return len(digits) == 13 and bool(ean.is_valid(digits))


def _luhn_ok(digits: str) -> bool:
    kept = digits[-1::-2]
    doubled = digits[-2::-2].translate(_DOUBLED)
    return (sum(map(int, kept)) + sum(map(int, doubled))) % 10 == 0
