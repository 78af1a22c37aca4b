"""Periods as time intervals: each label people write (``2016/17``, ``2017``, ``2014-16``,
``Q1 2018``, ``31/03/2019``) parsed once into a first and a last day and a kind.

Equivalent spellings are one period (``2018/19`` = ``2018-19`` = ``2018/2019`` = ``FY2018/19`` =
``2018 to 2019``). Periods sort by their last day, then their first (so ``2014/15`` comes before
``2014-16``); a label that cannot be parsed sorts after every one that can, by its text.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from enum import Enum
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import pandas as pd


class PeriodKind(str, Enum):
    FINANCIAL_YEAR = "financial year"  # 1 April to 31 March
    ACADEMIC_YEAR = "academic year"  # 1 September to 31 August
    CALENDAR_YEAR = "calendar year"
    SPAN = "span"  # rolling or pooled years: 2014-16, 2016 to 2018
    QUARTER = "quarter"
    MONTH = "month"
    DATE = "date"  # a snapshot on one day


class Period(NamedTuple):
    start: date
    end: date
    kind: PeriodKind


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-"})
_YEARS = re.compile(r"(fy|ay)?\s*(\d{4})\s*(/|-|to)\s*(\d{2}|\d{4})")
_YEAR = re.compile(r"(\d{4})")
_QUARTER = re.compile(r"q([1-4])\s*(\d{4})|(\d{4})\s*q([1-4])")
_MONTH_YEAR = re.compile(_MONTH + r"[\s-]*(\d{4})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[\s-]*" + _MONTH + r"[\s-]*(\d{4})")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ t]00:00(?::00)?)?")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")


def parse_period(label: object) -> Period | None:
    """The interval a period label stands for, or None when it cannot be told (kept as text).

    ``2018/19``-like years are financial years unless written ``AY2018/19``; ``2014-16`` (more
    than one year apart) is a span of calendar years; dates are read day first (UK).

    >>> parse_period("2018-19")[:2]
    (datetime.date(2018, 4, 1), datetime.date(2019, 3, 31))
    """
    return _parse("" if label is None else str(label))


@lru_cache(maxsize=4096)
def _parse(label: str) -> Period | None:
    text = " ".join(label.translate(_DASHES).casefold().split())
    try:
        return _interval(text)
    except ValueError:  # 31/02/2019, month 13: not a date
        return None


def _interval(text: str) -> Period | None:
    if match := _ISO_DAY.fullmatch(text):
        return _day(date(int(match[1]), int(match[2]), int(match[3])))
    if match := _DAY_FIRST.fullmatch(text):
        return _day(date(int(match[3]), int(match[2]), int(match[1])))
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        return _day(date(int(match[3]), _MONTHS.index(match[2]) + 1, int(match[1])))
    if match := _MONTH_YEAR.fullmatch(text):
        return _month(int(match[2]), _MONTHS.index(match[1]) + 1)
    if match := _QUARTER.fullmatch(text):
        quarter, year = (match[1], match[2]) if match[1] else (match[4], match[3])
        first = 3 * int(quarter) - 2
        return Period(date(int(year), first, 1), _month(int(year), first + 2).end, PeriodKind.QUARTER)
    if match := _YEAR.fullmatch(text):
        year = int(match[1])
        return Period(date(year, 1, 1), date(year, 12, 31), PeriodKind.CALENDAR_YEAR)
    if match := _YEARS.fullmatch(text):
        return _years(match[1], int(match[2]), match[3], match[4])
    if match := _ISO_MONTH.fullmatch(text):
        return _month(int(match[1]), int(match[2]))
    return None


def _years(prefix: str | None, first: int, separator: str, written: str) -> Period | None:
    if len(written) == 4:
        last = int(written)
    elif int(written) == (first + 1) % 100:  # 2018/19, and 1999/00 across a century
        last = first + 1
    elif int(written) > first % 100:  # 2014-16
        last = first // 100 * 100 + int(written)
    elif separator == "-" and 1 <= int(written) <= 12:  # 2019-03: a month
        return _month(first, int(written))
    else:
        return None
    if last == first + 1:
        if prefix == "ay":
            return Period(date(first, 9, 1), date(last, 8, 31), PeriodKind.ACADEMIC_YEAR)
        return Period(date(first, 4, 1), date(last, 3, 31), PeriodKind.FINANCIAL_YEAR)
    if last > first + 1 and prefix is None:
        return Period(date(first, 1, 1), date(last, 12, 31), PeriodKind.SPAN)
    return None


def _day(day: date) -> Period:
    return Period(day, day, PeriodKind.DATE)


def _month(year: int, month: int) -> Period:
    last = calendar.monthrange(year, month)[1]
    return Period(date(year, month, 1), date(year, month, last), PeriodKind.MONTH)


PeriodKey = tuple[int, date, date, str]


def period_key(period: object) -> PeriodKey:
    """Sort key: by last day, then first day; a label that cannot be parsed sorts last, by text."""
    text = "" if period is None else str(period).strip()
    parsed = _parse(text)
    if parsed is None:
        return (1, date.max, date.max, text)
    return (0, parsed.end, parsed.start, text)


def recency_key(period: object) -> PeriodKey:
    """Sort key for choosing the latest: as :func:`period_key`, but a label that cannot be put in
    time counts as the earliest, so it is chosen only when its indicator has nothing else."""
    unknown, *rest = period_key(period)
    return (1 - unknown, *rest)  # type: ignore[return-value]


def period_order(periods: pd.Series) -> pd.Series:
    """Each period's place in time order (0 = earliest), working out each distinct period once."""
    distinct = sorted(set(periods), key=period_key)
    return periods.map({period: index for index, period in enumerate(distinct)}).astype("int64")


def has_year(period: object) -> bool:
    """Whether a label is a period that can be put in time order."""
    return parse_period(period) is not None


def same_period(first: object, second: object) -> bool:
    """Whether two labels are spellings of one period (``2018/19`` and ``2018-2019``)."""
    one, other = parse_period(first), parse_period(second)
    if one is None or other is None:
        return str(first).strip().casefold() == str(second).strip().casefold()
    if one.kind in _SPLIT_YEARS and other.kind in _SPLIT_YEARS:  # the data's own kind decides
        return one.start.year == other.start.year
    return one == other


_SPLIT_YEARS = (PeriodKind.FINANCIAL_YEAR, PeriodKind.ACADEMIC_YEAR)
