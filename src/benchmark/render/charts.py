"""Charts drawn with matplotlib from format-free specs (:mod:`benchmark.render.chart_specs`):
bars, lines over periods, and ranked points with every one labelled.

matplotlib is imported inside these functions only, so it costs nothing unless a chart is asked
for. Figures are drawn on the non-interactive Agg canvas (no pyplot, no global state), keep their
text as text in SVG (searchable, editable), and are written atomically: a temporary file beside
the target, then renamed into place.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmark.core.errors import BenchmarkError, UsageError
from benchmark.render import meanings
from benchmark.render.chart_specs import BarChart, ChartSpec, LineChart, Role, ScatterChart, StackedBarChart
from benchmark.render.columns import Kind, display
from benchmark.render.meanings import css

CHART_SUFFIXES = (".png", ".svg")
DPI = 150
# Every point or bar is labelled: past this many the labels cannot be read, a bar chart's canvas
# grows past any memory and placing the labels takes minutes (10,000 areas did both).
MOST_AREAS = 500
FOCUS_COLOUR = css(meanings.FOCUS_COLOUR)
OTHER_COLOUR = css(meanings.OTHER_COLOUR)
LINE_COLOUR = css(meanings.LINE_COLOUR)
TEXT_COLOUR = "#333333"
STYLE: Any = {
    "svg.fonttype": "none",  # text stays text: searchable and editable in the SVG
    "text.parse_math": False,  # a name is text: '$...$' in it is not mathtext (which crashed)
    "svg.hashsalt": "benchmark",  # stable ids, so a chart redrawn from the same data is identical
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.labelsize": 9,
    "axes.edgecolor": "#666666",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "text.color": TEXT_COLOUR,
    "axes.labelcolor": TEXT_COLOUR,
    "xtick.color": TEXT_COLOUR,
    "ytick.color": TEXT_COLOUR,
}


def check_chart_path(path: Path) -> Path:
    """Refuse a chart path we cannot write, before any work is done."""
    if path.suffix.lower() not in CHART_SUFFIXES:
        raise UsageError(f"--chart {path}: charts are written as .png or .svg; "
                         "end the file name with one of those")
    from benchmark.core.output import check_output_folder, writable_target

    check_output_folder(writable_target(path, "--chart"), "--chart")
    return path


def check_chart_folder(path: Path) -> Path:
    """Refuse a folder for several charts that does not exist, before any work is done."""
    if not path.is_dir():
        raise UsageError(f"--chart {path}: with --all-themes, --chart names a folder to draw one chart "
                         "per theme into; create it first")
    return path


@contextmanager
def _style() -> Iterator[None]:
    import matplotlib

    with matplotlib.rc_context(STYLE):
        yield


def _figure(width: float, height: float) -> tuple[Any, Any]:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=DPI)
    FigureCanvasAgg(figure)
    return figure, figure.add_subplot()


def _figure_bytes(figure: Any, suffix: str) -> bytes:
    """``figure`` as the bytes of a .png or .svg file."""
    metadata = {"Software": None} if suffix == ".png" else {"Date": None}
    buffer = io.BytesIO()
    figure.savefig(buffer, format=suffix[1:], dpi=DPI, metadata=metadata)
    return buffer.getvalue()


def _write_picture(data: bytes, path: Path) -> Path:
    """Write a drawn chart to ``path`` atomically; the previous file survives a failure."""
    from benchmark.core.output import write_binary_atomic

    check_chart_path(path)
    write_binary_atomic(path, lambda stream: stream.write(data), option="--chart")
    return path


def _value_axis(axis: Any, kind: Kind | None) -> None:
    """The axis's figures shown as ``kind`` shows them (£1,160 for money); left as they are for None."""
    from matplotlib.ticker import FuncFormatter

    if kind is not None:
        axis.set_major_formatter(FuncFormatter(lambda value, _: display(value, kind)))


def _titles(axes: Any, title: str, subtitle: str, width: int = 90) -> None:
    """A bold title, and under it a smaller line (or two) saying what the chart shows, both
    wrapped to stay within the axes' width (a long area name can leave it little more than 5")."""
    import textwrap

    lines = textwrap.wrap(subtitle, width) or [""]
    axes.text(0, 1.015, "\n".join(lines), transform=axes.transAxes, ha="left", va="bottom",
              fontsize=8, color="#555555", linespacing=1.3)
    axes.set_title("\n".join(textwrap.wrap(title, width * 2 // 3)), loc="left", pad=10 + 12 * len(lines))


def draw(spec: ChartSpec, path: Path) -> Path:
    """Draw a chart spec to ``path`` (.png or .svg), atomically."""
    return picture(spec, path)()


def picture(spec: ChartSpec, path: Path) -> Callable[[], Path]:
    """Draw a chart spec in memory, as ``path``'s suffix says, and return what writes it there:
    a chart that cannot be drawn is refused before any other output of the command is written."""
    check_chart_path(path)
    _refuse_too_many(_labelled(spec), path)
    try:
        with _style():
            figure = _any_figure(spec)
            data = _figure_bytes(figure, path.suffix.lower())
    except MemoryError:
        raise BenchmarkError(f"--chart {path}: ran out of memory drawing the chart; "
                             "choose fewer areas with --group, or leave out --chart") from None
    return lambda: _write_picture(data, path)


def picture_pages(specs: list[ChartSpec], path: Path) -> list[Callable[[], Path]]:
    """:func:`picture` of one spec for ``path``, or of several (a long chart's pages) for
    NAME-1.svg, NAME-2.svg...: all drawn now, each saved when called."""
    _refuse_too_many(sum(_labelled(spec) for spec in specs), path)  # before drawing any page
    if len(specs) == 1:
        return [picture(specs[0], path)]
    return [picture(spec, path.with_name(f"{path.stem}-{number}{path.suffix}"))
            for number, spec in enumerate(specs, start=1)]


def _labelled(spec: ChartSpec) -> int:
    """How many labelled things (areas, lines, categories) a chart shows."""
    if isinstance(spec, LineChart):
        return len(spec.lines)
    return len(spec.categories) if isinstance(spec, StackedBarChart) else len(spec.names)


def _refuse_too_many(count: int, path: Path) -> None:
    if count > MOST_AREAS:
        raise UsageError(f"--chart {path}: {count:,} areas are too many to draw with every one "
                         f"labelled (at most {MOST_AREAS}); choose fewer with --group, or leave "
                         "out --chart")


def svg_text(spec: ChartSpec) -> str:
    """A chart spec drawn as SVG text, to place inline in a page."""
    import io

    with _style():
        stream = io.BytesIO()
        _any_figure(spec).savefig(stream, format="svg", metadata={"Date": None})
    return stream.getvalue().decode("utf-8")


def _any_figure(spec: ChartSpec) -> Any:
    if isinstance(spec, BarChart):
        return bar_figure(spec)
    if isinstance(spec, LineChart):
        return line_figure(spec)
    if isinstance(spec, StackedBarChart):
        return stacked_figure(spec)
    return _scatter_figure(spec)[0]


# Bars ------------------------------------------------------------------------------------------

def bar_figure(spec: BarChart) -> Any:
    """Horizontal bars, first at the top, each with its figure: the focus in its colour, and a
    reference line (with a legend naming it and the focus) passing behind the figures."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    count = len(spec.values)
    size = 9 if count <= 40 else 7.5
    figure, axes = _figure(8.0, max(3.5, 1.4 + spec.row_height * count))
    positions = list(range(count))
    colours = [FOCUS_COLOUR if name == spec.focus else OTHER_COLOUR for name in spec.names]
    bars = axes.barh(positions, list(spec.values), color=colours, height=0.72)
    # A reference line passes behind the figures, not through them.
    over_line = {"color": TEXT_COLOUR, "zorder": 4} if spec.reference is not None else {}
    values = axes.bar_label(bars, labels=list(spec.value_labels), padding=2, fontsize=size - 1.5,
                            **over_line)
    if spec.reference is not None:
        for value in values:
            value.set_bbox({"facecolor": "white", "edgecolor": "none", "pad": 0.6})
    axes.set_yticks(positions, labels=list(spec.labels), fontsize=size)
    for label, name in zip(axes.get_yticklabels(), spec.names, strict=True):
        if name == spec.focus:
            label.set_fontweight("bold")
            label.set_color(FOCUS_COLOUR)
    axes.set_ylim(count - 0.5, -0.5)
    if spec.reference is not None:
        axes.axvline(spec.reference.value, color=LINE_COLOUR, linestyle="--", linewidth=1.2, zorder=2)
    axes.set_xlim(0, max(spec.values) * spec.headroom)
    _value_axis(axes.xaxis, spec.value_kind)
    axes.grid(axis="x", color="#e5e5e5", linewidth=0.6)
    axes.set_axisbelow(True)
    axes.set_xlabel(spec.value_title)
    _titles(axes, spec.title, spec.subtitle)
    if spec.reference is None:
        figure.tight_layout()
        return figure
    height = figure.get_figheight()
    figure.legend(handles=[Patch(color=FOCUS_COLOUR, label=spec.focus_label),
                           Line2D([], [], color=LINE_COLOUR, linestyle="--", label=spec.reference.label)],
                  loc="lower center", ncol=2, frameon=False, fontsize=8.5)
    figure.tight_layout(rect=(0, 0.35 / height, 1, 1))  # room for the legend under the axis
    return figure


def stacked_figure(spec: StackedBarChart) -> Any:
    """A stacked bar per category, first at the top, each part's count written on it and every
    part named in the legend under the axis."""
    count = len(spec.categories)
    figure, axes = _figure(8.0, max(3.0, 2.0 + 0.42 * count))
    positions = list(range(count))
    starts = [0] * count
    for segment in spec.segments:
        direction = meanings.DIRECTIONS.get(segment.meaning)
        words = f"{direction.arrow} {segment.label}" if direction else segment.label
        bars = axes.barh(positions, list(segment.counts), left=starts, height=0.65, label=words,
                         color=css(meanings.part_colour(segment.meaning)), edgecolor="white")
        axes.bar_label(bars, labels=[str(number) if number else "" for number in segment.counts],
                       label_type="center", color="white", fontsize=8.5, fontweight="bold")
        starts = [start + number for start, number in zip(starts, segment.counts, strict=True)]
    axes.set_yticks(positions, labels=list(spec.categories))
    axes.set_ylim(count - 0.5, -0.5)
    axes.set_xlim(0, max([*starts, 1]) * 1.02)
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.set_xlabel(spec.value_title)
    _titles(axes, spec.title, spec.subtitle)
    height = figure.get_figheight()
    figure.legend(loc="lower center", ncol=len(spec.segments), frameon=False, fontsize=8.5)
    figure.tight_layout(rect=(0, 0.35 / height, 1, 1))
    return figure


# Lines -----------------------------------------------------------------------------------------

# Colour, line style, marker and width of a line by what it stands for.
_STROKES = {Role.FOCUS: (FOCUS_COLOUR, "-", "o", 2.0), Role.REFERENCE: (LINE_COLOUR, "--", "s", 1.4),
            Role.OTHER: (OTHER_COLOUR, ":", "^", 1.4)}


def line_figure(spec: LineChart) -> Any:
    """A line per series over the steps, each point labelled with its figure."""
    figure, axes = _figure(8.0, 4.5)
    steps = list(range(len(spec.steps)))
    for line in spec.lines:
        colour, style, marker, width = _STROKES[line.role]
        axes.plot(steps, list(line.values), color=colour, linestyle=style, marker=marker, label=line.label,
                  linewidth=width)
        for step, value, words in zip(steps, line.values, line.value_labels, strict=True):
            axes.annotate(words, (step, value), textcoords="offset points", xytext=(0, 6),
                          ha="center", fontsize=7.5, color=colour)
    axes.set_xticks(steps, labels=list(spec.steps))
    axes.set_xlim(-0.4, len(steps) - 0.6)
    if spec.best_at_top:
        axes.invert_yaxis()
    _value_axis(axes.yaxis, spec.value_kind)
    axes.set_ylabel(spec.value_title)
    axes.set_xlabel(spec.step_title)
    axes.grid(axis="y", color="#e5e5e5", linewidth=0.6)
    _titles(axes, spec.title, spec.subtitle)
    axes.legend(loc="best", fontsize=8)
    figure.tight_layout()
    return figure


# Ranked points ---------------------------------------------------------------------------------

def scatter_figure(spec: ScatterChart) -> tuple[Any, list[Any]]:
    """The figure and the display-space boxes of its point labels (for overlap checks)."""
    with _style():
        return _scatter_figure(spec)


def _scatter_figure(spec: ScatterChart) -> tuple[Any, list[Any]]:
    import pandas as pd

    figure, axes = _figure(8.5, 7.0)
    x = pd.Series(spec.xs, dtype="float64")
    y = pd.Series(spec.ys, dtype="float64")
    is_focus = pd.Series(spec.names, dtype=object) == spec.focus
    axes.scatter(x[~is_focus], y[~is_focus], s=28, color=OTHER_COLOUR, edgecolor="white",
                 linewidth=0.6, zorder=3)
    if is_focus.any():
        axes.scatter(x[is_focus], y[is_focus], s=70, color=FOCUS_COLOUR, edgecolor="white",
                     linewidth=0.8, zorder=4)
    axes.axvline(spec.x_line, color=LINE_COLOUR, linestyle="--", linewidth=1, zorder=2)
    axes.axhline(spec.y_line, color=LINE_COLOUR, linestyle="--", linewidth=1, zorder=2)
    pad_x = max(0.8, (x.max() - x.min()) * 0.06)
    pad_y = max(0.5, (y.max() - y.min()) * 0.10)
    # Rank 1 is best on both axes: put it at the top and at the right.
    axes.set_xlim(x.max() + pad_x, x.min() - pad_x)
    axes.set_xticks(_rank_ticks(int(x.max())))
    axes.set_ylim(y.max() + pad_y, y.min() - pad_y)
    axes.set_xlabel(spec.x_title)
    axes.set_ylabel(spec.y_title)
    _titles(axes, spec.title, spec.subtitle)
    corners = _corner_labels(axes, spec.corners)
    figure.tight_layout()
    renderer = figure.canvas.get_renderer()
    boxes = _place_labels(axes, renderer, list(x), list(y), list(spec.names), spec.focus,
                          obstacles=[corner.get_window_extent(renderer) for corner in corners])
    return figure, boxes


def _rank_ticks(largest: int) -> list[int]:
    """1, 5, 10, ... up to the largest rank: ranks start at 1, never 0."""
    step = 5 if largest <= 60 else 10
    return [1, *range(step, largest + 1, step)]


def _corner_labels(axes: Any, corners: tuple[str, str, str, str]) -> list[Any]:
    top_right, top_left, bottom_right, bottom_left = corners
    style = {"transform": axes.transAxes, "fontsize": 8.5, "color": LINE_COLOUR, "style": "italic",
             "alpha": 0.85}
    return [axes.text(0.99, 0.99, top_right.replace(", ", ",\n"), ha="right", va="top", **style),
            axes.text(0.01, 0.99, top_left.replace(", ", ",\n"), ha="left", va="top", **style),
            axes.text(0.99, 0.01, bottom_right.replace(", ", ",\n"), ha="right", va="bottom", **style),
            axes.text(0.01, 0.01, bottom_left.replace(", ", ",\n"), ha="left", va="bottom", **style)]


# Offsets in points, tried in turn: beside the point first, then above and below, then further out.
_CANDIDATES = [((6, 0), "left", "center"), ((-6, 0), "right", "center"), ((0, 6), "center", "bottom"),
               ((0, -6), "center", "top"), ((5, 5), "left", "bottom"), ((-5, 5), "right", "bottom"),
               ((5, -5), "left", "top"), ((-5, -5), "right", "top")]
_FAR = [((dx * 3, dy * 3), ha, va) for (dx, dy), ha, va in _CANDIDATES]


def _place_labels(axes: Any, renderer: Any, xs: list[float], ys: list[float], names: list[str],
                  focus: str | None, obstacles: list[Any]) -> list[Any]:
    """Label every point where its label overlaps no other label, point or corner text; when no
    place is free, take the least crowded one (a leader line joins a label set further out)."""
    from matplotlib.transforms import Bbox

    points = axes.transData.transform(list(zip(xs, ys, strict=True)))
    radius = 5.0 * DPI / 72
    point_boxes = [Bbox.from_extents(px - radius, py - radius, px + radius, py + radius)
                   for px, py in points]
    frame = axes.get_window_extent(renderer)
    placed: list[Any] = []
    # The focus first, then the most crowded points, which have the fewest free places.
    crowding = [sum(abs(px - qx) < 60 and abs(py - qy) < 30 for qx, qy in points) for px, py in points]
    order = sorted(range(len(names)), key=lambda i: (names[i] != focus, -crowding[i], i))
    boxes: list[Any] = [None] * len(names)
    for index in order:
        others = [box for i, box in enumerate(point_boxes) if i != index]
        best: tuple[float, Any, Any] | None = None
        for far, candidates in ((False, _CANDIDATES), (True, _FAR)):
            for offset, ha, va in candidates:
                text = axes.annotate(
                    names[index], (xs[index], ys[index]), xytext=offset, textcoords="offset points",
                    ha=ha, va=va, fontsize=8 if names[index] == focus else 7.5, zorder=5,
                    fontweight="bold" if names[index] == focus else "normal",
                    color=FOCUS_COLOUR if names[index] == focus else TEXT_COLOUR,
                    arrowprops={"arrowstyle": "-", "color": "#999999", "lw": 0.5, "shrinkA": 0,
                                "shrinkB": 3} if far else None,
                    bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none",
                          "alpha": 0.8})
                box = text.get_window_extent(renderer)
                cost = sum(_overlap(box, other) for other in [*placed, *others, *obstacles])
                cost += box.width * box.height * (not frame.contains(box.x0, box.y0)
                                                  or not frame.contains(box.x1, box.y1))
                if best is None or cost < best[0]:
                    if best is not None:
                        best[1].remove()
                    best = (cost, text, box)
                else:
                    text.remove()
                if cost == 0:
                    break
            if best is not None and best[0] == 0:
                break
        assert best is not None
        placed.append(best[2])
        boxes[index] = best[2]
    return boxes


def _overlap(first: Any, second: Any) -> float:
    width = min(first.x1, second.x1) - max(first.x0, second.x0)
    height = min(first.y1, second.y1) - max(first.y0, second.y0)
    return width * height if width > 0 and height > 0 else 0.0
