"""Charts for reports: funding per head, spend against performance, the league table.

matplotlib is imported inside these functions only, so it costs nothing unless a chart is asked
for. Figures are drawn on the non-interactive Agg canvas (no pyplot, no global state), keep their
text as text in SVG (searchable, editable), and are written atomically: a temporary file beside
the target, then renamed into place.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmark.analysis.funding import FundingGap, FundingGapOverTime
from benchmark.analysis.quadrants import Against, Quadrants, quadrant_names
from benchmark.core.errors import UsageError
from benchmark.render import meanings
from benchmark.render.meanings import css
from benchmark.views.money import money, position_words

if TYPE_CHECKING:
    import pandas as pd

CHART_SUFFIXES = (".png", ".svg")
DPI = 150
FOCUS_COLOUR = css(meanings.FOCUS_COLOUR)
OTHER_COLOUR = css(meanings.OTHER_COLOUR)
LINE_COLOUR = css(meanings.LINE_COLOUR)
TEXT_COLOUR = "#333333"
STYLE: Any = {
    "svg.fonttype": "none",  # text stays text: searchable and editable in the SVG
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
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise UsageError(f"--chart {path}: the folder {directory} does not exist; create it first")
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


def save_figure(figure: Any, path: Path) -> Path:
    """Write ``figure`` to ``path`` (.png or .svg) atomically; the previous file survives a failure."""
    from benchmark.core.output import write_binary_atomic

    check_chart_path(path)
    suffix = path.suffix.lower()
    metadata = {"Software": None} if suffix == ".png" else {"Date": None}
    write_binary_atomic(path, lambda stream: figure.savefig(stream, format=suffix[1:], dpi=DPI,
                                                            metadata=metadata), option="--chart")
    return path


def _pounds_axis(axis: Any) -> None:
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda value, _: money(value)))


def _titles(axes: Any, title: str, subtitle: str, width: int = 105) -> None:
    """A bold title, and under it a smaller line (or two) saying what the chart shows."""
    import textwrap

    lines = textwrap.wrap(subtitle, width) or [""]
    axes.text(0, 1.015, "\n".join(lines), transform=axes.transAxes, ha="left", va="bottom",
              fontsize=8, color="#555555", linespacing=1.3)
    axes.set_title(title, loc="left", pad=10 + 12 * len(lines))


# Funding per head ------------------------------------------------------------------------------

def funding_chart(gap: FundingGap, path: Path) -> Path:
    """Horizontal bars of per-head funding, highest first: the focus highlighted, the group
    mean marked with a dashed line."""
    with _style():
        return save_figure(funding_figure(gap), path)


def funding_figure(gap: FundingGap) -> Any:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    table = gap.table
    count = len(table)
    size = 9 if count <= 40 else 7.5
    figure, axes = _figure(8.0, max(3.5, 1.4 + 0.2 * count))
    positions = list(range(count))
    colours = [FOCUS_COLOUR if area == gap.focus else OTHER_COLOUR for area in table["area"]]
    bars = axes.barh(positions, table["per_head"], color=colours, height=0.72)
    values = axes.bar_label(bars, labels=[money(value) for value in table["per_head"]], padding=2,
                            fontsize=size - 1.5, color=TEXT_COLOUR, zorder=4)
    for value in values:  # the mean line passes behind the figures, not through them
        value.set_bbox({"facecolor": "white", "edgecolor": "none", "pad": 0.6})
    axes.set_yticks(positions, labels=list(table["area"]), fontsize=size)
    for label in axes.get_yticklabels():
        if label.get_text() == gap.focus:
            label.set_fontweight("bold")
            label.set_color(FOCUS_COLOUR)
    axes.set_ylim(count - 0.5, -0.5)
    mean = float(gap.benchmarks["per_head"].iloc[0])
    axes.axvline(mean, color=LINE_COLOUR, linestyle="--", linewidth=1.2, zorder=2)
    axes.set_xlim(0, float(table["per_head"].max()) * 1.12)
    _pounds_axis(axes.xaxis)
    axes.grid(axis="x", color="#e5e5e5", linewidth=0.6)
    axes.set_axisbelow(True)
    axes.set_xlabel("Funding per head (£)")
    when = f" {gap.period}" if gap.period else ""
    _titles(axes, f"Funding per head{when}: {gap.focus} is {position_words(gap)}",
            f"{gap.measure} · {gap.group} · {gap.focus} population {gap.population:,.0f}")
    height = figure.get_figheight()
    figure.legend(handles=[Patch(color=FOCUS_COLOUR, label=f"{gap.focus} ({money(gap.focus_per_head)})"),
                           Line2D([], [], color=LINE_COLOUR, linestyle="--",
                                  label=f"Group mean ({money(mean)})")],
                  loc="lower center", ncol=2, frameon=False, fontsize=8.5)
    figure.tight_layout(rect=(0, 0.35 / height, 1, 1))  # room for the legend under the axis
    return figure


def funding_over_time_chart(gaps: FundingGapOverTime, path: Path) -> Path:
    """Lines of per-head funding by period: the focus, the group mean and the group maximum."""
    with _style():
        figure, axes = _figure(8.0, 4.5)
        periods = [gap.period for gap in gaps.gaps]
        steps = list(range(len(periods)))
        focus = gaps.gaps[0].focus
        series = [
            (f"{focus}", [gap.focus_per_head for gap in gaps.gaps], FOCUS_COLOUR, "-", "o"),
            ("Group mean", [float(gap.benchmarks["per_head"].iloc[0]) for gap in gaps.gaps],
             LINE_COLOUR, "--", "s"),
            ("Group maximum", [float(gap.benchmarks["per_head"].iloc[3]) for gap in gaps.gaps],
             OTHER_COLOUR, ":", "^"),
        ]
        for label, values, colour, style, marker in series:
            axes.plot(steps, values, color=colour, linestyle=style, marker=marker, label=label,
                      linewidth=2 if label == focus else 1.4)
            for step, value in zip(steps, values, strict=True):
                axes.annotate(money(value), (step, value), textcoords="offset points", xytext=(0, 6),
                              ha="center", fontsize=7.5, color=colour)
        axes.set_xticks(steps, labels=periods)
        axes.set_xlim(-0.4, len(steps) - 0.6)
        _pounds_axis(axes.yaxis)
        axes.set_ylabel("Funding per head (£)")
        axes.set_xlabel("Period")
        axes.grid(axis="y", color="#e5e5e5", linewidth=0.6)
        _titles(axes, f"Funding per head over time: {focus} and the group", gaps.gaps[0].group)
        axes.legend(loc="best", fontsize=8)
        figure.tight_layout()
        return save_figure(figure, path)


# Spend against performance ---------------------------------------------------------------------

def quadrant_chart(result: Quadrants, path: Path, focus: str | None = None) -> Path:
    """Scatter of average rank against comparator rank, oriented so that top-right is high
    performance and low spend (or high deprivation); every point labelled."""
    with _style():
        figure, _ = quadrant_figure(result, focus)
        return save_figure(figure, path)


def quadrant_figure(result: Quadrants, focus: str | None = None) -> tuple[Any, list[Any]]:
    """The figure and the display-space boxes of its area labels (for overlap checks)."""
    with _style():
        return _quadrant_figure(result, focus)


def _quadrant_figure(result: Quadrants, focus: str | None) -> tuple[Any, list[Any]]:
    table = result.table
    figure, axes = _figure(8.5, 7.0)
    x = table["comparator_rank"].astype("float64")
    y = table["average_rank"].astype("float64")
    is_focus = table["area"] == focus
    axes.scatter(x[~is_focus], y[~is_focus], s=28, color=OTHER_COLOUR, edgecolor="white",
                 linewidth=0.6, zorder=3)
    if is_focus.any():
        axes.scatter(x[is_focus], y[is_focus], s=70, color=FOCUS_COLOUR, edgecolor="white",
                     linewidth=0.8, zorder=4)
    axes.axvline(result.comparator_line, color=LINE_COLOUR, linestyle="--", linewidth=1, zorder=2)
    axes.axhline(result.performance_line, color=LINE_COLOUR, linestyle="--", linewidth=1, zorder=2)
    pad_x = max(0.8, (x.max() - x.min()) * 0.06)
    pad_y = max(0.5, (y.max() - y.min()) * 0.10)
    # Rank 1 is best on both axes: put it at the top and at the right.
    axes.set_xlim(x.max() + pad_x, x.min() - pad_x)
    axes.set_xticks(_rank_ticks(int(x.max())))
    axes.set_ylim(y.max() + pad_y, y.min() - pad_y)
    spend = result.against is Against.SPEND
    axes.set_xlabel(f"{'Spend per head' if spend else 'Deprivation'}: rank among "
                    f"{result.with_comparator} (1 = {'lowest spend' if spend else 'most deprived'}, "
                    "at the right)")
    axes.set_ylabel(f"Average rank on {result.theme or 'all themes'} (1 = best, at the top)")
    what = "spend per head" if spend else "deprivation"
    _titles(axes, f"Performance against {what}: {result.theme or 'overall'}",
            f"{result.group} · {result.period} · reference lines at the group {result.split.value} "
            f"(average rank {result.performance_line:.2f}, {what} rank {result.comparator_line:.2f})")
    corners = _corner_labels(axes, result.against)
    figure.tight_layout()
    renderer = figure.canvas.get_renderer()
    boxes = _place_labels(axes, renderer, list(x), list(y), list(table["area"]), focus,
                          obstacles=[corner.get_window_extent(renderer) for corner in corners])
    return figure, boxes


def _rank_ticks(largest: int) -> list[int]:
    """1, 5, 10, ... up to the largest rank: ranks start at 1, never 0."""
    step = 5 if largest <= 60 else 10
    return [1, *range(step, largest + 1, step)]


def _corner_labels(axes: Any, against: Against) -> list[Any]:
    top_right, top_left, bottom_right, bottom_left = (name[0].upper() + name[1:]
                                                      for name in quadrant_names(against))
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


# League table ----------------------------------------------------------------------------------

def league_chart(table: pd.DataFrame, path: Path, focus: str | None = None, subtitle: str = "") -> Path:
    """Horizontal bars of average rank, 1st at the top; the focus highlighted."""
    with _style():
        ranked = table[table["average_rank"].notna()]
        count = len(ranked)
        size = 9 if count <= 40 else 7.5
        figure, axes = _figure(8.0, max(3.5, 1.4 + 0.22 * count))
        steps = list(range(count))
        colours = [FOCUS_COLOUR if area == focus else OTHER_COLOUR for area in ranked["area"]]
        bars = axes.barh(steps, ranked["average_rank"], color=colours, height=0.72)
        axes.bar_label(bars, labels=[f"{value:.2f}" for value in ranked["average_rank"]], padding=2,
                       fontsize=size - 1.5)
        labels = [f"{int(position)}. {area}" for position, area in zip(ranked["position"], ranked["area"],
                                                                       strict=True)]
        axes.set_yticks(steps, labels=labels, fontsize=size)
        for label, area in zip(axes.get_yticklabels(), ranked["area"], strict=True):
            if area == focus:
                label.set_fontweight("bold")
                label.set_color(FOCUS_COLOUR)
        axes.set_ylim(count - 0.5, -0.5)
        axes.set_xlim(0, float(ranked["average_rank"].max()) * 1.1)
        axes.grid(axis="x", color="#e5e5e5", linewidth=0.6)
        axes.set_axisbelow(True)
        axes.set_xlabel("Average rank (lower is better)")
        _titles(axes, f"League table of {count} areas by average rank", subtitle)
        figure.tight_layout()
        return save_figure(figure, path)

