"""The compendium workbook's content: every analysis of one focus area, computed once.

:func:`build_report` runs the analysis API (ranking, themes, quartiles, direction of travel,
dashboard, funding gap, spend against performance) with one set of rules and keeps the results,
the source files' SHA-256 and the reasons any part had to be left out. It writes nothing:
:mod:`benchmark.report.layout` lays the content out as sections, in :data:`SHEETS` order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from benchmark.analysis.attributes import find_indicator
from benchmark.analysis.comparators import find_area
from benchmark.analysis.dashboard import dashboard
from benchmark.analysis.editions import up_to
from benchmark.analysis.funding import FundingGap, funding_gap
from benchmark.analysis.quadrants import FocusQuadrants, Quadrants, quadrants, theme_quadrants
from benchmark.analysis.quartiles import QuartileMethod, Quartiles, quartile_rows, quartiles
from benchmark.analysis.ranking import Overall, Ranking, Ties, rank
from benchmark.analysis.selection import Selection, is_all_periods, select
from benchmark.analysis.trend import DEFAULT_TOLERANCE, tally, trend
from benchmark.core.errors import BenchmarkError, UsageError
from benchmark.core.model import (
    AREA,
    AREA_CODE,
    FUNDING_PER_HEAD,
    INDICATOR,
    NO_THEME,
    PERIOD,
    POLARITY,
    POPULATION,
    SPEND_PER_HEAD,
    THEME,
    VALUE,
    Dataset,
)
from benchmark.core.periods import period_key

if TYPE_CHECKING:
    import pandas as pd

ABOUT, SUMMARY, LEAGUE, THEMES, QUARTILES = "About", "Position", "League table", "Themes", "Quartiles"
TRAVEL, DASHBOARD, FUNDING, SPEND, DATA = ("Direction of travel", "Dashboard", "Funding gap",
                                           "Spend vs performance", "Data")
SHEETS = (ABOUT, SUMMARY, LEAGUE, THEMES, QUARTILES, TRAVEL, DASHBOARD, FUNDING, SPEND, DATA)
SPEND_BY_THEME = "Spend vs performance by theme"  # a table of the Spend sheet, left out on its own
DATA_COLUMNS = (AREA, AREA_CODE, INDICATOR, THEME, POLARITY, PERIOD, VALUE)
THEME_COLUMNS = (THEME, "position", AREA, "average_rank", "indicators")
# What build_report does, in order; a progress display counts these.
STEPS = ("Ranking", "Ranking each theme", "Quartiles", "Direction of travel",
         "Dashboard", "Funding gap", "Spend against performance", "Collecting the data")

Progress = Callable[[str], None]


@dataclass(frozen=True)
class SourceFile:
    """An input the figures came from, with its SHA-256 (None for standard input)."""

    role: str  # "data", "indicators", "areas", "targets"
    path: str
    sha256: str | None


@dataclass(frozen=True)
class Omitted:
    """A sheet (or one table of a sheet) left out, and why."""

    sheet: str
    reason: str


@dataclass(frozen=True, eq=False, repr=False)  # holds frames: compared and shown by identity
class Report:
    """Everything the workbook shows, for one focus area under one set of rules."""

    focus: str
    selection: Selection
    ties: Ties
    overall: Overall
    method: QuartileMethod
    tolerance: float
    ranking: Ranking
    themes: pd.DataFrame  # theme, position, area, average_rank, indicators: each theme's table
    quartiles: Quartiles
    focus_quartiles: pd.DataFrame  # the focus area's quartile on every indicator, with thresholds
    quartile_tally: pd.DataFrame  # by theme, with a Total row
    bottom_quartile: pd.DataFrame  # the 4th-quartile indicators by theme
    trend: pd.DataFrame  # direction of travel, one row per indicator
    trend_tally: pd.DataFrame  # by theme, with a Total row
    dashboard: pd.DataFrame
    funding: FundingGap | None
    spend: Quadrants | None
    spend_by_theme: FocusQuadrants | None
    data: pd.DataFrame  # DATA_COLUMNS: the compared areas' observations, every period
    sources: tuple[SourceFile, ...]
    omitted: tuple[Omitted, ...]
    version: str
    generated: datetime

    @property
    def sheets(self) -> list[str]:
        """The sheets the workbook holds, in reading order."""
        left_out = {omitted.sheet for omitted in self.omitted}
        return [sheet for sheet in SHEETS if sheet not in left_out]

    @property
    def periods(self) -> list[str]:
        """The periods the ranking used, in period order."""
        return sorted(dict.fromkeys(self.selection.frame[PERIOD]), key=period_key)


def sha256_of(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def source_files(source: str | Path, indicators: str | Path | None = None,
                 areas: str | Path | None = None,
                 targets: str | Path | None = None) -> tuple[SourceFile, ...]:
    """The inputs given, each with its SHA-256; standard input ('-') cannot be read twice, so it
    is listed without one."""
    given = (("data", source), ("indicators", indicators), ("areas", areas), ("targets", targets))
    return tuple(SourceFile(role, str(path), None if str(path) == "-" else sha256_of(path))
                 for role, path in given if path is not None)


def tool_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("benchmark")
    except PackageNotFoundError:  # a source tree that is not installed
        return "0.0.0"


def build_report(dataset: Dataset, area: str, *, sources: tuple[SourceFile, ...] = (),
                 group: str | None = None, period: str | None = None, as_at: str | None = None,
                 method: QuartileMethod = QuartileMethod.RANK,
                 tolerance: float = DEFAULT_TOLERANCE, ties: Ties = Ties.MIN,
                 overall: Overall = Overall.INDICATORS, generated: datetime | None = None,
                 progress: Progress | None = None, funding: str | None = None,
                 spend: str | None = None) -> Report:
    """Compute every part of the report for ``area``. ``sources`` are the inputs with their
    SHA-256 (:func:`source_files`, best taken before reading them); ``progress`` is called with
    each of :data:`STEPS` as it starts. Funding and spend per head come from the area metadata's
    columns, or from the indicators ``funding`` and ``spend`` of the data. A funding gap or spend
    sheet whose inputs are missing is left out with the reason, not an error."""
    step = progress or (lambda _: None)
    for name, option in ((funding, "--funding"), (spend, "--spend")):
        if name is not None:
            find_indicator(dataset, name, option)  # a name that is no indicator is refused now
    if is_all_periods(period):
        raise UsageError("--period all: the report shows one period per indicator; give one period, "
                         "or leave --period out for each indicator's latest")
    ties, overall, method = Ties(ties), Overall(overall), QuartileMethod(method)
    selection = select(dataset, group=group, period=period, as_at=as_at)
    focus = find_area(area, selection.areas)
    step(STEPS[0])
    ranking = rank(selection, ties=ties, overall=overall)
    step(STEPS[1])
    themes = theme_tables(selection, ranking.themes, ties, overall)
    step(STEPS[2])
    banded = quartiles(selection, method)
    step(STEPS[3])
    travel = trend(selection, focus, tolerance=tolerance)
    theme_order = list(dict.fromkeys(dataset.indicators[THEME].fillna(NO_THEME)))
    step(STEPS[4])
    board = dashboard(selection, focus, method=method, tolerance=tolerance)
    omitted: list[Omitted] = []
    step(STEPS[5])
    gap = _funding(selection, focus, omitted, funding)
    step(STEPS[6])
    spend_result, by_theme = _spend(selection, focus, ties, overall, omitted, spend)
    step(STEPS[7])
    return Report(
        focus=focus, selection=selection, ties=ties, overall=overall, method=method,
        tolerance=tolerance, ranking=ranking, themes=themes, quartiles=banded,
        focus_quartiles=quartile_rows(banded, focus, thresholds=True),
        quartile_tally=quartile_rows(banded, focus, summary=True),
        bottom_quartile=quartile_rows(banded, focus, extreme=4),
        trend=travel, trend_tally=tally(travel, theme_order), dashboard=board,
        funding=gap, spend=spend_result, spend_by_theme=by_theme,
        data=observations_of(dataset, selection.areas, until=as_at or period), sources=sources,
        omitted=tuple(omitted),
        version=tool_version(), generated=generated or datetime.now(UTC),
    )


def theme_tables(selection: Selection, themes: list[str], ties: Ties, overall: Overall) -> pd.DataFrame:
    """Each theme's own league table (position by the theme's average rank), one after another."""
    import pandas as pd

    frames = []
    for theme in themes:
        table = rank(selection.with_theme(theme), ties=ties, overall=overall).table
        frames.append(table.assign(**{THEME: theme})[list(THEME_COLUMNS)])
    if not frames:
        return pd.DataFrame(columns=list(THEME_COLUMNS))
    return pd.concat(frames, ignore_index=True)


def observations_of(dataset: Dataset, areas: list[str], until: str | None = None) -> pd.DataFrame:
    """The compared areas' observations in every period (ending by the end of ``until``, an
    edition or a --period, when given), with each indicator's theme and polarity."""
    observations = dataset.observations[dataset.observations[AREA].isin(areas)]
    if until is not None:
        observations = observations[up_to(observations[PERIOD], until)]
    metadata = dataset.indicators[[INDICATOR, THEME, POLARITY]].assign(
        **{THEME: dataset.indicators[THEME].fillna(NO_THEME)})
    joined = observations.merge(metadata, on=INDICATOR, how="left")
    return joined[list(DATA_COLUMNS)].reset_index(drop=True)


def _funding(selection: Selection, focus: str, omitted: list[Omitted],
             funding: str | None) -> FundingGap | None:
    columns = set(selection.dataset.areas.columns)
    needed = (POPULATION,) if funding is not None else (FUNDING_PER_HEAD, POPULATION)
    missing = [column for column in needed if column not in columns]
    if missing:
        omitted.append(Omitted(FUNDING, "the area metadata has no "
                               + " or ".join(f"'{column}' column" for column in missing)))
        return None
    try:
        return funding_gap(selection, focus, funding=funding, as_at=selection.as_at)
    except BenchmarkError as error:
        omitted.append(Omitted(FUNDING, str(error)))
        return None


def _spend(selection: Selection, focus: str, ties: Ties, overall: Overall, omitted: list[Omitted],
           spend: str | None) -> tuple[Quadrants | None, FocusQuadrants | None]:
    if spend is None and SPEND_PER_HEAD not in selection.dataset.areas.columns:
        omitted.append(Omitted(SPEND, f"the area metadata has no '{SPEND_PER_HEAD}' column"))
        return None, None
    try:
        result = quadrants(selection, ties=ties, overall=overall, comparator=spend)
    except BenchmarkError as error:
        omitted.append(Omitted(SPEND, str(error)))
        return None, None
    try:
        by_theme = theme_quadrants(selection, focus, ties=ties, overall=overall, comparator=spend)
    except BenchmarkError as error:  # e.g. a --period that some theme does not have
        omitted.append(Omitted(SPEND_BY_THEME, str(error)))
        by_theme = None
    return result, by_theme
