"""Ordering periods as people write them: ``2016/17``, ``2017``, ``2014-16``, ``Q1 2018``.

A period sorts by its first four-digit year, then by its last year (so ``2014/15`` comes
before ``2014-16``), then by a quarter or month number, then by its text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_END_YEAR = re.compile(r"(?<!\d)(\d{4})\s*[-/\u2010\u2013]\s*(\d{2}|\d{4})(?!\d)")
_QUARTER = re.compile(r"\bQ([1-4])\b", re.IGNORECASE)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = re.compile(r"\b(" + "|".join(_MONTHS) + r")[a-z]*\b", re.IGNORECASE)

PeriodKey = tuple[int, int, int, str]


def period_key(period: object) -> PeriodKey:
    """Sort key for a period; a period with no four-digit year sorts first (year 0)."""
    text = "" if period is None else str(period).strip()
    first = _YEAR.search(text)
    if first is None:
        return (0, 0, 0, text)
    start = int(first.group(1))
    end = start
    span = _END_YEAR.search(text)
    if span is not None and int(span.group(1)) == start:
        tail = span.group(2)
        end = int(tail) if len(tail) == 4 else start // 100 * 100 + int(tail)
        if end < start:  # "1999/00"
            end += 100
    part = 0
    if quarter := _QUARTER.search(text):
        part = int(quarter.group(1))
    elif month := _MONTH.search(text):
        part = _MONTHS.index(month.group(1)[:3].lower()) + 1
    return (start, end, part, text)


def period_order(periods: pd.Series) -> pd.Series:
    """Each period's place in time order (0 = earliest), working out each distinct period once."""
    distinct = sorted(set(periods), key=period_key)
    return periods.map({period: index for index, period in enumerate(distinct)}).astype("int64")


def has_year(period: object) -> bool:
    return period_key(period)[0] != 0
