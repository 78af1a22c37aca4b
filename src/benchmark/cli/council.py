"""Commands for the council's own view: quartiles, trend, dashboard."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from benchmark.cli import options as opt
from benchmark.cli.app import app
from benchmark.cli.charts import check_chart, draw_chart, source_line
from benchmark.cli.console import boundary
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
@reads_data(chooses=("group", "theme", "period"))
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
                                         "theme (needs --area).")] = False,
    top: Annotated[bool, typer.Option("--top", help="List the 1st-quartile indicators by theme "
                                      "(needs --area).")] = False,
    chart: TallyChart = None,
) -> None:
    """Each indicator's quartile among the comparators, tallies, and the bottom or top list."""
    from benchmark.analysis.quartiles import quartile_rows, quartiles
    from benchmark.analysis.selection import find_area
    from benchmark.views.charts import quartile_tally_chart
    from benchmark.views.council import method_words, quartiles_view

    if (bottom or top or chart) and area is None:
        raise UsageError("--bottom, --top and --chart show one council's indicators; add --area NAME")
    check_chart(chart)
    selection = data.selection(out.output)
    focus = find_area(area, selection.areas) if area else None
    result = quartiles(selection, method)
    extreme = 4 if bottom else 1 if top else None
    frame = quartile_rows(result, focus, summary=summary, thresholds=thresholds, extreme=extreme)
    out.emit(quartiles_view(frame, result, selection, focus, summary=summary, extreme=extreme))
    if chart is not None and focus is not None:
        words = source_line(data.source, [selection.period, selection.group, method_words(method)])
        tally = quartile_rows(result, focus, summary=True)
        draw_chart(quartile_tally_chart(tally, f"Quartiles by theme: {focus}", words), chart)


@app.command("trend")
@boundary
@reads_data(chooses=("theme",))
@shows_table
def trend_command(
    out: TableOutput,
    area: opt.FocusArea,
    data: DataInputs,
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
    from benchmark.analysis.selection import find_area
    from benchmark.analysis.trend import tally, trend
    from benchmark.views.charts import trend_tally_chart
    from benchmark.views.council import trend_view

    check_chart(chart)
    selection = data.selection(out.output)
    focus = find_area(area, selection.areas)
    table = trend(selection, focus, from_period=from_period, to_period=to_period, tolerance=tolerance)
    frame = tally(table, selection.themes) if summary else table
    title = "Direction of travel by theme" if summary else "Direction of travel"
    out.emit(trend_view(frame, focus, tolerance, title))
    if chart is not None:
        words = source_line(data.source, [f"latest value against the one before; no change within "
                                          f"{tolerance:.2%}"])
        title = f"Direction of travel by theme: {focus}"
        draw_chart(trend_tally_chart(tally(table, selection.themes), title, words), chart)


@app.command("dashboard")
@boundary
@reads_data(targets=True, chooses=("theme", "group"))
@shows_table
def dashboard_command(
    out: TableOutput,
    area: opt.FocusArea,
    data: DataInputs,
    method: opt.Method = QuartileMethod.RANK,
    tolerance: opt.Tolerance = DEFAULT_TOLERANCE,
) -> None:
    """Theme dashboards: quartile, direction of travel, current, target and status per indicator."""
    from benchmark.analysis.dashboard import dashboard
    from benchmark.analysis.selection import find_area
    from benchmark.views.council import dashboard_view

    selection = data.selection(out.output)
    focus = find_area(area, selection.areas)
    table = dashboard(selection, focus, method=method, tolerance=tolerance)
    out.emit(dashboard_view(table, focus, method, selection, tolerance))
