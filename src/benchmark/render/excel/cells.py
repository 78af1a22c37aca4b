"""Cells: values as Excel holds them, and columns wide enough to read.

Numbers are written as numbers, each with the number format of its column's kind
(:data:`~benchmark.render.columns.EXCEL_FORMATS`, :func:`~benchmark.render.columns.excel_format`),
so a workbook shows what the screen shows and still adds up.

Text from the input never becomes a formula or an error value: the rule is
:mod:`benchmark.core.cell_text`, which every workbook this tool writes follows.
"""

from __future__ import annotations

import functools
import math
from typing import Any

from benchmark.core.cell_text import stays_text, store_text
from benchmark.render.columns import Kind, display, excel_format, is_numeric
from benchmark.render.plan import Section

MAX_WIDTH = 60  # a text column wider than this wraps
MIN_WIDTH = 6
CENTRED = (Kind.RANK, Kind.QUARTILE)
# Characters of text per unit of column width (the width of a '0'): about 1.15 in Calibri, 1.0 in
# LibreOffice's DejaVu Sans; row heights for wrapped text are set from it (Excel does not fit a
# row to merged or wrapped cells on opening a file).
CHARACTERS_PER_WIDTH = 1.1


def python_values(column: Any) -> list[object]:
    """A column as plain Python values, None where missing (NaN, None, pandas.NA)."""
    return column.astype(object).where(column.notna(), None).tolist()


def value_cell(sheet: Any, value: object, kind: Kind, font: Any = None, fill: Any = None,
          alignment: Any = None) -> Any:
    """A value as a cell: a number with its kind's format, text as text, missing as empty.
    Plain text with no style is handed over as it is (openpyxl makes it a string cell): the
    common case of a large sheet costs no cell object."""
    if hasattr(value, "item"):  # a numpy scalar
        value = value.item()
    if isinstance(value, str):
        if font is None and fill is None and alignment is None and stays_text(value):
            return value
        cell = text_cell(sheet, value, alignment=alignment)
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
            cell = text_cell(sheet, str(value), alignment=alignment)
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


def text_cell(sheet: Any, text: str, **styles: Any) -> Any:
    """A string cell that stays a string: never a formula or an error value, whatever it holds."""
    cell = store_text(_openpyxl().WriteOnlyCell(sheet), text)
    for name, style in styles.items():
        if style is not None:
            setattr(cell, name, style)
    return cell


def horizontal(kind: Kind) -> str:
    """Small whole numbers (positions, ranks, quartiles) centred; other numbers right; text left."""
    if kind in CENTRED:
        return "center"
    return "right" if is_numeric(kind) and kind is not Kind.DIRECTION else "left"


def column_widths(section: Section) -> list[float]:
    """Each column wide enough for its longest figure or word as displayed, within limits."""
    count = max((len(view.frame.columns) for view in section.tables), default=0)
    widths = [float(MIN_WIDTH)] * count
    for number, view in enumerate(section.tables):
        frame = view.frame
        for index, column in enumerate(frame.columns):
            kind = view.kind(column)
            longest = max((len(_shown(value, kind)) for value in frame[column].head(5000)), default=0)
            if kind is Kind.DIRECTION:
                longest += 2  # the arrow in front
            if view.highlight is not None and column == "area":
                longest = int(longest * 1.1) + 1  # bold
            header = len(str(column)) + (3 if number == 0 and section.main_table else 1)
            widths[index] = max(widths[index], min(float(text_width(section)), max(longest, header) + 2.0))
    return widths


def text_width(section: Section) -> int:
    return MAX_WIDTH if section.text_width is None else section.text_width


def _shown(value: object, kind: Kind) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    return display(value, kind)
