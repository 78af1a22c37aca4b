"""The HTML report (`benchmark report -o NAME.html`) and `--format html`, read back with a real
HTML parser (the standard library's): every section, every table equal to the CSV of the command
that shows it (as shown: £99.6m is 99,557,500 to the nearest £0.05m), nothing fetched from
anywhere, a text alternative for every chart, and data text shown as written."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from conftest import invoke
from test_excel import FORMULA_NAMES, formula_files  # noqa: F401 (a fixture)
from typer.testing import CliRunner

from benchmark.render.html.figures import PER_PAGE, bar_specs
from benchmark.render.plan import BarChartPlan, Document, Section
from benchmark.render.view import TableView

FOCUS = "Leicestershire"
SECTIONS = ["About", "Position", "League table", "Themes", "Quartiles", "Direction of travel", "Dashboard",
            "Funding gap", "Spend vs performance"]
ARROWS = {"improved": "↑", "no change": "→", "worse": "↓", "not comparable": "–"}


@dataclass
class Table:
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    row_classes: list[str] = field(default_factory=list)


@dataclass
class Page(HTMLParser):
    """What the tests look at: each section's heading, tables and charts; every element's
    attributes; all text."""

    sections: dict[str, list[Table]] = field(default_factory=dict)
    charts: dict[str, list[dict[str, str | None]]] = field(default_factory=dict)
    elements: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    _section: str = ""
    _cell: list[str] | None = None
    _in_h2: bool = False

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag == "h2" and "id" in attributes:  # a section's heading (the contents list's has none)
            self._in_h2, self._section = True, ""
        elif tag == "table":
            self.sections.setdefault(self._section, []).append(Table())
        elif tag == "tr":
            self.sections[self._section][-1].row_classes.append(attributes.get("class") or "")
        elif tag in ("th", "td"):
            self._cell = []
        elif tag == "svg":
            self.charts.setdefault(self._section, []).append(attributes)

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2" and self._in_h2:
            self._in_h2 = False
            self.sections.setdefault(self._section, [])
        elif tag in ("th", "td") and self._cell is not None:
            table = self.sections[self._section][-1]
            text = "".join(self._cell)
            if tag == "th":
                table.header.append(text)
            else:
                if len(table.rows) < len(table.row_classes) - 1:
                    table.rows.append([])
                table.rows[-1].append(text)
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        if self._in_h2:
            self._section += data
        if self._cell is not None:
            self._cell.append(data)


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


@pytest.fixture(scope="module")
def report_html(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("html") / "compendium.html"
    result = invoke(CliRunner(), ["report", "--area", FOCUS, "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == f"Wrote 9 sections ({', '.join(SECTIONS)}) to {path}"
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def page(report_html: str) -> Page:
    return parse(report_html)


def csv_of(args: list[str]) -> list[list[str]]:
    result = invoke(CliRunner(), [*args, "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    return list(csv.reader(io.StringIO(result.stdout)))


_SCALES = {"k": 1e3, "m": 1e6, "bn": 1e9}


def shown_number(text: str) -> tuple[float, float]:
    """'£99.6m' -> (99_600_000, 50_000): the number shown and half its last shown digit."""
    match = re.fullmatch(r"(-?)£?([\d,]+)(?:\.(\d+))?(k|m|bn|%)?", text)
    assert match, text
    sign, whole, decimals, suffix = match.groups()
    number = float(whole.replace(",", "") + "." + (decimals or "0")) * (-1 if sign else 1)
    half = 0.5 * 10 ** -len(decimals or "")
    scale = 0.01 if suffix == "%" else _SCALES.get(suffix or "", 1.0)
    return number * scale, half * scale


def assert_shows_csv(table: Table, expected: list[list[str]], headers: list[str] | None = None) -> None:
    """Every cell shows the CSV's value: text as written (a direction with its arrow), a number
    to the precision shown, empty for missing."""
    if headers is not None:
        assert table.header == headers
    assert len(table.header) == len(expected[0])
    assert len(table.rows) == len(expected) - 1
    for row, wanted in zip(table.rows, expected[1:], strict=True):
        for cell, text in zip(row, wanted, strict=True):
            if text in ARROWS:
                assert cell == f"{ARROWS[text]} {text}"
                continue
            try:
                value = float(text)
            except ValueError:
                assert cell == text
                continue
            shown, half = shown_number(cell)
            assert abs(shown - value) <= half + 1e-9 * abs(value), (cell, text)


def test_every_section_in_order_with_a_contents_list(page: Page) -> None:
    assert list(page.sections) == SECTIONS
    links = [attributes["href"] for tag, attributes in page.elements if tag == "a"]
    ids = {attributes.get("id") for _, attributes in page.elements}
    assert len(links) == len(SECTIONS) and all(link[1:] in ids for link in links if link)
    assert "Data" not in page.sections  # every observation stays in the workbook


def test_position_overall_and_on_each_theme_shows_the_rank_command(page: Page) -> None:
    [position] = page.sections["Position"]
    assert position.header == ["Ranking", "Position", "Of", "Average rank", "Indicators"]
    league = {row[1]: row for row in csv_of(["rank"])[1:]}
    mine = league[FOCUS]
    assert position.rows[0] == ["Overall", mine[0], "27", f"{float(mine[2]):.2f}", mine[3]]
    themes = [row[0] for row in position.rows[1:]]
    assert themes == ["Adult Social Care", "Public Health", "Children & Young People",
                      "Education & Early Years", "Waste"]
    for row in position.rows[1:]:
        ranked = [line for line in csv_of(["rank", "--theme", row[0]])[1:] if line[2]]
        theirs = next(line for line in ranked if line[1] == FOCUS)
        assert row == [row[0], theirs[0], str(len(ranked)), f"{float(theirs[2]):.2f}", theirs[3]]
    assert page.texts.count(f"{FOCUS}: {int(mine[0])}th of 27 overall") == 1


def test_league_and_themes_show_the_rank_command(page: Page) -> None:
    [league] = page.sections["League table"]
    expected = csv_of(["rank", "--area", FOCUS])
    assert_shows_csv(league, expected)
    assert league.header[:4] == ["Position", "Area", "Average rank", "Indicators"]
    focus_row = league.row_classes[1:].index("focus")
    assert league.rows[focus_row][:2] == ["20", FOCUS]
    [themes] = page.sections["Themes"]
    rows = [row[:4] for row in csv_of(["rank", "--theme", "Waste"])]  # position, area, average, count
    assert_shows_csv(Table(themes.header[1:], [row[1:] for row in themes.rows if row[0] == "Waste"]), rows)


def test_quartiles_travel_dashboard_and_money_show_their_commands(page: Page) -> None:
    focused = ["--area", FOCUS]
    for table, extra in zip(page.sections["Quartiles"], (["--thresholds"], ["--summary"], ["--bottom"]),
                            strict=True):
        assert_shows_csv(table, csv_of(["quartiles", *focused, *extra]))
    travel, tally = page.sections["Direction of travel"]
    assert_shows_csv(travel, csv_of(["trend", *focused]))
    assert_shows_csv(tally, csv_of(["trend", *focused, "--summary"]))
    assert tally.rows[-1] == ["Total", "7", "4", "9", "5", "25"]
    dashboards = page.sections["Dashboard"]  # one per theme, its rows in the CSV's order
    expected = csv_of(["dashboard", *focused])
    themes = list(dict.fromkeys(row[0] for row in expected[1:]))
    assert len(dashboards) == len(themes) == 6
    for dashboard, theme in zip(dashboards, themes, strict=True):
        assert_shows_csv(dashboard, [expected[0][1:], *(row[1:] for row in expected[1:] if row[0] == theme)])
    assert f"Dashboard for {FOCUS}: Adult Social Care" in page.texts
    gap, summary = page.sections["Funding gap"]
    assert_shows_csv(gap, csv_of(["funding-gap", *focused]),
                     ["Area", "£ per head", "Difference per head", "Additional funding"])
    assert_shows_csv(summary, csv_of(["funding-gap", *focused, "--summary"]))
    surrey = next(row for row in gap.rows if row[0] == "Surrey")
    assert surrey[:3] == ["Surrey", "£823", "£146"]  # 823 - 677 (DOMAIN.md)
    placed = page.sections["Spend vs performance"][0]
    assert_shows_csv(placed, csv_of(["quadrants", *focused]))


def test_about_lists_sources_rules_and_the_sections(page: Page) -> None:
    [about] = page.sections["About"]
    rows = {row[0]: row[1] for row in about.rows if row[0]}
    assert rows["Focus area"] == FOCUS
    assert re.fullmatch(r"[0-9a-f]{64}", rows["SHA-256 (data)"])
    assert rows["Tie rule"] == "min: ties share the best rank (min: 1, 2, 2, 4)"
    assert rows["Sheets"] == ", ".join(SECTIONS)
    assert rows["Data sheet"].startswith("left out of a printed report")
    start = [row[0] for row in about.rows].index("Not ranked")
    assert about.rows[start:start + 4] == [  # one a row, not one long cell
        ["Not ranked", "3 indicators with no polarity or no values, one a row:"],
        ["", "Requests resulting in a service"], ["", "Deprivation (IMD 2019 average score)"],
        ["", "Core Spending Power per head"]]


def test_nothing_is_fetched_and_no_script_runs(page: Page, report_html: str) -> None:
    references = [(tag, name, value) for tag, attributes in page.elements
                  for name, value in attributes.items()
                  if name in ("src", "href", "xlink:href", "srcset", "action", "data")]
    assert references  # the section links and the charts' markers are here
    for tag, name, value in references:
        assert value is not None and value.startswith("#"), (tag, name, value)
        assert not re.search(r"https?:|//", value)
    assert not [tag for tag, _ in page.elements if tag in ("script", "iframe", "object", "embed", "link")]
    assert re.findall(r"url\((.)", report_html) == ["#"] * report_html.count("url(")  # clip paths
    assert "@import" not in report_html
    assert not [attributes for _, attributes in page.elements
                if any(name.startswith("on") for name in attributes)]


def test_every_chart_has_a_text_alternative(page: Page) -> None:
    assert not [attributes for tag, attributes in page.elements if tag == "img" and not attributes.get("alt")]
    assert {section: len(charts) for section, charts in page.charts.items()} == {
        "Quartiles": 1, "Direction of travel": 1, "Funding gap": 1, "Spend vs performance": 1}
    # the tallies' bars in words, from the CSV of trend --summary
    [travel] = page.charts["Direction of travel"]
    tally = csv_of(["trend", "--area", FOCUS, "--summary"])
    for row in tally[1:-1]:
        words = f"{row[0]}: {row[1]} improved, {row[2]} no change, {row[3]} worse, {row[4]} not comparable"
        assert words in (travel["aria-label"] or ""), words
    [funding] = page.charts["Funding gap"]
    assert funding["role"] == "img"
    label = funding["aria-label"] or ""
    assert label.startswith("Funding per head: Leicestershire is lowest of 27. Funding per head · all 27 "
                            "areas in county_sample.xlsx · Leicestershire population 715,117 · Source: "
                            "county_sample.xlsx; benchmark ")
    assert "Surrey £823" in label and "Leicestershire £677" in label
    [spend] = page.charts["Spend vs performance"]
    assert spend["role"] == "img" and "Leicestershire" in (spend["aria-label"] or "")
    assert "Source: county_sample.xlsx; benchmark " in "".join(page.texts)  # each chart's source line


def test_a_long_bar_chart_is_split_into_pages_on_one_scale() -> None:
    names = [f"Area {number}" for number in range(1, 121)]
    frame = pd.DataFrame({"area": names, "value": [float(120 - number) for number in range(120)]})
    section = Section("Funding", [TableView(frame=frame, title="t")])
    plan = BarChartPlan(table=0, categories="area", values="value", title="Funding per head",
                        axis_title="£", focus="Area 77")
    first, second, third = bar_specs(section, plan, "Source: x")
    assert PER_PAGE == 50
    assert [len(spec.values) for spec in (first, second, third)] == [50, 50, 20]
    assert [spec.title for spec in (first, second, third)] == [
        "Funding per head (1–50 of 120)", "Funding per head (51–100 of 120)",
        "Funding per head (101–120 of 120)"]
    assert second.names[0] == "Area 51" and second.values[0] == 70.0
    # one scale: each axis runs to 1.15 x the largest bar of all (120 -> 138)
    assert [spec.headroom * max(spec.values) for spec in (first, second, third)] == pytest.approx([138.0] * 3)
    assert third.subtitle == "Source: x"
    short = Section("Funding", [TableView(frame=frame.head(PER_PAGE), title="t")])
    [whole] = bar_specs(short, plan, "")
    assert whole.title == "Funding per head" and len(whole.values) == PER_PAGE  # no pages to number


def test_data_text_is_escaped_and_shown_as_written(cli, tmp_path: Path,
                                                   formula_files) -> None:  # noqa: F811 (the fixture)
    path = tmp_path / "page.html"
    result = invoke(cli, ["report", *formula_files, "--area", "Essex", "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    page = parse(text)
    [league] = page.sections["League table"]
    shown = {row[1] for row in league.rows}
    assert set(FORMULA_NAMES) <= shown  # '=HYPERLINK("http://x","Kent")' as written, as text
    assert 'href="http' not in text and "<script" not in text


def test_markup_in_a_name_is_text(cli, tmp_path: Path) -> None:
    data = tmp_path / "data.csv"
    data.write_text('area,indicator,period,value\n"<script>alert(1)</script>",I1,2018,1\n'
                    '"<img src=x onerror=alert(1)>",I1,2018,2\nKent & Co,I1,2018,3\n')
    indicators = tmp_path / "indicators.csv"
    indicators.write_text("indicator,theme,polarity\nI1,T,high\n")
    result = invoke(cli, ["rank", str(data), "--indicators", str(indicators), "-f", "html"])
    assert result.exit_code == 0, result.stderr
    page = parse(result.stdout)
    assert not [tag for tag, _ in page.elements if tag in ("script", "img")]
    [table] = page.sections[""]
    assert [row[1] for row in table.rows] == ["Kent & Co", "<img src=x onerror=alert(1)>",
                                              "<script>alert(1)</script>"]
    assert "&lt;script&gt;" in result.stdout and "Kent &amp; Co" in result.stdout


@pytest.mark.parametrize("args", [["rank"], ["quartiles", "--area", FOCUS, "--summary"],
                                  ["trend", "--area", FOCUS], ["funding-gap", "--area", FOCUS]])
def test_format_html_is_a_page_showing_the_csv(cli, tmp_path: Path, args: list[str]) -> None:
    result = invoke(cli, [*args, "-f", "html"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>\n") and result.stdout.endswith("</html>\n")
    page = parse(result.stdout)
    [table] = page.sections[""]
    assert_shows_csv(table, csv_of(args))
    title = [tag for tag, _ in page.elements if tag == "h1"]
    assert title == ["h1"]
    path = tmp_path / "table.html"  # the suffix implies the format
    written = invoke(cli, [*args, "-o", str(path)])
    assert written.exit_code == 0 and written.stdout == ""
    assert path.read_text(encoding="utf-8") == result.stdout


def test_a_document_escapes_its_title_and_names_its_maker() -> None:
    from benchmark.render.html import document_html

    frame = pd.DataFrame({"area": ["A & B"], "value": [1.5]})
    document = Document(title="<Kent>", author="benchmark 9", created=datetime(2026, 1, 2, tzinfo=UTC),
                        sections=[Section("One <two>", [TableView(frame=frame, title="T")])])
    text = document_html(document)
    page = parse(text)
    assert list(page.sections) == ["One <two>"]
    assert "<title>&lt;Kent&gt;</title>" in text
    assert "benchmark 9 · generated 2026-01-02T00:00:00+00:00" in "".join(page.texts)
    assert page.sections["One <two>"][0].rows == [["A & B", "1.5"]]


def test_a_section_the_data_cannot_support_is_left_out_with_the_reason(cli, tmp_path: Path,
                                                                       hand_files) -> None:
    path = tmp_path / "hand.html"
    result = invoke(cli, ["report", str(hand_files["data"]), "--indicators", str(hand_files["indicators"]),
                          "--area", "A", "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    page = parse(path.read_text(encoding="utf-8"))
    assert list(page.sections) == SECTIONS[:7]
    [about] = page.sections["About"]
    reasons = {row[0]: row[1] for row in about.rows}
    assert reasons["Left out: Funding gap"] == ("the area metadata has no 'funding_per_head' column or "
                                                "'population' column")
    assert reasons["Left out: Spend vs performance"] == "the area metadata has no 'spend_per_head' column"
    [league] = page.sections["League table"]
    # the hand-ranked league of test_ranking: B and C tie at 7/3, A 8/3, D 3 (two indicators), E 10/3
    assert [row[:4] for row in league.rows] == [["1", "B", "2.33", "3"], ["1", "C", "2.33", "3"],
                                                ["3", "A", "2.67", "3"], ["4", "D", "3.00", "2"],
                                                ["5", "E", "3.33", "3"]]
    assert league.row_classes[1:] == ["", "", "focus", "", ""]
