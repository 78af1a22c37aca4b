"""Invariants of the ranking, over generated data (Hypothesis)."""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from benchmark.analysis.ranking import Ties, rank, rank_indicators
from benchmark.analysis.selection import Selection

AREAS = [f"area{i}" for i in range(8)]
values = st.one_of(st.none(), st.integers(min_value=-5, max_value=5).map(float))


@st.composite
def observations(draw) -> pd.DataFrame:
    indicators = draw(st.integers(min_value=1, max_value=4))
    rows = []
    for index in range(indicators):
        polarity = draw(st.sampled_from(["high", "low"]))
        theme = draw(st.sampled_from(["T1", "T2"]))
        for area in AREAS[: draw(st.integers(min_value=1, max_value=len(AREAS)))]:
            rows.append({"area": area, "indicator": f"i{index}", "period": "2020", "value": draw(values),
                         "theme": theme, "polarity": polarity, "weight": 1.0})
    frame = pd.DataFrame(rows)
    frame["value"] = frame["value"].astype("float64")
    assume(frame["value"].notna().any())  # with nothing to rank, rank() refuses (tested elsewhere)
    return frame


def selection_of(frame: pd.DataFrame) -> Selection:
    return Selection(frame, list(dict.fromkeys(frame["area"])), "all", "2020", ["T1", "T2"],
                     list(dict.fromkeys(frame["indicator"])))


def sorted_table(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values("area").reset_index(drop=True)


@settings(max_examples=60, deadline=None)
@given(observations(), st.randoms())
def test_row_order_never_changes_a_result(frame: pd.DataFrame, random) -> None:
    order = list(range(len(frame)))
    random.shuffle(order)
    shuffled = frame.iloc[order].reset_index(drop=True)
    first = rank(selection_of(frame)).table
    second = rank(Selection(shuffled, list(dict.fromkeys(frame["area"])), "all", "2020",
                            ["T1", "T2"], list(dict.fromkeys(frame["indicator"])))).table
    pd.testing.assert_frame_equal(sorted_table(first), sorted_table(second))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=-1000, max_value=1000), min_size=1, max_size=20, unique=True))
def test_distinct_values_rank_one_to_n_and_flipping_polarity_reverses(numbers: list[int]) -> None:
    frame = pd.DataFrame({"area": [f"a{i}" for i in range(len(numbers))], "indicator": "x",
                          "period": "", "value": [float(n) for n in numbers], "polarity": "high"})
    high = rank_indicators(frame)["rank"].tolist()
    low = rank_indicators(frame.assign(polarity="low"))["rank"].tolist()
    n = len(numbers)
    assert sorted(high) == list(range(1, n + 1))
    assert [a + b for a, b in zip(high, low, strict=True)] == [n + 1] * n
    assert high == [1 + sum(other > mine for other in numbers) for mine in numbers]


@settings(max_examples=60, deadline=None)
@given(observations(), st.sampled_from(list(Ties)))
def test_ranks_lie_in_one_to_n_and_ties_share_a_rank(frame: pd.DataFrame, ties: Ties) -> None:
    detail = rank_indicators(frame, ties)
    ranked = detail[detail["rank"].notna()]
    assert (ranked["rank"] >= 1).all()
    assert (ranked["rank"].astype(float) <= ranked["n"].astype(float)).all()
    assert detail.loc[detail["value"].isna(), "rank"].isna().all()
    shared = ranked.groupby(["indicator", "value"])["rank"].nunique()
    assert (shared == 1).all()


@settings(max_examples=60, deadline=None)
@given(observations())
def test_positions_are_competition_ranks_of_exact_averages(frame: pd.DataFrame) -> None:
    detail = rank_indicators(frame)
    ranked = detail[detail["rank"].notna()]
    exact = {area: Fraction(int(group["rank"].sum()), len(group)) for area, group in ranked.groupby("area")}
    table = rank(selection_of(frame)).table
    for area, position in zip(table["area"], table["position"], strict=True):
        if area in exact:
            assert position == 1 + sum(other < exact[area] for other in exact.values())
        else:
            assert pd.isna(position)
