"""Ranks, theme averages and positions against hand computations (see conftest.HAND_DATA).

By hand, with ties sharing the best rank (min):
  I1 (high is good): E 30 -> 1, B 20 and C 20 -> 2, A 10 -> 4, D 5 -> 5        (n = 5)
  I2 (low is good):  A 1 -> 1, B 2 -> 2, C 3 -> 3, E 4 -> 4, D missing -> none (n = 4)
  I3 (low is good):  D 1 -> 1, C 3 -> 2, A 7 and B 7 -> 3, E 9 -> 5            (n = 5)
  I4 has polarity none: not ranked.
Overall (mean over indicators): A 8/3, B 7/3, C 7/3, D 6/2 = 3, E 10/3
  -> positions B 1, C 1, A 3, D 4, E 5.
Theme averages: T1 = (I1 + I2) / count, T2 = I3:
  A 2.5 | 3;  B 2 | 3;  C 2.5 | 2;  D 5 | 1;  E 2.5 | 5
Overall as mean of theme averages: A 2.75, B 2.5, C 2.25, D 3, E 3.75 -> C 1, B 2, A 3, D 4, E 5.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from benchmark import Overall, Ties, rank, read_dataset, select
from benchmark.core.errors import UsageError


@pytest.fixture
def dataset(hand_files: dict[str, Path]):
    return read_dataset(hand_files["data"], indicators=hand_files["indicators"],
                        areas=hand_files["areas"])


def ranks_of(ranking, indicator: str) -> dict[str, object]:
    rows = ranking.detail[ranking.detail["indicator"] == indicator]
    return {area: (None if pd.isna(r) else r) for area, r in zip(rows["area"], rows["rank"], strict=True)}


def by_area(table: pd.DataFrame, column: str) -> dict[str, object]:
    return dict(zip(table["area"], table[column], strict=True))


def test_ranks_respect_polarity_ties_and_gaps(dataset) -> None:
    ranking = rank(select(dataset))
    assert ranks_of(ranking, "I1") == {"E": 1, "B": 2, "C": 2, "A": 4, "D": 5}
    assert ranks_of(ranking, "I2") == {"A": 1, "B": 2, "C": 3, "E": 4, "D": None}
    assert ranks_of(ranking, "I3") == {"D": 1, "C": 2, "A": 3, "B": 3, "E": 5}
    n = ranking.detail.groupby("indicator")["n"].first().to_dict()
    assert n == {"I1": 5, "I2": 4, "I3": 5}


def test_context_indicator_is_not_ranked(dataset) -> None:
    ranking = rank(select(dataset))
    assert "I4" not in set(ranking.detail["indicator"])
    assert ranking.unranked_indicators == ["I4"]
    assert ranking.ranked_indicators == 3


def test_league_table_overall_mean_of_indicators(dataset) -> None:
    table = rank(select(dataset)).table
    assert list(table.columns) == ["position", "area", "average_rank", "indicators", "T1", "T2"]
    assert list(table["area"]) == ["B", "C", "A", "D", "E"]
    assert by_area(table, "position") == {"B": 1, "C": 1, "A": 3, "D": 4, "E": 5}
    assert by_area(table, "average_rank") == pytest.approx(
        {"A": 8 / 3, "B": 7 / 3, "C": 7 / 3, "D": 3.0, "E": 10 / 3}, abs=1e-12)
    assert by_area(table, "indicators") == {"A": 3, "B": 3, "C": 3, "D": 2, "E": 3}
    assert by_area(table, "T1") == {"A": 2.5, "B": 2.0, "C": 2.5, "D": 5.0, "E": 2.5}
    assert by_area(table, "T2") == {"A": 3.0, "B": 3.0, "C": 2.0, "D": 1.0, "E": 5.0}


def test_league_table_overall_mean_of_themes(dataset) -> None:
    table = rank(select(dataset), overall=Overall.THEMES).table
    assert by_area(table, "average_rank") == {"A": 2.75, "B": 2.5, "C": 2.25, "D": 3.0, "E": 3.75}
    assert list(table["area"]) == ["C", "B", "A", "D", "E"]
    assert list(table["position"]) == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    ("ties", "expected"),
    [
        (Ties.MIN, {"E": 1, "B": 2, "C": 2, "A": 4, "D": 5}),
        (Ties.AVERAGE, {"E": 1, "B": 2.5, "C": 2.5, "A": 4, "D": 5}),
        (Ties.MAX, {"E": 1, "B": 3, "C": 3, "A": 4, "D": 5}),
        (Ties.DENSE, {"E": 1, "B": 2, "C": 2, "A": 3, "D": 4}),
    ],
)
def test_tie_rules(dataset, ties: Ties, expected: dict[str, float]) -> None:
    assert ranks_of(rank(select(dataset), ties=ties), "I1") == expected


def test_group_restricts_the_comparators(dataset) -> None:
    # North only (A, B, C). I1: B, C 20 -> 1, A 10 -> 3. I2: A 1, B 2, C 3. I3: C 3 -> 1, A, B 7 -> 2.
    ranking = rank(select(dataset, group="north"))
    assert ranks_of(ranking, "I1") == {"B": 1, "C": 1, "A": 3}
    assert ranks_of(ranking, "I3") == {"C": 1, "A": 2, "B": 2}
    # A (3+1+2)/3 = 2, B (1+2+2)/3 = 5/3, C (1+3+1)/3 = 5/3
    assert by_area(ranking.table, "position") == {"B": 1, "C": 1, "A": 3}
    same = rank(select(dataset, group="group=NORTH")).table
    pd.testing.assert_frame_equal(same, ranking.table)
    assert len(rank(select(dataset, group="region=S")).table) == 2


def test_unknown_group_names_what_exists(dataset) -> None:
    with pytest.raises(UsageError, match="values found: north, south"):
        select(dataset, group="east")
    with pytest.raises(UsageError, match="no 'colour' column"):
        select(dataset, group="colour=red")


def test_theme_restricts_the_indicators(dataset) -> None:
    table = rank(select(dataset, theme="t2")).table
    assert list(table.columns) == ["position", "area", "average_rank", "indicators", "T2"]
    assert by_area(table, "position") == {"D": 1, "C": 2, "A": 3, "B": 3, "E": 5}


def test_weights_make_a_weighted_mean(tmp_path: Path, hand_files: dict[str, Path]) -> None:
    weighted = tmp_path / "weighted.csv"
    weighted.write_text("indicator,theme,polarity,weight\nI1,T1,high,2\nI2,T1,low,1\n"
                        "I3,T2,low,1\nI4,T2,none,1\n")
    dataset = read_dataset(hand_files["data"], indicators=weighted)
    table = rank(select(dataset)).table
    # A: (2*4 + 1 + 3) / 4 = 3; D: (2*5 + 1) / 3 = 11/3; E: (2*1 + 4 + 5) / 4 = 11/4
    assert by_area(table, "average_rank") == pytest.approx(
        {"A": 3.0, "B": 9 / 4, "C": 9 / 4, "D": 11 / 3, "E": 11 / 4}, abs=1e-12)


def test_latest_period_per_indicator_and_all_periods(tmp_path: Path) -> None:
    source = tmp_path / "periods.csv"
    source.write_text(
        "area,indicator,period,value,polarity,theme\n"
        "A,X,2016/17,1,high,T\nB,X,2016/17,2,high,T\n"
        "A,X,2017/18,5,high,T\nB,X,2017/18,3,high,T\n"
        "A,Y,2017,1,low,T\nB,Y,2017,2,low,T\n"
        "A,Y,2018,,low,T\nB,Y,2018,,low,T\n"  # 2018 has no values: 2017 is Y's latest
    )
    dataset = read_dataset(source)
    selection = select(dataset)
    assert selection.period == "latest period of each indicator"
    ranking = rank(selection)
    pairs = set(zip(ranking.detail["indicator"], ranking.detail["period"], strict=True))
    assert pairs == {("X", "2017/18"), ("Y", "2017")}
    assert by_area(ranking.table, "average_rank") == {"A": 1.0, "B": 2.0}

    one = rank(select(dataset, period="2016/17"))
    assert by_area(one.table, "position") == {"B": 1, "A": 2}

    every = rank(select(dataset, period="all"), by_period=True).table
    assert list(every.columns[:3]) == ["period", "position", "area"]
    assert list(every["period"]) == ["2016/17", "2016/17", "2017", "2017", "2017/18", "2017/18"]
    assert list(every["area"]) == ["B", "A", "A", "B", "A", "B"]

    with pytest.raises(UsageError, match="no such period"):
        select(dataset, period="1999")


def test_area_without_any_rank_is_listed_without_position(tmp_path: Path) -> None:
    source = tmp_path / "sparse.csv"
    rows = ["area,indicator,value,polarity"]
    rows += [f"{area},I{i},{i + ord(area)},high" for area in "ABCD" for i in range(4)]
    rows += ["E,I0,", "F,I0,1"]
    source.write_text("\n".join(rows) + "\n")
    ranking = rank(select(read_dataset(source)))
    table = ranking.table
    assert table["area"].iloc[-1] == "E" and pd.isna(table["position"].iloc[-1])
    assert "E has no ranked indicator, so no position" in ranking.warnings
    assert any(w.startswith("F is ranked on only 1 indicator where") for w in ranking.warnings)


def test_tied_averages_share_a_position_exactly() -> None:
    # Two areas whose averages are equal fractions reached by different sums.
    frame = pd.DataFrame({
        "area": list("PQPQPQ"), "indicator": ["a", "a", "b", "b", "c", "c"], "period": "",
        "value": [1.0, 2.0, 2.0, 1.0, 1.0, 1.0], "theme": "T", "polarity": "low", "weight": 1.0,
    })
    from benchmark.analysis.selection import Selection

    selection = Selection(frame, ["P", "Q"], "all", "", ["T"], ["a", "b", "c"])
    table = rank(selection).table
    assert list(table["position"]) == [1, 1]


def test_nothing_to_rank_is_a_clear_error(tmp_path: Path) -> None:
    source = tmp_path / "context.csv"
    source.write_text("area,indicator,value\nA,X,1\nB,X,2\n")
    from benchmark.core.errors import DataError

    with pytest.raises(DataError, match="nothing to rank: no indicator selected has both"):
        rank(select(read_dataset(source)))


@pytest.mark.parametrize("theme", ["indicators", "area", "position", "average_rank", "period"])
def test_a_theme_named_as_a_league_table_column_is_refused(tmp_path: Path, theme: str) -> None:
    source = tmp_path / "data.csv"
    source.write_text("area,indicator,period,value,theme,polarity\n"
                      f"A,X,2020,1,{theme},high\nB,X,2020,2,{theme},high\n")
    from benchmark.core.errors import DataError

    with pytest.raises(DataError, match=f"a theme is called '{theme}', as a column of the league "
                                        "table is; give the theme another name"):
        rank(select(read_dataset(source), period="all"), by_period=True)
