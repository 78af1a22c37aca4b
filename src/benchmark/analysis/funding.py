"""Funding gap: what a focus authority would receive if it were funded per head like another.

For a focus authority F with funding per head f_F and population P_F, every compared area c
gives a difference d_c = f_c - f_F and an additional funding figure A_c = d_c x P_F (negative
where c gets less than F). The same two figures at the group's mean, median, upper quartile and
maximum per head answer "what would fair look like". The rules are in ``docs/methodology.md``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from benchmark.analysis.attributes import find_indicator
from benchmark.analysis.comparators import find_area
from benchmark.analysis.editions import edition
from benchmark.analysis.selection import Selection
from benchmark.core.errors import DataError, UsageError
from benchmark.core.headers import normalise_header
from benchmark.core.model import (
    AREA,
    AREA_CODE,
    FUNDING_PER_HEAD,
    INDICATOR,
    PERIOD,
    POPULATION,
    VALUE,
    Dataset,
)
from benchmark.core.periods import parse_period, recency_key, same_period

if TYPE_CHECKING:
    import pandas as pd

PER_HEAD = "per_head"
DIFFERENCE = "difference_per_head"
ADDITIONAL = "additional_funding"
GAP_COLUMNS = (AREA, PER_HEAD, DIFFERENCE, ADDITIONAL)
STATISTIC = "statistic"
BENCHMARK_COLUMNS = (STATISTIC, AREA, PER_HEAD, DIFFERENCE, ADDITIONAL)
MEAN, MEDIAN, UPPER_QUARTILE, MAXIMUM = "mean", "median", "upper quartile", "maximum"
UPPER_QUARTILE_AT = 0.75  # pandas quantile, linear interpolation: Excel's QUARTILE.INC

_TRAILING_PERIOD = re.compile(r"(?:^|\s)(\d{4})(?:\s(\d{2}|\d{4}))?$")
_PERIOD_ONLY = re.compile(r"\d{4}(?:\s(?:\d{2}|\d{4}))?")


@dataclass(frozen=True, eq=False, repr=False)  # holds frames: compared and shown by identity
class PerHead:
    """Per-head funding in long form, whatever the layout it was read from."""

    frame: pd.DataFrame  # area, period, per_head, population (NaN where not given), column
    measure: str  # as asked for: a column, or the stem of one column per period
    periods: list[str]  # in period order; [""] for a single column with no period in its name


@dataclass(frozen=True, eq=False, repr=False)  # holds frames: compared and shown by identity
class FundingGap:
    """The gap between a focus authority and every compared area, in one period."""

    table: pd.DataFrame  # area, per_head, difference_per_head, additional_funding; highest first
    benchmarks: pd.DataFrame  # statistic, area, per_head, difference_per_head, additional_funding
    focus: str
    focus_per_head: float
    population: float
    position: int  # 1 = the highest per head among the compared (ties share the better place)
    areas_lower: int  # compared areas funded less per head than the focus
    compared: int  # areas with a per-head value, the focus included
    excluded: list[str]  # compared areas without a per-head value
    measure: str  # the column read
    period: str  # "" when the column names no period
    group: str  # "all 150 areas in seed.csv", "two_tier_county=yes (27 areas)"
    warnings: tuple[str, ...] = ()  # of the --group: members missing from the data

    def find(self, name: str, option: str = "--vs") -> str:
        """The compared area called ``name`` (any case), or a usage error naming near matches."""
        for area in self.excluded:
            if area.casefold() == name.strip().casefold():
                where = f" in {self.period}" if self.period else ""
                raise UsageError(f"{option} {name}: {area} has no {self.measure} value{where}, "
                                 "so there is nothing to compare with")
        return find_area(name, list(self.table[AREA]), option)

    def row(self, area: str) -> pd.DataFrame:
        """The table's row for one area (found as by :meth:`find`)."""
        return self.table[self.table[AREA] == self.find(area)].reset_index(drop=True)


@dataclass(frozen=True)
class FundingGapOverTime:
    """One :class:`FundingGap` per period, in period order."""

    gaps: list[FundingGap]

    @property
    def table(self) -> pd.DataFrame:
        """period, area, per_head, difference_per_head, additional_funding."""
        return _stack([gap.table for gap in self.gaps], [gap.period for gap in self.gaps])

    @property
    def benchmarks(self) -> pd.DataFrame:
        return _stack([gap.benchmarks for gap in self.gaps], [gap.period for gap in self.gaps])

    def find(self, name: str, option: str = "--vs") -> str:
        areas = list(dict.fromkeys(area for gap in self.gaps for area in gap.table[AREA]))
        return find_area(name, areas, option)


def gap_table(per_head: pd.Series, focus: str, population: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The arithmetic: ``per_head`` is indexed by area (no missing values, the focus included).

    Returns the table (highest per head first; equal values keep their input order) and the
    benchmarks at the group's mean, median, upper quartile and maximum.
    """
    import pandas as pd

    focus_value = float(per_head[focus])
    ordered = per_head.astype("float64").sort_values(ascending=False, kind="stable")
    difference = ordered - focus_value
    table = pd.DataFrame({AREA: ordered.index.to_numpy(), PER_HEAD: ordered.to_numpy(),
                          DIFFERENCE: difference.to_numpy(),
                          ADDITIONAL: (difference * population).to_numpy()})
    statistics = [
        (MEAN, None, float(ordered.mean())),
        (MEDIAN, None, float(ordered.median())),
        (UPPER_QUARTILE, None, float(ordered.quantile(UPPER_QUARTILE_AT))),
        (MAXIMUM, str(ordered.index[0]), float(ordered.iloc[0])),
    ]
    benchmarks = pd.DataFrame(statistics, columns=[STATISTIC, AREA, PER_HEAD])
    benchmarks[DIFFERENCE] = benchmarks[PER_HEAD] - focus_value
    benchmarks[ADDITIONAL] = benchmarks[DIFFERENCE] * population
    return table, benchmarks


def per_head_values(dataset: Dataset, measure: str | None = None) -> PerHead:
    """Per-head funding from area metadata: the column ``measure`` (default funding_per_head).

    With a ``period`` column the table is long and the column holds every period. Without one,
    ``measure`` is either a column (``csp_per_head_2018_19``: one period, named by the year at
    the end of the header) or the stem of one column per period (``csp_per_head`` finds
    ``csp_per_head_2017_18`` and ``csp_per_head_2018_19``, periods 2017/18 and 2018/19).
    """
    import pandas as pd

    areas = dataset.areas
    wanted = (measure or FUNDING_PER_HEAD).strip()
    headers = {normalise_header(c): str(c) for c in areas.columns
               if c not in (AREA, AREA_CODE, PERIOD, POPULATION)}
    exact = headers.get(normalise_header(wanted))
    if exact is not None:
        label = "" if PERIOD in areas.columns else _period_label(normalise_header(exact))
        columns = {label: exact}
    elif PERIOD in areas.columns:
        columns = {}
    else:
        stem = normalise_header(wanted) + " "
        columns = {_period_label(name): header for name, header in headers.items()
                   if name.startswith(stem) and _PERIOD_ONLY.fullmatch(name[len(stem):])}
    if not columns:
        found = ", ".join(f"'{header}'" for header in headers.values()) or "none"
        raise DataError(f"{dataset.source}: no per-head column '{wanted}'"
                        + ("" if PERIOD in areas.columns else f" nor columns '{wanted}_<year>'")
                        + f"; columns found: {found}. Name the column with --measure")
    population = (areas[POPULATION] if POPULATION in areas.columns
                  else pd.Series(float("nan"), index=areas.index))
    frames = []
    for label, header in columns.items():
        frames.append(pd.DataFrame({
            AREA: areas[AREA].to_numpy(),
            PERIOD: areas[PERIOD].to_numpy() if label == "" and PERIOD in areas.columns else label,
            PER_HEAD: _numbers(areas, header, dataset.source).to_numpy(),
            POPULATION: population.astype("float64").to_numpy(),
            "column": header,
        }))
    frame = pd.concat(frames, ignore_index=True)
    periods = sorted(dict.fromkeys(frame[PERIOD]), key=recency_key)
    return PerHead(frame, wanted, periods)


def indicator_per_head(dataset: Dataset, indicator: str) -> PerHead:
    """Per-head funding from an indicator of the data (``--funding``, such as "Spending power
    per head" written by ``benchmark import``), in every period it has; populations from the
    area metadata's population column."""
    import pandas as pd

    name = find_indicator(dataset, indicator, "--funding")
    observations = dataset.observations
    rows = observations[(observations[INDICATOR] == name).to_numpy()]
    areas = dataset.areas.drop_duplicates(AREA).set_index(AREA)
    people = (pd.to_numeric(areas[POPULATION], errors="coerce") if POPULATION in areas.columns
              else pd.Series(dtype="float64"))
    frame = pd.DataFrame({
        AREA: rows[AREA].astype(object).to_numpy(),
        PERIOD: rows[PERIOD].astype(str).to_numpy(),
        PER_HEAD: rows[VALUE].astype("float64").to_numpy(),
        POPULATION: rows[AREA].astype(object).map(people).astype("float64").to_numpy(),
        "column": name,
    })
    return PerHead(frame, name, sorted(dict.fromkeys(frame[PERIOD]), key=recency_key))


def funding_gap(selection: Selection, area: str, *, measure: str | None = None,
                population: float | None = None, period: str | None = None,
                funding: str | None = None, as_at: str | None = None) -> FundingGap:
    """The funding gap of ``area`` in one period (default: the latest the data has; ``as_at``:
    the latest ending by the end of that edition), among the selection's group (every area of
    the area metadata when no --group chose one): per head from the area metadata's ``measure``
    column, or from the indicator ``funding`` of the data."""
    values = _per_head(selection.dataset, measure, funding)
    compared, group_words, warnings = _compared(selection, area)
    return _gap(values, compared, group_words, find_area(area, compared, "--area"), population,
                _choose_period(values, period, as_at), warnings)


def funding_gap_over_time(selection: Selection, area: str, *, measure: str | None = None,
                          population: float | None = None,
                          funding: str | None = None) -> FundingGapOverTime:
    """The funding gap of ``area`` in every period of the per-head data, in period order."""
    values = _per_head(selection.dataset, measure, funding)
    compared, group_words, warnings = _compared(selection, area)
    focus = find_area(area, compared, "--area")
    return FundingGapOverTime([_gap(values, compared, group_words, focus, population, chosen, warnings)
                               for chosen in values.periods])


def _per_head(dataset: Dataset, measure: str | None, funding: str | None) -> PerHead:
    if funding is None:
        return per_head_values(dataset, measure)
    if measure is not None:
        raise UsageError("--measure names a column of the areas table and --funding an indicator of "
                         "the data; give one of them")
    return indicator_per_head(dataset, funding)


def _gap(values: PerHead, compared: list[str], group_words: str, focus: str,
         population: float | None, period: str, warnings: tuple[str, ...] = ()) -> FundingGap:
    frame = values.frame[values.frame[PERIOD] == period]
    frame = frame[frame[AREA].isin(compared)].set_index(AREA)
    column = str(frame["column"].iloc[0]) if len(frame) else values.measure
    per_head = frame[PER_HEAD].reindex(compared)
    where = f" in {period}" if period else ""
    if per_head.isna().get(focus, True):
        raise DataError(f"{focus} has no {column} value{where}; fill it in, or choose another "
                        "--measure" + (" or --period" if len(values.periods) > 1 else ""))
    people = _population(frame, focus, population, column, where)
    present = per_head.dropna()
    table, benchmarks = gap_table(present, focus, people)
    focus_value = float(present[focus])
    return FundingGap(
        table=table, benchmarks=benchmarks, focus=focus, focus_per_head=focus_value,
        population=people, position=int((present > focus_value).sum()) + 1,
        areas_lower=int((present < focus_value).sum()), compared=len(present),
        excluded=[name for name in compared if name not in present.index],
        measure=column, period=period, group=group_words, warnings=warnings,
    )


def _population(frame: pd.DataFrame, focus: str, given: float | None, column: str, where: str) -> float:
    if given is not None:
        if not 0 < given < math.inf:
            raise UsageError(f"--population {given:g}: a population must be above 0 and finite")
        return float(given)
    value = frame[POPULATION].get(focus, float("nan"))
    if value != value:
        raise DataError(f"no population for {focus}{where}, needed to turn {column} into pounds a "
                        "year; pass --population N (e.g. --population 682500), or add a "
                        "'population' column to the areas table")
    if not value > 0:
        raise DataError(f"the population of {focus}{where} is {value:g}; it must be above 0: "
                        "correct it, or pass --population N")
    return float(value)


def _compared(selection: Selection, focus: str) -> tuple[list[str], str, tuple[str, ...]]:
    """The compared areas (the focus among them), words for them, and warnings about them."""
    dataset = selection.dataset
    every = list(dict.fromkeys(dataset.areas[AREA]))
    name = find_area(focus, every, "--area")
    warnings: tuple[str, ...] = ()
    if not selection.grouped:
        matched, words = every, f"all {len(every)} areas in {Path(dataset.source).name}"
    else:
        matched, words = list(dict.fromkeys(selection.areas)), selection.group
        warnings = selection.group_warnings
        words = re.sub(r"\(\d+ areas\)$", f"({len(matched)} areas)", words)
        if name not in matched:
            raise UsageError(f"--area {focus}: {name} is not in the group {words}; choose a --group "
                             "that includes it, or leave --group out to compare every area")
    return matched, words, (*warnings, *_reorganised(dataset, matched))


def _reorganised(dataset: Dataset, compared: list[str]) -> list[str]:
    """A county compared with its successor (the area metadata's codes decide, as in ranking)."""
    from benchmark.geography import AreaMatcher, mixed_reorganisations

    matcher = AreaMatcher.shipped()
    areas = dataset.areas[dataset.areas[AREA].isin(compared)]
    codes = areas[AREA_CODE] if AREA_CODE in areas.columns else [None] * len(areas)
    found = {matcher.match(name, code) for name, code in zip(areas[AREA], codes, strict=True)}
    return mixed_reorganisations({area for area in found if area}, matcher)


def _choose_period(values: PerHead, period: str | None, as_at: str | None = None) -> str:
    if period is not None and as_at is not None:
        raise UsageError(f"--period {period} --as-at {as_at}: give one of them")
    if as_at is not None and values.periods != [""]:  # a column naming no period cannot be dated
        end = edition(as_at).end
        within = [p for p in values.periods if (q := parse_period(p)) is not None and q.end <= end
                  or same_period(p, as_at)]
        if not within:
            raise UsageError(f"--as-at {as_at}: no period of {values.measure} ends by the end of it; "
                             f"periods: {', '.join(repr(p) for p in values.periods)}")
        return within[-1]
    if period is None:
        return values.periods[-1]
    if values.periods == [""]:
        raise UsageError(f"--period {period}: the column '{values.measure}' names no period; "
                         "leave --period out")
    for candidate in values.periods:
        if _fold(candidate) == _fold(period) or same_period(candidate, period):
            return candidate
    listed = ", ".join(f"'{p}'" for p in values.periods)
    raise UsageError(f"--period {period}: no such period for {values.measure}; periods: {listed}")


def _numbers(areas: pd.DataFrame, header: str, source: str) -> pd.Series:
    import pandas as pd

    from benchmark.core.values import parse_values

    column = areas[header]
    if pd.api.types.is_float_dtype(column.dtype):
        return column
    numbers, bad = parse_values(column)
    if bad:
        more = f" (and {len(bad) - 1} more)" if len(bad) > 1 else ""
        raise DataError(f"{source}: {areas[AREA].iloc[bad[0].position]}, column '{header}': "
                        f"{bad[0].reason}{more}; use a number (£ and commas are fine) or leave "
                        "the cell blank")
    return numbers


def _period_label(name: str) -> str:
    """'csp per head 2018 19' -> '2018/19'; 'csp per head 2018' -> '2018'; no year -> ''."""
    match = _TRAILING_PERIOD.search(name)
    if match is None:
        return ""
    return match.group(1) + (f"/{match.group(2)}" if match.group(2) else "")


def _fold(period: str) -> str:
    return re.sub(r"[\s_\-/\u2010\u2013]+", "/", period.strip().casefold())


def _stack(frames: list[pd.DataFrame], periods: list[str]) -> pd.DataFrame:
    import pandas as pd

    stacked = [frame.assign(**{PERIOD: period}) for frame, period in zip(frames, periods, strict=True)]
    combined = pd.concat(stacked, ignore_index=True)
    return combined[[PERIOD, *frames[0].columns]]
