"""Values as spreadsheets print them, and the markers of missing values."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from benchmark.core.values import MISSING_MARKERS, UnreadableValue, parse_value, parse_values


@pytest.mark.parametrize(
    ("printed", "number"),
    [
        ("£677", 677.0),
        ("£2.2m", 2_200_000.0),
        ("£24.2bn", 24_200_000_000.0),
        ("980.6k", 980_600.0),
        ("13.22m", 13_220_000.0),
        ("83.2%", 83.2),
        ("+9%", 9.0),
        ("3,140", 3140.0),
        ("1,234,567.5", 1_234_567.5),
        ("\u20100.28", -0.28),  # U+2010 hyphen as minus
        ("\u22120.28", -0.28),  # U+2212 minus sign
        ("-0.28", -0.28),
        ("-£5", -5.0),
        ("£-5", -5.0),
        ("1878 (2016)", 1878.0),
        ("  42  ", 42.0),
        ("1e3", 1000.0),
        (".5", 0.5),
        ("2.5M", 2_500_000.0),
        ("£1.5BN", 1_500_000_000.0),
        (7, 7.0),
        (7.25, 7.25),
    ],
)
def test_printed_forms_parse_to_their_number(printed: object, number: float) -> None:
    assert parse_value(printed) == number


@pytest.mark.parametrize(
    "marker",
    ["", " ", "N/A", "NA", "n/a", "No data", "no data", "-", "\u2010", "\u2013", "..", "[x]", "[c]",
     "c", "x", "*", ":", "X", "C", None, float("nan")],
)
def test_missing_markers_are_missing_never_zero(marker: object) -> None:
    assert math.isnan(parse_value(marker))


def test_every_documented_marker_is_known() -> None:
    documented = {"", "n/a", "na", "no data", "-", "\u2010", "\u2013", "..", "[x]", "[c]", "c", "x",
                  "*", ":"}
    assert documented <= MISSING_MARKERS


@pytest.mark.parametrize("text", ["abc", "12abc", "£", "1.2.3", "inf", "-inf", "1e999", "yes", "5 6"])
def test_other_text_is_unreadable(text: str) -> None:
    with pytest.raises(UnreadableValue):
        parse_value(text)


def test_parse_values_reports_positions_of_unreadable_cells() -> None:
    raw = pd.Series(["1", "£2.2m", "abc", "", "N/A", "1e999", "83.2%"], dtype=object)
    numbers, bad = parse_values(raw)
    assert numbers.iloc[0] == 1.0
    assert numbers.iloc[1] == 2_200_000.0
    assert numbers.iloc[6] == 83.2
    assert numbers.iloc[[2, 3, 4, 5]].isna().all()
    assert [(cell.position, cell.text) for cell in bad] == [(2, "abc"), (5, "1e999")]


def test_parse_values_keeps_float_columns_as_they_are() -> None:
    numbers, bad = parse_values(pd.Series([1.5, None, 3.0]))
    assert numbers.tolist()[0] == 1.5 and math.isnan(numbers.tolist()[1]) and bad == []


def test_an_unreadable_value_leaves_nothing_behind_for_the_collector() -> None:
    """With collections paused (as the command line pauses them while it reads), the column is
    freed as soon as it is let go: the unreadable value's error keeps no traceback, whose frame
    would hold the column in a reference cycle."""
    import gc
    import weakref

    column = pd.Series(["1", "ten", "2"], dtype=object)
    gone = weakref.ref(column)
    gc.disable()
    try:
        numbers, bad = parse_values(column)
        del column
        assert gone() is None
    finally:
        gc.enable()
    assert [cell.text for cell in bad] == ["ten"] and numbers.isna().tolist() == [False, True, False]


@pytest.mark.parametrize(("text", "reason"), [
    ("--5", "has two signs"), ("-£-5", "has two signs"), ("+-5", "has two signs"),
    ("1e-400", "too small to be told from 0"), ("1e40", "larger than any council figure"),
    ("£1,000,000,000,000,001", "larger than any council figure"), ("inf", "not a finite number"),
])
def test_values_that_were_silently_wrong_are_refused(text: str, reason: str) -> None:
    with pytest.raises(UnreadableValue, match=reason):
        parse_value(text)


def test_the_largest_value_and_signed_zero_still_read() -> None:
    assert parse_value("£1,000,000,000,000,000") == 1e15
    assert parse_value("-£5") == parse_value("£-5") == -5.0
    assert parse_value("0.000") == 0.0 and parse_value("1e-300") == 1e-300
    numbers, bad = parse_values(pd.Series(["0", "1e-400", "2e15", "7"], dtype=object))
    assert numbers.tolist()[::3] == [0.0, 7.0] and [cell.position for cell in bad] == [1, 2]
