"""Commands about money: funding-gap (funding per head) and quadrants (spend against performance)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from benchmark.cli import collector
from benchmark.cli import options as opt
from benchmark.cli.app import app
from benchmark.cli.charts import draw_chart, source_line
from benchmark.cli.console import boundary, say
from benchmark.cli.records import DataInputs, TableOutput, reads_data, refuse_output_over_inputs, shows_table
from benchmark.core.errors import UsageError
from benchmark.core.methods import Against, Split

if TYPE_CHECKING:
    from benchmark.core.model import Dataset
    from benchmark.render.chart_specs import ChartSpec

FundingSource = Annotated[
    str | None,
    typer.Argument(help="CSV/TSV with one row per area (area, per-head columns such as "
                   "csp_per_head_2018_19, population, group columns), or a workbook whose 'areas' "
                   "sheet has them; '-' reads standard input. Omit it to use the bundled sample's "
                   "areas sheet (funding_per_head, population).", show_default=False),
]
FocusArea = Annotated[str, typer.Option("--area", "-a", help="The authority whose funding is "
                                        "compared with every other area (required).",
                                        show_default=False)]


@app.command("funding-gap")
@boundary
@shows_table
def funding_gap_command(
    out: TableOutput,
    source: FundingSource = None,
    area: FocusArea = ...,  # type: ignore[assignment]
    measure: Annotated[str | None, typer.Option(
        "--measure", "-m", help="Per-head column to compare (default funding_per_head). With "
        "--over-time, the stem of one column per period (csp_per_head for csp_per_head_2017_18, "
        "csp_per_head_2018_19...).", show_default=False)] = None,
    population: Annotated[float | None, typer.Option(
        "--population", help="The focus area's population. Default: its 'population' column.",
        show_default=False)] = None,
    vs: Annotated[str | None, typer.Option(
        "--vs", help="Answer for one other area in a sentence, and print only its row.",
        show_default=False)] = None,
    group: opt.Group = None,
    period: Annotated[str | None, typer.Option(
        "--period", "-p", help="The period to compare, where the data has several. "
        "Default: the latest.", show_default=False)] = None,
    over_time: Annotated[bool, typer.Option(
        "--over-time", help="The gap in every period of the data, one row per period and area.")] = False,
    summary: Annotated[bool, typer.Option(
        "--summary", help="Print the gap at the group's mean, median, upper quartile and maximum "
        "per head instead of one row per area.")] = False,
    chart: opt.Chart = None,
    per_page: opt.PerPage = 50,
    verbose: opt.Verbose = False,
) -> None:
    """How much more (or less) an authority would receive if funded per head like each other area."""
    from benchmark.analysis.funding import funding_gap, funding_gap_over_time
    from benchmark.analysis.selection import select
    from benchmark.views.charts import funding_chart, funding_over_time_chart
    from benchmark.views.money import funding_view, over_time_view

    if over_time and period is not None:
        raise UsageError("--over-time shows every period; leave out --period, or drop --over-time")
    selection = select(_load_areas(source, verbose, chart, out.output), group=group)
    if over_time:
        gaps = funding_gap_over_time(selection, area, measure=measure, population=population)
        out.emit(over_time_view(gaps, vs=vs, summary=summary))
        spec: ChartSpec = funding_over_time_chart(gaps)
    else:
        gap = funding_gap(selection, area, measure=measure, population=population, period=period)
        out.emit(funding_view(gap, vs=vs, summary=summary))
        spec = funding_chart(gap)
    if chart is not None:
        draw_chart(replace(spec, subtitle=source_line(source, [spec.subtitle])), chart, per_page)


@app.command("quadrants")
@boundary
@reads_data(chooses=("period", "theme", "group"))
@shows_table
def quadrants_command(
    out: TableOutput,
    data: DataInputs,
    area: opt.Area = None,
    against: Annotated[Against, typer.Option(
        "--against", help="Set performance against net spend per head (spend_per_head) or "
        "deprivation (deprivation_rank, 1 = most deprived).", case_sensitive=False)] = Against.SPEND,
    split: Annotated[Split, typer.Option(
        "--split", help="Draw the reference lines through the group's mean or median of each axis.",
        case_sensitive=False)] = Split.MEAN,
    all_themes: Annotated[bool, typer.Option(
        "--all-themes", help="One row per theme (and overall) for the --area: its quadrant on each.")]
    = False,
    chart: opt.Chart = None,
) -> None:
    """Performance (average rank) against spend per head or deprivation, in four quadrants."""
    from benchmark.analysis.quadrants import quadrants, theme_quadrants
    from benchmark.render.charts import check_chart_path
    from benchmark.views.charts import quadrant_chart
    from benchmark.views.money import focus_quadrants_view, quadrants_view

    if all_themes and (not area or data.theme or chart):
        raise UsageError("--all-themes shows one area on every theme: give --area NAME, and leave out "
                         "--theme and --chart (a chart shows one theme)")
    if chart is not None:
        check_chart_path(chart)
    selection = data.selection(out.output)
    if all_themes:
        found = theme_quadrants(selection, str(area), against=against, split=split)
        return out.emit(focus_quadrants_view(found))
    result = quadrants(selection, against=against, split=split)
    focus = result.find(area) if area else None
    out.emit(quadrants_view(result, focus))
    if chart is not None:
        spec = quadrant_chart(result, focus)
        draw_chart(replace(spec, subtitle=source_line(data.source, [spec.subtitle])), chart)


def _load_areas(source: str | None, verbose: bool, chart: Path | None, output: Path | None) -> Dataset:
    """Check the chart path first, then read a source as area metadata (the sample's areas sheet
    when None), stopping on its errors; refuse an output that would overwrite it."""
    from benchmark.io import require_clean
    from benchmark.io.areas import read_areas
    from benchmark.io.sample import sample_path
    from benchmark.render.charts import check_chart_path

    if chart is not None:
        check_chart_path(chart)
    if source is None:
        source = str(sample_path())
        say("Using the bundled sample's areas sheet: 27 county councils, funding_per_head = Core "
            "Spending Power per head 2018/19.", style="dim")
    dataset = read_areas(source)
    collector.resume()  # the libraries are loaded and the data read
    if verbose:
        for note in dataset.notes:
            say(note, style="dim")
    require_clean(dataset)
    refuse_output_over_inputs(output, source)
    return dataset
