"""Choosing periods: --period in any spelling, --as-at editions at their boundaries, direction of
travel within an edition, and two spellings of one period in one indicator. Expected values are
worked out by hand from the small files below."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmark.analysis.selection import select
from benchmark.analysis.trend import trend
from benchmark.core.errors import UsageError
from benchmark.io import read_dataset
from tests.conftest import invoke

# Three areas; each indicator's periods are of one kind. Edition 2018/19 ends 31 March 2019.
EDITION_DATA = """area,indicator,period,value
A,Fin,2017/18,10
A,Fin,2018/19,20
A,Fin,2019/20,5
B,Fin,2018/19,30
A,Cal,2018,1
A,Cal,2019,2
A,Pool,2016-18,7
A,Pool,2017-19,8
A,Snap,31/03/2018,1
A,Snap,31/03/2019,2
A,Snap,01/04/2019,3
A,Acad,AY2018/19,4
A,Acad,AY2019/20,5
"""
EDITION_INDICATORS = """indicator,theme,polarity
Fin,Money,high
Cal,Money,low
Pool,Health,high
Snap,Health,high
Acad,Schools,high
"""


@pytest.fixture
def edition_files(tmp_path: Path) -> tuple[Path, Path]:
    data, indicators = tmp_path / "data.csv", tmp_path / "indicators.csv"
    data.write_text(EDITION_DATA, encoding="utf-8")
    indicators.write_text(EDITION_INDICATORS, encoding="utf-8")
    return data, indicators


def chosen(selection) -> dict[str, str]:
    pairs = selection.frame[["indicator", "period"]].drop_duplicates().itertuples(index=False)
    return {indicator: period for indicator, period in pairs}


def test_an_edition_takes_each_indicators_latest_period_ending_by_its_end(edition_files) -> None:
    data, indicators = edition_files
    selection = select(read_dataset(data, indicators=indicators), as_at="2018/19")
    # 31/03/2019 ends exactly at the edition's end: in; 01/04/2019 ends a day later: out.
    # The academic year 2018/19 is the edition's own year, in the data's kind.
    assert chosen(selection) == {"Fin": "2018/19", "Cal": "2018", "Pool": "2016-18",
                                 "Snap": "31/03/2019", "Acad": "AY2018/19"}
    assert selection.period == "edition 2018/19 (each indicator's latest period ending by 31 March 2019)"
    assert not {"2019/20", "2019", "2017-19", "01/04/2019", "AY2019/20"} & set(selection.history["period"])


def test_an_edition_in_any_spelling_and_at_a_day(edition_files) -> None:
    data, indicators = edition_files
    dataset = read_dataset(data, indicators=indicators)
    assert chosen(select(dataset, as_at="2018-2019")) == chosen(select(dataset, as_at="FY2018/19"))
    day_before = chosen(select(dataset, as_at="30/03/2019"))
    assert day_before["Snap"] == "31/03/2018" and day_before["Fin"] == "2017/18"
    assert chosen(select(dataset, as_at="01/04/2019"))["Snap"] == "01/04/2019"


def test_direction_of_travel_in_an_edition_uses_no_later_period(edition_files) -> None:
    data, indicators = edition_files
    dataset = read_dataset(data, indicators=indicators)
    latest = trend(select(dataset), "A").set_index("indicator")
    assert (latest.loc["Fin", "previous"], latest.loc["Fin", "current"]) == (20.0, 5.0)
    assert latest.loc["Fin", "direction"] == "worse"
    edition = trend(select(dataset, as_at="2018/19"), "A").set_index("indicator")
    assert (edition.loc["Fin", "previous"], edition.loc["Fin", "current"]) == (10.0, 20.0)
    assert edition.loc["Fin", "direction"] == "improved"
    # day-first dates: 31/03/2019 (2) comes after 31/03/2018 (1), though '31/03/2018' < '01/04/2019' as text
    assert (edition.loc["Snap", "previous_period"], edition.loc["Snap", "current_period"]) == \
        ("31/03/2018", "31/03/2019")
    assert latest.loc["Snap", "current_period"] == "01/04/2019"
    assert latest.loc["Snap", "direction"] == "improved"  # 2 -> 3, high is good


def test_previous_period_is_of_the_same_kind(tmp_path: Path) -> None:
    data, indicators = tmp_path / "data.csv", tmp_path / "indicators.csv"
    data.write_text("area,indicator,period,value\nA,X,2017/18,1\nA,X,2018,9\nA,X,2018/19,2\n")
    indicators.write_text("indicator,theme,polarity\nX,T,high\n")
    row = trend(select(read_dataset(data, indicators=indicators)), "A").iloc[0]
    assert (row["previous_period"], row["previous"], row["direction"]) == ("2017/18", 1.0, "improved")


def test_period_and_edition_refusals(edition_files) -> None:
    data, indicators = edition_files
    dataset = read_dataset(data, indicators=indicators)
    with pytest.raises(UsageError, match="give one of them"):
        select(dataset, period="2018/19", as_at="2018/19")
    with pytest.raises(UsageError, match="^--as-at soon: not a period"):
        select(dataset, as_at="soon")
    with pytest.raises(UsageError, match="no period in the data ends by 31 March 2011; the earliest is"):
        select(dataset, as_at="2010/11")


def test_a_period_in_any_spelling_finds_the_datas(edition_files) -> None:
    data, indicators = edition_files
    dataset = read_dataset(data, indicators=indicators)
    for spelling in ("2018-19", "2018/2019", "FY2018/19", "2018 to 2019"):
        assert set(select(dataset, period=spelling).frame["period"]) == {"2018/19"}
    with pytest.raises(UsageError) as refused:
        select(dataset, period="2018/91")
    # in order of last day, then first day: 2016-18 starts before 2018, both end 31 Dec 2018
    ordered = ["2017/18", "31/03/2018", "2016-18", "2018", "2018/19", "31/03/2019", "01/04/2019",
               "AY2018/19", "2017-19", "2019", "2019/20", "AY2019/20"]
    assert str(refused.value) == ("--period 2018/91: no such period; did you mean '2018/19' or "
                                  "'AY2018/19' or '2019'? the 12 periods in the data: "
                                  + ", ".join(f"'{p}'" for p in ordered))


def spelt(tmp_path: Path, rows: str):
    data, indicators = tmp_path / "data.csv", tmp_path / "indicators.csv"
    data.write_text("area,indicator,period,value\n" + rows, encoding="utf-8")
    indicators.write_text("indicator,theme,polarity\nX,T,high\n", encoding="utf-8")
    return read_dataset(data, indicators=indicators)


def test_two_spellings_that_agree_are_one_period(tmp_path: Path) -> None:
    from benchmark.analysis.ranking import rank

    dataset = spelt(tmp_path, "A,X,2018/19,1\nB,X,2018-19,2\nC,X,2018/19,3\nA,X,2018-19,1\n")
    selection = select(dataset)
    assert sorted(zip(selection.frame["area"], selection.frame["period"], strict=True)) == [
        ("A", "2018/19"), ("B", "2018/19"), ("C", "2018/19")]
    assert selection.warnings == ("indicator 'X' writes one period as '2018/19' and '2018-19'; their "
                                  "values agree, so they are read as '2018/19'",)
    league = rank(selection).table.set_index("area")
    assert league["position"].to_dict() == {"C": 1, "B": 2, "A": 3}  # high is good: 3, 2, 1


def test_two_spellings_that_disagree_stay_apart(tmp_path: Path) -> None:
    dataset = spelt(tmp_path, "A,X,2018/19,1\nA,X,2018-19,2\nB,X,2018-19,5\n")
    selection = select(dataset, period="2018-19")
    # the spelling asked for: A 2 and B 5, not A's other value
    assert sorted(zip(selection.frame["area"], selection.frame["value"], strict=True)) == [
        ("A", 2.0), ("B", 5.0)]
    assert sorted(select(dataset, period="2018/19").frame["value"]) == [1.0]
    assert selection.warnings == ("indicator 'X' writes one period as '2018/19' and '2018-19' with "
                                  "different values for 1 area, so they are compared apart; write "
                                  "the period one way in the data",)


def test_the_same_league_for_every_spelling_on_the_real_oflog_file(cli) -> None:
    from tests.conftest import ROOT

    source = str(ROOT / "tests/data/realdata/oflog_asc_measures_2015_2023.csv")
    outputs = [invoke(cli, ["rank", source, "--group", "counties-2018", "-p", spelling, "-f", "csv"])
               for spelling in ("2018-19", "2018/19", "2018/2019")]
    assert all(result.exit_code == 0 for result in outputs), outputs[0].stderr
    assert outputs[0].stdout == outputs[1].stdout == outputs[2].stdout
    assert outputs[0].stdout.splitlines()[1].startswith("1,Derbyshire,5.8,5,")


def test_quadrants_refuse_every_period_pooled(cli) -> None:
    result = invoke(cli, ["quadrants", "--period", "all"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        "Error: --period all: quadrants set one period's performance against spend; give one "
        "--period, an --as-at edition, or leave --period out for the latest")


def sheet_periods(workbook) -> dict[str, set[str]]:
    from benchmark.core.periods import parse_period

    return {sheet.title: {cell for row in sheet.iter_rows(values_only=True) for cell in row
                          if isinstance(cell, str) and parse_period(cell) is not None}
            for sheet in workbook}


def later_than(periods: dict[str, set[str]], end) -> set[str]:
    from benchmark.core.periods import parse_period

    return {cell for cells in periods.values() for cell in cells
            if parse_period(cell).end > end}  # type: ignore[union-attr]


def test_a_report_as_at_an_edition_has_no_sheet_with_a_later_period(cli, tmp_path: Path) -> None:
    from datetime import date

    import openpyxl

    output = tmp_path / "r.xlsx"
    result = invoke(cli, ["report", "--area", "Leicestershire", "--as-at", "2017/18", "-o", str(output)])
    assert result.exit_code == 0, result.stderr
    workbook = openpyxl.load_workbook(output)
    periods = sheet_periods(workbook)
    assert later_than(periods, date(2018, 3, 31)) == set()
    # the sample's 2017/18 financial years, and 2017 and 2015-17 for calendar and pooled indicators
    assert {"2017/18", "2017", "2015-17"} <= periods["Dashboard"] and "2016/17" in periods["Data"]
    about = dict(row[:2] for row in workbook["About"].iter_rows(values_only=True))
    assert about["Data sheet"] == ("1,242 observations of the 27 compared areas, every period ending "
                                   "by the end of 2017/18")
    assert "Healthy life expectancy, male: 2015-17; " in about["Period per indicator"]


@pytest.mark.parametrize("choice", [["--as-at", "2018/19"], ["--period", "2018-19"]])
def test_a_report_on_the_real_oflog_file_as_at_2018_19(cli, tmp_path: Path, choice: list[str]) -> None:
    from datetime import date

    import openpyxl

    from tests.conftest import ROOT

    output = tmp_path / "o.xlsx"
    source = str(ROOT / "tests/data/realdata/oflog_asc_measures_2015_2023.csv")
    result = invoke(cli, ["report", source, "--group", "counties-2018", "--area", "Leicestershire",
                          *choice, "-o", str(output)])
    assert result.exit_code == 0, result.stderr
    periods = sheet_periods(openpyxl.load_workbook(output))
    assert later_than(periods, date(2019, 3, 31)) == set()
    assert "2018/19" in periods["Dashboard"] and "2017/18" in periods["Direction of travel"]


def test_validate_warns_of_spellings_and_unreadable_periods_within_an_edition(cli, tmp_path: Path) -> None:
    import json

    data = tmp_path / "v.csv"
    data.write_text("area,indicator,period,value\nA,X,2017/18,1\nB,X,2017-18,2\nA,X,2019/20,1\n"
                    "A,X,2019-20,3\nA,X,latest,4\n", encoding="utf-8")
    every = invoke(cli, ["validate", str(data), "-f", "json"])
    periods = [p["problem"] for p in json.loads(every.stdout) if p["kind"] == "period"]
    assert periods == [
        "period 'latest' cannot be read as a time, so it is kept as text and sorted after the others; "
        "write it as e.g. 2017/18, 2017, 2014-16, Q1 2018 or 31/03/2018",
        "indicator 'X' writes one period as '2017/18' and '2017-18'; their values agree, so they are "
        "read as '2017/18'",
        "indicator 'X' writes one period as '2019/20' and '2019-20' with different values for 1 area, "
        "so they are compared apart; write the period one way in the data"]
    edition = invoke(cli, ["validate", str(data), "--as-at", "2018/19", "-f", "json"])
    assert [p["problem"] for p in json.loads(edition.stdout) if p["kind"] == "period"] == periods[1:2]


def test_trend_from_and_to_in_any_spelling(edition_files) -> None:
    data, indicators = edition_files
    table = trend(select(read_dataset(data, indicators=indicators)), "A", from_period="2017-18",
                  to_period="FY2018/19").set_index("indicator")
    assert (table.loc["Fin", "previous"], table.loc["Fin", "current"]) == (10.0, 20.0)
    assert table.loc["Fin", "previous_period"] == "2017/18"


def test_every_period_is_one_league_per_period_not_per_spelling(tmp_path: Path) -> None:
    from benchmark.analysis.ranking import rank

    data, indicators = tmp_path / "data.csv", tmp_path / "indicators.csv"
    # X writes 2018/19 (3 rows), Y writes 2018-19 (2 rows): one league, under the commoner '2018/19'
    data.write_text("area,indicator,period,value\nA,X,2018/19,1\nB,X,2018/19,2\nC,X,2018/19,3\n"
                    "A,Y,2018-19,9\nB,Y,2018-19,1\n", encoding="utf-8")
    indicators.write_text("indicator,theme,polarity\nX,T,high\nY,T,high\n", encoding="utf-8")
    table = rank(select(read_dataset(data, indicators=indicators), period="all"), by_period=True).table
    # X: C 1, B 2, A 3; Y: A 1, B 2. Means: A 2, B 2, C 1
    assert [tuple(row) for row in table[["period", "area", "position", "average_rank"]].itertuples(
        index=False)] == [("2018/19", "C", 1, 1.0), ("2018/19", "A", 2, 2.0), ("2018/19", "B", 2, 2.0)]


def test_a_label_without_a_time_is_the_latest_only_when_nothing_else_is(tmp_path: Path) -> None:
    data, indicators = tmp_path / "data.csv", tmp_path / "indicators.csv"
    data.write_text("area,indicator,period,value\nA,X,2017/18,1\nA,X,provisional,5\nA,X,2016/17,2\n"
                    "A,Y,latest,7\n", encoding="utf-8")
    indicators.write_text("indicator,theme,polarity\nX,T,high\nY,T,high\n", encoding="utf-8")
    dataset = read_dataset(data, indicators=indicators)
    assert chosen(select(dataset)) == {"X": "2017/18", "Y": "latest"}
    row = trend(select(dataset), "A").set_index("indicator").loc["X"]
    assert (row["previous_period"], row["current_period"], row["direction"]) == \
        ("2016/17", "2017/18", "worse")  # 2 -> 1, high is good


def test_a_period_brings_every_spelling_of_it_across_indicators(tmp_path: Path) -> None:
    data, indicators = tmp_path / "data.csv", tmp_path / "indicators.csv"
    data.write_text("area,indicator,period,value\nA,X,2018/19,1\nB,X,2018/19,2\nA,Y,2018-19,9\n"
                    "A,Z,2018 to 2019,4\nA,Z,2017 to 2018,3\n", encoding="utf-8")
    indicators.write_text("indicator,theme,polarity\nX,T,high\nY,T,high\nZ,T,high\n", encoding="utf-8")
    selection = select(read_dataset(data, indicators=indicators), period="2018-2019")
    assert sorted(zip(selection.frame["indicator"], selection.frame["area"], selection.frame["period"],
                      strict=True)) == [("X", "A", "2018/19"), ("X", "B", "2018/19"), ("Y", "A", "2018/19"),
                                        ("Z", "A", "2018/19")]
    assert selection.period == "period 2018/19"


def test_the_sample_league_for_a_period_is_its_league_among_every_period(cli) -> None:
    one = invoke(cli, ["rank", "-p", "2018-19", "-f", "csv"]).stdout.splitlines()
    every = [line.split(",", 1)[1] for line in invoke(cli, ["rank", "-p", "all", "-f", "csv"]).stdout
             .splitlines() if line.startswith("2018-19,")]
    # the league among every period lists each theme; one period's only the themes it has
    assert [line.split(",")[:4] for line in one[1:]] == [line.split(",")[:4] for line in every]
    assert one[1:3] == invoke(cli, ["rank", "-p", "2018/2019", "-f", "csv"]).stdout.splitlines()[1:3]
