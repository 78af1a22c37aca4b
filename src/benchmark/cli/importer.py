"""benchmark import: combine downloaded files into one workbook in the canonical layout."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from benchmark.cli import collector
from benchmark.cli import options as opt
from benchmark.cli.app import app
from benchmark.cli.console import boundary, progress, say, warn
from benchmark.cli.records import refuse_output_over_inputs
from benchmark.core.errors import UsageError
from benchmark.core.text import plural


@app.command("import")
@boundary
def import_command(
    sources: Annotated[list[str], typer.Argument(help="Downloaded files to combine (Fingertips, "
                                                 "Oflog, ONS, MHCLG, IMD exports or canonical "
                                                 "files); each file's layout is recognised.",
                                                 show_default=False, metavar="SOURCE...")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The workbook to write (.xlsx), with "
                                         "sheets data, indicators and areas.", dir_okay=False,
                                         show_default=False)],
    profile: opt.Profile = "auto",
    group: Annotated[str | None, typer.Option("--group", "-g", help="Keep only the areas of this "
                                              "shipped comparator group (e.g. counties-2018); the "
                                              "rows dropped are counted.", show_default=False)] = None,
    metadata: Annotated[str | None, typer.Option("--metadata", help="File of indicator metadata "
                                                 "(indicator, theme, polarity, unit...) the sources "
                                                 "do not carry; it wins over theirs.",
                                                 show_default=False)] = None,
    population: Annotated[str | None, typer.Option("--population", help="A population source (e.g. "
                                                   "ONS projections): adds '... per head' for money "
                                                   "in £ thousands, and a population column.",
                                                   show_default=False)] = None,
    kind: Annotated[list[str] | None, opt.per_file("--kind", "kind (performance or context)")] = None,
    theme: Annotated[list[str] | None, opt.per_file("--theme", "theme")] = None,
    polarity: Annotated[list[str] | None, opt.per_file("--polarity", "polarity (high, low or none)")] = None,
    lenient: opt.Lenient = False,
    encoding: opt.Encoding = None,
    max_cells: opt.MaxCells = None,
) -> None:
    """Combine downloaded files into one workbook that every other command reads."""
    from benchmark.core.model import AREA, INDICATOR
    from benchmark.io.importing import import_sources, problems_to_fix
    from benchmark.io.xlsx.write import write_dataset_workbook

    if output.suffix.lower() != ".xlsx":
        raise UsageError(f"-o {output}: import writes a workbook; give a path ending in .xlsx")
    refuse_output_over_inputs(output, *sources, metadata, population)
    with progress(f"Importing {plural(len(sources), 'file')}"):
        given = {field: opt.pairs(f"--{field}", values, "FILE=VALUE")
                 for field, values in (("kind", kind), ("theme", theme), ("polarity", polarity))}
        imported = import_sources(sources, profile=profile, group=group, metadata=metadata,
                                  population=population, lenient=lenient, encoding=encoding,
                                  max_cells=max_cells, given=given)
    collector.resume()  # the libraries are loaded and the data read
    for summary in imported.sources:
        say(summary.line())
    for message in imported.warnings:
        warn(message)
    with progress(f"Writing {output.name}"):
        write_dataset_workbook(output, {"data": imported.observations,
                                        "indicators": imported.indicators, "areas": imported.areas})
    for problem in problems_to_fix(imported):
        warn(problem.message)
    say(f"Wrote {output}: {len(imported.observations):,} observations of "
        f"{imported.indicators[INDICATOR].nunique():,} indicators for "
        f"{imported.areas[AREA].nunique():,} areas; check it with: benchmark validate {output}")
