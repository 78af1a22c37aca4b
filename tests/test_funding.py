"""Funding gap: the published 2018/19 figures, hand-built gaps, over time, and the error paths."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT

import benchmark
from benchmark.analysis.funding import gap_table, per_head_values
from benchmark.core.errors import DataError, UsageError
from benchmark.io.areas import read_areas
from benchmark.views.money import benchmark_words, money, money_large, position_words, vs_sentence

SEED = ROOT / "tests" / "data" / "seed_csp_per_head_2018_19.csv"
CSP = "csp_per_head_2018_19"
LEICESTERSHIRE = 682_500
COUNTIES = {"Buckinghamshire", "Cambridgeshire", "Cumbria", "Derbyshire", "Devon", "Dorset", "East Sussex",
            "Essex", "Gloucestershire", "Hampshire", "Hertfordshire", "Kent", "Lancashire", "Leicestershire",
            "Lincolnshire", "Norfolk", "North Yorkshire", "Northamptonshire", "Nottinghamshire",
            "Oxfordshire", "Somerset", "Staffordshire", "Suffolk", "Surrey", "Warwickshire",
            "West Sussex", "Worcestershire"}


def seed_gap(group: str | None = None) -> benchmark.FundingGap:
    return benchmark.funding_gap(benchmark.select(read_areas(SEED), group=group), "Leicestershire",
                                 measure=CSP, population=LEICESTERSHIRE)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# The published figures --------------------------------------------------------------------------

def test_surrey_and_camden_reproduce_the_published_figures() -> None:
    gap = seed_gap()
    surrey = gap.row("Surrey").iloc[0]
    camden = gap.row("camden").iloc[0]
    # Surrey: (823 - 677) x 682,500 = 146 x 682,500 = 99,645,000.
    assert (surrey["per_head"], surrey["difference_per_head"], surrey["additional_funding"]) == \
        (823.0, 146.0, 99_645_000.0)
    # Camden: (1,160 - 677) x 682,500 = 483 x 682,500 = 329,647,500.
    assert (camden["per_head"], camden["difference_per_head"], camden["additional_funding"]) == \
        (1160.0, 483.0, 329_647_500.0)
    assert money_large(surrey["additional_funding"]) == "£99.6m"
    assert money_large(camden["additional_funding"]) == "£329.6m"
    assert round(1160 / gap.focus_per_head, 2) == 1.71  # "a budget around 70% higher"
    assert vs_sentence(gap, "surrey") == ("Leicestershire would receive £99.6m a year more if funded "
                                          "per head like Surrey (£823 vs £677 per head)")


def test_every_authority_leicestershire_is_fourth_lowest_of_150() -> None:
    gap = seed_gap()
    assert len(gap.table) == 150 and gap.compared == 150 and gap.excluded == []
    # Only Trafford (671), York (645) and Windsor and Maidenhead (621) get less than £677.
    assert list(gap.table["area"].tail(4)) == ["Leicestershire", "Trafford", "York", "Windsor and Maidenhead"]
    assert (gap.position, gap.areas_lower) == (147, 3)
    assert position_words(gap) == "4th lowest of 150"
    assert gap.table.iloc[0].to_dict() == {"area": "Kensington and Chelsea", "per_head": 1182.0,
                                           "difference_per_head": 505.0, "additional_funding": 344_662_500.0}
    assert gap.period == "2018/19" and gap.measure == CSP


def test_two_tier_counties_leicestershire_is_lowest_of_27() -> None:
    gap = seed_gap(group="two_tier_county=yes")
    assert len(gap.table) == 27 and set(gap.table["area"]) == COUNTIES
    assert gap.table.iloc[-1].to_dict() == {"area": "Leicestershire", "per_head": 677.0,
                                            "difference_per_head": 0.0, "additional_funding": 0.0}
    assert position_words(gap) == "lowest of 27"
    assert gap.group == "two_tier_county=yes (27 areas)"
    # Equal values keep the order of the source: Northamptonshire before Hampshire (both £701).
    assert list(gap.table["area"][23:25]) == ["Northamptonshire", "Hampshire"]


def test_the_group_benchmarks_by_hand() -> None:
    gap = seed_gap(group="two_tier_county=yes")
    rows = {row.statistic: row for row in gap.benchmarks.itertuples(index=False)}
    # The 27 values add up to 20,630 (864 + 862 + 846 + ... + 692 + 677).
    assert rows["mean"].per_head == pytest.approx(20630 / 27, abs=1e-9)
    assert rows["mean"].additional_funding == pytest.approx((20630 / 27 - 677) * 682_500, abs=1e-3)
    # 27 values: the median is the 14th, Kent's £760.
    assert (rows["median"].per_head, rows["median"].additional_funding) == (760.0, 56_647_500.0)
    # Upper quartile, linear interpolation: position 0.75 x 26 = 19.5 in ascending order, halfway
    # between the 20th and 21st smallest, Lancashire £790 and North Yorkshire £803: £796.50.
    assert (rows["upper quartile"].per_head, rows["upper quartile"].additional_funding) == \
        (796.5, 119.5 * 682_500)
    assert (rows["maximum"].area, rows["maximum"].per_head, rows["maximum"].additional_funding) == \
        ("Cumbria", 864.0, 127_627_500.0)
    assert benchmark_words(gap) == (
        "funded at the group's mean of £764 per head, Leicestershire would receive +£59.4m a year; "
        "at the median £760: +£56.6m, the upper quartile £797 (QUARTILE.INC): +£81.6m, "
        "the maximum £864 (Cumbria): +£127.6m")


def test_upper_quartile_is_excel_quartile_inc() -> None:
    # QUARTILE.INC({10, 20, 30, 40}, 3) = 32.5: position 0.75 x 3 = 2.25, 30 + 0.25 x 10.
    table, benchmarks = gap_table(pd.Series({"A": 10.0, "B": 20.0, "C": 30.0, "D": 40.0}), "A", 100)
    assert benchmarks[["statistic", "per_head", "additional_funding"]].values.tolist() == [
        ["mean", 25.0, 1500.0], ["median", 25.0, 1500.0], ["upper quartile", 32.5, 2250.0],
        ["maximum", 40.0, 3000.0]]
    assert list(table["area"]) == ["D", "C", "B", "A"]


# Hand-built gaps --------------------------------------------------------------------------------

def test_negative_gaps_and_a_missing_value(tmp_path: Path) -> None:
    source = write(tmp_path, "areas.csv", "area,funding_per_head\nP,100\nQ,80\nR,60\nS,N/A\n")
    gap = benchmark.funding_gap(benchmark.select(read_areas(source)), "q", population=1000)
    assert gap.table.values.tolist() == [["P", 100.0, 20.0, 20000.0], ["Q", 80.0, 0.0, 0.0],
                                         ["R", 60.0, -20.0, -20000.0]]
    assert gap.excluded == ["S"] and gap.compared == 3
    assert position_words(gap) == "2nd lowest of 3"
    assert vs_sentence(gap, "R") == "Q would receive £20k a year less if funded per head like R " \
                                    "(£60 vs £80 per head)"
    assert money(-20.0) == "-£20"


def test_population_column_is_used_and_money_in_text_is_read(tmp_path: Path) -> None:
    source = write(tmp_path, "areas.csv",
                   'Authority,Funding per head,Population\nP,"£1,100",50\nQ,£1000,"2,000"\n')
    gap = benchmark.funding_gap(benchmark.select(read_areas(source)), "Q")
    assert gap.population == 2000.0
    assert gap.table.values.tolist() == [["P", 1100.0, 100.0, 200_000.0], ["Q", 1000.0, 0.0, 0.0]]


def test_joint_lowest_and_highest(tmp_path: Path) -> None:
    source = write(tmp_path, "areas.csv", "area,funding_per_head\nA,5\nB,5\nC,9\n")
    low = benchmark.funding_gap(benchmark.select(read_areas(source)), "B", population=1)
    high = benchmark.funding_gap(benchmark.select(read_areas(source)), "C", population=1)
    assert (position_words(low), position_words(high)) == ("joint lowest of 3", "highest of 3")


# Over time ----------------------------------------------------------------------------------------

WIDE = ("area,csp_per_head_2017_18,csp_per_head_2018_19,population\n"
        "A,100,110,5\nB,90,95,10\nC,120,,7\n")
LONG = ("area,year,csp_per_head,population\n"
        "A,2017/18,100,5\nB,2017/18,90,10\nC,2017/18,120,7\n"
        "A,2018/19,110,5\nB,2018/19,95,20\nC,2018/19,..,7\n")


def test_one_column_per_year_gives_the_gap_per_period(tmp_path: Path) -> None:
    gaps = benchmark.funding_gap_over_time(benchmark.select(read_areas(write(tmp_path, "w.csv", WIDE))), "B",
                                           measure="csp_per_head")
    # 2017/18: A 100 - 90 = 10 x 10 = 100; C 120 - 90 = 30 x 10 = 300.
    # 2018/19: A 110 - 95 = 15 x 10 = 150; C has no value and is left out.
    assert gaps.table.values.tolist() == [
        ["2017/18", "C", 120.0, 30.0, 300.0], ["2017/18", "A", 100.0, 10.0, 100.0],
        ["2017/18", "B", 90.0, 0.0, 0.0],
        ["2018/19", "A", 110.0, 15.0, 150.0], ["2018/19", "B", 95.0, 0.0, 0.0]]
    assert [gap.excluded for gap in gaps.gaps] == [[], ["C"]]
    assert [gap.measure for gap in gaps.gaps] == ["csp_per_head_2017_18", "csp_per_head_2018_19"]
    assert list(gaps.benchmarks.columns) == ["period", "statistic", "area", "per_head",
                                             "difference_per_head", "additional_funding"]


def test_a_period_in_any_spelling_and_an_edition(tmp_path: Path) -> None:
    selection = benchmark.select(read_areas(write(tmp_path, "w.csv", WIDE)))
    for spelling in ("2017-18", "2017/2018", "FY2017/18"):
        gap = benchmark.funding_gap(selection, "B", measure="csp_per_head", period=spelling)
        assert gap.period == "2017/18" and gap.table["difference_per_head"].tolist() == [30.0, 10.0, 0.0]
    # the 2018/19 edition ends 31 March 2019: 2018/19 (A 110 - B 95 = 15); a day before, 2017/18
    edition = benchmark.funding_gap(selection, "B", measure="csp_per_head", as_at="2018/19")
    assert edition.period == "2018/19" and edition.table["difference_per_head"].tolist()[0] == 15.0
    day_before = benchmark.funding_gap(selection, "B", measure="csp_per_head", as_at="30/03/2019")
    assert day_before.period == "2017/18"
    with pytest.raises(UsageError, match="--as-at 2016/17: no period of csp_per_head ends by"):
        benchmark.funding_gap(selection, "B", measure="csp_per_head", as_at="2016/17")


def test_long_data_with_a_population_per_period(tmp_path: Path) -> None:
    dataset = read_areas(write(tmp_path, "l.csv", LONG))
    gaps = benchmark.funding_gap_over_time(benchmark.select(dataset), "B", measure="csp_per_head")
    # 2018/19 uses B's 2018/19 population, 20: A 15 x 20 = 300.
    assert gaps.table.values.tolist()[-2:] == [["2018/19", "A", 110.0, 15.0, 300.0],
                                               ["2018/19", "B", 95.0, 0.0, 0.0]]
    latest = benchmark.funding_gap(benchmark.select(dataset), "B", measure="csp_per_head")
    first = benchmark.funding_gap(benchmark.select(dataset), "B", measure="csp_per_head", period="2017-18")
    assert (latest.period, first.period) == ("2018/19", "2017/18")
    assert first.table.values.tolist()[0] == ["C", 120.0, 30.0, 300.0]


def test_a_single_column_names_its_period(tmp_path: Path) -> None:
    values = per_head_values(read_areas(write(tmp_path, "w.csv", WIDE)), "csp_per_head_2017_18")
    assert values.periods == ["2017/18"]


# Errors -----------------------------------------------------------------------------------------

def test_missing_population_says_how_to_supply_it() -> None:
    with pytest.raises(DataError) as caught:
        benchmark.funding_gap(benchmark.select(read_areas(SEED)), "Leicestershire", measure=CSP)
    assert str(caught.value) == (
        "no population for Leicestershire in 2018/19, needed to turn csp_per_head_2018_19 into pounds a "
        "year; pass --population N (e.g. --population 682500), or add a 'population' column to the "
        "areas table")


def test_focus_area_absent_names_near_matches() -> None:
    with pytest.raises(UsageError, match="--area Leicestershir: no such area among the 150 compared; "
                                         "did you mean 'Leicestershire'"):
        benchmark.funding_gap(benchmark.select(read_areas(SEED)), "Leicestershir", measure=CSP, population=1)


def test_focus_outside_the_group_and_vs_without_a_value(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="Camden is not in the group two_tier_county=yes"):
        benchmark.funding_gap(benchmark.select(read_areas(SEED), group="two_tier_county=yes"), "Camden",
                              measure=CSP, population=1)
    source = write(tmp_path, "a.csv", "area,funding_per_head\nP,1\nS,\n")
    gap = benchmark.funding_gap(benchmark.select(read_areas(source)),
                                "P", population=1)
    with pytest.raises(UsageError, match="--vs s: S has no funding_per_head value, so there is nothing"):
        gap.find("s")


@pytest.mark.parametrize(
    ("text", "options", "error", "message"),
    [
        ("area,funding_per_head\nP,\nQ,2\n", {}, DataError,
         "P has no funding_per_head value; fill it in, or choose another --measure"),
        ("area,csp\nP,lots\nQ,2\n", {"measure": "csp"}, DataError,
         "a.csv: P, column 'csp': cannot read 'lots' as a number; use a number"),
        ("area,funding_per_head\nP,1\nP,2\n", {}, DataError, "area 'P' is listed twice"),
        ("area,spend\nP,1\n", {}, DataError, "no per-head column 'funding_per_head' nor columns "
                                             "'funding_per_head_<year>'; columns found: 'spend'"),
        ("area,funding_per_head\nP,1\n", {"population": 0}, UsageError, "a population must be above 0"),
        ("area,funding_per_head\nP,1\n", {"period": "2019"}, UsageError, "names no period"),
    ],
)
def test_data_errors(tmp_path: Path, text: str, options: dict, error: type, message: str) -> None:
    options = {"population": 10, **options}
    with pytest.raises(error, match=message):
        benchmark.funding_gap(benchmark.select(read_areas(write(tmp_path, "a.csv", text))), "P", **options)


def test_an_unreadable_known_column_is_a_problem_with_its_cell(tmp_path: Path) -> None:
    dataset = read_areas(write(tmp_path, "a.csv", "area,funding_per_head\nP,lots\nQ,2\n"))
    with pytest.raises(DataError, match=r"a.csv, row 2, column B \(funding_per_head\): cannot read 'lots'"):
        benchmark.io.require_clean(dataset)


# The bundled sample --------------------------------------------------------------------------------

def test_the_sample_areas_sheet_has_funding_and_population() -> None:
    gap = benchmark.funding_gap(benchmark.select(read_areas(benchmark.sample_path())), "Leicestershire")
    # The sample's population is the ONS 2020 projection, 715,117: Surrey 146 x 715,117.
    assert gap.population == 715_117.0
    assert gap.row("Surrey").iloc[0]["additional_funding"] == 146 * 715_117
    assert position_words(gap) == "lowest of 27"
