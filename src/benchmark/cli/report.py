"""The report command: the compendium workbook for one council."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from benchmark.cli import options as opt
from benchmark.cli.app import app
from benchmark.cli.console import boundary, say, stderr_console, warn
from benchmark.cli.records import DataInputs, reads_data, refuse_output_over_inputs
from benchmark.core.errors import UsageError
from benchmark.core.methods import DEFAULT_TOLERANCE, Overall, QuartileMethod, Ties

Workbook = Annotated[
    Path,
    typer.Option("--output", "-o", help="The workbook to write (.xlsx); written atomically.",
                 show_default=False, dir_okay=False),
]


@app.command("report")
@boundary
@reads_data(targets=True)
def report_command(
    area: opt.FocusArea,
    output: Workbook,
    data: DataInputs,
    group: opt.Group = None,
    period: opt.OnePeriod = None,
    as_at: opt.AsAt = None,
    method: opt.Method = QuartileMethod.RANK,
    tolerance: opt.Tolerance = DEFAULT_TOLERANCE,
    ties: opt.TiesRule = Ties.MIN,
    overall: opt.OverallMode = Overall.INDICATORS,
    funding: opt.Funding = None,
    spend: opt.Spend = None,
) -> None:
    """The compendium workbook for one council, with every rule stated.

    League table, themes, quartiles, direction of travel, dashboard, funding gap and spend charts,
    and the data."""
    from benchmark.io.sample import sample_path
    from benchmark.render.excel import write_document
    from benchmark.report.content import STEPS, build_report, source_files
    from benchmark.report.layout import report_document

    if output.suffix.lower() != ".xlsx":
        raise UsageError(f"-o {output}: the report is an Excel workbook; end the file name with .xlsx")
    refuse_output_over_inputs(output, data.source, data.indicators, data.areas, data.targets)
    sources = source_files(data.source or sample_path(), data.indicators, data.areas, data.targets)
    with _progress(len(STEPS) + 10) as step:
        step("Reading the data")
        dataset = data.read()
        report = build_report(dataset, area, sources=sources, group=group, period=period, as_at=as_at,
                              method=method, tolerance=tolerance, ties=ties, overall=overall,
                              progress=step, funding=funding, spend=spend)
        write_document(report_document(report), output, progress=step)
    for omitted in report.omitted:
        say(f"Left out {omitted.sheet}: {omitted.reason}", style="dim")
    for message in (*report.selection.warnings, *report.ranking.warnings):
        warn(message)
    say(f"Wrote {len(report.sheets)} sheets ({', '.join(report.sheets)}) to {output}")


@contextmanager
def _progress(total: int) -> Iterator[Callable[[str], None]]:
    """A Rich progress bar on stderr while the report builds, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield lambda _: None
        return
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                  console=stderr_console(), transient=True) as progress:
        task = progress.add_task("Starting", total=total)

        def step(description: str) -> None:
            progress.update(task, description=description, advance=1)

        yield step
