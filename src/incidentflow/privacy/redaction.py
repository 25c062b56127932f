"""Redacted forms shown in findings: enough to find the value, never all of it."""

from __future__ import annotations

import re

_DIGIT = re.compile(r"[0-9]")
_DIGIT_GROUPS = re.compile(r"[0-9]+")


def mask_digits(value: str, keep_head: int, keep_tail: int) -> str:
    """Replace every digit except the first ``keep_head`` and last ``keep_tail``."""
    positions = [m.start() for m in _DIGIT.finditer(value)]
    hidden = set(positions[keep_head : len(positions) - keep_tail])
    return "".join("*" if i in hidden else c for i, c in enumerate(value))


def redact_card(value: str) -> str:
    return mask_digits(value, keep_head=4, keep_tail=4)


def redact_my_number(value: str) -> str:
    return mask_digits(value, keep_head=0, keep_tail=4)


def redact_phone(value: str) -> str:
    """Keep the prefix that says what kind of number it is (090, 03, +81 90) and the
    last digits, and hide at least four digits."""
    groups = _DIGIT_GROUPS.findall(value)
    total = sum(len(g) for g in groups)
    if value.startswith("+") and len(groups) > 2:
        head = len(groups[0]) + len(groups[1])
    elif len(groups) > 1 and len(groups[0]) <= 5:
        head = len(groups[0])
    else:
        head = 3
    head = min(head, max(total - 4, 0))
    tail = min(4, total - head - 4)
    return mask_digits(value, keep_head=head, keep_tail=max(tail, 0))


def redact_email(local: str, domain: str) -> str:
    visible = local[0] if len(local) > 1 else ""
    return f"{visible}***@{domain}"
