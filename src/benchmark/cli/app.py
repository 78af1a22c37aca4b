"""The Typer app and what its commands share. Commands live in cli/<topic>.py modules;
heavy imports happen inside them."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from benchmark.cli import collector
from benchmark.cli.console import progress, say, warn

if TYPE_CHECKING:
    from benchmark.core.model import Dataset

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
    # A plain bool (not bool | None = None): Typer 0.29 imports pydantic (~0.2 s) to check any
    # option whose value is not already a bool, and this one is processed before every command.
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Benchmark English county councils' performance against each other."""


def load_dataset(source: str | None, indicators: str | None, areas: str | None, lenient: bool,
                 verbose: bool, check: bool = True, targets: str | None = None,
                 encoding: str | None = None, max_cells: int | None = None,
                 profile: str = "auto") -> Dataset:
    """Read a source (the bundled sample when None); stop on errors unless lenient."""
    from benchmark.io import read_dataset, require_clean
    from benchmark.io.sample import sample_path

    if source is None:
        source = str(sample_path())
        say("Using the bundled sample: 27 county councils, real public data "
            "(benchmark sample DIR writes a copy to edit).", style="dim")
    with progress(reading(source)):
        dataset = read_dataset(source, indicators=indicators, areas=areas, targets=targets,
                               encoding=encoding, max_cells=max_cells, profile=profile)
    collector.resume()  # the libraries are loaded and the data read
    if verbose:
        for note in dataset.notes:
            say(note, style="dim")
    elif dataset.profile is not None:  # a published layout was recognised: say which (first note)
        say(f"{dataset.notes[0]}; --profile none reads it as a plain table", style="dim")
    for message in require_clean(dataset, lenient) if check else []:
        warn(message)
    return dataset


def reading(source: str) -> str:
    """'Reading big.csv (312 MB)', for the progress display."""
    if source == "-":
        return "Reading standard input"
    try:
        size = os.stat(source).st_size
    except (OSError, ValueError):
        size = 0
    name = Path(source).name or source
    return f"Reading {name} ({size / 1e6:,.0f} MB)" if size >= 1e6 else f"Reading {name}"


def ranking_phase(dataset: Dataset, by_period: bool) -> str:
    """'Ranking 2,000 indicators × 10 periods', for the progress display."""
    from benchmark.core.model import PERIOD

    indicators = len(dataset.indicators)
    words = f"Ranking {indicators:,} indicator{'s' * (indicators != 1)}"
    if by_period:
        column = dataset.observations[PERIOD]  # a categorical: its categories are the periods
        periods = len(column.cat.categories) if hasattr(column, "cat") else column.nunique()
        words += f" \u00d7 {periods:,} period{'s' * (periods != 1)}"
    return words


def refuse_output_over_inputs(output: Path | None, *inputs: str | None) -> None:
    if output is not None:
        from benchmark.core.output import refuse_overwriting_inputs

        refuse_overwriting_inputs(output, list(inputs))
