"""Ranking a selection: the ranks per indicator (``ranks``) and the league table (``league``).

The rules are those of ``docs/methodology.md``: per indicator and period, areas with a value
are ranked 1 = best respecting polarity, ties share the best rank of the tie (competition
ranking, Excel's RANK.EQ); missing values get no rank; indicators with no polarity are not
ranked. Averages are means of ranks (weighted by the indicator weight, 1 by default) and the
position is the competition rank of the average.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from benchmark.analysis.league import AVERAGE_RANK, INDICATORS, POSITION, league_table
from benchmark.analysis.ranks import DETAIL_COLUMNS, RANK, N, rank_indicators
from benchmark.core.errors import DataError
from benchmark.core.methods import Overall, Ties
from benchmark.core.model import AREA, INDICATOR, PERIOD
from benchmark.core.periods import period_order
from benchmark.core.text import plural

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from benchmark.analysis.selection import Selection  # the io package behind it is not needed for --help

__all__ = ["AVERAGE_RANK", "DETAIL_COLUMNS", "INDICATORS", "N", "POSITION", "RANK", "Overall", "Ranking",
           "Ties", "league_table", "rank", "rank_indicators"]


@dataclass(frozen=True, eq=False, repr=False)  # holds frames: compared and shown by identity
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


def rank(selection: Selection, *, ties: Ties = Ties.MIN, overall: Overall = Overall.INDICATORS,
         by_period: bool = False) -> Ranking:
    """Rank a selection: the per-indicator detail and the league table (made once per
    selection and rules; the same Ranking is returned again)."""
    key = (Ties(ties), Overall(overall), by_period)
    made = selection.rankings.get(key)
    if made is None:
        made = selection.rankings[key] = _ranked(selection, *key)
    return made


def _ranked(selection: Selection, ties: Ties, overall: Overall, by_period: bool) -> Ranking:
    detail = rank_indicators(selection.frame, ties)
    ranked_names, unranked = _ranked_or_not(detail[INDICATOR], detail[RANK].notna().to_numpy())
    if not ranked_names:
        raise DataError(
            "nothing to rank: no indicator selected has both a polarity (high or low) and a value; "
            "give polarities in an indicators sheet, an --indicators file or a polarity column, "
            "and check that the values are not all missing"
        )
    ranked = [name for name in selection.indicators if name in ranked_names]
    table = league_table(detail, selection.areas, selection.themes, overall, by_period)
    theme_names = set(selection.themes)
    themes = [column for column in table.columns if column in theme_names]
    ranks = detail[detail[INDICATOR].isin(ranked_names).to_numpy()] if unranked else detail
    return Ranking(table, ranks, themes, ranked, unranked, _coverage_warnings(table, by_period))


def _ranked_or_not(column: pd.Series, ranked_rows: np.ndarray) -> tuple[set[str], list[str]]:
    """The indicators ranked on some row, and the others, in order of first appearance. By code
    for a categorical: two counts of small integers rather than hashing every row."""
    import numpy as np
    import pandas as pd

    if not isinstance(column.dtype, pd.CategoricalDtype):
        ranked = set(pd.unique(column[ranked_rows]))
        return ranked, [name for name in pd.unique(column) if name not in ranked]
    categories = column.cat.categories
    code = column.array.codes
    shifted = code.astype(np.intp) + 1  # 0: no indicator
    present = np.bincount(shifted, minlength=len(categories) + 1)[1:] > 0
    shifted[~ranked_rows] = 0
    seen = np.bincount(shifted, minlength=len(categories) + 1)[1:] > 0
    others = np.flatnonzero(present & ~seen)
    if len(others) == 0:
        return set(categories[seen]), []
    in_order = pd.unique(code[np.isin(code, others)])
    return set(categories[seen]), [categories[number] for number in in_order]


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
