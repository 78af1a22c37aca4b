"""A section's chart plan drawn as inline SVG: the plan names its table and columns, the figures
come from that table, and the matplotlib code of :mod:`benchmark.render.charts` draws them. Long
bar charts are split into pages of :data:`PER_PAGE` bars, each on the same scale, so that none is
cut across a printed page."""

from __future__ import annotations

import re
from html import escape

from benchmark.render.chart_specs import (
    BarChart,
    ChartSpec,
    ScatterChart,
    StackedBarChart,
    bar_pages,
    stacked_bars,
)
from benchmark.render.columns import display, is_missing
from benchmark.render.plan import BarChartPlan, ScatterPlan, Section, StackedBarPlan

PER_PAGE = 50
_PROLOGUE = re.compile(r"\A.*?(?=<svg)", re.DOTALL)  # the XML declaration and DOCTYPE
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
_NAMESPACES = re.compile(r'\s+xmlns(:\w+)?="[^"]*"')  # implied by HTML for an inline <svg>


def section_figures(section: Section, source: str) -> list[str]:
    """The section's chart as ``<figure>`` elements (none without a chart or figures)."""
    plan = section.chart
    if plan is None:
        return []
    subtitle = " · ".join(words for words in (plan.subtitle, source) if words)
    if isinstance(plan, BarChartPlan):
        specs: list[ChartSpec] = [*bar_specs(section, plan, subtitle)]
    elif isinstance(plan, StackedBarPlan):
        frame = section.tables[plan.table].frame
        specs = [stacked_bars(frame, plan.categories, plan.segments, plan.title, subtitle, plan.axis_title)]
    else:
        specs = [spec for spec in [scatter_spec(section, plan, subtitle)] if spec is not None]
    return [figure_html(spec) for spec in specs]


def bar_specs(section: Section, plan: BarChartPlan, subtitle: str) -> list[BarChart]:
    """The plan's bars, :data:`PER_PAGE` to a chart, every chart on the scale of the largest bar."""
    view = section.tables[plan.table]
    kind = view.kind(plan.values)
    rows = [(str(name), float(value)) for name, value in zip(view.frame[plan.categories],
                                                             view.frame[plan.values], strict=True)
            if not is_missing(value)]
    if not rows:
        return []
    names = tuple(name for name, _ in rows)
    values = tuple(value for _, value in rows)
    whole = BarChart(names=names, labels=names, values=values,
                     value_labels=tuple(display(value, kind) for value in values), title=plan.title,
                     subtitle=subtitle, value_title=plan.axis_title, focus=plan.focus, value_kind=kind,
                     headroom=1.15)
    return bar_pages(whole, PER_PAGE)


def scatter_spec(section: Section, plan: ScatterPlan, subtitle: str) -> ScatterChart | None:
    """The plan's points; the reference lines are the lines table's vertical and horizontal ones."""
    frame = section.tables[plan.table].frame
    placed = frame[frame[plan.x].notna() & frame[plan.y].notna()]
    if placed.empty or plan.lines_table is None:
        return None
    lines = section.tables[plan.lines_table].frame
    x_line = y_line = None
    for _, line in lines.groupby(lines.columns[0], sort=False):
        if line[plan.x].nunique() == 1:
            x_line = float(line[plan.x].iloc[0])
        elif line[plan.y].nunique() == 1:
            y_line = float(line[plan.y].iloc[0])
    if x_line is None or y_line is None:
        return None
    return ScatterChart(
        names=tuple(str(name) for name in placed["area"]),
        xs=tuple(float(value) for value in placed[plan.x]),
        ys=tuple(float(value) for value in placed[plan.y]),
        x_line=x_line, y_line=y_line, corners=plan.corners, title=plan.title, subtitle=subtitle,
        x_title=plan.x_title, y_title=plan.y_title, focus=plan.focus)


def figure_html(spec: ChartSpec) -> str:
    """A chart as a ``<figure>``: inline SVG named for screen readers, with a caption."""
    from benchmark.render.charts import svg_text

    svg = _NAMESPACES.sub("", _METADATA.sub("", _PROLOGUE.sub("", svg_text(spec)), count=1), count=2)
    words = f"{spec.title}. {spec.subtitle}".strip(" .")
    alternative = f"{words}. {_summary(spec)}"
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(alternative)}" ', 1)
    return (f'<figure class="chart">\n{svg.strip()}\n<figcaption>{escape(words)}</figcaption>\n'
            "</figure>")


def _summary(spec: ChartSpec) -> str:
    """The chart's figures in words, for a reader who cannot see it."""
    if isinstance(spec, BarChart):
        return "Bars: " + "; ".join(f"{name} {value}" for name, value in zip(spec.names, spec.value_labels,
                                                                            strict=True))
    if isinstance(spec, ScatterChart):
        return (f"Points ({spec.x_title}; {spec.y_title}): "
                + "; ".join(f"{name} {x:g}, {y:.2f}" for name, x, y in zip(spec.names, spec.xs, spec.ys,
                                                                           strict=True)))
    if isinstance(spec, StackedBarChart):
        return "; ".join(f"{category}: " + ", ".join(f"{segment.counts[number]} {segment.label}"
                                                    for segment in spec.segments)
                         for number, category in enumerate(spec.categories))
    return ""
