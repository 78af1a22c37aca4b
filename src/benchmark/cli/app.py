"""The Typer app and what its commands share. Commands live in cli/<topic>.py modules;
heavy imports happen inside them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

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
