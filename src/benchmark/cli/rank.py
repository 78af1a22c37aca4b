"""Commands for the league table: rank, validate, sample."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from benchmark.cli import options as opt
from benchmark.cli.app import app, ranking_phase
from benchmark.cli.charts import chart_drawn, check_chart, source_line
from benchmark.cli.console import boundary, progress, say
from benchmark.cli.records import DataInputs, TableOutput, reads_data, shows_table
from benchmark.core.errors import UsageError
from benchmark.core.methods import Overall, Ties


@app.command("rank")
@boundary
@reads_data(chooses=("period", "as_at", "theme", "group"))
@shows_table
def rank_command(
    out: TableOutput,
    data: DataInputs,
    area: opt.Area = None,
    ties: opt.TiesRule = Ties.MIN,
    overall: opt.OverallMode = Overall.INDICATORS,
    detail: Annotated[bool, typer.Option("--detail", help="One row per indicator x area with "
                                         "value, rank and n, instead of the league table.")] = False,
    chart: opt.Chart = None,
    per_page: opt.PerPage = 50,
) -> None:
    """Rank the areas on each indicator and give the league table by average rank."""
    from benchmark.analysis.comparators import find_area
    from benchmark.analysis.ranking import rank
    from benchmark.analysis.selection import is_all_periods
    from benchmark.views.league import describe, detail_view, league_view

    by_period = is_all_periods(data.period)
    if chart is not None and by_period:
        raise UsageError("--chart draws one league table; give one --period rather than 'all'")
    check_chart(chart)
    dataset = data.read(out.output)
    with progress(ranking_phase(dataset, by_period)):
        selection = data.choose(dataset)
        focus = find_area(area, selection.areas) if area else None
        ranking = rank(selection, ties=ties, overall=overall, by_period=by_period)
    if data.verbose and ranking.unranked_indicators:
        say("Not ranked: " + "; ".join(ranking.unranked_indicators), style="dim")
    view = (detail_view if detail else league_view)(selection, ranking, ties, overall, focus)
    save = None
    if chart is not None:  # drawn (or refused) before the table is written, saved after
        from benchmark.views.charts import league_chart

        words = source_line(data.source, describe(selection, ranking, ties, overall)[:3])
        save = chart_drawn(league_chart(ranking.table, focus, words, data.theme), chart, per_page)
    out.emit(view)
    if save is not None:
        save()


@app.command("validate")
@boundary
@reads_data(targets=True, lenient=False, chooses=("as_at",))
@shows_table
def validate_command(
    out: TableOutput,
    data: DataInputs,
) -> None:
    """List every problem in a dataset: exit 1 if any is an error, 0 if only warnings."""
    from benchmark.analysis.validation import validate
    from benchmark.core.errors import ExitCode
    from benchmark.views.validation import problems_view

    dataset = replace(data, lenient=True).read(out.output, check=False)
    problems = validate(dataset, data.as_at)
    out.emit(problems_view(dataset, problems))
    if any(problem.severity == "error" for problem in problems):
        raise typer.Exit(int(ExitCode.BAD_DATA))


@app.command("sample")
@boundary
def sample_command(
    directory: Annotated[Path, typer.Argument(help="Folder to write into (created if needed).",
                                              file_okay=False)],
    force: Annotated[bool, typer.Option("--force", help="Overwrite files already there.")] = False,
) -> None:
    """Write the sample workbook and blank templates (xlsx and csv) to fill in."""
    from benchmark.io.sample import write_sample

    for path in write_sample(directory, overwrite=force):
        say(f"Wrote {path}")
