"""Ranks per indicator, theme and overall average ranks, and league-table positions.

The rules are those of ``docs/methodology.md``: per indicator and period, areas with a value
are ranked 1 = best respecting polarity, ties share the best rank of the tie (competition
ranking, Excel's RANK.EQ); missing values get no rank; indicators with no polarity are not
ranked. Averages are means of ranks (weighted by the indicator weight, 1 by default) and the
position is the competition rank of the average.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING

from benchmark.errors import DataError
from benchmark.model import AREA, INDICATOR, PERIOD, POLARITY, THEME, VALUE, WEIGHT, Polarity
from benchmark.periods import period_order
from benchmark.text import plural

if TYPE_CHECKING:
    import pandas as pd

    from benchmark.selection import Selection  # the io package behind it is not needed for --help

RANK, N, POSITION, AVERAGE_RANK, INDICATORS = "rank", "n", "position", "average_rank", "indicators"
DETAIL_COLUMNS = (INDICATOR, THEME, PERIOD, AREA, VALUE, RANK, N)
# Averages equal to this many decimal places share a position, so that float rounding in
# sums of ranks never splits a real tie.
_TIE_DECIMALS = 9


class Ties(str, Enum):
    """How tied values are ranked (pandas/SQL names)."""

    MIN = "min"  # 1, 2, 2, 4: the default, as RANK.EQ, Fingertips and LAIT
    AVERAGE = "average"  # 1, 2.5, 2.5, 4
    MAX = "max"  # 1, 3, 3, 4
    DENSE = "dense"  # 1, 2, 2, 3


class Overall(str, Enum):
    """How the overall average rank is formed."""

    INDICATORS = "indicators"  # mean over all the area's ranked indicators
    THEMES = "themes"  # mean of the area's theme averages


@dataclass(frozen=True)
class Ranking:
    """A league table with the ranks behind it."""

    table: pd.DataFrame  # [period], position, area, average_rank, indicators, <theme>...
    ranks: pd.DataFrame  # every observation of a ranked indicator with its rank and n, unsorted
    themes: list[str]
    ranked: list[str]  # ranked indicators, in metadata order
    unranked_indicators: list[str]  # no polarity, or no value in the selection
    warnings: list[str]

    @property
    def ranked_indicators(self) -> int:
        return len(self.ranked)

    @cached_property
    def detail(self) -> pd.DataFrame:
        """indicator, theme, period, area, value, rank, n; by indicator, period and rank.
        Sorted only when asked for: the league table does not need it."""
        order = {name: index for index, name in enumerate(self.ranked)}
        detail = self.ranks.assign(_order=lambda f: f[INDICATOR].map(order).astype("int64"),
                                   _period=lambda f: period_order(f[PERIOD]))
        detail = detail.sort_values(["_order", "_period", RANK, AREA], kind="stable", na_position="last")
        return detail[list(DETAIL_COLUMNS)].reset_index(drop=True)


def rank_indicators(frame: pd.DataFrame, ties: Ties = Ties.MIN) -> pd.DataFrame:
    """Rank every indicator and period at once: one row per observation, rank and n added.

    ``frame`` has area, indicator, period, value, polarity (and theme). Rows without a value,
    or whose indicator has no high/low polarity, get no rank.
    """
    import numpy as np
    import pandas as pd

    polarity = frame[POLARITY]
    rankable = polarity.isin([Polarity.HIGH.value, Polarity.LOW.value])
    values = frame[VALUE].where(rankable)
    # One sort order for both polarities: negate values where higher is better.
    signed = pd.Series(np.where(polarity == Polarity.HIGH.value, -values, values), index=frame.index)
    groups = signed.groupby([frame[INDICATOR], frame[PERIOD]], sort=False, observed=True)
    result = frame.assign(**{
        RANK: groups.rank(method=Ties(ties).value, ascending=True),
        N: groups.transform("count").where(rankable),
    })
    if Ties(ties) is not Ties.AVERAGE:
        result[RANK] = result[RANK].astype("Int64")
    result[N] = result[N].astype("Int64")
    return result


def league_table(detail: pd.DataFrame, areas: list[str], themes: list[str],
                 overall: Overall = Overall.INDICATORS, by_period: bool = False) -> pd.DataFrame:
    """Theme and overall average ranks and positions, one row per area (per period if asked)."""
    import pandas as pd

    ranked = detail[detail[RANK].notna()].assign(
        _weighted=lambda f: f[RANK].astype("float64") * f[WEIGHT], _weight=lambda f: f[WEIGHT])
    keys = [PERIOD, AREA] if by_period else [AREA]
    theme_sums = ranked.groupby([*keys, THEME], sort=False, observed=True)[["_weighted", "_weight"]].sum()
    theme_means = (theme_sums["_weighted"] / theme_sums["_weight"]).unstack(THEME)
    present = [theme for theme in themes if theme in theme_means.columns]
    theme_means = theme_means.reindex(columns=present)
    if Overall(overall) is Overall.THEMES:
        average = theme_means.mean(axis=1, skipna=True)
    else:
        sums = ranked.groupby(keys, sort=False, observed=True)[["_weighted", "_weight"]].sum()
        average = sums["_weighted"] / sums["_weight"]
    counts = ranked.groupby(keys, sort=False, observed=True)[INDICATOR].nunique()
    table = pd.DataFrame({AVERAGE_RANK: average, INDICATORS: counts}).join(theme_means)
    table = _with_every_area(table, areas, by_period)
    table[INDICATORS] = table[INDICATORS].fillna(0).astype("int64")
    rounded = table[AVERAGE_RANK].round(_TIE_DECIMALS)
    positions = rounded.groupby(level=PERIOD, observed=True) if by_period else rounded
    table.insert(0, POSITION, positions.rank(method="min").astype("Int64"))
    table = table.reset_index()
    order = [PERIOD] if by_period else []
    if by_period:
        table["_period"] = period_order(table[PERIOD])
    table = table.sort_values(["_period"] * by_period + [POSITION, AREA], na_position="last",
                              kind="stable")
    columns = [*order, POSITION, AREA, AVERAGE_RANK, INDICATORS, *present]
    return table[columns].reset_index(drop=True)


def _with_every_area(table: pd.DataFrame, areas: list[str], by_period: bool) -> pd.DataFrame:
    """Areas of the comparator set with no ranked indicator still appear, with no position."""
    import pandas as pd

    if by_period:
        periods = table.index.get_level_values(PERIOD).unique()
        index = pd.MultiIndex.from_product([periods, areas], names=[PERIOD, AREA])
        present = index[index.isin(table.index)]
        return table.reindex(present.append(index[~index.isin(table.index)]))
    return table.reindex(pd.Index(list(dict.fromkeys([*table.index, *areas])), name=AREA))


def rank(selection: Selection, *, ties: Ties = Ties.MIN, overall: Overall = Overall.INDICATORS,
         by_period: bool = False) -> Ranking:
    """Rank a selection: the per-indicator detail and the league table."""
    import pandas as pd

    detail = rank_indicators(selection.frame, ties)
    ranked_names = set(pd.unique(detail.loc[detail[RANK].notna(), INDICATOR]))
    if not ranked_names:
        raise DataError(
            "nothing to rank: no indicator selected has both a polarity (high or low) and a value; "
            "give polarities in an indicators sheet, an --indicators file or a polarity column, "
            "and check that the values are not all missing"
        )
    ranked = [name for name in selection.indicators if name in ranked_names]
    unranked = [name for name in pd.unique(selection.frame[INDICATOR]) if name not in ranked_names]
    table = league_table(detail, selection.areas, selection.themes, overall, by_period)
    theme_names = set(selection.themes)
    themes = [column for column in table.columns if column in theme_names]
    ranks = detail[detail[INDICATOR].isin(ranked_names)]
    return Ranking(table, ranks, themes, ranked, unranked, _coverage_warnings(table, by_period))


def _coverage_warnings(table: pd.DataFrame, by_period: bool) -> list[str]:
    """Areas whose average rests on far fewer indicators than most (under half the median)."""
    warnings = []
    groups = table.groupby(PERIOD, sort=False, observed=True) if by_period else [(None, table)]
    for period, group in groups:
        typical = group[INDICATORS].median()
        suffix = f" in {period}" if period is not None else ""
        for area, count in zip(group[AREA], group[INDICATORS], strict=True):
            if count == 0:
                warnings.append(f"{area} has no ranked indicator{suffix}, so no position")
            elif count < typical / 2:
                warnings.append(f"{area} is ranked on only {plural(count, 'indicator')}{suffix} where most "
                                f"areas have {typical:g}; its average is not comparable")
    return warnings
