"""Rich tables for a terminal: title, caption, numbers right-aligned, the focus area highlighted."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from benchmark.render.columns import display, is_numeric
from benchmark.render.view import TableView

HIGHLIGHT_STYLE = "bold reverse"


def to_rich_table(view: TableView) -> Table:
    table = Table(title=view.title, caption=" · ".join(view.caption) or None,
                  caption_justify="left", header_style="bold")
    columns = list(view.frame.columns)
    kinds = [view.kind(column) for column in columns]
    rows = [[display(value, kind) for value, kind in zip(row, kinds, strict=True)]
            for row in view.frame.itertuples(index=False, name=None)]
    for index, (column, kind) in enumerate(zip(columns, kinds, strict=True)):
        # Fixed widths: a name or number cut short would mislead; headers wrap at spaces.
        header = column.replace("_", " ")
        widest = max((len(row[index]) for row in rows), default=1)
        longest_word = max((len(word) for word in header.split()), default=1)
        table.add_column(header, justify="right" if is_numeric(kind) else "left",
                         width=max(widest, min(longest_word, 12)))
    area_index = columns.index("area") if "area" in columns else None
    for row, values in zip(view.frame.itertuples(index=False, name=None), rows, strict=True):
        cells = [Text(value) for value in values]
        highlighted = area_index is not None and row[area_index] == view.highlight
        table.add_row(*cells, style=HIGHLIGHT_STYLE if highlighted else None)
    return table
