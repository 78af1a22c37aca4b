"""The Typer app: parse -> read -> compute -> render. Heavy imports happen inside commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from benchmark.cli import options as opt
from benchmark.cli.console import boundary, emit, say, warn
from benchmark.ranking import Overall, Ties
from benchmark.render.formats import OutputFormat

app = typer.Typer(
    name="benchmark",
    help="Benchmark English county councils' performance against each other: rank the "
    "counties on each indicator, by theme and overall.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"benchmark {version('benchmark')}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool | None, typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Show the version and exit.")] = None,
) -> None:
    """Benchmark English county councils' performance against each other."""


def _load(source: str | None, indicators: str | None, areas: str | None, lenient: bool,
          verbose: bool, check: bool = True):  # noqa: ANN202 - returns a Dataset; imported lazily
    from benchmark.io import read_dataset, require_clean
    from benchmark.sample import sample_path

    if source is None:
        source = str(sample_path())
        say("Using the bundled sample: 27 county councils, real public data "
            "(benchmark sample DIR writes a copy to edit).", style="dim")
    dataset = read_dataset(source, indicators=indicators, areas=areas)
    if verbose:
        for note in dataset.notes:
            say(note, style="dim")
    for message in require_clean(dataset, lenient) if check else []:
        warn(message)
    return dataset


@app.command("rank")
@boundary
def rank_command(
    source: opt.Source = None,
    indicators: opt.Indicators = None,
    areas: opt.Areas = None,
    period: opt.Period = None,
    theme: opt.Theme = None,
    group: opt.Group = None,
    area: opt.Area = None,
    ties: Annotated[Ties, typer.Option("--ties", help="How tied values rank.",
                                       case_sensitive=False)] = Ties.MIN,
    overall: Annotated[Overall, typer.Option("--overall", help="Overall average over all "
                                             "indicators, or the mean of the theme averages.",
                                             case_sensitive=False)] = Overall.INDICATORS,
    detail: Annotated[bool, typer.Option("--detail", help="One row per indicator x area with "
                                         "value, rank and n, instead of the league table.")] = False,
    output_format: opt.Format = OutputFormat.AUTO,
    output: opt.Output = None,
    lenient: opt.Lenient = False,
    verbose: opt.Verbose = False,
    debug: opt.Debug = False,
) -> None:
    """Rank the areas on each indicator and give the league table by average rank."""
    from benchmark.ranking import rank
    from benchmark.render.league import detail_view, league_view
    from benchmark.selection import ALL_PERIODS, find_area, select

    dataset = _load(source, indicators, areas, lenient, verbose)
    _refuse_output_over_inputs(output, source, indicators, areas)
    selection = select(dataset, group=group, theme=theme, period=period)
    focus = find_area(area, selection.areas) if area else None
    by_period = period is not None and period.strip().casefold() == ALL_PERIODS
    ranking = rank(selection, ties=ties, overall=overall, by_period=by_period)
    if verbose and ranking.unranked_indicators:
        say("Not ranked: " + "; ".join(ranking.unranked_indicators), style="dim")
    view = (detail_view if detail else league_view)(selection, ranking, ties, overall, focus)
    emit(view, output_format, output)


@app.command("validate")
@boundary
def validate_command(
    source: opt.Source = None,
    indicators: opt.Indicators = None,
    areas: opt.Areas = None,
    output_format: opt.Format = OutputFormat.AUTO,
    output: opt.Output = None,
    verbose: opt.Verbose = False,
    debug: opt.Debug = False,
) -> None:
    """List every problem in a dataset: exit 1 if any is an error, 0 if only warnings."""
    from benchmark.errors import ExitCode
    from benchmark.render.validation import problems_view
    from benchmark.validation import validate

    dataset = _load(source, indicators, areas, lenient=True, verbose=verbose, check=False)
    problems = validate(dataset)
    emit(problems_view(dataset, problems), output_format, output)
    if any(problem.severity == "error" for problem in problems):
        raise typer.Exit(int(ExitCode.BAD_DATA))


@app.command("sample")
@boundary
def sample_command(
    directory: Annotated[Path, typer.Argument(help="Folder to write into (created if needed).",
                                              file_okay=False)],
    force: Annotated[bool, typer.Option("--force", help="Overwrite files already there.")] = False,
    debug: opt.Debug = False,
) -> None:
    """Write the sample workbook and blank templates (xlsx and csv) to fill in."""
    from benchmark.sample import write_sample

    for path in write_sample(directory, overwrite=force):
        say(f"Wrote {path}")


def _refuse_output_over_inputs(output: Path | None, *inputs: str | None) -> None:
    if output is not None:
        from benchmark.io.output import refuse_overwriting_inputs

        refuse_overwriting_inputs(output, list(inputs))
