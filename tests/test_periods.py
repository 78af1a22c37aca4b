from __future__ import annotations

from datetime import date

import pytest

from benchmark.core.periods import PeriodKind, has_year, parse_period, period_key, same_period

FY, AY, CY = PeriodKind.FINANCIAL_YEAR, PeriodKind.ACADEMIC_YEAR, PeriodKind.CALENDAR_YEAR


@pytest.mark.parametrize(("label", "start", "end", "kind"), [
    ("2018/19", date(2018, 4, 1), date(2019, 3, 31), FY),
    ("1999/00", date(1999, 4, 1), date(2000, 3, 31), FY),
    ("AY2018/19", date(2018, 9, 1), date(2019, 8, 31), AY),
    ("2018", date(2018, 1, 1), date(2018, 12, 31), CY),
    ("2014-16", date(2014, 1, 1), date(2016, 12, 31), PeriodKind.SPAN),
    ("2016 to 2018", date(2016, 1, 1), date(2018, 12, 31), PeriodKind.SPAN),
    ("2009 - 11", date(2009, 1, 1), date(2011, 12, 31), PeriodKind.SPAN),
    ("Q1 2018", date(2018, 1, 1), date(2018, 3, 31), PeriodKind.QUARTER),
    ("2018 Q4", date(2018, 10, 1), date(2018, 12, 31), PeriodKind.QUARTER),
    ("February 2020", date(2020, 2, 1), date(2020, 2, 29), PeriodKind.MONTH),
    ("Mar-2019", date(2019, 3, 1), date(2019, 3, 31), PeriodKind.MONTH),
    ("2019-03", date(2019, 3, 1), date(2019, 3, 31), PeriodKind.MONTH),
    ("31/03/2019", date(2019, 3, 31), date(2019, 3, 31), PeriodKind.DATE),
    ("01/04/2019", date(2019, 4, 1), date(2019, 4, 1), PeriodKind.DATE),  # day first: 1 April
    ("2019-03-31", date(2019, 3, 31), date(2019, 3, 31), PeriodKind.DATE),
    ("2019-03-31 00:00:00", date(2019, 3, 31), date(2019, 3, 31), PeriodKind.DATE),
    ("31 March 2019", date(2019, 3, 31), date(2019, 3, 31), PeriodKind.DATE),
])
def test_each_kind_of_label_is_an_interval(label: str, start: date, end: date, kind: PeriodKind) -> None:
    assert parse_period(label) == (start, end, kind)


@pytest.mark.parametrize("spelling", ["2018-19", "2018/2019", "2018-2019", "FY2018/19", "2018 to 2019",
                                      "2018\u201019", " 2018 / 19 ", "fy 2018-19"])
def test_spellings_of_a_financial_year_are_one_period(spelling: str) -> None:
    assert parse_period(spelling) == parse_period("2018/19")
    assert same_period(spelling, "2018/19")


def test_the_datas_kind_of_split_year_decides() -> None:
    assert same_period("AY2018/19", "2018-19")  # the user's 2018-19 finds the data's academic year
    assert not same_period("2018", "2018/19") and not same_period("2017/18", "2018/19")


@pytest.mark.parametrize("label", ["latest", "", "31/02/2019", "2019-13", "2018/17", "Q5 2018"])
def test_a_label_that_is_no_time_is_kept_as_text(label: str) -> None:
    assert parse_period(label) is None and not has_year(label)


def test_periods_order_by_last_day_then_first() -> None:
    shuffled = ["2017", "Q1 2018", "2014-16", "2016/17", "2015-16", "2014/15", "2009 - 11", "2018"]
    # ends: 2011-12-31, 2015-03-31, 2016-03-31, 2016-12-31, 2017-03-31, 2017-12-31, 2018-03-31, 2018-12-31
    assert sorted(shuffled, key=period_key) == [
        "2009 - 11", "2014/15", "2015-16", "2014-16", "2016/17", "2017", "Q1 2018", "2018",
    ]


def test_day_first_dates_order_by_day_not_by_text() -> None:
    assert sorted(["30/06/2019", "31/03/2019", "31/12/2018"], key=period_key) == [
        "31/12/2018", "31/03/2019", "30/06/2019"]


def test_quarters_order_within_a_year() -> None:
    assert sorted(["Q3 2017", "Q1 2018", "Q1 2017"], key=period_key) == ["Q1 2017", "Q3 2017", "Q1 2018"]


def test_a_label_without_a_time_sorts_last_and_is_flagged() -> None:
    assert sorted(["zz", "latest", "2017"], key=period_key) == ["2017", "latest", "zz"]
    assert not has_year("latest") and has_year("2017/18")
