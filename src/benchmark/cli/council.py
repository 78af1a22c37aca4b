"""Commands for the council's own view: quartiles, trend, dashboard."""

from __future__ import annotations

from typing import Annotated

import typer

from benchmark.cli import options as opt
from benchmark.cli.app import app, load_dataset, refuse_output_over_inputs
from benchmark.cli.console import boundary, emit
from benchmark.core.errors import UsageError
from benchmark.core.methods import DEFAULT_TOLERANCE, QuartileMethod
from benchmark.render.formats import OutputFormat

Summary = Annotated[bool, typer.Option("--summary", help="Tallies by theme with a total row "
                                       "(per area without --area).")]


@app.command("quartiles")
@boundary
def quartiles_command(
    source: opt.Source = None,
    indicators: opt.Indicators = None,
    areas: opt.Areas = None,
    area: opt.Area = None,
    group: opt.Group = None,
    theme: opt.Theme = None,
    period: opt.Period = None,
    method: opt.Method = QuartileMethod.RANK,
    thresholds: Annotated[bool, typer.Option("--thresholds", help="Add the boundary values p25, "
                                             "median and p75, in the indicator's units.")] = False,
    summary: Summary = False,
    bottom: Annotated[bool, typer.Option("--bottom", help="List the 4th-quartile indicators by "
                                         "theme (needs --area).")] = False,
    top: Annotated[bool, typer.Option("--top", help="List the 1st-quartile indicators by theme "
                                      "(needs --area).")] = False,
    output_format: opt.Format = OutputFormat.AUTO,
    output: opt.Output = None,
    lenient: opt.Lenient = False,
    encoding: opt.Encoding = None,
    max_cells: opt.MaxCells = None,
    profile: opt.Profile = "auto",
    verbose: opt.Verbose = False,
    debug: opt.Debug = False,
) -> None:
    """Each indicator's quartile among the comparators, tallies, and the bottom or top list."""
    from benchmark.analysis.quartiles import quartile_rows, quartiles
    from benchmark.analysis.selection import find_area, select
    from benchmark.views.council import quartiles_view

    if (bottom or top) and area is None:
        raise UsageError("--bottom and --top list one council's indicators; add --area NAME")
    dataset = load_dataset(source, indicators, areas, lenient, verbose,
                           encoding=encoding, max_cells=max_cells, profile=profile)
    refuse_output_over_inputs(output, source, indicators, areas)
    selection = select(dataset, group=group, theme=theme, period=period)
    focus = find_area(area, selection.areas) if area else None
    result = quartiles(selection, method)
    extreme = 4 if bottom else 1 if top else None
    frame = quartile_rows(result, focus, summary=summary, thresholds=thresholds, extreme=extreme)
    view = quartiles_view(frame, result, selection, focus, summary=summary, extreme=extreme)
    emit(view, output_format, output)


@app.command("trend")
@boundary
def trend_command(
    area: opt.FocusArea,
    source: opt.Source = None,
    indicators: opt.Indicators = None,
    areas: opt.Areas = None,
    theme: opt.Theme = None,
    from_period: Annotated[str | None, typer.Option("--from", help="Previous period to compare "
                                                    "from. Default: the one before the latest.",
                                                    show_default=False)] = None,
    to_period: Annotated[str | None, typer.Option("--to", help="Current period. Default: the "
                                                  "area's latest with a value.",
                                                  show_default=False)] = None,
    tolerance: opt.Tolerance = DEFAULT_TOLERANCE,
    summary: Summary = False,
    output_format: opt.Format = OutputFormat.AUTO,
    output: opt.Output = None,
    lenient: opt.Lenient = False,
    encoding: opt.Encoding = None,
    max_cells: opt.MaxCells = None,
    profile: opt.Profile = "auto",
    verbose: opt.Verbose = False,
    debug: opt.Debug = False,
) -> None:
    """Direction of travel: each indicator's latest value against the one before it."""
    from benchmark.analysis.selection import find_area
    from benchmark.analysis.trend import tally, trend
    from benchmark.core.distinct import distinct
    from benchmark.views.council import trend_view

    dataset = load_dataset(source, indicators, areas, lenient, verbose,
                           encoding=encoding, max_cells=max_cells, profile=profile)
    refuse_output_over_inputs(output, source, indicators, areas)
    focus = find_area(area, distinct(dataset.observations["area"]))
    table = trend(dataset, focus, theme=theme, from_period=from_period, to_period=to_period,
                  tolerance=tolerance)
    themes = list(dict.fromkeys(dataset.indicators["theme"].fillna("(no theme)")))
    frame = tally(table, themes) if summary else table
    title = "Direction of travel by theme" if summary else "Direction of travel"
    emit(trend_view(frame, focus, tolerance, title), output_format, output)


@app.command("dashboard")
@boundary
def dashboard_command(
    area: opt.FocusArea,
    source: opt.Source = None,
    indicators: opt.Indicators = None,
    areas: opt.Areas = None,
    targets: opt.Targets = None,
    theme: opt.Theme = None,
    group: opt.Group = None,
    method: opt.Method = QuartileMethod.RANK,
    tolerance: opt.Tolerance = DEFAULT_TOLERANCE,
    output_format: opt.Format = OutputFormat.AUTO,
    output: opt.Output = None,
    lenient: opt.Lenient = False,
    encoding: opt.Encoding = None,
    max_cells: opt.MaxCells = None,
    profile: opt.Profile = "auto",
    verbose: opt.Verbose = False,
    debug: opt.Debug = False,
) -> None:
    """Theme dashboards: quartile, direction of travel, current, target and status per indicator."""
    from benchmark.analysis.dashboard import dashboard
    from benchmark.analysis.selection import find_area, select
    from benchmark.views.council import dashboard_view

    dataset = load_dataset(source, indicators, areas, lenient, verbose, targets=targets,
                           encoding=encoding, max_cells=max_cells, profile=profile)
    refuse_output_over_inputs(output, source, indicators, areas, targets)
    selection = select(dataset, group=group, theme=theme)
    focus = find_area(area, selection.areas)
    table = dashboard(dataset, focus, group=group, theme=theme, method=method, tolerance=tolerance)
    emit(dashboard_view(table, focus, method, selection, tolerance), output_format, output)
