"""A document's layout, free of any file format: sections of :class:`TableView` tables, and the
charts drawn from them.

The report package's layout lays the compendium out as a :class:`Document`; the Excel writer
renders each :class:`Section` as a sheet, and any other renderer (HTML, say) can render the same
sections. A chart plan names its data by table and column, never by cell: each renderer finds
the numbers where it put them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from benchmark.render.chart_specs import SegmentColumn
from benchmark.render.view import TableView


@dataclass(frozen=True)
class BarChartPlan:
    """Bars of one table's column against its category column, in the table's row order; the
    values are shown as the column's kind shows them."""

    table: int  # which of the section's tables
    categories: str
    values: str
    title: str
    axis_title: str
    focus: str | None = None  # the category drawn in the focus colour
    subtitle: str = ""  # the measure, period and group, say; a renderer adds its source line


@dataclass(frozen=True)
class ScatterPlan:
    """One table's areas as points, ``x`` against ``y`` (both ranks, 1 = best), with reference
    lines from another table: rows of x, y pairs, two per line, named in its first column."""

    table: int  # which of the section's tables
    x: str
    y: str
    title: str
    x_title: str
    y_title: str
    focus: str | None = None  # the area drawn in the focus colour
    lines_table: int | None = None
    subtitle: str = ""  # the group, period and reference lines, say; a renderer adds its source line
    corners: tuple[str, str, str, str] = ("", "", "", "")  # top right, top left, bottom right, bottom left


@dataclass(frozen=True)
class StackedBarPlan:
    """A tally table's rows as stacked bars (its 'Total' row left out), a part per column:
    (column, legend words, meaning), the meaning a key of render.meanings ('q1', 'improved')."""

    table: int  # which of the section's tables
    categories: str
    segments: tuple[SegmentColumn, ...]
    title: str
    axis_title: str
    subtitle: str = ""  # the period and group, say; a renderer adds its source line


@dataclass(frozen=True)
class Section:
    """One part of a document (a sheet of a workbook): its tables from top to bottom, and a
    chart beside the first.

    ``main_table``: the first table is the section's list to scroll and filter (a workbook
    freezes and filters its header); false for a section of notes. ``text_width`` is the widest
    a text column grows, in characters, before it wraps (None: the renderer's own limit)."""

    name: str
    tables: list[TableView]
    chart: BarChartPlan | ScatterPlan | StackedBarPlan | None = None
    main_table: bool = True
    text_width: int | None = None


@dataclass(frozen=True)
class Document:
    """Sections in reading order, with what the document is and who made it, when; ``source``
    is the line under each chart saying where its figures come from."""

    title: str
    author: str
    created: datetime
    sections: list[Section]
    source: str = ""
