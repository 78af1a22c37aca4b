"""A :class:`TableView` as an HTML table under its title (a heading) and caption (the rules), with
a header row of human labels and cells shown as their column's kind shows them. Meanings are never colour
alone: a quartile is its number, a direction its arrow and word, a flag its words, the focus
area's row bold."""

from __future__ import annotations

from dataclasses import replace
from html import escape

from benchmark.render.columns import Kind, display, is_numeric, label
from benchmark.render.html.styles import css_class
from benchmark.render.meanings import DIRECTIONS, FLAGS
from benchmark.render.view import TableView

NUMERIC = ' class="num"'


def table_html(view: TableView, *, heading: str = "h3") -> str:
    """The view's title as a heading, its caption and warnings, and the table; with ``group_by``,
    a table per value of that column (a dashboard per theme), the caption over the first."""
    if view.group_by is not None:
        frame, column = view.frame, view.group_by
        return "\n".join(
            table_html(replace(view, frame=frame[frame[column] == value].drop(columns=column),
                               title=f"{view.title}: {value}", group_by=None,
                               caption=view.caption if number == 0 else [],
                               warnings=view.warnings if number == 0 else []), heading=heading)
            for number, value in enumerate(dict.fromkeys(frame[column])))
    frame = view.frame
    columns = [str(column) for column in frame.columns]
    kinds = [view.kind(column) for column in columns]
    parts = [f"<{heading}>{escape(view.title)}</{heading}>"]
    if view.caption:
        parts.append(f'<p class="caption">{escape(" · ".join(view.caption))}</p>')
    parts += [f'<p class="warning">Warning: {escape(message)}</p>' for message in view.warnings]
    header = "".join(f'<th scope="col"{NUMERIC if _numeric(kind) else ""}>{escape(label(column))}</th>'
                     for column, kind in zip(columns, kinds, strict=True))
    area = columns.index("area") if "area" in columns and view.highlight is not None else None
    rows = []
    for values in frame.itertuples(index=False, name=None):
        focus = area is not None and values[area] == view.highlight
        cells = "".join(_cell(value, kind, column) for value, kind, column in zip(values, kinds, columns,
                                                                                strict=True))
        rows.append(f'<tr class="focus">{cells}</tr>' if focus else f"<tr>{cells}</tr>")
    parts.append(f'<table>\n<thead><tr>{header}</tr></thead>\n<tbody>\n' + "\n".join(rows)
                 + "\n</tbody>\n</table>")
    return "\n".join(parts)


def _numeric(kind: Kind) -> bool:
    """Right-aligned: a number (a direction is a word, with its arrow)."""
    return is_numeric(kind) and kind is not Kind.DIRECTION


def _cell(value: object, kind: Kind, column: str) -> str:
    text = display(value, kind)
    classes = ["num"] if _numeric(kind) else []
    if kind is Kind.QUARTILE and text:
        classes.append(f"q{text}")
    elif kind is Kind.DIRECTION and text in DIRECTIONS:
        classes.append(css_class(text))
        text = f"{DIRECTIONS[text].arrow} {text}"
    elif column == "flag" and text:
        classes += [css_class(word) for word in FLAGS if word in text]
    attribute = f' class="{" ".join(classes)}"' if classes else ""
    return f"<td{attribute}>{escape(text)}</td>"
