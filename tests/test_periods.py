from __future__ import annotations

from benchmark.core.periods import has_year, period_key


def test_periods_order_by_first_year_then_span() -> None:
    shuffled = ["2017", "Q1 2018", "2014-16", "2016/17", "2015-16", "2014/15", "2009 - 11", "2018"]
    assert sorted(shuffled, key=period_key) == [
        "2009 - 11", "2014/15", "2014-16", "2015-16", "2016/17", "2017", "2018", "Q1 2018",
    ]


def test_quarters_order_within_a_year() -> None:
    assert sorted(["Q3 2017", "Q1 2018", "Q1 2017"], key=period_key) == ["Q1 2017", "Q3 2017", "Q1 2018"]


def test_century_crossing_financial_year() -> None:
    assert period_key("1999/00")[:2] == (1999, 2000)


def test_period_without_a_year_sorts_first_and_is_flagged() -> None:
    assert sorted(["2017", "latest"], key=period_key) == ["latest", "2017"]
    assert not has_year("latest") and has_year("2017/18")
