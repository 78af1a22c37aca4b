"""A sheet of tables: each with a title row, its caption (period, group, rules) under it, a bold
header row and its body; the first table's header stays in view (frozen panes) and filters, and
conditional formatting carries the meaning the terminal shows in colour: quartile fills,
direction of travel, a colour scale on average ranks, data bars on funding gaps, and the focus
area's row highlighted.

Sheets are written in write-only mode: rows stream to the file, so a 100,000-row Data sheet
costs little memory.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from benchmark.core.sheets import declare_size
from benchmark.render.columns import Kind
from benchmark.render.excel.cells import (
    CENTRED,
    CHARACTERS_PER_WIDTH,
    column_widths,
    horizontal,
    python_values,
    text_cell,
    text_width,
    value_cell,
)
from benchmark.render.meanings import DIRECTIONS, FLAGS, FOCUS_ROW_FILL, QUARTILES
from benchmark.render.plan import Section
from benchmark.render.view import TableView

SHEET_NAME_LENGTH = 31
_SHEET_NAME_UNSAFE = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
# Colours (RGB) of Excel's own: quartiles, directions, flags and the focus come from meanings.
HEADER_FILL = "D9E1F2"
CAPTION_COLOUR = "595959"
WARNING_COLOUR = "9C5700"
COLOUR_SCALE = ("63BE7B", "FFEB84", "F8696B")  # low average rank (best) green, high red
DATA_BAR = "638EC6"
_DXF_FORMAT_IDS = 400  # ids for the conditional number formats, clear of the cells' own


@dataclass
class Placed:
    """Where a table landed: its header row and its data rows (1-based)."""

    view: TableView
    header_row: int
    first_row: int
    last_row: int
    columns: list[str] = field(default_factory=list)


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


def write_tables(workbook: Any, section: Section) -> tuple[Any, list[Placed]]:
    """A new sheet holding the section's tables, one under another; the sheet, and where each
    table landed."""
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(_unique_name(workbook, section.name))
    size = sum(bool(number) + _heading_rows(view) + 2 + len(view.frame)
               for number, view in enumerate(section.tables))
    declare_size(sheet, size, max((len(view.frame.columns) for view in section.tables), default=1))
    widths = column_widths(section)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    if section.main_table and section.tables:
        header = _heading_rows(section.tables[0]) + 2
        sheet.freeze_panes = f"A{header + 1}"
        sheet.print_title_rows = f"{header}:{header}"  # the header on every printed page
    # Printed landscape, one page wide: a sheet prints as it reads.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    rows = _Rows(sheet)
    placed = []
    for number, view in enumerate(section.tables):
        if number:
            rows.add([])
        _write_heading(rows, view, widths, major=number == 0)
        rows.add([])
        columns = list(view.frame.columns)
        header_row = rows.add(_header(sheet, view))
        for cells, height in _body(sheet, view, widths, text_width(section)):
            rows.add(cells, height)
        placed.append(Placed(view, header_row, header_row + 1, rows.count, columns))
    assert rows.count == size, "the size declared is the size written"
    for block in placed:
        _conditional_formats(sheet, block)
    if section.main_table and placed and placed[0].columns:
        first = placed[0]
        last_column = get_column_letter(len(first.columns))
        sheet.auto_filter.ref = f"A{first.header_row}:{last_column}{max(first.last_row, first.header_row)}"
    return sheet, placed


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
        rows.add([text_cell(rows.sheet, text, font=font, alignment=wrapped)], line_height * count)
        rows.merge(span)


def _header(sheet: Any, view: TableView) -> list[Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill
    from openpyxl.styles.borders import Side

    font, fill = Font(bold=True), PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
    border = Border(bottom=Side(style="thin", color="808080"))
    return [text_cell(sheet, str(column), font=font, fill=fill, border=border,
                       alignment=Alignment(horizontal=horizontal(view.kind(column)), vertical="bottom",
                                           wrap_text=True))
            for column in view.frame.columns]


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
    focus_fill = PatternFill("solid", start_color=FOCUS_ROW_FILL, end_color=FOCUS_ROW_FILL)
    plain = [Alignment(horizontal="center") if kind in CENTRED else None for kind in kinds]
    tall = [Alignment(horizontal=horizontal(kind), vertical="top", wrap_text=wrapping)
            for kind, wrapping in zip(kinds, wrap, strict=True)]
    for values in zip(*(python_values(frame[column]) for column in columns), strict=True):
        focus = area is not None and values[area] == view.highlight
        lines = max((math.ceil(len(value) / ((widths[index] - 1) * CHARACTERS_PER_WIDTH))
                     for index, value in enumerate(values) if wrap[index] and isinstance(value, str)),
                    default=1)
        alignments = tall if lines > 1 else plain
        cells = [value_cell(sheet, value, kind, focus_font if focus else None, focus_fill if focus else None,
                       alignments[index])
                 for index, (value, kind) in enumerate(zip(values, kinds, strict=True))]
        yield cells, 15.0 * lines if lines > 1 else None


def _conditional_formats(sheet: Any, block: Placed) -> None:
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
            for quartile, band in QUARTILES.items():
                style = DifferentialStyle(font=Font(color=band.text, bold=band.bold),
                                          fill=PatternFill("solid", start_color=band.fill,
                                                           end_color=band.fill, bgColor=band.fill))
                sheet.conditional_formatting.add(cells, Rule(type="cellIs", operator="equal",
                                                             formula=[str(quartile)], dxf=style))
        elif kind is Kind.DIRECTION:
            for number, (word, direction) in enumerate(DIRECTIONS.items()):
                code = NumberFormat(numFmtId=_DXF_FORMAT_IDS + number,
                                    formatCode=f'"{direction.arrow} "@')
                style = DifferentialStyle(font=Font(color=direction.colour, bold=direction.strong),
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
            for word, flag in FLAGS.items():
                style = DifferentialStyle(font=Font(color=flag.text, bold=flag.bold),
                                          fill=PatternFill("solid", start_color=flag.fill,
                                                           end_color=flag.fill, bgColor=flag.fill))
                sheet.conditional_formatting.add(cells, Rule(
                    type="containsText", operator="containsText", text=word, dxf=style,
                    formula=[f'NOT(ISERROR(SEARCH("{word}",{first})))']))
