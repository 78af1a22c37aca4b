"""Commands about money: funding-gap (funding per head) and quadrants (spend against performance)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from benchmark.cli import collector
from benchmark.cli import options as opt
from benchmark.cli.app import app
from benchmark.cli.charts import chart_drawn, sourced
from benchmark.cli.console import boundary, say
from benchmark.cli.records import DataInputs, TableOutput, reads_data, refuse_output_over_inputs, shows_table
from benchmark.core.errors import UsageError
from benchmark.core.methods import Against, Split

if TYPE_CHECKING:
    from benchmark.core.model import Dataset
    from benchmark.render.chart_specs import ChartSpec

FundingSource = Annotated[
    str | None,
    typer.Argument(help="CSV/TSV with one row per area (area, per-head columns such as "
                   "csp_per_head_2018_19, population, group columns), or a workbook whose 'areas' "
                   "sheet has them; '-' reads standard input. Omit it to use the bundled sample's "
                   "areas sheet (funding_per_head, population).", show_default=False),
]
FocusArea = Annotated[str, typer.Option("--area", "-a", help="The authority whose funding is "
                                        "compared with every other area.",
                                        show_default=False)]


@app.command("funding-gap")
@boundary
@shows_table
def funding_gap_command(
    out: TableOutput,
    source: FundingSource = None,
    area: FocusArea = ...,  # type: ignore[assignment]
    measure: Annotated[str | None, typer.Option(
        "--measure", "-m", help="Per-head column to compare (default funding_per_head). With "
        "--over-time, the stem of one column per period (csp_per_head for csp_per_head_2017_18, "
        "csp_per_head_2018_19...).", show_default=False)] = None,
    population: Annotated[float | None, typer.Option(
        "--population", help="The focus area's population (682500, 682,500). Default: its "
        "'population' column.", parser=opt.read_number, metavar="NUMBER", show_default=False)] = None,
    vs: Annotated[str | None, typer.Option(
        "--vs", help="Answer for one other area in a sentence, and print only its row.",
        show_default=False)] = None,
    group: opt.Group = None,
    period: Annotated[str | None, typer.Option(
        "--period", "-p", help="The period to compare, where the data has several. "
        "Default: the latest.", show_default=False)] = None,
    as_at: opt.AsAt = None,
    over_time: Annotated[bool, typer.Option(
        "--over-time", help="The gap in every period of the data, one row per period and area.")] = False,
    summary: Annotated[bool, typer.Option(
        "--summary", help="Print the gap at the group's mean, median, upper quartile and maximum "
        "per head instead of one row per area.")] = False,
    funding: opt.Funding = None,
    profile: opt.Profile = "auto",
    chart: opt.Chart = None,
    per_page: opt.PerPage = 50,
    verbose: opt.Verbose = False,
) -> None:
    """How much more (or less) an authority would receive if funded per head like each other area."""
    from benchmark.analysis.funding import funding_gap, funding_gap_over_time
    from benchmark.analysis.selection import select
    from benchmark.render.charts import check_chart_path
    from benchmark.views.charts import funding_chart, funding_over_time_chart
    from benchmark.views.money import funding_view, over_time_view

    if over_time and (period is not None or as_at is not None):
        raise UsageError("--over-time shows every period; leave out --period and --as-at, or drop "
                         "--over-time")
    if chart is not None:
        check_chart_path(chart)
    dataset = (_load_areas(source, verbose) if funding is None
               else DataInputs(source, profile=profile, verbose=verbose).read())
    refuse_output_over_inputs(out.output, source)
    selection = select(dataset, group=group)
    spec: ChartSpec
    if over_time:
        gaps = funding_gap_over_time(selection, area, measure=measure, population=population,
                                     funding=funding)
        view, spec = over_time_view(gaps, vs=vs, summary=summary), funding_over_time_chart(gaps)
    else:
        gap = funding_gap(selection, area, measure=measure, population=population, period=period,
                          funding=funding, as_at=as_at)
        view, spec = funding_view(gap, vs=vs, summary=summary), funding_chart(gap)
    save = chart_drawn(sourced(spec, source), chart, per_page) if chart else None  # before the table
    out.emit(view)
    if save is not None:
        save()


@app.command("quadrants")
@boundary
@reads_data(chooses=("period", "as_at", "theme", "group"), period=opt.OnePeriod)
@shows_table
def quadrants_command(
    out: TableOutput,
    data: DataInputs,
    area: opt.Area = None,
    against: Annotated[Against, typer.Option(
        "--against", help="Set performance against net spend per head (spend_per_head) or "
        "deprivation (deprivation_rank, 1 = most deprived).", case_sensitive=False)] = Against.SPEND,
    split: Annotated[Split, typer.Option(
        "--split", help="Draw the reference lines through the group's mean or median of each axis.",
        case_sensitive=False)] = Split.MEAN,
    all_themes: Annotated[bool, typer.Option(
        "--all-themes", help="One row per theme (and overall) for the --area: its quadrant on each.")]
    = False,
    spend: opt.Spend = None,
    deprivation: opt.Deprivation = None,
    theme_spend: Annotated[list[str] | None, typer.Option(
        "--theme-spend", help="A theme's own spend per head, for --all-themes: THEME=INDICATOR (e.g. "
        "'Adult Social Care=Adult Social Care per head'); repeat it for each theme. Other themes use "
        "--spend.", show_default=False, metavar="THEME=INDICATOR")] = None,
    chart: Annotated[Path | None, typer.Option(
        "--chart", help="Also draw a chart to this file (.png or .svg); with --all-themes, a folder "
        "to draw one chart per theme into (quadrants_overall.png, quadrants_<theme>.png).",
        show_default=False)] = None,
) -> None:
    """Performance (average rank) against spend per head or deprivation, in four quadrants."""
    from benchmark.analysis.quadrants import quadrants, theme_quadrants
    from benchmark.render.charts import check_chart_folder, check_chart_path
    from benchmark.views.charts import quadrant_chart
    from benchmark.views.money import focus_quadrants_view, quadrants_view

    if all_themes and (not area or data.theme):
        raise UsageError("--all-themes shows one area on every theme: give --area NAME, and leave out "
                         "--theme")
    if theme_spend and not all_themes:
        raise UsageError("--theme-spend gives each theme its own spend, for --all-themes; add it")
    against, comparator = comparator_option(against, spend, deprivation)
    if chart is not None:
        check_chart_folder(chart) if all_themes else check_chart_path(chart)
    selection = data.selection(out.output)
    if all_themes:
        found = theme_quadrants(selection, str(area), against=against, split=split, comparator=comparator,
                                theme_comparators=opt.pairs("--theme-spend", theme_spend, "THEME=INDICATOR"))
        saves = [chart_drawn(sourced(quadrant_chart(result, found.focus), data.source),
                             Path(chart, f"quadrants_{slug(result.theme or 'overall')}.png"))
                 for result in found.placed] if chart is not None else []  # drawn before any output
        out.emit(focus_quadrants_view(found))
        for save_theme in saves:
            save_theme()
        return None
    result = quadrants(selection, against=against, split=split, comparator=comparator)
    focus = result.find(area) if area else None
    save = chart_drawn(sourced(quadrant_chart(result, focus), data.source), chart) if chart else None
    out.emit(quadrants_view(result, focus))
    if save is not None:
        save()


def slug(name: str) -> str:
    """'Children & Young People' -> 'children-young-people', for a file name."""
    import re

    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "theme"


def comparator_option(against: Against, spend: str | None,
                      deprivation: str | None) -> tuple[Against, str | None]:
    """--spend IND or --deprivation IND: the axis and the indicator (None: the areas column)."""
    if spend is not None and deprivation is not None:
        raise UsageError("--spend and --deprivation are two x axes; give one of them")
    if deprivation is not None:
        return Against.DEPRIVATION, deprivation
    if spend is not None and against is Against.DEPRIVATION:
        raise UsageError("--against deprivation and --spend disagree: give --deprivation IND, or "
                         "leave out --against")
    return against, spend


def _load_areas(source: str | None, verbose: bool) -> Dataset:
    """A source read as area metadata (the sample's areas sheet when None), stopping on its
    errors."""
    from benchmark.io import require_clean
    from benchmark.io.areas import read_areas
    from benchmark.io.sample import sample_path

    if source is None:
        source = str(sample_path())
        say("Using the bundled sample's areas sheet: 27 county councils, funding_per_head = Core "
            "Spending Power per head 2018/19.", style="dim")
    dataset = read_areas(source)
    collector.resume()  # the libraries are loaded and the data read
    if verbose:
        for note in dataset.notes:
            say(note, style="dim")
    require_clean(dataset)
    return dataset
