"""The report command: the compendium workbook for one council."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from benchmark.cli import options as opt
from benchmark.cli.app import app
from benchmark.cli.console import boundary, say, stderr_console, warn
from benchmark.cli.records import DataInputs, reads_data, refuse_output_over_inputs
from benchmark.core.errors import UsageError
from benchmark.core.methods import DEFAULT_TOLERANCE, Overall, QuartileMethod, Ties

if TYPE_CHECKING:
    from benchmark.render.plan import Document

ReportFile = Annotated[
    Path,
    typer.Option("--output", "-o", help="The report to write: a workbook (.xlsx), or a page to read "
                 "or print to PDF (.html); written atomically.",
                 show_default=False, dir_okay=False),
]
REPORT_SUFFIXES = (".xlsx", ".html", ".htm")


@app.command("report")
@boundary
@reads_data(targets=True)
def report_command(
    area: opt.FocusArea,
    output: ReportFile,
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
    """The compendium for one council, with every rule stated.

    League table, themes, quartiles, direction of travel, dashboard, funding gap and spend charts:
    a workbook (with the data) or a self-contained HTML page that prints to PDF."""
    from benchmark.io.sample import sample_path
    from benchmark.report.content import STEPS, build_report, source_files
    from benchmark.report.layout import report_document

    workbook = _is_workbook(output)
    refuse_output_over_inputs(output, data.source, data.indicators, data.areas, data.targets)
    sources = source_files(data.source or sample_path(), data.indicators, data.areas, data.targets)
    with _progress(len(STEPS) + 10) as step:
        step("Reading the data")
        dataset = data.read()
        report = build_report(dataset, area, sources=sources, group=group, period=period, as_at=as_at,
                              method=method, tolerance=tolerance, ties=ties, overall=overall,
                              progress=step, funding=funding, spend=spend)
        document = report_document(report, with_data=workbook)
        _write(document, output, step)
    for omitted in report.omitted:
        say(f"Left out {omitted.sheet}: {omitted.reason}", style="dim")
    for message in (*report.selection.warnings, *report.ranking.warnings):
        warn(message)
    names = [section.name for section in document.sections]
    say(f"Wrote {len(names)} {'sheets' if workbook else 'sections'} ({', '.join(names)}) to {output}")


def _is_workbook(output: Path) -> bool:
    """True for a workbook (.xlsx), false for a page (.html); refuses any other file name."""
    suffix = output.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        hint = " (a browser prints the .html page to PDF)" if suffix == ".pdf" else ""
        raise UsageError(f"-o {output}: the report is an Excel workbook or an HTML page; end the file "
                         f"name with .xlsx or .html{hint}")
    return suffix == ".xlsx"


def _write(document: Document, output: Path, step: Callable[[str], None]) -> None:
    if _is_workbook(output):
        from benchmark.render.excel import write_document

        write_document(document, output, progress=step)
    else:
        from benchmark.render.html import write_document as write_page

        step("Writing the page")
        write_page(document, output)


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
