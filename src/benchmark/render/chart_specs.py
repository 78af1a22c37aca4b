"""Charts as data, free of any drawing library: what to draw (bars, lines or points), their
labels, the focus area, reference lines, titles and subtitles, with every figure already in
words. The views package builds them from analysis results; :mod:`benchmark.render.charts`
draws them with matplotlib, and another renderer could draw the same specs.

Colours are not given: the focus, everyone else and reference lines are coloured as
:mod:`benchmark.render.meanings` says.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from typing import TYPE_CHECKING

from benchmark.render.columns import Kind

if TYPE_CHECKING:
    import pandas as pd


class Role(str, Enum):
    """What a line of a line chart stands for, which decides its colour and stroke."""

    FOCUS = "focus"  # the focus area
    REFERENCE = "reference"  # a mean or other benchmark line
    OTHER = "other"  # any other comparison


@dataclass(frozen=True)
class ReferenceLine:
    value: float
    label: str  # the legend's words for it


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, the first at the top; the focus area's bar and label stand out.

    ``names`` are the areas, ``labels`` the words beside each bar (the name, or '1. Kent'),
    ``value_labels`` the figure written at its end. With a ``reference`` line, a legend names
    the focus (``focus_label``) and the line. ``row_height`` (inches per bar) and ``headroom``
    (the value axis runs to the largest value times this) leave room for the words."""

    names: tuple[str, ...]
    labels: tuple[str, ...]
    values: tuple[float, ...]
    value_labels: tuple[str, ...]
    title: str
    subtitle: str
    value_title: str
    focus: str | None = None
    value_kind: Kind | None = None  # the value axis's figures shown as this kind (None: plain)
    reference: ReferenceLine | None = None
    focus_label: str = ""
    row_height: float = 0.2
    headroom: float = 1.1


def bar_pages(spec: BarChart, per_page: int) -> list[BarChart]:
    """A long bar chart as pages of ``per_page`` bars (all on one page for 0 or fewer bars than
    that), each titled with the bars it holds ('(51–100 of 150)') and drawn on one scale."""
    count = len(spec.values)
    if per_page <= 0 or count <= per_page:
        return [spec]
    largest = max(spec.values)
    pages = []
    for start in range(0, count, per_page):
        part = slice(start, min(start + per_page, count))
        values = spec.values[part]
        pages.append(replace(
            spec, names=spec.names[part], labels=spec.labels[part], values=values,
            value_labels=spec.value_labels[part],
            title=f"{spec.title} ({part.start + 1}–{part.stop} of {count})",
            headroom=spec.headroom * largest / max(values) if max(values) > 0 else spec.headroom))
    return pages


@dataclass(frozen=True)
class Line:
    label: str
    values: tuple[float, ...]
    value_labels: tuple[str, ...]  # the figure written over each point
    role: Role


@dataclass(frozen=True)
class LineChart:
    """Lines over steps (periods), each point labelled with its figure."""

    steps: tuple[str, ...]
    lines: tuple[Line, ...]
    title: str
    subtitle: str
    step_title: str
    value_title: str
    value_kind: Kind | None = None  # the value axis's figures shown as this kind (None: plain)
    best_at_top: bool = False  # a position: 1st drawn at the top


@dataclass(frozen=True)
class ScatterChart:
    """Areas as points, ``x`` against ``y``, both ranks with 1 the best: rank 1 is drawn at the
    right and at the top. Every point is labelled with its name; dashed reference lines cross at
    ``x_line`` and ``y_line``, and the four corners are named (top right, top left, bottom right,
    bottom left)."""

    names: tuple[str, ...]
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    x_line: float
    y_line: float
    corners: tuple[str, str, str, str]
    title: str
    subtitle: str
    x_title: str
    y_title: str
    focus: str | None = None


@dataclass(frozen=True)
class Segment:
    """One part of every stacked bar: its legend words, a count per bar, and what it means (a
    key of :mod:`benchmark.render.meanings`: 'q1' to 'q4' for quartiles, a direction's word)."""

    label: str
    counts: tuple[int, ...]
    meaning: str


@dataclass(frozen=True)
class StackedBarChart:
    """Tallies as horizontal stacked bars, the first category at the top, each part with its
    count written on it and named in a legend: colour is never the only sign."""

    categories: tuple[str, ...]
    segments: tuple[Segment, ...]
    title: str
    subtitle: str
    value_title: str


SegmentColumn = tuple[str, str, str]  # a tally's column, its legend words, its meaning


def stacked_bars(frame: pd.DataFrame, category: str, columns: tuple[SegmentColumn, ...], title: str,
                 subtitle: str, value_title: str, leave_out: tuple[str, ...] = ("Total",)) -> StackedBarChart:
    """A tally table's rows as stacked bars (a row such as 'Total' left out), a part per column."""
    rows = frame[~frame[category].isin(leave_out)]
    return StackedBarChart(
        categories=tuple(str(name) for name in rows[category]),
        segments=tuple(Segment(words, tuple(int(count) for count in rows[column]), meaning)
                       for column, words, meaning in columns if column in rows.columns),
        title=title, subtitle=subtitle, value_title=value_title)


ChartSpec = BarChart | LineChart | ScatterChart | StackedBarChart
