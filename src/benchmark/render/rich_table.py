"""Rich tables for a terminal: title, caption, numbers right-aligned, the focus area highlighted,
quartiles and directions of travel in colour.

A table wider than the terminal is shown as several, each repeating the columns that say whose
row it is (up to the area), rather than squeezed until names vanish and numbers are cut.
"""

from __future__ import annotations

import io
from dataclasses import replace

from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from benchmark.render.columns import Kind, display, is_numeric
from benchmark.render.meanings import DIRECTIONS, FLAGS, FOCUS_ROW_STYLE, QUARTILES
from benchmark.render.view import TableView

SHORT_TEXT = 12  # text columns up to this wide keep their width; longer ones wrap


def to_rich_tables(view: TableView, width: int | None = None) -> list[Table]:
    """One table, or one per value of ``view.group_by``, in order of first appearance; each
    split by columns into tables at most ``width`` characters wide where it is wider."""
    if view.group_by is None:
        return _fitted(view, width)
    frame = view.frame
    tables = []
    for value in dict.fromkeys(frame[view.group_by]):
        part = frame[frame[view.group_by] == value].drop(columns=view.group_by)
        title = f"{view.title}: {value}"
        tables += _fitted(replace(view, frame=part, title=title, group_by=None), width)
    return tables


def _fitted(view: TableView, width: int | None) -> list[Table]:
    """The view as one table if it fits in ``width`` (text wrapped at spaces at need), else as
    several: each with the columns up to the area (position, period, area) and as many of the
    others, in order, as fit."""
    whole = to_rich_table(view)
    if width is None or least_width(whole) <= width:
        return [whole]
    shown = [column for column in view.frame.columns if column not in view.screen_hidden]
    keys = shown[: shown.index("area") + 1] if "area" in shown else shown[:1]
    parts: list[list[str]] = [[]]
    for column in shown[len(keys):]:
        trial = to_rich_table(replace(view, frame=view.frame[[*keys, *parts[-1], column]]))
        if parts[-1] and least_width(trial) > width:
            parts.append([])
        parts[-1].append(column)
    if len(parts) == 1:
        return [whole]
    last = len(parts) - 1
    return [to_rich_table(replace(view, frame=view.frame[[*keys, *columns]],
                                  title=f"{view.title} ({number + 1} of {len(parts)})".lstrip(),
                                  caption=view.caption if number == last else []))
            for number, columns in enumerate(parts)]


_MEASURING = Console(file=io.StringIO(), width=10_000, color_system=None)


def least_width(table: Table) -> int:
    """How narrow the table can be drawn with every number whole and no word broken."""
    return Measurement.get(_MEASURING, _MEASURING.options, table).minimum


def _cell(text: str, kind: Kind) -> Text:
    if kind is Kind.QUARTILE and text:
        band = QUARTILES.get(int(text))
        return Text(text, style=band.rich_style if band else "")
    if kind is Kind.DIRECTION and text in DIRECTIONS:
        direction = DIRECTIONS[text]
        return Text(direction.arrow, style=direction.terminal)
    flag = FLAGS.get(text)
    return Text(text, style=flag.rich_style if flag else "")


def to_rich_table(view: TableView) -> Table:
    # Every string from the data goes in as Text, never as markup: '[/b]' in a name would stop
    # the table, '[link=...]' write a hyperlink, and ONS's '[note 1]' would vanish.
    caption = " · ".join(view.caption)
    table = Table(title=Text(view.title) if view.title else None,
                  caption=Text(caption) if caption else None, caption_justify="left",
                  header_style="bold")
    frame = view.frame.drop(columns=[c for c in view.screen_hidden if c in view.frame.columns])
    columns = list(frame.columns)
    kinds = [view.kind(column) for column in columns]
    rows = [[display(value, kind) for value, kind in zip(row, kinds, strict=True)]
            for row in frame.itertuples(index=False, name=None)]
    for index, (column, kind) in enumerate(zip(columns, kinds, strict=True)):
        # Numbers keep their full width (a number cut short would mislead); text wraps or folds
        # at need, never hiding a character; headers wrap at spaces.
        header = column.replace("_", " ")
        widest = 1 if kind is Kind.DIRECTION else max((len(row[index]) for row in rows), default=1)
        longest_word = max((len(word) for word in header.split()), default=1)
        if is_numeric(kind) or widest <= SHORT_TEXT:
            table.add_column(Text(header), justify="right" if is_numeric(kind) else "left",
                             width=max(widest, min(longest_word, 12)))
        else:
            table.add_column(Text(header), overflow="fold")
    area_index = columns.index("area") if "area" in columns else None
    for row, values in zip(frame.itertuples(index=False, name=None), rows, strict=True):
        cells = [_cell(text, kind) for text, kind in zip(values, kinds, strict=True)]
        highlighted = area_index is not None and row[area_index] == view.highlight
        table.add_row(*cells, style=FOCUS_ROW_STYLE if highlighted else None)
    return table
