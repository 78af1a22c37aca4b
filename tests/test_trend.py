"""Direction of travel and targets, by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from benchmark import read_dataset, sample_path, select
from benchmark.analysis.targets import Status, parse_target, target_status
from benchmark.analysis.trend import Direction, area_tallies, direction_of, tally, trend
from benchmark.core.errors import UsageError


@pytest.mark.parametrize(
    ("previous", "current", "polarity", "expected"),
    [
        (100.0, 110.0, "high", Direction.IMPROVED),
        (100.0, 90.0, "high", Direction.WORSE),
        (100.0, 90.0, "low", Direction.IMPROVED),
        (100.0, 110.0, "low", Direction.WORSE),
        (100.0, 101.0, "high", Direction.NO_CHANGE),  # exactly 1%: at the tolerance
        (1.00, 1.01, "high", Direction.NO_CHANGE),  # exactly 1% in decimals, not floats
        (100.0, 101.01, "high", Direction.IMPROVED),  # just over 1%
        (100.0, 98.99, "low", Direction.IMPROVED),
        (-0.28, -0.2828, "high", Direction.NO_CHANGE),  # |change| / |previous| = 1%
        (0.0, 0.0, "high", Direction.NO_CHANGE),
        (0.0, 1.0, "high", Direction.IMPROVED),
        (100.0, 110.0, "none", Direction.NOT_COMPARABLE),
        (100.0, 110.0, None, Direction.NOT_COMPARABLE),
        (float("nan"), 110.0, "high", Direction.NOT_COMPARABLE),
    ],
)
def test_direction(previous: float, current: float, polarity, expected: Direction) -> None:
    assert direction_of(previous, current, polarity, 0.01) is expected


def test_zero_tolerance_counts_any_change_and_comparable_no_is_not_comparable() -> None:
    assert direction_of(100.0, 100.5, "high", 0.0) is Direction.IMPROVED
    assert direction_of(100.0, 100.0, "high", 0.0) is Direction.NO_CHANGE
    assert direction_of(100.0, 120.0, "high", 0.01, comparable=False) is Direction.NOT_COMPARABLE


@pytest.fixture
def travel_files(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "data.csv"
    data.write_text(
        "area,indicator,period,value\n"
        "Leics,Spend,2016/17,£653\nLeics,Spend,2017/18,£677\n"
        "Leics,Waste,2015,1820 (2015)\nLeics,Waste,2016,1878 (2016)\n"
        "Leics,Jobs,2016,80%\nLeics,Jobs,2017,80.5%\n"
        "Leics,New,2017,5\n"
        "Leics,Gap,2015,10\nLeics,Gap,2016,\nLeics,Gap,2017,12\n"
        "Kent,Spend,2017/18,£700\n"
    )
    indicators = tmp_path / "indicators.csv"
    indicators.write_text(
        "indicator,theme,polarity,tolerance,comparable\n"
        "Spend,Money,high,,\nWaste,Environment,low,,\nJobs,Economy,high,0.001,\n"
        "New,Economy,high,,\nGap,Economy,high,,no\n"
    )
    return data, indicators


def test_trend_by_hand(travel_files) -> None:
    data, indicators = travel_files
    table = trend(select(read_dataset(data, indicators=indicators)), "Leics")
    rows = {row["indicator"]: row for row in table.to_dict("records")}
    spend = rows["Spend"]
    assert (spend["previous_period"], spend["previous"], spend["current_period"], spend["current"]) == \
        ("2016/17", 653.0, "2017/18", 677.0)
    assert spend["change"] == 24.0 and spend["change_pct"] == pytest.approx(24 / 653)
    assert spend["direction"] == "improved"
    assert rows["Waste"]["change"] == 58.0 and rows["Waste"]["direction"] == "worse"  # low is good
    # 80% -> 80.5% is a 0.625% change: no change at 1%, but Jobs has its own tolerance of 0.1%
    assert rows["Jobs"]["direction"] == "improved"
    assert rows["New"]["direction"] == "not comparable" and pd.isna(rows["New"]["previous_period"])
    # Gap: 2016 is missing, so 2017 has no previous value; and it is marked comparable=no anyway
    assert rows["Gap"]["previous_period"] == "2016" and rows["Gap"]["direction"] == "not comparable"
    assert list(table.columns) == ["indicator", "theme", "previous_period", "previous", "current_period",
                                   "current", "change", "change_pct", "direction"]


def test_trend_with_chosen_periods_and_tolerance(travel_files) -> None:
    data, indicators = travel_files
    dataset = read_dataset(data, indicators=indicators)
    table = trend(select(dataset), "Leics", from_period="2015", to_period="2017")
    gap = table[table["indicator"] == "Gap"].iloc[0]
    assert (gap["previous"], gap["current"]) == (10.0, 12.0)
    loose = trend(select(dataset), "Leics", tolerance=0.05)
    assert loose.set_index("indicator").loc["Spend", "direction"] == "no change"  # 3.7% <= 5%
    with pytest.raises(UsageError, match="--from 1999"):
        trend(select(dataset), "Leics", from_period="1999")


def test_trend_tally(travel_files) -> None:
    data, indicators = travel_files
    table = trend(select(read_dataset(data, indicators=indicators)), "Leics")
    counts = tally(table, ["Money", "Environment", "Economy"])
    assert counts.values.tolist() == [
        ["Money", 1, 0, 0, 0, 1], ["Environment", 0, 0, 1, 0, 1], ["Economy", 1, 0, 0, 2, 3],
        ["Total", 2, 0, 1, 2, 5],
    ]
    assert list(counts.columns) == ["theme", "improved", "no change", "worse", "not comparable", "total"]


@pytest.mark.parametrize(
    ("target", "value", "polarity", "status"),
    [
        ("92%", 92.0, "high", Status.MET),
        ("92%", 91.9, "high", Status.NOT_MET),
        ("92%", 91.9, "low", Status.MET),
        ("1638", 1700.0, "low", Status.NOT_MET),
        ("1638", 1638.0, "low", Status.MET),
        ("92%", 95.0, "none", Status.NOT_EVALUABLE),
        ("<1797", 1796.0, "low", Status.MET),
        ("<1797", 1797.0, "high", Status.NOT_MET),
        ("<=5", 5.0, "high", Status.MET),
        (">40%", 40.0, "high", Status.NOT_MET),
        (">=40%", 40.0, "low", Status.MET),
        ("5-6%", 5.5, "low", Status.MET),
        ("5-6%", 6.0, "high", Status.MET),
        ("5-6%", 6.1, "high", Status.NOT_MET),
        ("28%-40%", 27.9, "high", Status.NOT_MET),
        ("MTFS", 5.0, "high", Status.NOT_EVALUABLE),
        ("Reduction", 5.0, "low", Status.NOT_EVALUABLE),
        ("top quartile", 5.0, "high", Status.NOT_EVALUABLE),
        ("92%", float("nan"), "high", Status.NOT_EVALUABLE),
    ],
)
def test_targets(target: str, value: float, polarity: str, status: Status) -> None:
    assert target_status(parse_target(target), value, polarity) is status


def test_target_forms_parse() -> None:
    assert parse_target("28%-40%").kind == "range" and (parse_target("28%-40%").low,
                                                        parse_target("28%-40%").high) == (28.0, 40.0)
    assert parse_target("<1797").comparison == "<" and parse_target("-5").kind == "number"
    assert parse_target("£1.2m").low == 1_200_000.0
    assert parse_target("MTFS").kind == "text"


def test_each_areas_tally_is_the_total_row_of_its_own_summary() -> None:
    selection = select(read_dataset(sample_path()), group="counties-2018")
    per_area = area_tallies(selection, tolerance=0.02).set_index("area")
    assert list(per_area.index) == selection.areas
    for area in selection.areas:
        own = tally(trend(selection, area, tolerance=0.02), selection.themes).set_index("theme")
        assert per_area.loc[area].tolist() == own.loc["Total"].tolist(), area
