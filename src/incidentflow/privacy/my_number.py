"""Japanese Individual Numbers, マイナンバー (PD102): 12 digits with a check digit.

The 4-4-4 layout printed on the card is reported wherever it appears. A bare run of
12 digits is reported only when the same line names the number (マイナンバー, 個人番号,
"my number", ...): the check digit passes for one random number in ten, and bare
12-digit numbers are everywhere in a shop's incidents (AWS account IDs, order numbers,
millisecond timestamps of 2001, amounts).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from stdnum.jp import in_ as individual_number

from incidentflow.privacy.digit_runs import DigitRun, Span, uniform_spans

_GROUPED = (4, 4, 4)
_BARE = (12,)
_NAMED = re.compile(
    r"マイナンバー|マイナ|ﾏｲﾅﾝﾊﾞｰ|個人番号|my[ _\-]?number|individual[ _\-]?number|kojin",
    re.IGNORECASE,
)


def find_my_numbers(run: DigitRun, folded: str) -> Iterator[Span]:
    for span in uniform_spans(run, max_digits=12):
        if _plausible(span, folded) and individual_number.is_valid(span.digits):
            yield span


def _plausible(span: Span, folded: str) -> bool:
    if span.layout == _GROUPED:
        return True
    return (
        span.layout == _BARE
        and not _is_compact_timestamp(span.digits)
        and _line_names_it(folded, span)
    )


def _line_names_it(folded: str, span: Span) -> bool:
    line_start = folded.rfind("\n", 0, span.start) + 1
    line_end = folded.find("\n", span.end)
    return _NAMED.search(folded, line_start, line_end if line_end >= 0 else len(folded)) is not None


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
