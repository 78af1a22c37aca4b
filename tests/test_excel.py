"""Excel output (`-o PATH.xlsx`, `--format xlsx`): every workbook is reopened with openpyxl and
checked for values (equal to the CSV output of the same command), number formats, frozen
header, autofilter, conditional formatting and safety with formula-like text."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import ROOT, invoke

from benchmark.render.columns import Kind, excel_format
from benchmark.render.excel import sheet_name, write_view
from benchmark.render.meanings import FOCUS_ROW_FILL as FOCUS_FILL
from benchmark.render.plain import neutralise
from benchmark.render.view import TableView

COMMANDS = [
    ["rank"],
    ["rank", "--detail"],
    ["rank", "--period", "all"],
    ["quartiles", "--area", "Leicestershire", "--thresholds"],
    ["quartiles", "--area", "Leicestershire", "--summary"],
    ["quartiles", "--area", "Leicestershire", "--bottom"],
    ["trend", "--area", "Leicestershire"],
    ["trend", "--area", "Leicestershire", "--summary"],
    ["dashboard", "--area", "Leicestershire"],
    ["funding-gap", "--area", "Leicestershire"],
    ["funding-gap", "--area", "Leicestershire", "--summary"],
    ["quadrants", "--area", "Leicestershire"],
    ["quadrants", "--area", "Leicestershire", "--all-themes"],
    # the sample has nothing to warn about (its period spellings are read as one period; the
    # revenue outturn lines are context, which needs no polarity or theme): the SDG file does
    ["validate", str(ROOT / "tests/data/realdata/indicator_11-6-1.csv")],
    ["history", "--area", "Leicestershire", "--basket", "each"],
]


def header_row(sheet) -> int:
    """The header row: the one just above the frozen panes."""
    return int(sheet.freeze_panes[1:]) - 1


def table_of(sheet) -> tuple[list[str], list[list[object]]]:
    """The first table of a sheet: its header and its rows of values."""
    top = header_row(sheet)
    rows = [list(row) for row in sheet.iter_rows(min_row=top, values_only=True)]
    width = len([value for value in rows[0] if value is not None])
    body = []
    for row in rows[1:]:
        if all(value is None for value in row[:width]):
            break
        body.append(row[:width])
    return [str(value) for value in rows[0][:width]], body


def assert_same_as_csv(csv_text: str, header: list[str], body: list[list[object]]) -> None:
    """Every cell equal: text as text, numbers as the exact same double, empty for missing."""
    expected = list(csv.reader(io.StringIO(csv_text)))
    assert header == expected[0]
    assert len(body) == len(expected) - 1
    for row, wanted in zip(body, expected[1:], strict=True):
        for cell, text in zip(row, wanted, strict=True):
            if text == "":
                assert cell is None
            elif isinstance(cell, bool) or not isinstance(cell, int | float):
                assert cell == text
            else:
                assert cell == float(text), (cell, text)
                assert isinstance(cell, float) == ("." in text or "e" in text), (cell, text)


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_workbook_values_equal_the_csv_output(cli, tmp_path: Path, args: list[str]) -> None:
    workbook = tmp_path / "out.xlsx"
    as_csv = invoke(cli, [*args, "-f", "csv"])
    as_excel = invoke(cli, [*args, "-o", str(workbook)])
    assert as_csv.exit_code == as_excel.exit_code, as_excel.stderr
    assert as_excel.stdout == ""
    assert f"to {workbook}" in as_excel.stderr
    book = openpyxl.load_workbook(workbook)
    assert len(book.sheetnames) == 1
    header, body = table_of(book.active)
    assert_same_as_csv(as_csv.stdout, header, body)
    assert body, "an empty table checks nothing"


def test_league_table_sheet(cli, tmp_path: Path) -> None:
    path = tmp_path / "league.xlsx"
    result = invoke(cli, ["rank", "--area", "Leicestershire", "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    sheet = openpyxl.load_workbook(path).active
    assert sheet.title == "League table of 27 areas"
    assert sheet["A1"].value == "League table of 27 areas by average rank (1 = best)"
    assert sheet["A1"].font.bold
    assert sheet["A2"].value.startswith("22 indicators in 5 themes · latest period of each indicator · "
                                        "all 27 areas in the data · ties share the best rank")
    assert sheet.freeze_panes == "A5"
    assert [cell.value for cell in sheet[4]][:4] == ["position", "area", "average_rank", "indicators"]
    assert all(cell.font.bold for cell in sheet[4])
    assert sheet.auto_filter.ref == "A4:I31"
    assert sheet.print_title_rows == "$4:$4"
    first = sheet[5]
    assert (first[0].value, first[1].value) == (1, "North Yorkshire")
    assert [cell.number_format for cell in first[:5]] == ["0", "General", "0.00", "#,##0", "0.00"]
    focus = next(row for row in sheet.iter_rows(min_row=5) if row[1].value == "Leicestershire")
    assert focus[0].value == 20
    assert all(cell.fill.start_color.rgb == "00" + FOCUS_FILL and cell.font.bold for cell in focus)
    assert not sheet[5][1].font.bold
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDEFGHI"}
    assert widths["B"] >= len("Northamptonshire") and widths["H"] >= len("Education & Early Years")
    scales = rules_by_range(sheet, "colorScale")
    assert set(scales) == {f"{letter}5:{letter}31" for letter in "CEFGHI"}


def rules_by_range(sheet, kind: str) -> dict[str, list]:
    found: dict[str, list] = {}
    for formatting in sheet.conditional_formatting:
        for rule in formatting.rules:
            if rule.type == kind:
                found.setdefault(str(formatting.sqref), []).append(rule)
    return found


def test_quartile_and_direction_formatting(cli, tmp_path: Path) -> None:
    path = tmp_path / "dashboard.xlsx"
    assert invoke(cli, ["dashboard", "--area", "Leicestershire", "-o", str(path)]).exit_code == 0
    sheet = openpyxl.load_workbook(path).active
    header = [cell.value for cell in sheet[header_row(sheet)]]
    assert header[:5] == ["theme", "indicator", "period", "quartile", "direction"]
    last = sheet.max_row
    quartile_rules = rules_by_range(sheet, "cellIs")[f"D5:D{last}"]
    assert [rule.formula for rule in quartile_rules] == [["1"], ["2"], ["3"], ["4"]]
    assert quartile_rules[0].dxf.fill.bgColor.rgb == "00C6EFCE"  # 1st quartile green
    assert quartile_rules[3].dxf.fill.bgColor.rgb == "00FFC7CE"  # 4th red
    direction_rules = rules_by_range(sheet, "cellIs")[f"E5:E{last}"]
    shown = {rule.formula[0]: (rule.dxf.numFmt.formatCode, rule.dxf.font.color.rgb)
             for rule in direction_rules}
    assert shown == {'"improved"': ('"↑ "@', "00006100"), '"no change"': ('"→ "@', "009C5700"),
                     '"worse"': ('"↓ "@', "009C0006"), '"not comparable"': ('"– "@', "00808080")}
    assert sheet["E5"].value in ("improved", "no change", "worse", "not comparable")  # the word, as CSV
    flags = rules_by_range(sheet, "containsText")
    assert [rule.text for rule in flags[f"K5:K{last}"]] == ["performance issue", "exceptional"]
    current = header.index("current") + 1
    assert sheet.cell(5, current).value == 7.5
    assert sheet.cell(5, current).number_format == "#,##0.0##"


def test_money_formats_and_data_bars(cli, tmp_path: Path) -> None:
    path = tmp_path / "gap.xlsx"
    assert invoke(cli, ["funding-gap", "--area", "Leicestershire", "-o", str(path)]).exit_code == 0
    sheet = openpyxl.load_workbook(path).active
    assert sheet.title == "Funding per head"
    top = header_row(sheet)
    assert [cell.value for cell in sheet[top]] == ["area", "per_head", "difference_per_head",
                                                    "additional_funding"]
    cumbria = sheet[top + 1]
    assert [cell.value for cell in cumbria] == ["Cumbria", 864.0, 187.0, 133726879.0]
    assert [cell.number_format for cell in cumbria[1:]] == ["£#,##0", "£#,##0", '£#,##0.0,,"m"']
    focus = sheet[sheet.max_row]
    assert focus[0].value == "Leicestershire" and focus[0].font.bold
    assert focus[3].value == 0 and focus[3].number_format == "£#,##0"
    assert list(rules_by_range(sheet, "dataBar")) == [f"D{top + 1}:D{sheet.max_row}"]


def test_percent_is_a_fraction_with_a_percent_format(cli, tmp_path: Path) -> None:
    path = tmp_path / "trend.xlsx"
    assert invoke(cli, ["trend", "--area", "Leicestershire", "-o", str(path)]).exit_code == 0
    sheet = openpyxl.load_workbook(path).active
    header = [cell.value for cell in sheet[header_row(sheet)]]
    row = sheet[header_row(sheet) + 2]  # Social care-related quality of life: 0.39 -> 0.415
    assert row[0].value == "Social care-related quality of life"
    change = row[header.index("change_pct")]
    assert change.value == pytest.approx(0.0641025641025640) and change.number_format == "0.0%"


def test_format_xlsx_needs_an_xlsx_file(cli, tmp_path: Path) -> None:
    to_stdout = invoke(cli, ["rank", "-f", "xlsx"])
    assert to_stdout.exit_code == 2
    assert to_stdout.stdout == ""
    assert ("Error: --format xlsx: an Excel workbook cannot go to standard output; give -o PATH.xlsx"
            in to_stdout.stderr)
    wrong_name = invoke(cli, ["rank", "-f", "xlsx", "-o", str(tmp_path / "league.csv")])
    assert wrong_name.exit_code == 2
    assert "--format xlsx writes an Excel workbook; end the file name with .xlsx" in wrong_name.stderr
    csv_in_xlsx = invoke(cli, ["rank", "-f", "csv", "-o", str(tmp_path / "league.xlsx")])
    assert csv_in_xlsx.exit_code == 2
    assert "a .xlsx file holds an Excel workbook, not csv" in csv_in_xlsx.stderr
    explicit = invoke(cli, ["rank", "-f", "xlsx", "-o", str(tmp_path / "League.XLSX")])
    assert explicit.exit_code == 0, explicit.stderr
    assert list(tmp_path.iterdir()) == [tmp_path / "League.XLSX"]


FORMULA_NAMES = ['=HYPERLINK("http://x","Kent")', "+SUM(1,2)", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)",
                 "#N/A"]


@pytest.fixture
def formula_files(tmp_path: Path) -> list[str]:
    """Areas and a theme named like formulas; values include negative numbers."""
    data = tmp_path / "data.csv"
    with data.open("w", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["area", "indicator", "period", "value"])
        for index, name in enumerate([*FORMULA_NAMES, "Essex"]):
            writer.writerow([name, "I1", "2018", 10 + index])
            writer.writerow([name, "I2", "2018", -1.5 * index])
    indicators = tmp_path / "indicators.csv"
    indicators.write_text("indicator,theme,polarity\nI1,=1+1,high\nI2,T2,low\n")
    return [str(data), "--indicators", str(indicators)]


def test_formula_like_text_is_never_a_formula_in_a_workbook(cli, tmp_path: Path, formula_files) -> None:
    path = tmp_path / "league.xlsx"
    result = invoke(cli, ["rank", *formula_files, "--detail", "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    sheet = openpyxl.load_workbook(path).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [cell for cell in cells if cell.data_type in ("f", "e")]
    texts = {cell.value: cell for cell in cells if isinstance(cell.value, str)}
    for name in [*FORMULA_NAMES, "=1+1"]:
        assert texts[name].data_type == "s"
    for name in ['=HYPERLINK("http://x","Kent")', "+SUM(1,2)", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)"]:
        assert texts[name].quotePrefix, name  # stays text if edited in Excel
    assert not texts["Essex"].quotePrefix
    values = [cell.value for cell in cells if cell.column == 5 and cell.row > header_row(sheet)]
    assert -7.5 in values and all(isinstance(value, float) for value in values)  # numbers stay numbers
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml


def test_formula_like_text_is_neutralised_in_csv(cli, formula_files) -> None:
    result = invoke(cli, ["rank", *formula_files, "--detail", "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    areas = {row[3] for row in rows[1:]}
    assert areas == {"'=HYPERLINK(\"http://x\",\"Kent\")", "'+SUM(1,2)", "'-2+3+cmd|' /C calc'!A0",
                     "'@SUM(A1)", "#N/A", "Essex"}
    assert {row[1] for row in rows[1:]} == {"'=1+1", "T2"}
    assert "-7.5" in {row[4] for row in rows[1:]}  # a negative number is not text: no quote
    tsv = invoke(cli, ["rank", *formula_files, "-f", "tsv"])
    assert tsv.stdout.splitlines()[0].split("\t")[-2:] == ["'=1+1", "T2"]
    as_json = invoke(cli, ["rank", *formula_files, "-f", "json"])
    assert '"area": "=HYPERLINK(\\"http://x\\",\\"Kent\\")"' in as_json.stdout  # JSON is data, as is


@pytest.mark.parametrize(("text", "safe"), [
    ("=HYPERLINK(\"http://x\",\"Kent\")", "'=HYPERLINK(\"http://x\",\"Kent\")"),
    ("+44 20 7946 0000", "'+44 20 7946 0000"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tcmd", "'\tcmd"), ("\rcmd", "'\rcmd"), ("-", "'-"),
    ("-0.5", "-0.5"), ("+2%", "+2%"), ("-1,000", "-1,000"), ("Kent", "Kent"), ("a=b", "a=b"), ("", ""),
])
def test_neutralise(text: str, safe: str) -> None:
    assert neutralise(text) == safe


def test_control_characters_and_infinity(tmp_path: Path) -> None:
    frame = pd.DataFrame({"area": ["a\x01b", "c"], "value": [float("inf"), -2.5]})
    path = tmp_path / "odd.xlsx"
    write_view(TableView(frame=frame, title="Odd: cells"), path)
    sheet = openpyxl.load_workbook(path).active
    assert sheet.title == "Odd"
    assert [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)] == [
        ["area", "value"], ["a\ufffdb", None], ["c", -2.5]]


def test_output_over_the_input_workbook_is_refused(cli, tmp_path: Path) -> None:
    assert invoke(cli, ["sample", str(tmp_path)]).exit_code == 0
    workbook = tmp_path / "county_sample.xlsx"
    before = workbook.read_bytes()
    result = invoke(cli, ["rank", str(workbook), "-o", str(workbook)])
    assert result.exit_code == 2
    assert "that is an input file" in result.stderr
    assert workbook.read_bytes() == before


def test_failed_write_keeps_the_previous_workbook(cli, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "league.xlsx"
    target.write_bytes(b"previous")

    import benchmark.core.output as output

    def fail(source, target) -> None:
        assert Path(source).stat().st_size > 1000  # the new workbook was written in full, beside
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", fail)
    result = invoke(cli, ["rank", "-o", str(target)])
    assert result.exit_code == 1
    assert f"Error: cannot write {target} (No space left on device)" in result.stderr
    assert target.read_bytes() == b"previous"
    assert [path.name for path in tmp_path.iterdir()] == ["league.xlsx"]


def test_a_new_workbook_gets_ordinary_permissions(cli, tmp_path: Path) -> None:
    import os

    target = tmp_path / "league.xlsx"
    assert invoke(cli, ["rank", "-o", str(target)]).exit_code == 0
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


@pytest.mark.parametrize(("value", "kind", "code"), [
    (7.5, Kind.NUMBER, "#,##0.0##"), (0.415, Kind.NUMBER, "#,##0.0###"), (1160.0, Kind.NUMBER, "#,##0"),
    (12345.678, Kind.NUMBER, "#,##0.0"), (0.0, Kind.NUMBER, "#,##0"), (-3.2, Kind.NUMBER, "#,##0.0##"),
    (99_557_500, Kind.MONEY_LARGE, '£#,##0.0,,"m"'), (-99_557_500, Kind.MONEY_LARGE, '£#,##0.0,,"m"'),
    (1.2e9, Kind.MONEY_LARGE, '£#,##0.0,,,"bn"'), (950_000, Kind.MONEY_LARGE, '£#,##0.0,"k"'),
    (870, Kind.MONEY_LARGE, "£#,##0"), (677, Kind.MONEY, "£#,##0"), (0.015, Kind.PERCENT, "0.0%"),
    (4.35, Kind.AVERAGE_RANK, "0.00"), (3, Kind.RANK, "0"), (1234, Kind.COUNT, "#,##0"),
    (2, Kind.QUARTILE, "0"),
])
def test_number_format_per_kind(value: float, kind: Kind, code: str) -> None:
    assert excel_format(value, kind) == code


@pytest.mark.parametrize(("title", "name"), [
    ("League table of 27 areas by average rank (1 = best)", "League table of 27 areas"),
    ("Quartiles: Kent", "Quartiles"),
    ("Bottom (4th) quartile indicators by theme: Kent", "Bottom quartile indicators"),
    ("Performance against spend per head: overall", "Performance against spend"),
    ("Funding gap at the group's averages: Kent", "Funding gap"),
    ("Problems found", "Problems found"),
    ("a/b[c]*?: d", "a b c"),
    ("[]", "Table"),
])
def test_sheet_names(title: str, name: str) -> None:
    assert sheet_name(title) == name
    assert len(sheet_name(title)) <= 31


def _sizes(path: Path) -> dict[str, tuple[str | None, str]]:
    """Each sheet's declared <dimension> and the extent of its cells, read from the XML itself."""
    import re
    import xml.etree.ElementTree as ElementTree

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    sizes = {}
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        for name in sorted(names, key=lambda n: int(re.findall(r"\d+", n)[0])):
            root = ElementTree.fromstring(archive.read(name))
            dimension = root.find(f"{main}dimension")
            cells = [re.fullmatch(r"([A-Z]+)(\d+)", c.attrib["r"]) for c in root.iter(f"{main}c")]
            last_row = max(int(match[2]) for match in cells if match)
            last_column = max((match[1] for match in cells if match), key=lambda col: (len(col), col))
            declared = None if dimension is None else dimension.attrib["ref"]
            sizes[name] = (declared, f"A1:{last_column}{last_row}")
    return sizes


@pytest.mark.parametrize("args", [
    ["rank", "-o", "{tmp}/out.xlsx"],
    ["funding-gap", "--area", "Leicestershire", "--vs", "Surrey", "-o", "{tmp}/out.xlsx"],
    ["report", "--area", "Leicestershire", "-o", "{tmp}/out.xlsx"],
    ["import", str(ROOT / "tests/data/realdata/oflog_asc_measures_2015_2023.csv"), "-o", "{tmp}/out.xlsx"],
], ids=lambda args: args[0])
def test_every_workbook_declares_its_size(cli, tmp_path: Path, args: list[str]) -> None:
    result = invoke(cli, [arg.replace("{tmp}", str(tmp_path)) for arg in args])
    assert result.exit_code == 0, result.stderr
    sizes = _sizes(tmp_path / "out.xlsx")
    assert sizes and all(declared == extent for declared, extent in sizes.values()), sizes
    book = openpyxl.load_workbook(tmp_path / "out.xlsx", read_only=True)
    for sheet, (_, extent) in zip(book.worksheets, sizes.values(), strict=True):
        last = openpyxl.utils.cell.range_boundaries(extent)
        assert (sheet.max_column, sheet.max_row) == (last[2], last[3])
