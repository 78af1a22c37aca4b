"""Spend against performance: quadrants on a hand-built 8-area case, both split rules, ties on the
reference lines, deprivation, groups, every theme, and the bundled sample."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import benchmark
from benchmark.analysis.quadrants import classify, quadrant_names
from benchmark.core.errors import DataError, UsageError

# Eight areas, two high-is-good indicators X (theme T1) and Y (theme T2), ranks chosen by hand:
#   area   X rank  Y rank  average   spend  spend rank (1 = lowest)
#   A      1       1       1.0       800    1
#   B      2       3       2.5       1000   6
#   C      3       2       2.5       950    4 (tie)
#   D      4       5       4.5       950    4 (tie)
#   E      5       7       6.0       850    2
#   F      6       4       5.0       1050   7
#   G      7       8       7.5       900    3
#   H      8       6       7.0       1100   8
# Positions by average: A 1, B 2, C 2, D 4, F 5, E 6, H 7, G 8.
# Mean lines: average rank 36 / 8 = 4.5 (D sits on it); spend rank 35 / 8 = 4.375.
# Median lines: average rank (4.5 + 5) / 2 = 4.75; spend rank (4 + 4) / 2 = 4 (C and D sit on it).
X_RANK = {"A": 1, "B": 2, "C": 3, "D": 4, "E": 5, "F": 6, "G": 7, "H": 8}
Y_RANK = {"A": 1, "B": 3, "C": 2, "D": 5, "E": 7, "F": 4, "G": 8, "H": 6}
SPEND = {"A": 800, "B": 1000, "C": 950, "D": 950, "E": 850, "F": 1050, "G": 900, "H": 1100}
DEPRIVATION = {"A": 8, "B": 7, "C": 6, "D": 5, "E": 4, "F": 3, "G": 2, "H": 1}
HL, HH = "high performance, low spend", "high performance, high spend"
LL, LH = "low performance, low spend", "low performance, high spend"


@pytest.fixture
def eight(tmp_path: Path) -> benchmark.Dataset:
    rows = ["area,indicator,period,value"]
    for area in X_RANK:
        rows += [f"{area},X,2018,{100 - 10 * X_RANK[area]}", f"{area},Y,2018,{100 - 10 * Y_RANK[area]}",
                 f"{area},Z,2018,{X_RANK[area]}"]
    areas = ["area,spend_per_head,deprivation_rank,group"]
    areas += [f"{a},{SPEND[a]},{DEPRIVATION[a]},{'north' if a in 'ABCD' else 'south'}" for a in X_RANK]
    files = {"data.csv": "\n".join(rows) + "\n", "areas.csv": "\n".join(areas) + "\n",
             "indicators.csv": "indicator,theme,polarity\nX,T1,high\nY,T2,high\nZ,Context,none\n"}
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    return benchmark.read_dataset(tmp_path / "data.csv", indicators=tmp_path / "indicators.csv",
                                  areas=tmp_path / "areas.csv")


def test_mean_split_with_a_tie_on_the_performance_line(eight) -> None:
    result = benchmark.quadrants(benchmark.select(eight))
    assert (result.performance_line, result.comparator_line) == (4.5, 4.375)
    assert result.table.values.tolist() == [
        ["A", 1.0, 1, 800.0, 1, HL],
        ["B", 2.5, 2, 1000.0, 6, HH],
        ["C", 2.5, 2, 950.0, 4, HL],
        ["D", 4.5, 4, 950.0, 4, LL],  # on the performance line: low performance
        ["F", 5.0, 5, 1050.0, 7, LH],
        ["E", 6.0, 6, 850.0, 2, LL],
        ["H", 7.0, 7, 1100.0, 8, LH],
        ["G", 7.5, 8, 900.0, 3, LL],
    ]
    assert list(result.table.columns) == ["area", "average_rank", "performance_rank", "comparator_value",
                                          "comparator_rank", "quadrant"]


def test_median_split_with_ties_on_the_spend_line(eight) -> None:
    result = benchmark.quadrants(benchmark.select(eight), split="median")
    assert (result.performance_line, result.comparator_line) == (4.75, 4.0)
    quadrant = dict(zip(result.table["area"], result.table["quadrant"], strict=True))
    # C and D have spend rank 4, on the line: high spend. D's 4.5 is now below 4.75: high performance.
    assert quadrant == {"A": HL, "B": HH, "C": HH, "D": HH, "F": LH, "E": LL, "H": LH, "G": LL}


def test_every_quadrant_appears_under_both_rules(eight) -> None:
    for split in ("mean", "median"):
        result = benchmark.quadrants(benchmark.select(eight), split=split)
        assert set(result.table["quadrant"]) == {HL, HH, LL, LH}


def test_classify_puts_a_point_on_both_lines_bottom_left() -> None:
    average = pd.Series([1.0, 2.0, 3.0])
    comparator = pd.Series([3, 2, 1])
    names, performance_line, comparator_line = classify(average, comparator, "mean")
    assert (performance_line, comparator_line) == (2.0, 2.0)
    assert names.tolist() == [HH, LH, LL]  # the middle point is on both lines
    names, _, _ = classify(pd.Series([1 / 3, 1 / 3, 1 / 3 + 1e-12]), pd.Series([1, 1, 1]), "mean")
    assert names.tolist() == [LH, LH, LH]  # float noise does not move a point off the line


def test_deprivation_rank_1_is_the_most_deprived(eight) -> None:
    result = benchmark.quadrants(benchmark.select(eight), against="deprivation")
    assert result.comparator_line == 4.5
    row = {r.area: (r.comparator_value, r.comparator_rank, r.quadrant)
           for r in result.table.itertuples(index=False)}
    assert row["A"] == (8.0, 8, "high performance, low deprivation")
    assert row["C"] == (6.0, 6, "high performance, low deprivation")
    assert row["G"] == (2.0, 2, "low performance, high deprivation")
    assert row["D"] == (5.0, 5, "low performance, low deprivation")
    assert quadrant_names("deprivation") == [
        "high performance, high deprivation", "high performance, low deprivation",
        "low performance, high deprivation", "low performance, low deprivation"]


def test_a_group_is_re_ranked_among_itself(eight) -> None:
    # North = A, B, C, D. X ranks 1, 2, 3, 4; Y values 90, 70, 80, 50 rank A 1, C 2, B 3, D 4.
    # Averages A 1, B 2.5, C 2.5, D 4: mean 2.5, so B and C sit on the line (low performance).
    # Spend 800, 1000, 950, 950 ranks A 1, B 4, C 2, D 2: mean 9 / 4 = 2.25.
    result = benchmark.quadrants(benchmark.select(eight, group="north"))
    assert (result.performance_line, result.comparator_line) == (2.5, 2.25)
    assert result.table[["area", "average_rank", "comparator_rank", "quadrant"]].values.tolist() == [
        ["A", 1.0, 1, HL], ["B", 2.5, 4, LH], ["C", 2.5, 2, LL], ["D", 4.0, 2, LL]]


def test_one_area_on_every_theme(eight) -> None:
    result = benchmark.theme_quadrants(benchmark.select(eight), "d")
    # T1 (X only): D ranks 4 < mean 4.5, high; T2 (Y only): D ranks 5, low. Spend rank 4 < 4.375.
    assert result.table.values.tolist() == [
        ["overall", 4.5, 4, 8, 950.0, 4, 8, LL],
        ["T1", 4.0, 4, 8, 950.0, 4, 8, HL],
        ["T2", 5.0, 5, 8, 950.0, 4, 8, LL],
    ]
    assert result.skipped == ["Context"] and result.focus == "D"


def test_areas_without_spend_or_ranks_are_left_out(tmp_path: Path) -> None:
    (tmp_path / "d.csv").write_text("area,indicator,value,polarity\nP,X,3,high\nQ,X,2,high\nR,X,1,high\n"
                                    "S,X,,high\n")
    (tmp_path / "a.csv").write_text("area,spend_per_head\nP,10\nQ,\nR,30\nS,40\n")
    dataset = benchmark.read_dataset(tmp_path / "d.csv", areas=tmp_path / "a.csv")
    result = benchmark.quadrants(benchmark.select(dataset))
    assert result.excluded == ["Q (no spend_per_head)", "S (no ranked indicator)"]
    assert result.table[["area", "comparator_rank", "quadrant"]].values.tolist() == [
        ["P", 1, HL], ["R", 2, LH]]
    assert (result.ranked, result.with_comparator) == (3, 3)


def test_a_missing_comparator_column_says_what_to_add(tmp_path: Path) -> None:
    (tmp_path / "d.csv").write_text("area,indicator,value,polarity\nP,X,3,high\nQ,X,2,high\n")
    with pytest.raises(DataError, match="the area metadata has no 'spend_per_head' column, needed for "
                                        "--against spend; add it to the areas sheet or an --areas file"):
        benchmark.quadrants(benchmark.select(benchmark.read_dataset(tmp_path / "d.csv")))


def test_the_bundled_sample() -> None:
    result = benchmark.quadrants(benchmark.select(benchmark.read_dataset(benchmark.sample_path())))
    assert len(result.table) == 27 and result.excluded == []
    leicestershire = result.row("leicestershire")
    # Net current expenditure £545,043.8 thousand / 715,117 people = £762.17, the lowest of the 27.
    assert round(leicestershire["comparator_value"], 2) == 762.17
    assert leicestershire["comparator_rank"] == 1
    # With 27 distinct spend ranks 1..27 the mean line is 14.
    assert result.comparator_line == 14.0
    deprivation = benchmark.quadrants(benchmark.select(benchmark.read_dataset(benchmark.sample_path())),
                                      against="deprivation")
    assert deprivation.excluded == ["Dorset (no deprivation_rank)"] and len(deprivation.table) == 26
    with pytest.raises(UsageError, match="--area dorset: Dorset is left out \\(no deprivation_rank\\), so it "
                                         "has no quadrant"):
        deprivation.find("dorset")
    with pytest.raises(UsageError, match="--area Dorset County Council: Dorset is left out"):
        deprivation.find("Dorset County Council")
    assert deprivation.find("Leicestershire County Council") == "Leicestershire"


def test_all_themes_with_a_period_skips_themes_without_it() -> None:
    from benchmark import read_dataset, sample_path, select
    from benchmark.analysis.quadrants import theme_quadrants

    result = theme_quadrants(select(read_dataset(sample_path()), period="2018"), "Leicestershire")
    # In the sample only children in care, NEETs and funded early education use the period "2018".
    assert list(result.table["theme"])[1:] == ["Children & Young People", "Education & Early Years"]
    assert {"Adult Social Care", "Public Health", "Waste"} <= set(result.skipped)
