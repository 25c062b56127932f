"""Japanese Individual Numbers, マイナンバー (PD102): 12 digits with a check digit.

The 4-4-4 layout printed on the card is reported wherever it appears, unless a slash
joins the groups (``1234 / 5678 / 9012`` is a list of counts far more often) or it is a
slice of a longer block of 4-digit groups. A bare run of 12 digits, or a slashed one, is
reported only when the same line names the number (マイナンバー, 個人番号, "my number",
...): the check digit passes for one random number in ten, and bare 12-digit numbers are
everywhere in a shop's incidents (AWS account IDs, order numbers, millisecond
timestamps of 2001, amounts).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from stdnum.jp import in_ as individual_number

from incidentflow.privacy.digit_runs import Candidate, DigitRun, continues_block

_NAMED = re.compile(
    r"マイナンバー|マイナ|個人番号|my[ _\-]?number|individual[ _\-]?number|kojin",
    re.IGNORECASE,
)


def find_my_numbers(run: DigitRun) -> Iterator[Candidate]:
    sizes = run.sizes
    named: bool | None = None  # a run never crosses a line: look the line up once
    for first in run.chunk_starts:
        if first == 0 and run.prefix:
            continue
        if sizes[first] == 4:
            last = first + 2
            if (
                sizes[first + 1 : last + 1] != [4, 4]
                or not run.chunk_end[last]
                or continues_block(run, first, last)
            ):
                continue
        elif sizes[first] == 12 and run.chunk_end[first]:
            last = first
        else:
            continue
        digits = run.digits(first, last)
        if not individual_number.is_valid(digits):
            continue
        grouped = last > first
        if grouped and "/" not in run.text(first, last):
            yield first, last
            continue
        if not grouped and _is_compact_timestamp(digits):
            continue
        if named is None:
            named = _line_names_it(run)
        if named:
            yield first, last


def _line_names_it(run: DigitRun) -> bool:
    text = run.source
    line_start = text.rfind("\n", 0, run.start) + 1
    line_end = text.find("\n", run.start)
    return _NAMED.search(text, line_start, line_end if line_end >= 0 else len(text)) is not None


def _is_compact_timestamp(digits: str) -> bool:
    """YYYYMMDDhhmm is a common log and file-name format, also on lines about My Number
    batches; a real calendar minute is read as a timestamp."""
    year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    hour, minute = int(digits[8:10]), int(digits[10:12])
    if not (1900 <= year <= 2099 and hour <= 23 and minute <= 59):
        return False
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True
