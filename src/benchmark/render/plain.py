"""Machine formats (CSV, TSV, JSON) and Markdown: plain text, no colour, raw numbers."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from benchmark.core.cell_text import FORMULA_PREFIXES
from benchmark.render.columns import display, is_missing, is_numeric
from benchmark.render.view import TableView

if TYPE_CHECKING:
    import pandas as pd


_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d[\d,]*)?\.?\d+(?:[eE][+-]?\d+)?%?")


def neutralise(text: str) -> str:
    """Text that starts like a formula gets a leading single quote, so that a spreadsheet opening
    the CSV shows it as text ('=HYPERLINK(...)' stays words, not a link). Text that is just a
    signed number ('-0.5', '+2%') cannot run anything and is left alone."""
    if text.startswith(FORMULA_PREFIXES) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its text cells and headers neutralised; numbers are never touched."""
    risky = {column for column in frame.columns
             if frame[column].dtype.kind in "OSU"
             and any(isinstance(v, str) and v.startswith(FORMULA_PREFIXES) for v in frame[column])}
    headers = [neutralise(str(column)) for column in frame.columns]
    if not risky and headers == [str(column) for column in frame.columns]:
        return frame
    safe = frame.copy()
    for column in risky:
        safe[column] = [neutralise(v) if isinstance(v, str) else v for v in frame[column]]
    return safe.set_axis(headers, axis=1)


def to_delimited(view: TableView, separator: str = ",") -> str:
    """CSV or TSV: header row, unrounded numbers, empty for missing, '\\n' line ends; text that
    starts like a formula is neutralised (see :func:`neutralise`)."""
    return _neutralised(view.frame).to_csv(index=False, sep=separator, lineterminator="\n", na_rep="")


def records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """Rows as dicts of plain Python values (int, float, str, None), as JSON shows them."""
    columns = {column: [_plain(value) for value in frame[column].tolist()] for column in frame.columns}
    return [dict(zip(columns, row, strict=True)) for row in zip(*columns.values(), strict=True)]


def _plain(value: object) -> object:
    if is_missing(value):
        return None
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


def to_json(view: TableView) -> str:
    """An array of records; numbers as numbers (shortest exact form), null for missing."""
    return json.dumps(records(view.frame), ensure_ascii=False, indent=1) + "\n"


_MARKDOWN_SPECIAL = str.maketrans({"\\": "\\\\", "|": "\\|", "<": "&lt;", ">": "&gt;",
                                   "`": "\\`", "*": "\\*", "[": "\\[", "]": "\\]",
                                   "\n": " ", "\r": " "})


_ENTITY = re.compile(r"&(?=#?\w+;)")


def markdown_text(text: str) -> str:
    """A cell's text as Markdown shows it literally: '|' cannot end the cell (and move the values
    after it under the wrong columns), HTML and entities are shown, not run, and no emphasis or
    link is made. A bare '&' ("Children & Young People") is left as it is: only '&name;' is one."""
    return _ENTITY.sub("&amp;", text).translate(_MARKDOWN_SPECIAL)


def to_markdown(view: TableView) -> str:
    """A GitHub-flavoured Markdown table with numbers formatted for reading; text escaped (see
    :func:`markdown_text`)."""
    from tabulate import tabulate

    columns = list(view.frame.columns)
    kinds = [view.kind(column) for column in columns]
    rows = [[markdown_text(display(value, kind)) for value, kind in zip(row, kinds, strict=True)]
            for row in view.frame.itertuples(index=False, name=None)]
    align = ["right" if is_numeric(kind) else "left" for kind in kinds]
    headers = [markdown_text(str(column)) for column in columns]
    return tabulate(rows, headers=headers, tablefmt="github", colalign=align, disable_numparse=True) + "\n"
