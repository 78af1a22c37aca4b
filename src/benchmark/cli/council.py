"""Commands for the council's own view: quartiles, trend, dashboard."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from benchmark.cli import options as opt
from benchmark.cli.app import app
from benchmark.cli.charts import chart_drawn, check_chart, source_line
from benchmark.cli.console import boundary, warn
from benchmark.cli.records import DataInputs, TableOutput, reads_data, shows_table
from benchmark.core.errors import UsageError
from benchmark.core.methods import DEFAULT_TOLERANCE, QuartileMethod

TallyChart = Annotated[
    Path | None,
    typer.Option("--chart", help="Also draw the council's tally by theme as stacked bars to this "
                 "file (.png or .svg).", show_default=False, dir_okay=False),
]
Summary = Annotated[bool, typer.Option("--summary", help="Tallies by theme with a total row "
                                       "(per area without --area).")]


@app.command("quartiles")
@boundary
@reads_data(chooses=("group", "theme", "period", "as_at"), period=opt.QuartilesPeriod)
@shows_table
def quartiles_command(
    out: TableOutput,
    data: DataInputs,
    area: opt.Area = None,
    method: opt.Method = QuartileMethod.RANK,
    thresholds: Annotated[bool, typer.Option("--thresholds", help="Add the boundary values p25, "
                                             "median and p75, in the indicator's units.")] = False,
    summary: Summary = False,
    bottom: Annotated[bool, typer.Option("--bottom", help="List the 4th-quartile indicators by "
                                         "theme (needs --area; with --top, both).")] = False,
    top: Annotated[bool, typer.Option("--top", help="List the 1st-quartile indicators by theme "
                                      "(needs --area; with --bottom, both).")] = False,
    chart: TallyChart = None,
) -> None:
    """Each indicator's quartile among the comparators, tallies, and the bottom or top list."""
    from benchmark.analysis.comparators import find_area
    from benchmark.analysis.quartiles import quartile_rows, quartiles
    from benchmark.views.charts import quartile_tally_chart
    from benchmark.views.council import method_words, quartiles_view

    if (bottom or top or chart) and area is None:
        raise UsageError("--bottom, --top and --chart show one council's indicators; add --area NAME")
    check_chart(chart)
    selection = data.selection(out.output)
    focus = find_area(area, selection.areas) if area else None
    result = quartiles(selection, method)
    extreme = (1, 4) if top and bottom else 4 if bottom else 1 if top else None
    frame = quartile_rows(result, focus, summary=summary, thresholds=thresholds, extreme=extreme)
    save = None
    if chart is not None and focus is not None:  # drawn before the table is written, saved after
        words = source_line(data.source, [selection.period, selection.group, method_words(method)])
        tally = quartile_rows(result, focus, summary=True)
        save = chart_drawn(quartile_tally_chart(tally, f"Quartiles by theme: {focus}", words), chart)
    out.emit(quartiles_view(frame, result, selection, focus, summary=summary, extreme=extreme))
    if save is not None:
        save()


@app.command("trend")
@boundary
@reads_data(chooses=("theme", "as_at"))
@shows_table
def trend_command(
    out: TableOutput,
    data: DataInputs,
    area: Annotated[str | None, typer.Option("--area", "-a", help="The council whose direction of "
                                             "travel is shown; without it, --summary tallies every "
                                             "area.", show_default=False)] = None,
    from_period: Annotated[str | None, typer.Option("--from", help="Previous period to compare "
                                                    "from. Default: the one before the latest.",
                                                    show_default=False)] = None,
    to_period: Annotated[str | None, typer.Option("--to", help="Current period. Default: the "
                                                  "area's latest with a value.",
                                                  show_default=False)] = None,
    tolerance: opt.Tolerance = DEFAULT_TOLERANCE,
    summary: Summary = False,
    chart: TallyChart = None,
) -> None:
    """Direction of travel: each indicator's latest value against the one before it."""
    from benchmark.analysis.comparators import find_area
    from benchmark.analysis.trend import area_tallies, tally, trend
    from benchmark.views.charts import trend_tally_chart
    from benchmark.views.council import trend_view

    if area is None and not summary:
        raise UsageError("trend lists one council's indicators: add --area NAME, or --summary for "
                         "every area's tallies")
    if area is None and chart is not None:
        raise UsageError("--chart draws one council's tallies by theme: add --area NAME")
    check_chart(chart)
    selection = data.selection(out.output)
    periods: dict[str, Any] = {"from_period": from_period, "to_period": to_period, "tolerance": tolerance}
    if area is None:
        tallies = area_tallies(selection, **periods)
        return out.emit(trend_view(tallies, None, tolerance, "Direction of travel per area"))
    focus = find_area(area, selection.areas)
    table = trend(selection, focus, **periods)
    frame = tally(table, selection.themes) if summary else table
    title = f"Direction of travel{' by theme' * summary}"
    view = trend_view(frame, focus, tolerance, title, selection.period if data.as_at else None)
    save = None
    if chart is not None:  # drawn before the table is written, saved after
        words = source_line(data.source, [f"latest value against the one before; no change within "
                                          f"{tolerance:.2%}"])
        tallies = tally(table, selection.themes)
        save = chart_drawn(trend_tally_chart(tallies, f"Direction of travel by theme: {focus}", words), chart)
    out.emit(view)
    if save is not None:
        save()


@app.command("dashboard")
@boundary
@reads_data(targets=True, chooses=("theme", "group", "period", "as_at"), period=opt.OnePeriod)
@shows_table
def dashboard_command(
    out: TableOutput,
    area: opt.FocusArea,
    data: DataInputs,
    method: opt.Method = QuartileMethod.RANK,
    tolerance: opt.Tolerance = DEFAULT_TOLERANCE,
) -> None:
    """Theme dashboards: quartile, direction of travel, current, target and status per indicator."""
    from benchmark.analysis.comparators import find_area
    from benchmark.analysis.dashboard import dashboard
    from benchmark.analysis.targets import target_warnings
    from benchmark.views.council import dashboard_view

    selection = data.selection(out.output)
    focus = find_area(area, selection.areas)
    table = dashboard(selection, focus, method=method, tolerance=tolerance)
    out.emit(dashboard_view(table, focus, method, selection, tolerance))
    for message in target_warnings(selection.dataset):
        warn(message)
