"""The fast paths taken for large inputs give exactly what the plain pandas ways give.

CSV cells are read as categoricals, ranks come from one sort or from counting, league-table sums
from bincount: each is checked here against a direct pandas computation on random data with
ties, missing values and both polarities, and the CSV reader on the texts pandas would
otherwise turn into numbers or booleans.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmark.analysis.ranking import Overall, Ties, league_table, rank_indicators
from benchmark.core.text import period_phrase
from benchmark.core.values import parse_values, text_column
from benchmark.io import read_dataset
from benchmark.io.tables import read_tables


def _table(tmp_path, text: str, name: str = "data.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return read_tables(path)[0]


def test_csv_cells_that_look_like_numbers_or_booleans_keep_their_text(tmp_path) -> None:
    table = _table(tmp_path, "area,period,flag,value\nA,2010.50,True,1\nB,007,False,2\nC,2011,true,3\n")
    assert list(text_column(table.frame["period"])) == ["2010.50", "007", "2011"]
    assert list(text_column(table.frame["flag"])) == ["True", "False", "true"]


def test_csv_columns_pandas_turns_into_numbers_are_read_again_as_text(tmp_path, monkeypatch) -> None:
    """Should a pandas version infer numbers despite the thousands separator, nothing is lost."""
    read_csv = pd.read_csv

    def inferring(source, **options):
        options.pop("thousands", None)
        return read_csv(source, **options)

    monkeypatch.setattr(pd, "read_csv", inferring)
    table = _table(tmp_path, "area,period,flag\nA,2010.50,True\nB,007,False\n")
    assert list(text_column(table.frame["period"])) == ["2010.50", "007"]
    assert list(text_column(table.frame["flag"])) == ["True", "False"]


def test_csv_blank_and_separator_only_lines_are_dropped_keeping_row_numbers(tmp_path) -> None:
    table = _table(tmp_path, "area,value\nA,1\n\n,\nB, \nC,3\n")
    assert list(table.row_numbers) == [2, 5, 6]  # 'B, ' has a cell of a space: a row
    assert list(text_column(table.frame["area"])) == ["A", "B", "C"]


def test_csv_without_blank_lines_numbers_rows_from_two(tmp_path) -> None:
    table = _table(tmp_path, "area,value\nA,1\nB,2\n")
    assert list(table.row_numbers) == [2, 3]
    assert table.where(1, "value") == f"{tmp_path / 'data.csv'}, row 3, column B (value)"


def test_non_ascii_csv_reads_like_ascii(tmp_path) -> None:
    text = "area,indicator,value\nYnys Môn,spend,£1\u200b,234\nBrighton,spend,\u20102\n"
    table = _table(tmp_path, text.replace(",234", "234"))
    assert list(text_column(table.frame["area"])) == ["Ynys Môn", "Brighton"]
    values, bad = parse_values(table.frame["value"])
    assert values.tolist() == [1234.0, -2.0] and bad == []


PRINTED = ["1", "2.5", "-0", "0.1", "1e3", "£2.2m", "83.2%", "3,140", "..", "x", "N/A", "", "  7 ",
           "1878 (2016)", "abc", "1e999", "inf", "nan", "-", "0.30000000000000004", "12345678901234567890"]


@given(st.lists(st.sampled_from(PRINTED), min_size=1, max_size=40))
@settings(max_examples=200, deadline=None)
def test_categorical_values_parse_as_the_same_text_column_does(cells: list[str]) -> None:
    as_text = pd.Series(cells, dtype=str)
    expected, expected_bad = parse_values(as_text)
    got, got_bad = parse_values(as_text.astype("category"))
    np.testing.assert_array_equal(got.to_numpy(), expected.to_numpy())
    assert got_bad == expected_bad


def _reference_ranks(frame: pd.DataFrame, ties: Ties) -> tuple[pd.Series, pd.Series]:
    """pandas' own grouped rank and count: what rank_indicators computed before it sorted itself."""
    rankable = frame["polarity"].isin(["high", "low"])
    values = frame["value"].where(rankable)
    signed = pd.Series(np.where(frame["polarity"] == "high", -values, values), index=frame.index)
    groups = signed.groupby([frame["indicator"], frame["period"]], sort=False, observed=True)
    return groups.rank(method=ties.value), groups.transform("count").where(rankable)


def _random_frame(seed: int, rows: int, distinct_values: int, categorical: bool, *, areas: int = 40,
                  indicators: int = 7, periods: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    drawn = rng.integers(0, indicators, rows)
    values = rng.integers(-distinct_values, distinct_values, rows) / 2
    values[rng.random(rows) < 0.1] = np.nan
    values[rng.random(rows) < 0.05] = -0.0
    frame = pd.DataFrame({
        "area": [f"area {a}" for a in rng.integers(0, areas, rows)],
        "indicator": [f"ind {i}" for i in drawn],
        "period": [f"{2015 + p}" for p in rng.integers(0, periods, rows)],
        "value": values,
        "polarity": [("high", "low", "none", None)[i % 4] for i in drawn],
        "theme": [("T1", "T2", None)[i % 3] for i in drawn],
        "weight": [float(1 + i % 2) for i in drawn],
    }).drop_duplicates(["area", "indicator", "period"]).reset_index(drop=True)
    if categorical:
        keys = ("area", "indicator", "period", "polarity", "theme")
        frame = frame.astype({name: "category" for name in keys})
    return frame


# Few distinct values take the counting path, many the sorting path; few values over too many
# (indicator, period, value) pairs to count in an array make counting hand over to sorting.
FRAMES = {
    "few values": lambda categorical: _random_frame(303, 300, 3, categorical),
    "some values": lambda categorical: _random_frame(3004, 3000, 4, categorical),
    "distinct values": lambda categorical: _random_frame(103_000, 3000, 100_000, categorical),
    "many indicators": lambda categorical: _random_frame(11, 40_000, 50, categorical, areas=2,
                                                         indicators=10_000, periods=2),
}


@pytest.mark.parametrize("ties", list(Ties))
@pytest.mark.parametrize("shape", list(FRAMES))
@pytest.mark.parametrize("categorical", [True, False])
def test_ranks_equal_pandas_grouped_rank(ties: Ties, shape: str, categorical: bool) -> None:
    frame = FRAMES[shape](categorical)
    detail = rank_indicators(frame, ties)
    expected_rank, expected_n = _reference_ranks(frame, ties)
    np.testing.assert_array_equal(detail["rank"].astype("float64").to_numpy(na_value=np.nan),
                                  expected_rank.to_numpy())
    np.testing.assert_array_equal(detail["n"].astype("float64").to_numpy(na_value=np.nan),
                                  expected_n.to_numpy())


def _reference_league(detail: pd.DataFrame, by_period: bool) -> pd.DataFrame:
    ranked = detail[detail["rank"].notna()]
    keys = ["period", "area"] if by_period else ["area"]
    weighted = ranked.assign(_w=ranked["rank"].astype("float64") * ranked["weight"])
    sums = weighted.groupby(keys, observed=True)[["_w", "weight"]].sum()
    return pd.DataFrame({"average_rank": sums["_w"] / sums["weight"],
                         "indicators": ranked.groupby(keys, observed=True)["indicator"].nunique()})


@pytest.mark.parametrize("by_period", [True, False])
@pytest.mark.parametrize("categorical", [True, False])
@pytest.mark.parametrize("many", [False, True])
def test_league_table_sums_equal_a_direct_grouping(by_period: bool, categorical: bool, many: bool) -> None:
    # many: areas x periods x indicators too many for an array of flags (by period), and some
    # rows with no area, which pandas' grouping leaves out.
    frame = (_random_frame(5, 6000, 5, categorical, areas=300, indicators=1000, periods=5) if many
             else _random_frame(7, 4000, 5, categorical))
    if many:
        frame.loc[::97, "area"] = None
    detail = rank_indicators(frame, Ties.MIN)
    areas = sorted(frame["area"].dropna().astype(str).unique())
    table = league_table(detail, areas, ["T1", "T2"], Overall.INDICATORS, by_period)
    keys = ["period", "area"] if by_period else ["area"]
    got = table.dropna(subset=["average_rank"]).astype({key: str for key in keys}).set_index(keys)
    expected = _reference_league(detail, by_period)
    expected.index = expected.index.map(lambda key: tuple(map(str, key)) if by_period else str(key))
    got = got.loc[expected.index]
    np.testing.assert_array_equal(got["average_rank"].to_numpy(), expected["average_rank"].to_numpy())
    np.testing.assert_array_equal(got["indicators"].to_numpy(), expected["indicators"].to_numpy())


@pytest.mark.parametrize("by_period", [True, False])
@pytest.mark.parametrize("overall", list(Overall))
@pytest.mark.parametrize("categorical", [True, False])
def test_league_table_is_the_same_by_codes_or_by_grouping(by_period: bool, overall: Overall,
                                                         categorical: bool) -> None:
    """The bincount sums (whole weights) and pandas' grouping of the rows give one table: the
    same areas, positions, averages and theme means to the last bit, the same column types."""
    from benchmark.analysis import league

    frame = _random_frame(9, 3000, 5, categorical, areas=30, indicators=60, periods=3)
    themes = [f"T{number}" for number in range(10)]
    number = frame["indicator"].astype(str).str.removeprefix("ind ").astype(int)
    frame["theme"] = [themes[n % 10] if n != 7 else None for n in number]  # ten themes, and none
    frame["weight"] = (number % 3).astype(float)  # whole weights, some 0
    if categorical:
        frame["theme"] = frame["theme"].astype("category")
    detail = rank_indicators(frame, Ties.MIN)
    areas = [*sorted(frame["area"].dropna().astype(str).unique()), "Nowhere"]
    assert league._summed(detail, ["period", "area"] if by_period else ["area"]) is not None
    by_codes = league_table(detail, areas, themes, overall, by_period)
    sums = league._grouped
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(league, "_summed", lambda detail, keys: sums(detail, keys))
        by_grouping = league_table(detail, areas, themes, overall, by_period)
    pd.testing.assert_frame_equal(by_codes, by_grouping, check_exact=True)
    assert by_codes["area"].iloc[-1] == "Nowhere" and by_codes["position"].isna().iloc[-1]
    assert by_codes["indicators"].dtype == "int64" and by_codes["position"].dtype == "Int64"


def _reference_latest(frame: pd.DataFrame) -> pd.DataFrame:
    from benchmark.core.periods import recency_key

    periods = frame[frame["value"].notna()][["indicator", "period"]].drop_duplicates()
    # a label that cannot be put in time ('', 'x') is the latest only when nothing else is
    place = {label: number for number, label in enumerate(sorted(set(periods["period"]), key=recency_key))}
    periods = periods.assign(_key=periods["period"].map(place).astype("int64"))
    latest = periods.sort_values("_key").drop_duplicates("indicator", keep="last")[["indicator", "period"]]
    return frame.merge(latest, on=["indicator", "period"], how="inner")


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("categorical", [True, False])
def test_latest_period_rows_equal_a_merge_with_each_indicators_latest(seed: int, categorical: bool) -> None:
    from benchmark.analysis.selection import _choose_period

    rng = np.random.default_rng(seed)
    labels = ["2016/17", "2016-17", "2017", "2015 to 2016", "Q1 2018", "", "2018/19", "x"]
    rows = int(rng.integers(0, 200)) if seed else 0
    frame = pd.DataFrame({"area": [f"A{i}" for i in rng.integers(0, 10, rows)],
                          "indicator": [f"i{i}" for i in rng.integers(0, 8, rows)],
                          "period": [labels[i] for i in rng.integers(0, len(labels) - seed % 7, rows)],
                          "value": np.where(rng.random(rows) < 0.3, np.nan, rng.random(rows))})
    if categorical:
        frame = frame.astype({"area": "category", "indicator": "category", "period": "category"})
    chosen, text = _choose_period(frame, None)
    expected = _reference_latest(frame)
    pd.testing.assert_frame_equal(chosen.reset_index(drop=True), expected, check_exact=True)
    if expected["period"].nunique() == 1:
        assert text == period_phrase(expected["period"].iloc[0])
    else:
        assert text == "latest period of each indicator"


def test_repeated_observations_are_still_found(tmp_path) -> None:
    path = tmp_path / "data.csv"
    path.write_text("area,indicator,period,value\nA,x,2020,1\nB,x,2020,2\nA,x,2020,3\nB,x,2020,2\n")
    dataset = read_dataset(path)
    assert len(dataset.observations) == 2
    assert [problem.kind for problem in dataset.problems] == ["duplicate"]
    assert "row 2: 1, row 4: 3" in dataset.problems[0].message


@pytest.mark.parametrize("areas", [20, 3000])
def test_repeat_check_agrees_with_pandas(areas: int) -> None:
    # 20 areas: few possible keys, marked as flags; 3000 areas x 3000 indicators: too many, sorted.
    from benchmark.io.dataset import _may_repeat

    rng = np.random.default_rng(areas)
    keys = ["area", "indicator", "period"]
    frame = pd.DataFrame({"area": rng.integers(0, areas, 3000), "indicator": rng.integers(0, 3000, 3000),
                          "period": rng.integers(0, 3, 3000)}).astype(str).astype("category")
    frame.loc[::50, "period"] = None  # a missing key is a key like any other
    unique = frame.drop_duplicates(keys)
    repeated = pd.concat([unique, unique.iloc[[7]]])
    assert repeated.duplicated(keys).any() and not unique.duplicated(keys).any()
    assert _may_repeat(repeated, keys) is True
    assert _may_repeat(unique, keys) is False


@pytest.mark.parametrize("key_span", [50, 50_000])
def test_distinct_indicators_per_key_count_each_indicator_once(key_span: int) -> None:
    # 50 keys x 31 indicator codes: an array of flags; 50,000 keys: too many, sorted instead.
    from benchmark.analysis.league import _distinct_per_key

    rng = np.random.default_rng(key_span)
    by_keys = rng.integers(0, 50, 5000).astype(np.int32)
    indicators = rng.integers(-1, 30, 5000).astype(np.int16)  # -1: no indicator, not counted
    usable = rng.random(5000) < 0.9
    counted = pd.DataFrame({"key": by_keys, "indicator": indicators})[usable & (indicators >= 0)]
    expected = counted.groupby("key")["indicator"].nunique().reindex(range(key_span), fill_value=0)
    assert (counted.groupby("key").size() > expected[:50]).any()  # repeats, or this proves nothing
    got = _distinct_per_key(by_keys, indicators, usable, key_span, 31)
    np.testing.assert_array_equal(got, expected.to_numpy())


@given(st.binary(max_size=300))
@settings(max_examples=300, deadline=None)
def test_line_breaks_are_counted_as_bytes_count_them(data: bytes) -> None:
    from benchmark.io.delimited.decode import LineBreaks

    breaks = LineBreaks.of(data)
    assert (breaks.feeds, breaks.returns) == (data.count(b"\n"), data.count(b"\r"))
    assert breaks.plain == all(32 <= byte <= 126 or byte in b"\t\n\r" for byte in data)


def test_line_breaks_are_counted_across_megabytes() -> None:
    from benchmark.io.delimited.decode import LineBreaks, utf8_payload

    lines = b"area,value\r\n" * 200_000  # 2.4 MB: counted a megabyte at a time
    assert LineBreaks.of(lines) == LineBreaks(200_000, 200_000, True)
    assert utf8_payload(lines, "x.csv", None)[0] is lines  # plain ASCII is used as it is
    for odd in (b"\x00", b"\x7f", "é".encode()):  # a control character, delete, not ASCII
        text = lines + b"a\tb" + odd + b"\n"
        assert LineBreaks.of(text).feeds == 200_001
        assert utf8_payload(text, "x.csv", None)[0] is not text


def test_unranked_indicators_keep_their_order_of_appearance_as_categoricals() -> None:
    from benchmark.analysis.ranking import _ranked_or_not

    column = pd.Series(["z", "b", "a", "z", "c", "b", "d"])  # categories sort a, b, c, d, z
    ranked_rows = np.array([False, True, False, False, False, False, True])
    expected = ({"b", "d"}, ["z", "a", "c"])
    assert _ranked_or_not(column, ranked_rows) == expected
    assert _ranked_or_not(column.astype("category"), ranked_rows) == expected
    assert _ranked_or_not(column.astype("category"), np.ones(7, dtype=bool)) == ({*column}, [])


@pytest.mark.parametrize("categorical", [True, False])
@pytest.mark.parametrize("late", [0, 70_000, 250_000])
def test_first_rows_are_the_rows_drop_duplicates_keeps(categorical: bool, late: int) -> None:
    # A value first seen `late` rows in is found past the first blocks the search reads.
    from benchmark.core.distinct import distinct, first_rows

    rng = np.random.default_rng(late)
    cells = rng.choice(["a", "b", "c", None], 300_000).astype(object)
    cells[late] = "late"
    cells[late + 1:][cells[late + 1:] == "c"] = "late"
    column = pd.Series(cells)
    if categorical:
        column = column.astype(pd.CategoricalDtype(["z", "late", "c", "b", "a"]))  # 'z' never occurs
    expected = np.flatnonzero(~column.duplicated().to_numpy())
    np.testing.assert_array_equal(first_rows(column), expected)
    assert distinct(column) == list(column.unique())
    assert first_rows(column.iloc[:0]).tolist() == [] and distinct(column.iloc[:0]) == []
