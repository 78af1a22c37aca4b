"""Reading: layouts, workbooks, header synonyms, metadata, encodings and bad input."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from benchmark import DataError, UsageError, rank, read_dataset, select
from benchmark.core.model import Polarity
from benchmark.io.metadata import POLARITY_SPELLINGS, UnknownPolarity, parse_polarity


def write_workbook(path: Path, sheets: dict[str, list[list[object]]], start: str = "A1") -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        row0 = int(start[1:])
        col0 = ord(start[0]) - 64
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                sheet.cell(row=row0 + r, column=col0 + c, value=value)
    workbook.save(path)
    return path


@pytest.mark.parametrize(
    ("text", "polarity"),
    [("high", "high"), ("High", "high"), ("higher is better", "high"), ("UP", "high"), ("+", "high"),
     ("low", "low"), ("Lower is better", "low"), ("down", "low"), ("-", "low"),
     ("none", "none"), ("NA", "none"), ("n/a", "none"), ("None", "none")],
)
def test_polarity_spellings(text: str, polarity: str) -> None:
    assert parse_polarity(text) is Polarity(polarity)


def test_blank_polarity_is_missing_and_nonsense_is_refused() -> None:
    assert parse_polarity("") is None and parse_polarity(None) is None
    with pytest.raises(UnknownPolarity):
        parse_polarity("sideways")
    assert set(POLARITY_SPELLINGS.values()) == set(Polarity)


def test_wide_layout_is_detected(tmp_path: Path) -> None:
    source = tmp_path / "wide.csv"
    source.write_text("Local Authority,ONS code,Recycling,Landfill\nKent,E10000016,45.5%,10\n"
                      "Essex,E10000012,50.1%,[x]\n")
    dataset = read_dataset(source)
    assert dataset.layout == "wide"
    assert "wide layout, 4 observations" in dataset.notes[0]
    obs = dataset.observations
    assert list(obs.columns) == ["area", "area_code", "indicator", "period", "value"]
    assert obs.to_dict("list")["indicator"] == ["Recycling", "Recycling", "Landfill", "Landfill"]
    assert obs["value"].tolist()[:3] == [45.5, 50.1, 10.0]
    assert obs["area_code"].tolist()[0] == "E10000016"


def test_wide_bad_cell_names_its_column(tmp_path: Path) -> None:
    source = tmp_path / "wide.csv"
    source.write_text("area,Recycling,Landfill\nKent,45,10\nEssex,50,ten\n")
    dataset = read_dataset(source)
    assert dataset.problems[0].message.startswith(f"{source}, row 3, column C (Landfill): cannot read 'ten'")


def test_header_synonyms_for_long_layout(tmp_path: Path) -> None:
    source = tmp_path / "long.csv"
    source.write_text("Area Name,Area_Code,Indicator Name,Time period,Value\nKent,E1,X,2017/18,1\n")
    dataset = read_dataset(source)
    assert dataset.layout == "long"
    assert dataset.observations.iloc[0].tolist() == ["Kent", "E1", "X", "2017/18", 1.0]


def test_missing_area_column_lists_what_was_found(tmp_path: Path) -> None:
    source = tmp_path / "noarea.csv"
    source.write_text("place,indicator,value\nKent,X,1\n")
    with pytest.raises(DataError, match=r"no area column; found 'place', 'indicator', 'value'\. "
                                        r"Head the column of area names with one of 'area', 'area name'"):
        read_dataset(source)


def test_workbook_sheets_in_any_case_and_cell_positions(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "book.xlsx", {
        "DATA": [["Area", "Indicator", "Value"], ["Kent", "X", 1], ["Essex", "X", "£2.2m"],
                 ["Surrey", "X", "oops"]],
        "Indicators": [["indicator", "theme", "polarity"], ["X", "Money", "higher is better"]],
        "AREAS": [["area", "group"], ["Kent", "a"], ["Essex", "a"], ["Surrey", "b"]],
    }, start="B3")
    dataset = read_dataset(path)
    assert dataset.observations["value"].tolist()[:2] == [1.0, 2_200_000.0]
    assert dataset.indicators.loc[0, "polarity"] == "high"
    assert dataset.problems[0].message.startswith(
        f"{path}, sheet 'DATA', row 6, column D (Value): cannot read 'oops' as a number")
    assert rank(select(dataset, group="a")).table["area"].tolist() == ["Essex", "Kent"]


def test_workbook_without_data_sheet_uses_its_only_sheet(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "one.xlsx", {"Sheet1": [["area", "x"], ["Kent", 1]]})
    dataset = read_dataset(path)
    assert "no sheet named 'data'; read sheet 'Sheet1'" in dataset.notes[0]


def test_workbook_with_several_unnamed_sheets_is_ambiguous(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "two.xlsx", {"One": [["area", "x"], ["Kent", 1]],
                                                  "Two": [["area", "y"], ["Kent", 2]]})
    with pytest.raises(DataError, match="no sheet named 'data' and several others \\('One', 'Two'\\)"):
        read_dataset(path)


def test_theme_and_polarity_as_columns_of_the_long_table(tmp_path: Path) -> None:
    source = tmp_path / "inline.csv"
    source.write_text("area,indicator,value,theme,polarity\nKent,X,1,Money,high\nEssex,X,2,,High\n"
                      "Kent,Y,5,Care,low\nEssex,Y,4,Care,low\n")
    dataset = read_dataset(source)
    assert dataset.indicators[["indicator", "theme", "polarity"]].values.tolist() == [
        ["X", "Money", "high"], ["Y", "Care", "low"]]


def test_one_indicator_with_two_themes_is_an_error(tmp_path: Path) -> None:
    source = tmp_path / "clash.csv"
    source.write_text("area,indicator,value,theme\nKent,X,1,Money\nEssex,X,2,Care\n")
    with pytest.raises(DataError, match="indicator 'X' has theme 'Money' in row 2 but 'Care' here"):
        read_dataset(source)


def test_duplicates_identical_dropped_conflicting_reported(tmp_path: Path) -> None:
    source = tmp_path / "dup.csv"
    source.write_text("area,indicator,value,polarity\nKent,X,1,high\nKent,X,1,high\nEssex,X,2,high\n"
                      "Essex,X,3,high\n")
    dataset = read_dataset(source)
    assert len(dataset.observations) == 2
    assert [p.kind for p in dataset.problems] == ["duplicate"]
    assert "'Essex', 'X' appears with different values (row 4: 2, row 5: 3)" in dataset.problems[0].message


def test_blank_area_is_an_error_naming_the_row(tmp_path: Path) -> None:
    source = tmp_path / "blank.csv"
    source.write_text("area,indicator,value\nKent,X,1\n,X,2\n")
    with pytest.raises(DataError, match=r"row 3, column A \(area\): the area is blank"):
        read_dataset(source)


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("cp1252", b"")],
)
def test_text_encodings(tmp_path: Path, encoding: str, bom: bytes) -> None:
    source = tmp_path / "enc.csv"
    source.write_bytes(bom + "area,indicator,value\nKent,Spend,£677\n".encode(encoding))
    dataset = read_dataset(source)
    assert dataset.observations["value"].tolist() == [677.0]
    assert dataset.observations["area"].tolist() == ["Kent"]


def test_not_what_it_says(tmp_path: Path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_text("area,value\nKent,1\n")
    with pytest.raises(DataError, match="not an Excel .xlsx workbook"):
        read_dataset(fake)
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(DataError, match="save it as .xlsx"):
        read_dataset(old)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(DataError, match="the file is empty"):
        read_dataset(empty)
    with pytest.raises(UsageError, match="is a directory"):
        read_dataset(tmp_path)


def test_duplicate_headers_are_refused(tmp_path: Path) -> None:
    source = tmp_path / "twice.csv"
    source.write_text("area,value,Value\nKent,1,2\n")
    with pytest.raises(DataError, match="two columns are headed 'Value' \\(columns B and C\\)"):
        read_dataset(source)


@pytest.mark.parametrize("text", ["area,,column B\nKent,1,2\n", "area,column C,\nKent,1,2\n"])
def test_a_blank_header_beside_a_column_headed_like_it(tmp_path: Path, text: str) -> None:
    """A blank header is named after its column ('column B'); a column really headed so clashes."""
    source = tmp_path / "blank.csv"
    source.write_text(text)
    empty, named = ("B", "C") if text.startswith("area,,") else ("C", "B")
    with pytest.raises(DataError, match=f"blank.csv: column {empty} has no header and column {named} is "
                                        f"headed 'column {empty}'; give column {empty} a header"):
        read_dataset(source)


def test_a_blank_header_beside_a_column_headed_like_it_in_a_workbook(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "data"
    book.active.append(["area", None, "column B"])
    book.active.append(["Kent", 1, 2])
    book.save(tmp_path / "blank.xlsx")
    with pytest.raises(DataError, match="sheet 'data': column B has no header and column C is headed "
                                        "'column B'"):
        read_dataset(tmp_path / "blank.xlsx")


def test_area_metadata_numbers_and_extra_columns(tmp_path: Path) -> None:
    data = tmp_path / "d.csv"
    data.write_text("area,indicator,value\nKent,X,1\nEssex,X,2\n")
    areas = tmp_path / "a.csv"
    areas.write_text("Authority,Population,Funding per head,two_tier_county\nKent,"
                     "\"1,568,623\",£677,yes\nEssex,1.49m,£700,yes\n")
    dataset = read_dataset(data, areas=areas)
    frame = dataset.areas
    assert frame["population"].tolist() == [1_568_623.0, 1_490_000.0]
    assert frame["funding_per_head"].tolist() == [677.0, 700.0]
    assert frame["two_tier_county"].tolist() == ["yes", "yes"]


@pytest.mark.parametrize("unlisted", [False, True])
def test_areas_are_the_listed_ones_then_those_only_in_the_data(tmp_path: Path, unlisted: bool) -> None:
    data = tmp_path / "d.csv"
    data.write_text("area,area_code,indicator,value\nKent,E10000016,X,1\nEssex,E10000012,X,2\n"
                    + ("Surrey,E10000030,X,3\nKent,E10000016,Y,4\n" if unlisted else ""))
    areas = tmp_path / "a.csv"
    areas.write_text("area,area_code,population,region\nEssex,E10000012,1,East\nKent,,2,South East\n,,3,\n")
    frame = read_dataset(data, areas=areas).areas
    assert frame["area"].tolist() == ["Essex", "Kent", *(["Surrey"] if unlisted else [])]
    codes = frame["area_code"].tolist()
    assert codes[0] == "E10000012" and pd.isna(codes[1]) and codes[2:] == (["E10000030"] if unlisted else [])
    assert frame["population"].tolist()[:2] == [1.0, 2.0]
    assert frame["region"].tolist()[:2] == ["East", "South East"]
    # Names and codes are plain text (object) whether or not the data adds an area.
    assert frame["area"].dtype == object and frame["area_code"].dtype == object


def test_true_false_cells_are_not_numbers(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "bool.xlsx", {"data": [["area", "X"], ["Kent", True], ["Essex", 3]]})
    dataset = read_dataset(path)
    assert dataset.observations["value"].isna().tolist() == [True, False]
    assert "'True' is a true/false value, not a number" in dataset.problems[0].message


def test_excel_na_is_missing_and_separator_only_lines_are_skipped(tmp_path: Path) -> None:
    source = tmp_path / "excel.csv"
    source.write_text("area,indicator,value\nKent,X,#N/A\n\n,,\nEssex,X,oops\n")
    dataset = read_dataset(source)
    assert dataset.observations["area"].tolist() == ["Kent", "Essex"]
    assert dataset.problems[0].message.startswith(f"{source}, row 5, column C (value)")


@pytest.mark.parametrize("weight", ["0", "-1", "heavy"])
def test_weights_must_be_positive_numbers(tmp_path: Path, weight: str) -> None:
    data = tmp_path / "d.csv"
    data.write_text("area,indicator,value\nKent,X,1\n")
    indicators = tmp_path / "i.csv"
    indicators.write_text(f"indicator,polarity,weight\nX,high,{weight}\n")
    with pytest.raises(DataError, match=rf"row 2, column C \(weight\): weight '{weight}' is not a "
                                        "positive number"):
        read_dataset(data, indicators=indicators)


def test_spellings_of_one_polarity_do_not_clash(tmp_path: Path) -> None:
    source = tmp_path / "spell.csv"
    source.write_text("area,indicator,value,polarity\nKent,X,1,high\nEssex,X,2,Higher is better\n")
    assert read_dataset(source).indicators.loc[0, "polarity"] == "high"


def test_indicators_file_fills_in_but_does_not_erase_the_tables_own_metadata(tmp_path: Path) -> None:
    data = tmp_path / "d.csv"
    data.write_text("area,indicator,value,polarity,theme\nKent,X,1,low,Old\nEssex,X,2,low,Old\n")
    indicators = tmp_path / "i.csv"
    indicators.write_text("indicator,theme\nX,Money\n")
    frame = read_dataset(data, indicators=indicators).indicators
    assert frame[["indicator", "theme", "polarity", "weight"]].values.tolist() == [["X", "Money", "low", 1.0]]


def test_long_table_without_value_column_says_so(tmp_path: Path) -> None:
    source = tmp_path / "amount.csv"
    source.write_text("area,indicator,amount\nKent,X,1\n")
    with pytest.raises(DataError, match="there is an indicator column \\('indicator'\\) but no value column"):
        read_dataset(source)


def test_workbook_with_only_area_metadata(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "areas.xlsx", {"Areas": [["Authority", "funding_per_head"],
                                                             ["Kent", "£677"], ["Essex", 700]]})
    dataset = read_dataset(path)
    assert dataset.layout == "none" and dataset.observations.empty
    assert dataset.areas["funding_per_head"].tolist() == [677.0, 700.0]
    with pytest.raises(DataError, match="nothing to rank"):
        rank(select(dataset))


def test_two_area_columns_read_as_one_are_refused(tmp_path: Path) -> None:
    data = tmp_path / "d.csv"
    data.write_text("area,indicator,value\nKent,X,1\n")
    areas = tmp_path / "a.csv"
    areas.write_text("area,Area Code,area_code,population\nKent,E10000016,E06000059,3\n")
    with pytest.raises(DataError, match=f"{areas}: columns 'Area Code' and 'area_code' are both read "
                                        "as 'area_code'; keep one of them, or rename the other"):
        read_dataset(data, areas=areas)
