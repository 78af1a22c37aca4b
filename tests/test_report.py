"""`benchmark report`: the compendium workbook, reopened with openpyxl: sheets in reading order,
every table equal to the CSV of the command that shows it, the rules in About, native charts,
sheets left out with the reason, and no formula from formula-like input."""

from __future__ import annotations

import csv
import hashlib
import io
import xml.etree.ElementTree as ElementTree
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest
from conftest import invoke
from openpyxl.chart import BarChart, ScatterChart
from test_excel import FORMULA_NAMES, assert_same_as_csv
from typer.testing import CliRunner

import benchmark
from benchmark.io.sample import sample_path
from benchmark.render.excel.sheet import HEADER_FILL
from benchmark.report.content import DATA_COLUMNS, SHEETS, STEPS, build_report, source_files

FOCUS = "Leicestershire"


@pytest.fixture(scope="module")
def workbook(workbook_path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(workbook_path)


@pytest.fixture(scope="module")
def workbook_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "summary.xlsx"
    result = invoke(CliRunner(), ["report", "--area", FOCUS.lower(), "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        f"Wrote 10 sheets (About, Position, League table, Themes, Quartiles, Direction of travel, Dashboard, "
        f"Funding gap, Spend vs performance, Data) to {path}")
    return path


def tables(sheet) -> list[tuple[list[str], list[list[object]]]]:
    """Every table on a sheet (a header row has the header fill), with its rows up to a blank one."""
    found = []
    rows = list(sheet.iter_rows())
    for number, row in enumerate(rows):
        if row[0].fill.start_color.rgb != "00" + HEADER_FILL:
            continue
        width = len([cell for cell in row if cell.value is not None])
        body = []
        for cells in rows[number + 1:]:
            values = [cell.value for cell in cells[:width]]
            if all(value is None for value in values):
                break
            body.append(values + [None] * (width - len(values)))
        found.append(([str(cell.value) for cell in row[:width]], body))
    return found


def csv_of(args: list[str]) -> str:
    result = invoke(CliRunner(), [*args, "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_sheets_in_reading_order(workbook) -> None:
    assert workbook.sheetnames == list(SHEETS) == [
        "About", "Position", "League table", "Themes", "Quartiles", "Direction of travel", "Dashboard",
        "Funding gap", "Spend vs performance", "Data"]


def test_about_states_sources_and_every_rule(workbook) -> None:
    sheet = workbook["About"]
    about = dict(tables(sheet)[0][1])
    assert about["Focus area"] == FOCUS
    assert about["Source (data)"] == str(sample_path())
    assert about["SHA-256 (data)"] == hashlib.sha256(sample_path().read_bytes()).hexdigest()
    assert about["Period"].startswith("latest period of each indicator (2014/15, ")
    assert about["Comparator group"] == "all 27 areas in the data"
    assert about["Comparator group size"] == "27 areas"
    assert about["Tie rule"] == "min: ties share the best rank (min: 1, 2, 2, 4)"
    assert about["Overall mode"] == "indicators: overall = mean rank over all ranked indicators"
    assert about["Quartile method"] == ("quartile method: rank (quartile = ceil(4 x rank / n), ties "
                                        "share the best rank)")
    assert about["Trend tolerance"].startswith("1.00%: a relative change at or below it is 'no change'")
    assert about["Tool"] == f"benchmark {benchmark.__version__}"
    generated = datetime.fromisoformat(about["Generated"])
    assert generated.tzinfo is not None
    assert about["Sheets"] == ", ".join(SHEETS)
    assert "the text a value was printed as (£2.2m, 83.2%) is not kept" in about["Values"]
    assert not [key for key in about if key and key.startswith("Left out")]
    listed = [row[1] for row in tables(sheet)[0][1]]
    start = listed.index("3 indicators with no polarity or no values, one a row:")
    assert listed[start + 1:start + 4] == ["Requests resulting in a service",
                                           "Deprivation (IMD 2019 average score)",
                                           "Core Spending Power per head"]
    assert sheet.freeze_panes is None and sheet.auto_filter.ref is None


def test_position_sheet_equals_the_rank_command(workbook) -> None:
    [(header, body)] = tables(workbook["Position"])
    assert header == ["ranking", "position", "of", "average_rank", "indicators"]
    mine = next(row for row in csv.reader(io.StringIO(csv_of(["rank"]))) if row[1] == FOCUS)
    assert body[0] == ["Overall", int(mine[0]), 27, float(mine[2]), int(mine[3])]
    for row in body[1:]:
        ranked = [line for line in csv.reader(io.StringIO(csv_of(["rank", "--theme", row[0]])))][1:]
        theirs = next(line for line in ranked if line[1] == FOCUS)
        assert row[1:] == [int(theirs[0]), len(ranked), float(theirs[2]), int(theirs[3])]
    assert workbook["Position"]["A1"].value == f"{FOCUS}: 20th of 27 overall"


def test_league_and_themes_equal_the_rank_command(workbook) -> None:
    league = workbook["League table"]
    [(header, body)] = tables(league)
    assert_same_as_csv(csv_of(["rank", "--area", FOCUS]), header, body)
    assert league.freeze_panes == "A5"
    focus = next(row for row in league.iter_rows() if row[1].value == FOCUS)
    assert focus[0].value == 20 and all(cell.font.bold for cell in focus)
    [(header, body)] = tables(workbook["Themes"])
    assert header == ["theme", "position", "area", "average_rank", "indicators"]
    themes = list(dict.fromkeys(row[0] for row in body))
    assert themes == ["Adult Social Care", "Public Health", "Children & Young People",
                      "Education & Early Years", "Waste"]
    for theme in themes:
        expected = list(csv.reader(io.StringIO(csv_of(["rank", "--theme", theme]))))
        mine = [row[1:] for row in body if row[0] == theme]
        assert [[row[0], row[1], row[2], row[3]] for row in mine] == [
            [int(row[0]), row[1], float(row[2]), int(row[3])] for row in expected[1:]]


def test_quartiles_travel_and_dashboard_equal_their_commands(workbook) -> None:
    focused = ["--area", FOCUS]
    quartile_tables = tables(workbook["Quartiles"])
    assert len(quartile_tables) == 3
    for (header, body), extra in zip(quartile_tables, (["--thresholds"], ["--summary"], ["--bottom"]),
                                     strict=True):
        assert_same_as_csv(csv_of(["quartiles", *focused, *extra]), header, body)
    travel = tables(workbook["Direction of travel"])
    assert len(travel) == 2
    assert_same_as_csv(csv_of(["trend", *focused]), *travel[0])
    assert_same_as_csv(csv_of(["trend", *focused, "--summary"]), *travel[1])
    assert travel[1][1][-1] == ["Total", 7, 4, 9, 5, 25]
    [(header, body)] = tables(workbook["Dashboard"])
    assert_same_as_csv(csv_of(["dashboard", *focused]), header, body)


def test_tallies_are_drawn_as_stacked_bars_without_the_total(workbook) -> None:
    sheet = workbook["Direction of travel"]
    _, (header, body) = tables(sheet)
    first = next(row[0].row for row in sheet.iter_rows() if row[0].value == body[0][0])
    [chart] = sheet._charts
    assert isinstance(chart, BarChart) and chart.type == "bar" and chart.grouping == "stacked"
    assert [series.tx.v for series in chart.series] == ["improved", "no change", "worse", "not comparable"]
    last = first + len(body) - 2  # the Total row is not a bar
    assert body[-1][0] == "Total" and sheet.cell(last, 1).value == "Context"
    assert [series.val.numRef.f for series in chart.series] == [
        f"'Direction of travel'!${column}${first}:${column}${last}" for column in "BCDE"]
    assert [series.graphicalProperties.solidFill.srgbClr for series in chart.series] == [
        "006100", "9C5700", "9C0006", "808080"]  # the directions' colours; counts written on the bars
    assert all(series.dLbls.showVal for series in chart.series)
    [quartiles] = workbook["Quartiles"]._charts
    assert [series.tx.v for series in quartiles.series] == ["1st quartile", "2nd", "3rd", "4th quartile",
                                                           "no quartile"]


def test_funding_gap_sheet_and_its_bar_chart(workbook) -> None:
    sheet = workbook["Funding gap"]
    gap, summary = tables(sheet)
    assert_same_as_csv(csv_of(["funding-gap", "--area", FOCUS]), *gap)
    assert_same_as_csv(csv_of(["funding-gap", "--area", FOCUS, "--summary"]), *summary)
    [chart] = sheet._charts
    assert isinstance(chart, BarChart) and chart.type == "bar"
    [series] = chart.series
    assert series.val.numRef.f == "'Funding gap'!$B$5:$B$31"
    assert series.cat.numRef.f == "'Funding gap'!$A$5:$A$31"  # the area names, Cumbria first
    [point] = series.dPt
    assert point.idx == 26  # Leicestershire, the lowest per head, in the focus colour
    assert point.graphicalProperties.solidFill.srgbClr == "C8511B"


def test_spend_sheet_and_its_scatter_chart(workbook) -> None:
    sheet = workbook["Spend vs performance"]
    placed, by_theme, lines = tables(sheet)
    assert_same_as_csv(csv_of(["quadrants", "--area", FOCUS]), *placed)
    assert_same_as_csv(csv_of(["quadrants", "--area", FOCUS, "--all-themes"]), *by_theme)
    assert lines[0] == ["line", "comparator_rank", "average_rank"]
    assert [row[0] for row in lines[1]] == ["performance line"] * 2 + ["comparator line"] * 2
    assert lines[1][2][1] == lines[1][3][1] == 14.0  # the group's mean comparator rank
    [chart] = sheet._charts
    assert isinstance(chart, ScatterChart)
    titles = [series.tx.v for series in chart.series]
    assert titles == ["Areas", FOCUS, "performance line", "comparator line"]
    assert chart.series[0].xVal.numRef.f == "'Spend vs performance'!$E$5:$E$31"
    assert chart.series[0].yVal.numRef.f == "'Spend vs performance'!$B$5:$B$31"
    assert chart.x_axis.scaling.orientation == chart.y_axis.scaling.orientation == "maxMin"


def test_each_point_of_the_scatter_is_labelled_with_its_area(workbook, workbook_path: Path) -> None:
    placed = tables(workbook["Spend vs performance"])[0][1]
    with zipfile.ZipFile(workbook_path) as archive:
        [xml] = [archive.read(name) for name in archive.namelist()
                 if name.startswith("xl/charts/") and b"scatterChart" in archive.read(name)]
    namespaces = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
                  "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    series = ElementTree.fromstring(xml).find(".//c:scatterChart/c:ser", namespaces)
    assert series is not None and series.find("c:tx//c:v", namespaces).text == "Areas"
    labels = {int(label.find("c:idx", namespaces).get("val")): label.find("c:tx//a:t", namespaces).text
              for label in series.findall("c:dLbls/c:dLbl", namespaces)}
    assert labels == dict(enumerate(row[0] for row in placed))  # point i is row i: its area's name
    assert len(labels) == 27


def test_data_sheet_holds_the_observations_as_numbers(workbook) -> None:
    [(header, body)] = tables(workbook["Data"])
    assert header == list(DATA_COLUMNS)
    dataset = benchmark.read_dataset(sample_path())
    assert len(body) == len(dataset.observations)  # every area of the sample is compared
    values = [row[-1] for row in body]
    assert all(value is None or isinstance(value, int | float) for value in values)
    first = dataset.observations.iloc[0]
    assert body[0][0] == first["area"] and body[0][-1] == first["value"]


def test_no_cell_is_a_formula_and_every_sheet_prints_one_page_wide(workbook) -> None:
    for sheet in workbook.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        for row in sheet.iter_rows():
            assert not [cell for cell in row if cell.data_type in ("f", "e")]


@pytest.fixture
def formula_report(tmp_path: Path) -> list[str]:
    data = tmp_path / "data.csv"
    with data.open("w", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["area", "indicator", "period", "value"])
        for index, name in enumerate([*FORMULA_NAMES, "Essex"]):
            for period, step in (("2017", 0), ("2018", 1)):
                writer.writerow([name, "I1", period, 10 + index + step])
                writer.writerow([name, "I2", period, -1.5 * index * step])
    indicators = tmp_path / "indicators.csv"
    indicators.write_text("indicator,theme,polarity\nI1,=1+1,high\nI2,T2,low\n")
    return [str(data), "--indicators", str(indicators)]


def test_sheets_without_their_inputs_are_left_out_and_about_says_why(cli, tmp_path: Path,
                                                                     formula_report) -> None:
    path = tmp_path / "summary.xlsx"
    result = invoke(cli, ["report", *formula_report, "--area", "essex", "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    assert "Left out Funding gap: the area metadata has no 'funding_per_head' column or " \
           "'population' column" in result.stderr
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["About", "Position", "League table", "Themes", "Quartiles",
                               "Direction of travel", "Dashboard", "Data"]
    about = dict(tables(book["About"])[0][1])
    assert about["Left out: Funding gap"] == ("the area metadata has no 'funding_per_head' column or "
                                              "'population' column")
    assert about["Left out: Spend vs performance"] == "the area metadata has no 'spend_per_head' column"
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell for cell in cells if cell.data_type in ("f", "e")]
    texts = {cell.value for cell in cells if isinstance(cell.value, str)}
    assert set(FORMULA_NAMES) | {"=1+1"} <= texts
    hyperlink = next(cell for cell in cells if cell.value == '=HYPERLINK("http://x","Kent")')
    assert hyperlink.data_type == "s" and hyperlink.quotePrefix


def test_a_period_some_theme_lacks_keeps_the_themes_that_have_it(cli, tmp_path: Path) -> None:
    path = tmp_path / "summary.xlsx"
    result = invoke(cli, ["report", "--area", FOCUS, "--period", "2018", "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == list(SHEETS)
    about = dict(tables(book["About"])[0][1])
    assert about["Period"] == "period 2018"
    # Themes with no data in 2018 are skipped; the by-theme table keeps those that have some.
    assert "Left out: Spend vs performance by theme" not in about
    placed, by_theme, lines = tables(book["Spend vs performance"])
    assert_same_as_csv(csv_of(["quadrants", "--area", FOCUS, "--period", "2018"]), *placed)
    assert [row[0] for row in by_theme[1][1:]] == ["Children & Young People",
                                                   "Education & Early Years"]
    assert lines[0] == ["line", "comparator_rank", "average_rank"]


@pytest.mark.parametrize(("args", "code", "message"), [
    (["-o", "summary.csv"], 2,
     "the report is an Excel workbook or an HTML page; end the file name with .xlsx or .html\n"),
    (["-o", "summary.pdf"], 2, "end the file name with .xlsx or .html (a browser prints the .html page "
     "to PDF)\n"),
    (["--period", "all", "-o", "summary.xlsx"], 2, "--period all: the report shows one period"),
    (["--area", "Leicestershir", "-o", "summary.xlsx"], 2, "did you mean 'Leicestershire'"),
])
def test_report_usage_errors(cli, tmp_path: Path, args: list[str], code: int, message: str) -> None:
    args = [arg if not arg.startswith("summary") else str(tmp_path / arg) for arg in args]
    if "--area" not in args:
        args = ["--area", FOCUS, *args]
    result = invoke(cli, ["report", *args])
    assert result.exit_code == code
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_report_over_its_input_is_refused(cli, tmp_path: Path) -> None:
    assert invoke(cli, ["sample", str(tmp_path)]).exit_code == 0
    source = tmp_path / "county_sample.xlsx"
    before = source.read_bytes()
    result = invoke(cli, ["report", str(source), "--area", FOCUS, "-o", str(source)])
    assert result.exit_code == 2
    assert "that is an input file" in result.stderr
    assert source.read_bytes() == before


def test_build_report_is_the_api_behind_the_command() -> None:
    dataset = benchmark.read_dataset(sample_path())
    steps: list[str] = []
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    report = build_report(dataset, "leicestershire", sources=source_files(sample_path()),
                          generated=when, progress=steps.append)
    assert steps == list(STEPS)
    assert report.focus == FOCUS and report.generated == when
    assert report.sheets == list(SHEETS) and report.omitted == ()
    assert report.sources[0].sha256 == hashlib.sha256(sample_path().read_bytes()).hexdigest()
    position = report.ranking.table.set_index("area").loc[FOCUS, "position"]
    assert position == 20
    assert report.funding is not None and report.funding.focus_per_head == 677
    assert report.spend is not None and report.spend.row(FOCUS)["comparator_rank"] == 1
    assert list(report.data.columns) == list(DATA_COLUMNS)


def test_standard_input_is_listed_without_a_hash(tmp_path: Path) -> None:
    indicators = tmp_path / "indicators.csv"
    indicators.write_text("indicator,theme,polarity\n")
    listed = source_files("-", indicators)
    assert [(s.role, s.path, s.sha256) for s in listed] == [
        ("data", "-", None),
        ("indicators", str(indicators), hashlib.sha256(indicators.read_bytes()).hexdigest())]


def test_progress_only_on_a_terminal(monkeypatch) -> None:
    from rich.console import Console

    from benchmark.cli import report as command

    monkeypatch.setattr(command.sys.stderr, "isatty", lambda: False, raising=False)
    with command._progress(3) as step:
        step("Ranking")  # a no-op: nothing is drawn off a terminal
    screen = io.StringIO()
    monkeypatch.setattr(command.sys.stderr, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(command, "stderr_console",
                        lambda: Console(file=screen, force_terminal=True, width=80))
    with command._progress(3) as step:
        step("Writing Data")
    assert "Writing Data" in screen.getvalue()
