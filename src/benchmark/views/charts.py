"""Chart specs from analysis results: the funding gap as bars (and over time as lines), spend
against performance as points, the league table as bars. Every figure is put in words here;
:mod:`benchmark.render.charts` only draws."""

from __future__ import annotations

from typing import TYPE_CHECKING

from benchmark.analysis.funding import FundingGap, FundingGapOverTime
from benchmark.analysis.quadrants import AXIS_WORDS, Against, Quadrants, quadrant_names
from benchmark.analysis.trend import Direction
from benchmark.render.chart_specs import (
    BarChart,
    Line,
    LineChart,
    ReferenceLine,
    Role,
    ScatterChart,
    SegmentColumn,
    StackedBarChart,
    stacked_bars,
)
from benchmark.render.columns import LABELS, Kind
from benchmark.views.money import money, position_words

if TYPE_CHECKING:
    import pandas as pd


def funding_chart(gap: FundingGap) -> BarChart:
    """Funding per head by area, highest first: the focus highlighted, the group mean marked."""
    table = gap.table
    values = tuple(float(value) for value in table["per_head"])
    mean = float(gap.benchmarks["per_head"].iloc[0])
    when = f" {gap.period}" if gap.period else ""
    return BarChart(
        names=tuple(table["area"]), labels=tuple(table["area"]), values=values,
        value_labels=tuple(money(value) for value in values),
        title=f"Funding per head{when}: {gap.focus} is {position_words(gap)}",
        subtitle=funding_subtitle(gap),
        value_title="Funding per head (£)", focus=gap.focus, value_kind=Kind.MONEY,
        reference=ReferenceLine(mean, f"Group mean ({money(mean)})"),
        focus_label=f"{gap.focus} ({money(gap.focus_per_head)})", row_height=0.2, headroom=1.12,
    )


def funding_subtitle(gap: FundingGap) -> str:
    """What a funding chart shows: the measure, the group and the focus area's population."""
    measure = LABELS.get(gap.measure, gap.measure)  # a column of our own in words; a source's as named
    return f"{measure} · {gap.group} · {gap.focus} population {gap.population:,.0f}"


def funding_over_time_chart(gaps: FundingGapOverTime) -> LineChart:
    """Funding per head by period: the focus, the group mean and the group maximum."""
    focus = gaps.gaps[0].focus
    series = [
        (f"{focus}", [gap.focus_per_head for gap in gaps.gaps], Role.FOCUS),
        ("Group mean", [float(gap.benchmarks["per_head"].iloc[0]) for gap in gaps.gaps], Role.REFERENCE),
        ("Group maximum", [float(gap.benchmarks["per_head"].iloc[3]) for gap in gaps.gaps], Role.OTHER),
    ]
    return LineChart(
        steps=tuple(str(gap.period) for gap in gaps.gaps),
        lines=tuple(Line(label, tuple(values), tuple(money(value) for value in values), role)
                    for label, values, role in series),
        title=f"Funding per head over time: {focus} and the group", subtitle=gaps.gaps[0].group,
        step_title="Period", value_title="Funding per head (£)", value_kind=Kind.MONEY,
    )


def quadrant_chart(result: Quadrants, focus: str | None = None) -> ScatterChart:
    """Average rank against comparator rank, every area named; the four quadrants named in the
    corners (top right: high performance and low spend, or high deprivation)."""
    table = result.table
    spend = result.against is Against.SPEND
    what = AXIS_WORDS[result.against]
    # The chart shows the placed areas only: say how many when some are left out.
    placed = f", {len(table)} placed" if result.excluded else ""
    return ScatterChart(
        names=tuple(table["area"]),
        xs=tuple(float(value) for value in table["comparator_rank"]),
        ys=tuple(float(value) for value in table["average_rank"]),
        x_line=result.comparator_line, y_line=result.performance_line,
        corners=quadrant_corners(result.against),
        title=f"Performance against {what}: {result.theme or 'overall'}",
        subtitle=quadrant_subtitle(result, placed),
        x_title=(f"{result.comparator or ('Spend per head' if spend else 'Deprivation')}: rank among "
                 f"{result.with_comparator} "
                 f"(1 = {'lowest spend' if spend else 'most deprived'}, at the right)"),
        y_title=f"Average rank on {result.theme or 'all themes'} (1 = best, at the top)",
        focus=focus,
    )


def quadrant_corners(against: Against) -> tuple[str, str, str, str]:
    """The quadrants' names as the corners show them: top right, top left, bottom right, bottom left."""
    top_right, top_left, bottom_right, bottom_left = (name[0].upper() + name[1:]
                                                      for name in quadrant_names(against))
    return top_right, top_left, bottom_right, bottom_left


def quadrant_subtitle(result: Quadrants, placed: str = "") -> str:
    """What a quadrant chart shows: the group (``placed``: how many areas it places, when not
    all), the period and where the reference lines cross."""
    what = AXIS_WORDS[result.against]
    return (f"{result.group}{placed} · {result.period} · reference lines at the group "
            f"{result.split.value} (average rank {result.performance_line:.2f}, {what} rank "
            f"{result.comparator_line:.2f})")


def league_chart(table: pd.DataFrame, focus: str | None = None, subtitle: str = "",
                 theme: str | None = None) -> BarChart:
    """Average rank by area, 1st at the top; the focus highlighted; titled with the theme ranked."""
    ranked = table[table["average_rank"].notna()]
    values = tuple(float(value) for value in ranked["average_rank"])
    return BarChart(
        names=tuple(ranked["area"]),
        labels=tuple(f"{int(position)}. {area}" for position, area in zip(ranked["position"], ranked["area"],
                                                                          strict=True)),
        values=values, value_labels=tuple(f"{value:.2f}" for value in values),
        title=f"League table of {len(ranked)} areas by average rank" + (f": {theme}" if theme else ""),
        subtitle=subtitle,
        value_title="Average rank (lower is better)", focus=focus, row_height=0.22, headroom=1.1,
    )


# The tallies' columns as parts of a stacked bar: (column, legend words, meaning); a drawing adds
# a direction's arrow to its words.
QUARTILE_PARTS: tuple[SegmentColumn, ...] = (
    ("q1", "1st quartile", "q1"), ("q2", "2nd", "q2"), ("q3", "3rd", "q3"), ("q4", "4th quartile", "q4"),
    ("none", "no quartile", "none"))
DIRECTION_PARTS: tuple[SegmentColumn, ...] = tuple((word.value, word.value, word.value) for word in Direction)


def quartile_tally_chart(tally: pd.DataFrame, title: str, subtitle: str) -> StackedBarChart:
    """How many of each theme's indicators fall in each quartile (the 'Total' row left out)."""
    return stacked_bars(tally, "theme", QUARTILE_PARTS, title, subtitle, "Indicators")


def trend_tally_chart(tally: pd.DataFrame, title: str, subtitle: str) -> StackedBarChart:
    """How many of each theme's indicators improved, did not change or got worse."""
    return stacked_bars(tally, "theme", DIRECTION_PARTS, title, subtitle, "Indicators")
