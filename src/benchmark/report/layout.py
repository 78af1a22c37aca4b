"""The compendium's layout, free of any file format: which views go in which section, the About
notes, and the charts beside the funding gap and spend tables.

:func:`report_document` turns a :class:`~benchmark.report.content.Report` into a
:class:`~benchmark.render.plan.Document` of :class:`~benchmark.render.plan.Section` (About,
League table, Themes, Quartiles, Direction of travel, Dashboard, Funding gap, Spend vs
performance and Data, leaving out what the report omits). The Excel writer draws each section as
a sheet; another renderer can draw the same sections.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from benchmark.analysis.funding import PER_HEAD
from benchmark.analysis.quadrants import COMPARATOR_RANK
from benchmark.core.model import AREA, INDICATOR, PERIOD, THEME
from benchmark.core.text import plural
from benchmark.render.columns import Kind
from benchmark.render.plan import BarChartPlan, Document, ScatterPlan, Section, StackedBarPlan
from benchmark.render.view import TableView
from benchmark.report import content
from benchmark.views.charts import (
    DIRECTION_PARTS,
    QUARTILE_PARTS,
    funding_subtitle,
    quadrant_corners,
    quadrant_subtitle,
)
from benchmark.views.council import dashboard_view, method_words, quartiles_view, trend_view
from benchmark.views.league import OVERALL_WORDS, TIE_WORDS, league_view
from benchmark.views.money import (
    focus_quadrants_view,
    funding_view,
    ordinal,
    position_words,
    quadrants_view,
)

if TYPE_CHECKING:
    from benchmark.analysis.selection import Selection
    from benchmark.report.content import Report

ABOUT_TEXT_WIDTH = 100  # the About notes are long sentences: let them run wider before wrapping


def report_document(report: Report, with_data: bool = True) -> Document:
    """The compendium: its sections in reading order, titled for the focus area. Without
    ``with_data`` (a report to print) the Data section of every observation is left out."""
    names = ", ".join(dict.fromkeys("standard input" if source.path == "-" else Path(source.path).name
                                    for source in report.sources))
    return Document(title=f"Benchmarking summary: {report.focus}", author=f"benchmark {report.version}",
                    created=report.generated, sections=report_sections(report, with_data),
                    source=f"Source: {names}; benchmark {report.version}")


def report_sections(report: Report, with_data: bool = True) -> list[Section]:
    """The report's sections, in reading order."""
    names = [name for name in report.sheets if with_data or name != content.DATA]
    builders: dict[str, Callable[[Report], Section]] = {
        content.ABOUT: lambda report: about_section(report, names), content.SUMMARY: summary_section,
        content.LEAGUE: league_section,
        content.THEMES: themes_section, content.QUARTILES: quartiles_section, content.TRAVEL: travel_section,
        content.DASHBOARD: dashboard_section, content.FUNDING: funding_section,
        content.SPEND: spend_section, content.DATA: data_section,
    }
    return [builders[name](report) for name in names]


def per_indicator_periods(selection: Selection) -> list[tuple[str, str]]:
    """Each indicator's period in the selection, in metadata order."""
    pairs = dict(selection.frame[[INDICATOR, PERIOD]].drop_duplicates().itertuples(index=False))
    return [(indicator, str(pairs[indicator])) for indicator in selection.indicators if indicator in pairs]


def about_rows(report: Report, sections: list[str]) -> list[tuple[str, object]]:
    """What the document is, where its figures came from and every rule behind them."""
    selection, ranking = report.selection, report.ranking
    rows: list[tuple[str, object]] = [
        ("What this is", f"A benchmarking summary for {report.focus}: its position among "
         f"{len(selection.areas)} comparators on {plural(ranking.ranked_indicators, 'indicator')} "
         f"in {plural(len(ranking.themes), 'theme')}, its quartiles, direction of travel and "
         "dashboards, made by the benchmark tool from the sources below."),
        ("Focus area", report.focus),
    ]
    for source in report.sources:
        rows.append((f"Source ({source.role})", source.path))
        rows.append((f"SHA-256 ({source.role})", source.sha256 or "not hashed: standard input is "
                     "read once"))
    periods = report.periods
    rows += [
        ("Period", f"{selection.period} ({', '.join(periods)})" if len(periods) > 1 else selection.period),
        *([("Period per indicator", "; ".join(f"{indicator}: {period}" for indicator, period in
                                               per_indicator_periods(selection)))]
          if selection.as_at else []),
        ("Comparator group", selection.group),
        ("Comparator group size", plural(len(selection.areas), "area")),
        ("Tie rule", f"{report.ties.value}: {TIE_WORDS[report.ties]}"),
        ("Overall mode", f"{report.overall.value}: {OVERALL_WORDS[report.overall]}"),
        ("Quartile method", method_words(report.method)),
        ("Trend tolerance", f"{report.tolerance:.2%}: a relative change at or below it is 'no change' "
         "(an indicator's own tolerance column overrides it); direction of travel compares each "
         "indicator's latest value with the one before"),
    ]
    if ranking.unranked_indicators:
        unranked = ranking.unranked_indicators
        rows += listed("Not ranked", [f"{plural(len(unranked), 'indicator')} with no polarity or no "
                                      "values, one a row:", *unranked])
    if report.funding is not None:
        gap = report.funding
        rows.append(("Funding gap", f"{gap.measure}" + (f", period {gap.period}" if gap.period else "")
                     + f"; {gap.group}; {gap.focus} population {gap.population:,.0f}; additional "
                     "funding = (their per head - ours) x our population"))
    if report.spend is not None:
        rows.append(("Spend vs performance", f"average rank against the rank of spend_per_head "
                     f"(1 = the lowest spend); reference lines at the group {report.spend.split.value}"))
    rows.append(("Sheets", ", ".join(sections)))
    for omitted in report.omitted:
        rows.append((f"Left out: {omitted.sheet}", omitted.reason))
    rows += [
        ("Values", "Every figure is a number as read from the source (formats change only how it "
         "looks); the text a value was printed as (£2.2m, 83.2%) is not kept. Missing values are "
         "empty cells, never zero."),
        ("Text", "Text from the sources is stored as text: a name starting with = + - or @ is never "
         "a formula."),
        *listed("Warnings", [*selection.warnings, *ranking.warnings] or ["none"]),
        ("Data sheet", f"{len(report.data):,} observations of the {len(selection.areas)} compared "
         "areas, every period" + (f" ending by the end of {until}" if (until := selection.as_at
                                                                      or selection.asked_period) else "")
         if content.DATA in sections else "left out of a printed report: the workbook (-o NAME.xlsx) "
         "holds them"),
        ("Tool", f"benchmark {report.version}"),
        ("Generated", report.generated.isoformat(timespec="seconds")),
    ]
    return rows


def listed(item: str, details: list[str]) -> list[tuple[str, object]]:
    """A list one detail a row, the item named on the first: a long list stays readable."""
    return [(item if number == 0 else "", detail) for number, detail in enumerate(details)]


def about_section(report: Report, sections: list[str]) -> Section:
    import pandas as pd

    frame = pd.DataFrame(about_rows(report, sections), columns=["item", "detail"])
    view = TableView(frame=frame, title=f"Benchmarking summary: {report.focus}",
                     caption=[f"benchmark {report.version}",
                              f"generated {report.generated.isoformat(timespec='seconds')}"])
    return Section(content.ABOUT, [view], main_table=False, text_width=ABOUT_TEXT_WIDTH)


def summary_section(report: Report) -> Section:
    """The focus area's position overall and on each theme: of how many, on how many indicators."""
    import pandas as pd

    focus, league, themes = report.focus, report.ranking.table, report.themes
    ranked = league[league["average_rank"].notna()]
    rows = [("Overall", ranked, ranked[AREA] == focus)]
    for theme, table in themes[themes["average_rank"].notna()].groupby(THEME, sort=False):
        rows.append((str(theme), table, table[AREA] == focus))
    frame = pd.DataFrame([
        {"ranking": name, "position": table.loc[mine, "position"].iloc[0] if mine.any() else pd.NA,
         "of": len(table), "average_rank": table.loc[mine, "average_rank"].iloc[0] if mine.any() else pd.NA,
         "indicators": table.loc[mine, "indicators"].iloc[0] if mine.any() else pd.NA}
        for name, table, mine in rows])
    overall = frame.iloc[0]
    where = (f"{ordinal(int(overall['position']))} of {overall['of']} overall"
             if not pd.isna(overall["position"]) else "not ranked overall")
    return Section(content.SUMMARY, [TableView(
        frame=frame, title=f"{focus}: {where}", kinds={"of": Kind.COUNT},
        caption=[report.selection.period, report.selection.group, TIE_WORDS[report.ties],
                 "position 1 = the best average rank; of = the areas ranked"])])


def league_section(report: Report) -> Section:
    view = league_view(report.selection, report.ranking, report.ties, report.overall, report.focus)
    return Section(content.LEAGUE, [view])


def themes_section(report: Report) -> Section:
    view = TableView(
        frame=report.themes,
        title="Each theme's league table, by the theme's average rank (1 = best)",
        caption=[report.selection.period, report.selection.group, TIE_WORDS[report.ties]],
        highlight=report.focus,
    )
    return Section(content.THEMES, [view])


def quartiles_section(report: Report) -> Section:
    """The focus area's quartiles, their tally by theme (drawn as bars) and the bottom quartile."""
    result, selection, focus = report.quartiles, report.selection, report.focus
    chart = StackedBarPlan(table=1, categories=THEME, segments=QUARTILE_PARTS,
                           title=f"Quartiles by theme: {focus}", axis_title="Indicators",
                           subtitle=f"{selection.period} · {selection.group} · {method_words(report.method)}")
    return Section(content.QUARTILES, [
        quartiles_view(report.focus_quartiles, result, selection, focus),
        quartiles_view(report.quartile_tally, result, selection, focus, summary=True),
        quartiles_view(report.bottom_quartile, result, selection, focus, extreme=4),
    ], chart)


def travel_section(report: Report) -> Section:
    """Each indicator's direction of travel, and the tally by theme (drawn as bars)."""
    chart = StackedBarPlan(table=1, categories=THEME, segments=DIRECTION_PARTS,
                           title=f"Direction of travel by theme: {report.focus}", axis_title="Indicators",
                           subtitle=f"latest value against the one before; no change within "
                           f"{report.tolerance:.2%}")
    return Section(content.TRAVEL, [
        trend_view(report.trend, report.focus, report.tolerance, "Direction of travel"),
        trend_view(report.trend_tally, report.focus, report.tolerance, "Direction of travel by theme"),
    ], chart)


def dashboard_section(report: Report) -> Section:
    return Section(content.DASHBOARD, [dashboard_view(report.dashboard, report.focus, report.method,
                                                      report.selection, report.tolerance)])


def funding_section(report: Report) -> Section:
    """The funding gap by area and at the group's averages; bars of funding per head beside."""
    gap = report.funding
    assert gap is not None
    when = f" {gap.period}" if gap.period else ""
    chart = BarChartPlan(table=0, categories=AREA, values=PER_HEAD,
                         title=f"Funding per head{when}: {gap.focus} is {position_words(gap)}",
                         axis_title="Funding per head (£)", focus=gap.focus,
                         subtitle=funding_subtitle(gap))
    return Section(content.FUNDING, [funding_view(gap), funding_view(gap, summary=True)], chart)


def spend_section(report: Report) -> Section:
    """The quadrants (and the focus on every theme), the chart's reference lines as a table of
    their own, and the chart beside."""
    import pandas as pd

    result = report.spend
    assert result is not None
    placed = report.focus in set(result.table["area"])
    focus = report.focus if placed else None
    table = result.table
    x_low, x_high = float(table[COMPARATOR_RANK].min()), float(table[COMPARATOR_RANK].max())
    y_low, y_high = float(table["average_rank"].min()), float(table["average_rank"].max())
    lines = pd.DataFrame({
        "line": ["performance line"] * 2 + ["comparator line"] * 2,
        COMPARATOR_RANK: [x_low, x_high, result.comparator_line, result.comparator_line],
        "average_rank": [result.performance_line, result.performance_line, y_low, y_high],
    })
    lines_view = TableView(frame=lines, title=f"Reference lines of the chart (group {result.split.value})",
                           kinds={COMPARATOR_RANK: Kind.NUMBER, "average_rank": Kind.NUMBER})
    tables = [quadrants_view(result, focus)]
    if report.spend_by_theme is not None:
        tables.append(focus_quadrants_view(report.spend_by_theme))
    tables.append(lines_view)
    chart = ScatterPlan(table=0, x=COMPARATOR_RANK, y="average_rank",
                        title=f"Performance against spend per head: {result.theme or 'overall'}",
                        x_title="Spend per head: rank (1 = lowest spend, at the right)",
                        y_title="Average rank (1 = best, at the top)", focus=focus,
                        lines_table=len(tables) - 1, corners=quadrant_corners(result.against),
                        subtitle=quadrant_subtitle(result))
    return Section(content.SPEND, tables, chart)


def data_section(report: Report) -> Section:
    view = TableView(frame=report.data, title="Data: the observations behind the figures",
                     caption=[f"the {len(report.selection.areas)} compared areas, every period",
                              "values as numbers; empty = missing"])
    return Section(content.DATA, [view])
