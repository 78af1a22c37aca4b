"""Excel workbooks: one command's table (``-o PATH.xlsx``), or the whole report.

Numbers are written as numbers, each with the number format of its column's kind
(:data:`~benchmark.render.columns.EXCEL_FORMATS`, :func:`~benchmark.render.columns.excel_format`),
so a workbook shows what the screen shows and still adds up. Each table has a title row, its
caption (period, group, rules) under it, a bold header row that stays in view (frozen panes), an
autofilter and columns wide enough to read; conditional formatting carries the meaning the
terminal shows in colour: quartile fills, direction of travel, a colour scale on average ranks,
data bars on funding gaps, and the focus area's row highlighted.

Text from the input never becomes a formula: every string is stored as a string cell, whatever
it starts with (openpyxl on its own stores text starting with '=' as a formula, and '#N/A' as an
error), and text starting with = + - @ tab or carriage return also carries Excel's quote prefix,
so that editing the cell in Excel keeps it text.

openpyxl is imported inside the functions that write; sheets are written in write-only mode
(rows stream to the file, so a 100,000-row Data sheet costs little memory), and the file is
replaced atomically.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmark.core.cell_text import stays_text, store_text
from benchmark.render.columns import Kind, display, excel_format, is_numeric
from benchmark.render.view import TableView

if TYPE_CHECKING:
    from benchmark.report.content import Report

MAX_WIDTH = 60  # a text column wider than this wraps
MIN_WIDTH = 6
SHEET_NAME_LENGTH = 31
_SHEET_NAME_UNSAFE = re.compile(r"[\[\]:*?/\\\x00-\x1f]")

# Colours (RGB): the terminal's meanings in Excel's usual "good / neutral / bad" palette.
FOCUS_FILL = "FFF2CC"  # pale yellow: the focus area's row
HEADER_FILL = "D9E1F2"
CAPTION_COLOUR = "595959"
WARNING_COLOUR = "9C5700"
QUARTILE_COLOURS = {1: ("C6EFCE", "006100"), 2: ("E2EFDA", "375623"), 3: ("FFEB9C", "9C5700"),
                    4: ("FFC7CE", "9C0006")}  # (fill, text): 1st green ... 4th red
# Direction of travel: the cell holds the word, as CSV does; a conditional number format puts the
# arrow the terminal shows in front of it ("↑ improved") and colours it.
DIRECTIONS = {"improved": ("↑", "006100"), "no change": ("→", "9C5700"), "worse": ("↓", "9C0006"),
              "not comparable": ("–", "808080")}
FLAGS = {"performance issue": ("FFC7CE", "9C0006"), "exceptional": ("C6EFCE", "006100")}
COLOUR_SCALE = ("63BE7B", "FFEB84", "F8696B")  # low average rank (best) green, high red
DATA_BAR = "638EC6"
FOCUS_COLOUR = "C8511B"  # as the matplotlib charts: the focus orange, everyone else grey-blue
OTHER_COLOUR = "8C9BAB"
LINE_COLOUR = "1F4E79"
_DXF_FORMAT_IDS = 400  # ids for the conditional number formats, clear of the cells' own
CENTRED = (Kind.RANK, Kind.QUARTILE)
# Characters of text per unit of column width (the width of a '0'): about 1.15 in Calibri, 1.0 in
# LibreOffice's DejaVu Sans; row heights for wrapped text are set from it (Excel does not fit a
# row to merged or wrapped cells on opening a file).
CHARACTERS_PER_WIDTH = 1.1


@dataclass(frozen=True)
class BarChartPlan:
    """A native bar chart of one block's column against its category column."""

    block: int
    categories: str
    values: str
    title: str
    axis_title: str
    number_format: str
    highlight: str | None = None


@dataclass(frozen=True)
class ScatterPlan:
    """A native scatter chart of one block's columns, with reference lines from another block
    (rows of x, y pairs, two per line, named in its first column)."""

    block: int
    x: str
    y: str
    title: str
    x_title: str
    y_title: str
    highlight: str | None = None
    lines_block: int | None = None


@dataclass(frozen=True)
class SheetPlan:
    """One sheet: its tables from top to bottom, and a chart beside the first.

    The first table's header row is frozen and filtered when ``main_table`` is true."""

    name: str
    blocks: list[TableView]
    chart: BarChartPlan | ScatterPlan | None = None
    main_table: bool = True
    max_width: int = MAX_WIDTH  # a text column this wide wraps


@dataclass
class _Placed:
    """Where a block's table landed: its header row and its data rows (1-based)."""

    view: TableView
    header_row: int
    first_row: int
    last_row: int
    columns: list[str] = field(default_factory=list)


def write_view(view: TableView, path: Path) -> None:
    """One command's table as a workbook of one sheet, written atomically."""
    write_workbook(path, [SheetPlan(sheet_name(view.title), [view])])


def sheet_name(title: str) -> str:
    """A sheet name from a title: 'Quartiles: Kent' -> 'Quartiles'; 'League table of 27 areas by
    average rank (1 = best)' -> 'League table of 27 areas'. At most 31 characters, cut before a
    connecting word (of, by, for, at, against, per) or else at a space; none of the characters Excel
    refuses in a sheet name."""
    name = re.sub(r"\s*\([^)]*\)", "", title).split(":")[0]
    name = " ".join(_SHEET_NAME_UNSAFE.sub(" ", name).split()).strip("'")
    if len(name) > SHEET_NAME_LENGTH:
        head = name[:SHEET_NAME_LENGTH + 1]
        joints = [head.rfind(f" {word} ") for word in ("of", "by", "for", "at", "against", "per", "compared")]
        cut = max(joints)
        name = head[:cut] if cut > 0 else (head.rsplit(" ", 1)[0] or name[:SHEET_NAME_LENGTH])
    return name[:SHEET_NAME_LENGTH].strip("' ") or "Table"


def write_workbook(path: Path, sheets: list[SheetPlan], progress: Callable[[str], None] | None = None,
                   properties: dict[str, Any] | None = None) -> None:
    """Write the sheets, in order, to ``path`` atomically (the previous file survives a failure)."""
    from openpyxl import Workbook

    from benchmark.core.output import write_binary_atomic

    workbook = Workbook(write_only=True)
    for key, value in (properties or {}).items():
        setattr(workbook.properties, key, value)
    for plan in sheets:
        if progress is not None:
            progress(f"Writing {plan.name}")
        _write_sheet(workbook, plan)
    write_binary_atomic(path, workbook.save)


# Sheets ----------------------------------------------------------------------------------------

def _write_sheet(workbook: Any, plan: SheetPlan) -> None:
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(_unique_name(workbook, plan.name))
    widths = _widths(plan)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    if plan.main_table and plan.blocks:
        header = _heading_rows(plan.blocks[0]) + 2
        sheet.freeze_panes = f"A{header + 1}"
        sheet.print_title_rows = f"{header}:{header}"  # the header on every printed page
    # Printed landscape, one page wide: a sheet prints as it reads.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    rows = _Rows(sheet)
    placed = []
    for number, view in enumerate(plan.blocks):
        if number:
            rows.add([])
        _write_heading(rows, view, widths, major=number == 0)
        rows.add([])
        columns = list(view.frame.columns)
        header_row = rows.add(_header(sheet, view))
        for cells, height in _body(sheet, view, widths, plan.max_width):
            rows.add(cells, height)
        placed.append(_Placed(view, header_row, header_row + 1, rows.count, columns))
    for block in placed:
        _conditional_formats(sheet, block)
    if plan.main_table and placed and placed[0].columns:
        first = placed[0]
        last_column = get_column_letter(len(first.columns))
        sheet.auto_filter.ref = f"A{first.header_row}:{last_column}{max(first.last_row, first.header_row)}"
    if plan.chart is not None:
        _add_chart(sheet, plan.chart, placed)


class _Rows:
    """Appends rows to a write-only sheet, counting them; a row's height must be set before it is
    written."""

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self.count = 0

    def add(self, cells: list[Any], height: float | None = None) -> int:
        self.count += 1
        if height is not None:
            self.sheet.row_dimensions[self.count].height = height
        self.sheet.append(cells)
        return self.count

    def merge(self, columns: int) -> None:
        """Merge the last row's first ``columns`` cells (a title or note across its table)."""
        from openpyxl.utils import get_column_letter

        if columns > 1:
            self.sheet.merged_cells.add(f"A{self.count}:{get_column_letter(columns)}{self.count}")


def _unique_name(workbook: Any, name: str) -> str:
    taken = {sheet.title.casefold() for sheet in workbook.worksheets}
    candidate, number = name, 2
    while candidate.casefold() in taken:
        suffix = f" ({number})"
        candidate, number = name[:SHEET_NAME_LENGTH - len(suffix)] + suffix, number + 1
    return candidate


def _heading_rows(view: TableView) -> int:
    return 1 + bool(view.caption) + len(view.warnings)


def _write_heading(rows: _Rows, view: TableView, widths: list[float], major: bool) -> None:
    """The title, the caption (period, group, rules) and any warnings, each across the table's
    width and wrapped within it, so that the sheet reads (and prints) no wider than its table."""
    from openpyxl.styles import Alignment, Font

    span = max(1, len(view.frame.columns))
    room = sum(widths[:span])
    wrapped = Alignment(wrap_text=True, vertical="top")
    size = 14 if major else 12
    lines = [(view.title, Font(bold=True, size=size), size * 1.45, 1.25 * size / 11)]
    if view.caption:
        lines.append((" · ".join(view.caption), Font(italic=True, color=CAPTION_COLOUR), 15.0, 1.0))
    lines += [(f"Warning: {message}", Font(color=WARNING_COLOUR), 15.0, 1.0) for message in view.warnings]
    for text, font, line_height, scale in lines:
        count = max(1, math.ceil(len(text) * scale / (max(room, 1.0) * CHARACTERS_PER_WIDTH)))
        rows.add([_text_cell(rows.sheet, text, font=font, alignment=wrapped)], line_height * count)
        rows.merge(span)


def _header(sheet: Any, view: TableView) -> list[Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill
    from openpyxl.styles.borders import Side

    font, fill = Font(bold=True), PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
    border = Border(bottom=Side(style="thin", color="808080"))
    return [_text_cell(sheet, str(column), font=font, fill=fill, border=border,
                       alignment=Alignment(horizontal=_horizontal(view.kind(column)), vertical="bottom",
                                           wrap_text=True))
            for column in view.frame.columns]


def _horizontal(kind: Kind) -> str:
    """Small whole numbers (positions, ranks, quartiles) centred; other numbers right; text left."""
    if kind in CENTRED:
        return "center"
    return "right" if is_numeric(kind) and kind is not Kind.DIRECTION else "left"


def _body(sheet: Any, view: TableView, widths: list[float],
          max_width: int) -> Iterator[tuple[list[Any], float | None]]:
    """Each row's cells, and its height when a long text wraps (None: the default height)."""
    from openpyxl.styles import Alignment, Font, PatternFill

    frame = view.frame
    columns = list(frame.columns)
    kinds = [view.kind(column) for column in columns]
    wrap = [width >= max_width for width in widths[:len(columns)]]
    area = columns.index("area") if "area" in columns and view.highlight is not None else None
    focus_font = Font(bold=True)
    focus_fill = PatternFill("solid", start_color=FOCUS_FILL, end_color=FOCUS_FILL)
    plain = [Alignment(horizontal="center") if kind in CENTRED else None for kind in kinds]
    tall = [Alignment(horizontal=_horizontal(kind), vertical="top", wrap_text=wrapping)
            for kind, wrapping in zip(kinds, wrap, strict=True)]
    for values in zip(*(_python_values(frame[column]) for column in columns), strict=True):
        focus = area is not None and values[area] == view.highlight
        lines = max((math.ceil(len(value) / ((widths[index] - 1) * CHARACTERS_PER_WIDTH))
                     for index, value in enumerate(values) if wrap[index] and isinstance(value, str)),
                    default=1)
        alignments = tall if lines > 1 else plain
        cells = [_cell(sheet, value, kind, focus_font if focus else None, focus_fill if focus else None,
                       alignments[index])
                 for index, (value, kind) in enumerate(zip(values, kinds, strict=True))]
        yield cells, 15.0 * lines if lines > 1 else None


def _python_values(column: Any) -> list[object]:
    """A column as plain Python values, None where missing (NaN, None, pandas.NA)."""
    return column.astype(object).where(column.notna(), None).tolist()  # type: ignore[no-any-return]


def _cell(sheet: Any, value: object, kind: Kind, font: Any = None, fill: Any = None,
          alignment: Any = None) -> Any:
    """A value as a cell: a number with its kind's format, text as text, missing as empty.
    Plain text with no style is handed over as it is (openpyxl makes it a string cell): the
    common case of a large sheet costs no cell object."""
    if hasattr(value, "item"):  # a numpy scalar
        value = value.item()  # type: ignore[attr-defined]
    if isinstance(value, str):
        if font is None and fill is None and alignment is None and stays_text(value):
            return value
        cell = _text_cell(sheet, value, alignment=alignment)
    else:
        cell = _openpyxl().WriteOnlyCell(sheet)
        if isinstance(value, bool):
            cell.value = value
        elif isinstance(value, int | float):
            if math.isfinite(value):  # Excel has no infinity: those cells stay empty
                # openpyxl writes 16 significant digits; the shortest repr keeps the exact double.
                cell.value = repr(value)
                cell.data_type = "n"
                cell.number_format = excel_format(float(value), kind)
        elif value is not None:
            cell = _text_cell(sheet, str(value), alignment=alignment)
        if alignment is not None and value is not None:
            cell.alignment = alignment
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    return cell


@functools.cache
def _openpyxl() -> Any:
    """openpyxl's cell module, imported once (the per-cell functions run a million times)."""
    from openpyxl.cell import cell

    return cell


def _text_cell(sheet: Any, text: str, **styles: Any) -> Any:
    """A string cell that stays a string: never a formula or an error value, whatever it holds."""
    cell = store_text(_openpyxl().WriteOnlyCell(sheet), text)
    for name, style in styles.items():
        if style is not None:
            setattr(cell, name, style)
    return cell


def _widths(plan: SheetPlan) -> list[float]:
    """Each column wide enough for its longest figure or word as displayed, within limits."""
    count = max((len(view.frame.columns) for view in plan.blocks), default=0)
    widths = [float(MIN_WIDTH)] * count
    for number, view in enumerate(plan.blocks):
        frame = view.frame
        for index, column in enumerate(frame.columns):
            kind = view.kind(column)
            longest = max((len(_shown(value, kind)) for value in frame[column].head(5000)), default=0)
            if kind is Kind.DIRECTION:
                longest += 2  # the arrow in front
            if view.highlight is not None and column == "area":
                longest = int(longest * 1.1) + 1  # bold
            header = len(str(column)) + (3 if number == 0 and plan.main_table else 1)
            widths[index] = max(widths[index], min(float(plan.max_width), max(longest, header) + 2.0))
    return widths


def _shown(value: object, kind: Kind) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    return display(value, kind)


# Conditional formatting ------------------------------------------------------------------------

def _conditional_formats(sheet: Any, block: _Placed) -> None:
    from openpyxl.formatting.rule import ColorScaleRule, DataBarRule, Rule
    from openpyxl.styles import Font, PatternFill
    from openpyxl.styles.differential import DifferentialStyle
    from openpyxl.styles.numbers import NumberFormat
    from openpyxl.utils import get_column_letter

    if block.last_row < block.first_row:
        return
    for index, column in enumerate(block.columns, start=1):
        letter = get_column_letter(index)
        cells = f"{letter}{block.first_row}:{letter}{block.last_row}"
        first = f"{letter}{block.first_row}"
        kind = block.view.kind(column)
        if kind is Kind.QUARTILE:
            for quartile, (fill, text) in QUARTILE_COLOURS.items():
                style = DifferentialStyle(font=Font(color=text, bold=quartile in (1, 4)),
                                          fill=PatternFill("solid", start_color=fill, end_color=fill,
                                                           bgColor=fill))
                sheet.conditional_formatting.add(cells, Rule(type="cellIs", operator="equal",
                                                             formula=[str(quartile)], dxf=style))
        elif kind is Kind.DIRECTION:
            for number, (word, (arrow, text)) in enumerate(DIRECTIONS.items()):
                code = NumberFormat(numFmtId=_DXF_FORMAT_IDS + number, formatCode=f'"{arrow} "@')
                style = DifferentialStyle(font=Font(color=text, bold=word != "not comparable"),
                                          numFmt=code)
                sheet.conditional_formatting.add(cells, Rule(type="cellIs", operator="equal",
                                                             formula=[f'"{word}"'], dxf=style))
        elif kind is Kind.AVERAGE_RANK:
            low, middle, high = COLOUR_SCALE
            sheet.conditional_formatting.add(cells, ColorScaleRule(
                start_type="min", start_color=low, mid_type="percentile", mid_value=50,
                mid_color=middle, end_type="max", end_color=high))
        elif kind is Kind.MONEY_LARGE:
            sheet.conditional_formatting.add(cells, DataBarRule(start_type="min", end_type="max",
                                                                color=DATA_BAR, showValue=True))
        elif kind is Kind.TEXT and column == "flag":
            for word, (fill, text) in FLAGS.items():
                style = DifferentialStyle(font=Font(color=text, bold=True),
                                          fill=PatternFill("solid", start_color=fill, end_color=fill,
                                                           bgColor=fill))
                sheet.conditional_formatting.add(cells, Rule(
                    type="containsText", operator="containsText", text=word, dxf=style,
                    formula=[f'NOT(ISERROR(SEARCH("{word}",{first})))']))


# Charts ----------------------------------------------------------------------------------------

def _add_chart(sheet: Any, plan: BarChartPlan | ScatterPlan, placed: list[_Placed]) -> None:
    from openpyxl.utils import get_column_letter

    block = placed[plan.block]
    if block.last_row < block.first_row:
        return
    chart = _bar_chart(sheet, plan, block) if isinstance(plan, BarChartPlan) else \
        _scatter_chart(sheet, plan, block, placed[plan.lines_block] if plan.lines_block is not None else None)
    right = max(len(item.columns) for item in placed) + 2
    sheet.add_chart(chart, f"{get_column_letter(right)}{placed[0].header_row}")


def _column(block: _Placed, name: str) -> int:
    return block.columns.index(name) + 1


def _bar_chart(sheet: Any, plan: BarChartPlan, block: _Placed) -> Any:
    """Horizontal bars, first row at the top; the highlighted category in the focus colour."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.label import DataLabelList
    from openpyxl.chart.marker import DataPoint

    chart = BarChart()
    chart.type = "bar"
    chart.title = plan.title
    chart.legend = None
    chart.gapWidth = 40
    values = Reference(sheet, min_col=_column(block, plan.values), min_row=block.header_row,
                       max_row=block.last_row)
    categories = Reference(sheet, min_col=_column(block, plan.categories), min_row=block.first_row,
                           max_row=block.last_row)
    chart.add_data(values, titles_from_data=True)
    chart.set_categories(categories)
    series = chart.series[0]
    series.graphicalProperties.solidFill = OTHER_COLOUR
    series.graphicalProperties.line.noFill = True
    series.dLbls = DataLabelList(showVal=True, numFmt=plan.number_format)
    for field_name in ("showSerName", "showCatName", "showLegendKey", "showPercent"):
        setattr(series.dLbls, field_name, False)
    labels = list(block.view.frame[plan.categories])
    if plan.highlight in labels:
        point = DataPoint(idx=labels.index(plan.highlight))
        point.graphicalProperties.solidFill = FOCUS_COLOUR
        point.graphicalProperties.line.noFill = True
        series.dPt.append(point)
    chart.x_axis.scaling.orientation = "maxMin"  # the table's first row at the top
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.crosses = "max"  # with the categories reversed, keep the value axis at the bottom
    chart.y_axis.numFmt = plan.number_format
    chart.y_axis.title = plan.axis_title
    chart.y_axis.majorGridlines = None
    chart.width = 18
    chart.height = max(8.0, 0.55 * len(labels) + 3)
    return chart


def _scatter_chart(sheet: Any, plan: ScatterPlan, block: _Placed, lines: _Placed | None) -> Any:
    """Areas as points, the focus in its own colour, reference lines dashed; rank 1 at the top
    and at the right on both axes, as the quadrants chart draws them."""
    from openpyxl.chart import Reference, ScatterChart, Series
    from openpyxl.chart.shapes import GraphicalProperties
    from openpyxl.drawing.line import LineProperties

    chart = ScatterChart()
    chart.title = plan.title
    chart.style = 13
    xs = Reference(sheet, min_col=_column(block, plan.x), min_row=block.first_row, max_row=block.last_row)
    ys = Reference(sheet, min_col=_column(block, plan.y), min_row=block.first_row, max_row=block.last_row)
    chart.series.append(_points(Series(ys, xs, title="Areas"), OTHER_COLOUR, 6))
    areas = list(block.view.frame["area"]) if "area" in block.columns else []
    if plan.highlight in areas:
        row = block.first_row + areas.index(plan.highlight)
        focus_x = Reference(sheet, min_col=_column(block, plan.x), min_row=row, max_row=row)
        focus_y = Reference(sheet, min_col=_column(block, plan.y), min_row=row, max_row=row)
        chart.series.append(_points(Series(focus_y, focus_x, title=plan.highlight), FOCUS_COLOUR, 9))
    if lines is not None:
        names = list(lines.view.frame[lines.columns[0]])
        for name in dict.fromkeys(names):
            start = lines.first_row + names.index(name)
            count = names.count(name)
            line_x = Reference(sheet, min_col=_column(lines, plan.x), min_row=start,
                               max_row=start + count - 1)
            line_y = Reference(sheet, min_col=_column(lines, plan.y), min_row=start,
                               max_row=start + count - 1)
            series = Series(line_y, line_x, title=name)
            series.marker.symbol = "none"
            series.graphicalProperties = GraphicalProperties(
                ln=LineProperties(solidFill=LINE_COLOUR, prstDash="dash", w=12700))
            series.smooth = False
            chart.series.append(series)
    chart.x_axis.title = plan.x_title
    chart.y_axis.title = plan.y_title
    for axis in (chart.x_axis, chart.y_axis):
        axis.scaling.orientation = "maxMin"
        axis.delete = False
        axis.majorGridlines = None
    chart.x_axis.crosses = "max"  # with both axes reversed, the axes sit at the bottom and left
    chart.y_axis.crosses = "max"
    xs_values = block.view.frame[plan.x].astype("float64")
    ys_values = block.view.frame[plan.y].astype("float64")
    chart.x_axis.scaling.min, chart.x_axis.scaling.max = 0, math.ceil(xs_values.max()) + 1
    chart.y_axis.scaling.min = max(0, math.floor(ys_values.min()) - 1)
    chart.y_axis.scaling.max = math.ceil(ys_values.max()) + 1
    chart.x_axis.majorUnit = 5
    chart.legend.position = "b"
    chart.width = 20
    chart.height = 14
    return chart


def _points(series: Any, colour: str, size: int) -> Any:
    from openpyxl.chart.shapes import GraphicalProperties

    series.marker.symbol = "circle"
    series.marker.size = size
    series.marker.graphicalProperties = GraphicalProperties(solidFill=colour)
    series.marker.graphicalProperties.line.solidFill = "FFFFFF"
    series.graphicalProperties.line.noFill = True
    series.smooth = False
    return series


# The report ------------------------------------------------------------------------------------

def write_report(report: Report, path: Path, progress: Callable[[str], None] | None = None) -> None:
    """The compendium workbook: About, League table, Themes, Quartiles, Direction of travel,
    Dashboard, Funding gap, Spend vs performance and Data, leaving out what ``report`` omits."""
    write_workbook(path, report_sheets(report), progress,
                   {"title": f"Benchmarking summary: {report.focus}",
                    "creator": f"benchmark {report.version}",
                    "created": report.generated.replace(tzinfo=None)})


def report_sheets(report: Report) -> list[SheetPlan]:
    """The report's sheets, in reading order."""
    from benchmark.report import content

    builders: dict[str, Callable[[Report], SheetPlan]] = {
        content.ABOUT: _about_sheet, content.LEAGUE: _league_sheet, content.THEMES: _themes_sheet,
        content.QUARTILES: _quartiles_sheet, content.TRAVEL: _travel_sheet,
        content.DASHBOARD: _dashboard_sheet, content.FUNDING: _funding_sheet,
        content.SPEND: _spend_sheet, content.DATA: _data_sheet,
    }
    return [builders[name](report) for name in report.sheets]


def about_rows(report: Report) -> list[tuple[str, object]]:
    """What the workbook is, where its figures came from and every rule behind them."""
    from benchmark.views.council import method_words
    from benchmark.views.league import OVERALL_WORDS, TIE_WORDS
    from benchmark.core.text import plural

    selection, ranking = report.selection, report.ranking
    rows: list[tuple[str, object]] = [
        ("What this is", f"A benchmarking summary for {report.focus}: its position among "
         f"{len(selection.areas)} comparators on {plural(ranking.ranked_indicators, 'indicator')} "
         f"in {plural(len(ranking.themes), 'theme')}, its quartiles, direction of travel and "
         "dashboards, made by the benchmark tool from the sources below."),
        ("Focus area", report.focus),
    ]
    for source in report.sources:
        rows.append((f"Source ({source.role})", source.path))
        rows.append((f"SHA-256 ({source.role})", source.sha256 or "not hashed: standard input is "
                     "read once"))
    periods = report.periods
    rows += [
        ("Period", f"{selection.period} ({', '.join(periods)})" if len(periods) > 1 else selection.period),
        ("Comparator group", selection.group),
        ("Comparator group size", plural(len(selection.areas), "area")),
        ("Tie rule", f"{report.ties.value}: {TIE_WORDS[report.ties]}"),
        ("Overall mode", f"{report.overall.value}: {OVERALL_WORDS[report.overall]}"),
        ("Quartile method", method_words(report.method)),
        ("Trend tolerance", f"{report.tolerance:.2%}: a relative change at or below it is 'no change' "
         "(an indicator's own tolerance column overrides it); direction of travel compares each "
         "indicator's latest value with the one before"),
    ]
    if ranking.unranked_indicators:
        rows.append(("Not ranked", f"{plural(len(ranking.unranked_indicators), 'indicator')} with no "
                     "polarity or no values: " + "; ".join(ranking.unranked_indicators)))
    if report.funding is not None:
        gap = report.funding
        rows.append(("Funding gap", f"{gap.measure}" + (f", period {gap.period}" if gap.period else "")
                     + f"; {gap.group}; {gap.focus} population {gap.population:,.0f}; additional "
                     "funding = (their per head - ours) x our population"))
    if report.spend is not None:
        rows.append(("Spend vs performance", f"average rank against the rank of spend_per_head "
                     f"(1 = the lowest spend); reference lines at the group {report.spend.split.value}"))
    rows.append(("Sheets", ", ".join(report.sheets)))
    for omitted in report.omitted:
        rows.append((f"Left out: {omitted.sheet}", omitted.reason))
    rows += [
        ("Values", "Every figure is a number as read from the source (formats change only how it "
         "looks); the text a value was printed as (£2.2m, 83.2%) is not kept. Missing values are "
         "empty cells, never zero."),
        ("Text", "Text from the sources is stored as text: a name starting with = + - or @ is never "
         "a formula."),
        ("Warnings", "; ".join([*selection.warnings, *ranking.warnings]) or "none"),
        ("Data sheet", f"{len(report.data):,} observations of the {len(selection.areas)} compared "
         "areas, every period"),
        ("Tool", f"benchmark {report.version}"),
        ("Generated", report.generated.isoformat(timespec="seconds")),
    ]
    return rows


def _about_sheet(report: Report) -> SheetPlan:
    import pandas as pd

    frame = pd.DataFrame(about_rows(report), columns=["item", "detail"])
    view = TableView(frame=frame, title=f"Benchmarking summary: {report.focus}",
                     caption=[f"benchmark {report.version}",
                              f"generated {report.generated.isoformat(timespec='seconds')}"],
)
    return SheetPlan("About", [view], main_table=False, max_width=100)


def _league_sheet(report: Report) -> SheetPlan:
    from benchmark.views.league import league_view

    view = league_view(report.selection, report.ranking, report.ties, report.overall, report.focus)
    return SheetPlan("League table", [view])


def _themes_sheet(report: Report) -> SheetPlan:
    from benchmark.views.league import TIE_WORDS

    view = TableView(
        frame=report.themes,
        title="Each theme's league table, by the theme's average rank (1 = best)",
        caption=[report.selection.period, report.selection.group, TIE_WORDS[report.ties]],
        highlight=report.focus,
    )
    return SheetPlan("Themes", [view])


def _quartiles_sheet(report: Report) -> SheetPlan:
    from benchmark.views.council import quartiles_view

    result, selection, focus = report.quartiles, report.selection, report.focus
    return SheetPlan("Quartiles", [
        quartiles_view(report.focus_quartiles, result, selection, focus),
        quartiles_view(report.quartile_tally, result, selection, focus, summary=True),
        quartiles_view(report.bottom_quartile, result, selection, focus, extreme=4),
    ])


def _travel_sheet(report: Report) -> SheetPlan:
    from benchmark.views.council import trend_view

    return SheetPlan("Direction of travel", [
        trend_view(report.trend, report.focus, report.tolerance, "Direction of travel"),
        trend_view(report.trend_tally, report.focus, report.tolerance, "Direction of travel by theme"),
    ])


def _dashboard_sheet(report: Report) -> SheetPlan:
    from benchmark.views.council import dashboard_view

    return SheetPlan("Dashboard", [dashboard_view(report.dashboard, report.focus, report.method,
                                                  report.selection, report.tolerance)])


def _funding_sheet(report: Report) -> SheetPlan:
    from benchmark.analysis.funding import PER_HEAD
    from benchmark.core.model import AREA
    from benchmark.render.columns import EXCEL_FORMATS
    from benchmark.views.money import funding_view, position_words

    gap = report.funding
    assert gap is not None
    when = f" {gap.period}" if gap.period else ""
    chart = BarChartPlan(block=0, categories=AREA, values=PER_HEAD,
                         title=f"Funding per head{when}: {gap.focus} is {position_words(gap)}",
                         axis_title="Funding per head (£)", number_format=EXCEL_FORMATS[Kind.MONEY],
                         highlight=gap.focus)
    return SheetPlan("Funding gap", [funding_view(gap), funding_view(gap, summary=True)], chart)


def _spend_sheet(report: Report) -> SheetPlan:
    import pandas as pd

    from benchmark.views.money import focus_quadrants_view, quadrants_view
    from benchmark.analysis.quadrants import COMPARATOR_RANK

    result = report.spend
    assert result is not None
    placed = report.focus in set(result.table["area"])
    focus = report.focus if placed else None
    table = result.table
    x_low, x_high = float(table[COMPARATOR_RANK].min()), float(table[COMPARATOR_RANK].max())
    y_low, y_high = float(table["average_rank"].min()), float(table["average_rank"].max())
    lines = pd.DataFrame({
        "line": ["performance line"] * 2 + ["comparator line"] * 2,
        COMPARATOR_RANK: [x_low, x_high, result.comparator_line, result.comparator_line],
        "average_rank": [result.performance_line, result.performance_line, y_low, y_high],
    })
    lines_view = TableView(frame=lines, title=f"Reference lines of the chart (group {result.split.value})",
                           kinds={COMPARATOR_RANK: Kind.NUMBER, "average_rank": Kind.NUMBER})
    blocks = [quadrants_view(result, focus)]
    if report.spend_by_theme is not None:
        blocks.append(focus_quadrants_view(report.spend_by_theme))
    blocks.append(lines_view)
    chart = ScatterPlan(block=0, x=COMPARATOR_RANK, y="average_rank",
                        title=f"Performance against spend per head: {result.theme or 'overall'}",
                        x_title="Spend per head: rank (1 = lowest spend, at the right)",
                        y_title="Average rank (1 = best, at the top)", highlight=focus,
                        lines_block=len(blocks) - 1)
    return SheetPlan("Spend vs performance", blocks, chart)


def _data_sheet(report: Report) -> SheetPlan:
    view = TableView(frame=report.data, title="Data: the observations behind the figures",
                     caption=[f"the {len(report.selection.areas)} compared areas, every period",
                              "values as numbers; empty = missing"])
    return SheetPlan("Data", [view])


