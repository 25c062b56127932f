"""Payment card numbers (PD101): brand prefix, length, layout and Luhn checksum."""

from __future__ import annotations

from collections.abc import Iterator

from stdnum import ean

from incidentflow.privacy.digit_runs import DigitRun, Span, uniform_spans

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

# Printed and typed layouts when the number is split: 4-4-4-4(-3), Amex 4-6-5,
# Diners 4-6-4. Anything else split into groups is more likely a list of numbers.
_SPLIT_LAYOUTS = {(4, 6, 5), (4, 6, 4)}


def find_cards(run: DigitRun) -> Iterator[Span]:
    for span in uniform_spans(run, max_digits=19):
        if len(span.digits) >= 13 and _layout_ok(span.layout) and is_card_number(span.digits):
            yield span


def is_card_number(digits: str) -> bool:
    return _has_brand(digits) and _luhn_ok(digits) and not _is_product_code(digits)


def _layout_ok(layout: tuple[int, ...]) -> bool:
    if len(layout) == 1 or layout in _SPLIT_LAYOUTS:
        return True
    return len(layout) >= 3 and all(n == 4 for n in layout[:-1]) and 1 <= layout[-1] <= 4


def _has_brand(digits: str) -> bool:
    return any(
        low <= digits[: len(low)] <= high and len(digits) in lengths
        for low, high, lengths in _BRANDS
    )


def _is_product_code(digits: str) -> bool:
    """A 13-digit Visa looks like a JAN/EAN-13 barcode (Japanese ones start 45 or 49),
    which shop incidents quote all the time; 13-digit Visas are no longer issued, so
    a valid EAN-13 check digit wins."""
    return len(digits) == 13 and bool(ean.is_valid(digits))


def _luhn_ok(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0
