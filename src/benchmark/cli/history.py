"""The history command: positions edition by edition."""

from __future__ import annotations

from typing import Annotated

import typer

from benchmark.cli import options as opt
from benchmark.cli.app import app
from benchmark.cli.console import boundary, say
from benchmark.cli.records import DataInputs, TableOutput, reads_data, shows_table
from benchmark.core.errors import UsageError
from benchmark.core.methods import Basket, Overall, Ties


@app.command("history")
@boundary
@reads_data(chooses=("as_at", "theme", "group"))
@shows_table
def history_command(
    out: TableOutput,
    data: DataInputs,
    area: opt.Area = None,
    editions: Annotated[int, typer.Option("--editions", "-n", help="How many editions (financial "
                                          "years), the latest last.")] = 6,
    basket: Annotated[Basket, typer.Option("--basket", help="common: only indicators ranked in every "
                                           "edition, so positions compare; each: each edition's own.",
                                           case_sensitive=False)] = Basket.COMMON,
    ties: opt.TiesRule = Ties.MIN,
    overall: opt.OverallMode = Overall.INDICATORS,
    chart: opt.Chart = None,
) -> None:
    """Overall and theme positions edition by edition (each --as-at a financial year)."""
    from benchmark.analysis.comparators import find_area
    from benchmark.analysis.history import history
    from benchmark.render.charts import check_chart_path, draw
    from benchmark.views.history import history_chart, history_view

    if chart is not None and area is None:
        raise UsageError("--chart draws one area's position over the editions; add --area NAME")
    if chart is not None:
        check_chart_path(chart)
    selection = data.selection(out.output)
    focus = find_area(area, selection.areas) if area else None
    found = history(selection, editions=editions, basket=basket, ties=ties, overall=overall)
    out.emit(history_view(found, selection, Ties(ties), Overall(overall), focus))
    if chart is not None and focus is not None:
        say(f"Wrote chart to {draw(history_chart(found, focus), chart)}")
