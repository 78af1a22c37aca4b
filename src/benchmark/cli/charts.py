"""What the commands with --chart share: refusing a bad chart path before any work, the source
line under a chart, and drawing it before any output, then saving it with a "Wrote chart" message."""

from __future__ import annotations

from collections.abc import Callable
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


def sourced(spec: ChartSpec, source: str | None) -> ChartSpec:
    """The chart with the source line under its subtitle."""
    from dataclasses import replace

    return replace(spec, subtitle=source_line(source, [spec.subtitle]))


def chart_drawn(spec: ChartSpec, chart: Path, per_page: int = 0) -> Callable[[], None]:
    """The chart (a long bar chart as pages of ``per_page`` bars) drawn now, before the command
    writes anything, so that one that cannot be drawn is refused first; what is returned saves
    it and says so."""
    from benchmark.render.chart_specs import BarChart, bar_pages
    from benchmark.render.charts import picture_pages

    saves = picture_pages([*bar_pages(spec, per_page)] if isinstance(spec, BarChart) else [spec], chart)

    def save() -> None:
        drawn = [save_page() for save_page in saves]
        say(f"Wrote chart to {drawn[0]}" if len(drawn) == 1 else
            f"Wrote {len(drawn)} charts of at most {per_page} bars: {', '.join(map(str, drawn))}")

    return save
