"""What the commands with --chart share: refusing a bad chart path before any work, the source
line under a chart, and drawing it with a "Wrote chart" message."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from benchmark.cli.console import say

if TYPE_CHECKING:
    from benchmark.render.chart_specs import ChartSpec


def check_chart(chart: Path | None) -> None:
    if chart is not None:
        from benchmark.render.charts import check_chart_path

        check_chart_path(chart)


def source_line(source: str | None, words: list[str]) -> str:
    """'latest period · all 27 areas · Source: county_sample.xlsx; benchmark 0.1.0'."""
    import benchmark
    from benchmark.io.sample import sample_path

    source = source or str(sample_path())
    name = "standard input" if source == "-" else Path(source).name
    return " · ".join([*words, f"Source: {name}; benchmark {benchmark.__version__}"])


def draw_chart(spec: ChartSpec, chart: Path, per_page: int = 0) -> None:
    """Draw the chart (a long bar chart as pages of ``per_page`` bars), with its source line."""
    from benchmark.render.chart_specs import BarChart, bar_pages
    from benchmark.render.charts import draw_pages

    drawn = draw_pages([*bar_pages(spec, per_page)] if isinstance(spec, BarChart) else [spec], chart)
    say(f"Wrote chart to {drawn[0]}" if len(drawn) == 1 else
        f"Wrote {len(drawn)} charts of at most {per_page} bars: {', '.join(map(str, drawn))}")
