"""Quartiles by each named rule, against hand computations."""

from __future__ import annotations

import pandas as pd
import pytest

from benchmark.analysis.quartiles import (
    QuartileMethod,
    band_by_ntile,
    band_by_rank,
    quartile_rows,
    quartiles,
)
from benchmark.analysis.selection import Selection


def selection_of(values: list[float | None], polarity: str = "high", indicator: str = "x",
                 theme: str = "T") -> Selection:
    frame = pd.DataFrame({
        "area": [f"a{i:02d}" for i in range(len(values))], "indicator": indicator, "period": "2018",
        "value": pd.array(values, dtype="float64"), "theme": theme, "polarity": polarity, "weight": 1.0,
    })
    return Selection(frame, list(frame["area"]), "all", "period 2018", [theme], [indicator])


def bands(values, method, polarity="high") -> list[object]:
    table = quartiles(selection_of(values, polarity), method).table.sort_values("area")
    return [None if pd.isna(q) else int(q) for q in table["quartile"]]


def sizes(values, method, polarity="high") -> list[int]:
    found = bands(values, method, polarity)
    return [found.count(band) for band in (1, 2, 3, 4)]


DISTINCT_27 = [float(v) for v in range(1, 28)]


@pytest.mark.parametrize("polarity", ["high", "low"])
@pytest.mark.parametrize(("method", "expected"), [
    (QuartileMethod.RANK, [6, 7, 7, 7]),
    (QuartileMethod.PERCENTILE, [7, 7, 6, 7]),
    (QuartileMethod.NTILE, [7, 7, 7, 6]),
])
def test_band_sizes_for_27_distinct_values(method, expected, polarity) -> None:
    assert sizes(DISTINCT_27, method, polarity) == expected


def test_rank_rule_boundaries_for_27() -> None:
    # ranks 1-6 -> 1st, 7-13 -> 2nd, 14-20 -> 3rd, 21-27 -> 4th (low is good: value = rank)
    found = bands(DISTINCT_27, QuartileMethod.RANK, "low")
    assert found[5] == 1 and found[6] == 2 and found[12] == 2 and found[13] == 3
    assert found[19] == 3 and found[20] == 4
    ranks = pd.Series([1, 6, 7, 13, 14, 20, 21, 27], dtype="Int64")
    assert band_by_rank(ranks, pd.Series([27] * 8, dtype="Int64")).tolist() == [1, 1, 2, 2, 3, 3, 4, 4]


def test_percentile_cut_points_and_the_better_side() -> None:
    result = quartiles(selection_of(DISTINCT_27), QuartileMethod.PERCENTILE)
    cuts = result.table[["p25", "median", "p75"]].iloc[0].tolist()
    assert cuts == [7.5, 14.0, 20.5]  # 1 + 0.25 * 26, 14, 1 + 0.75 * 26
    # On a cut point: 14 is the median: high is good -> 2nd band; low is good -> 2nd band too.
    high = bands(DISTINCT_27, QuartileMethod.PERCENTILE, "high")
    low = bands(DISTINCT_27, QuartileMethod.PERCENTILE, "low")
    assert high[13] == 2 and low[13] == 2
    # values 1, 2, 3, 4, 5: p25 = 2, median = 3, p75 = 4 -> high: 5,4 -> 1; 3 -> 2; 2 -> 3; 1 -> 4
    assert bands([1.0, 2.0, 3.0, 4.0, 5.0], QuartileMethod.PERCENTILE, "high") == [4, 3, 2, 1, 1]
    assert bands([1.0, 2.0, 3.0, 4.0, 5.0], QuartileMethod.PERCENTILE, "low") == [1, 1, 2, 3, 4]


def test_ntile_groups_and_ties() -> None:
    ranks = pd.Series(range(1, 28), dtype="Int64")
    groups = band_by_ntile(ranks, pd.Series([27] * 27, dtype="Int64")).tolist()
    assert groups == [1] * 7 + [2] * 7 + [3] * 7 + [4] * 6
    # 10 areas: groups of 3, 3, 2, 2
    ten = band_by_ntile(pd.Series(range(1, 11), dtype="Int64"), pd.Series([10] * 10, dtype="Int64"))
    assert ten.tolist() == [1, 1, 1, 2, 2, 2, 3, 3, 4, 4]


@pytest.mark.parametrize("method", list(QuartileMethod))
def test_ties_across_a_boundary_share_a_band(method) -> None:
    # Ten areas, high is good; the 3rd and 4th best tie (a boundary for ntile and percentile).
    values = [10.0, 9.0, 8.0, 8.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0]
    found = bands(values, method)
    assert found[2] == found[3]
    expected = {
        QuartileMethod.RANK: [1, 1, 2, 2, 2, 3, 3, 4, 4, 4],  # ceil(4r/10), r = 1,2,3,3,5,...
        QuartileMethod.NTILE: [1, 1, 1, 1, 2, 2, 3, 3, 4, 4],  # tie takes the band of position 2
        # p25 = 3.25, median = 5.5, p75 = 8: 8 is on the cut point -> the better band
        QuartileMethod.PERCENTILE: [1, 1, 1, 1, 2, 3, 3, 4, 4, 4],
    }
    assert found == expected[method]


@pytest.mark.parametrize("method", list(QuartileMethod))
def test_fewer_than_four_ranked_areas_give_no_quartile(method) -> None:
    result = quartiles(selection_of([1.0, 2.0, 3.0, None]), method)
    assert result.table["quartile"].isna().all()
    assert result.warnings == ["no quartiles for 'x': only 3 areas ranked (at least 4 are needed)"]


def test_missing_value_has_no_quartile_and_counts_as_none() -> None:
    result = quartiles(selection_of([1.0, 2.0, 3.0, 4.0, None]))
    rows = quartile_rows(result, "a04", summary=True)
    assert rows.to_dict("records") == [
        {"theme": "T", "q1": 0, "q2": 0, "q3": 0, "q4": 0, "none": 1, "total": 1},
        {"theme": "Total", "q1": 0, "q2": 0, "q3": 0, "q4": 0, "none": 1, "total": 1},
    ]


def test_tallies_by_theme_and_by_area_and_the_bottom_list() -> None:
    frames = [selection_of(DISTINCT_27, "high", "up", "Economy").frame,
              selection_of(DISTINCT_27, "low", "down", "Economy").frame,
              selection_of(list(reversed(DISTINCT_27)), "high", "care", "Care").frame]
    frame = pd.concat(frames, ignore_index=True)
    selection = Selection(frame, list(dict.fromkeys(frame["area"])), "all", "2018", ["Economy", "Care"],
                          ["up", "down", "care"])
    result = quartiles(selection)
    # a00 has the lowest value (1): 'up' rank 27 -> q4; 'down' rank 1 -> q1; 'care' value 27 -> q1
    summary = quartile_rows(result, "a00", summary=True)
    assert summary.values.tolist() == [["Economy", 1, 0, 0, 1, 0, 2], ["Care", 1, 0, 0, 0, 0, 1],
                                       ["Total", 2, 0, 0, 1, 0, 3]]
    bottom = quartile_rows(result, "a00", extreme=4)
    assert bottom[["theme", "indicator", "rank", "quartile"]].values.tolist() == [["Economy", "up", 27, 4]]
    top = quartile_rows(result, "a00", extreme=1)
    assert top["indicator"].tolist() == ["down", "care"]
    both = quartile_rows(result, "a00", extreme=(1, 4))  # by theme, then quartile within one
    assert both[["theme", "indicator", "quartile"]].values.tolist() == [
        ["Economy", "down", 1], ["Economy", "up", 4], ["Care", "care", 1]]
    per_area = quartile_rows(result, summary=True)
    assert per_area.iloc[0].tolist() == ["a00", 2, 0, 0, 1, 0, 3]
    assert len(per_area) == 27


def test_thresholds_only_when_asked() -> None:
    result = quartiles(selection_of(DISTINCT_27))
    assert "p25" not in quartile_rows(result, "a00").columns
    assert quartile_rows(result, "a00", thresholds=True)[["p25", "median", "p75"]].iloc[0].tolist() == \
        [7.5, 14.0, 20.5]
