"""Ranks per indicator and period: 1 = best respecting polarity, ties by the chosen rule.

The rules are those of ``docs/methodology.md``: per indicator and period, areas with a value
are ranked 1 = best respecting polarity, ties share the best rank of the tie (competition
ranking, Excel's RANK.EQ); missing values get no rank; indicators with no polarity are not
ranked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from benchmark.core.distinct import codes
from benchmark.core.methods import Ties
from benchmark.core.model import AREA, INDICATOR, PERIOD, POLARITY, THEME, VALUE, Polarity

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

RANK, N = "rank", "n"
DETAIL_COLUMNS = (INDICATOR, THEME, PERIOD, AREA, VALUE, RANK, N)


def rank_indicators(frame: pd.DataFrame, ties: Ties = Ties.MIN) -> pd.DataFrame:
    """Rank every indicator and period at once: one row per observation, rank and n added.

    ``frame`` has area, indicator, period, value, polarity (and theme). Rows without a value,
    or whose indicator has no high/low polarity, get no rank; n, the number of areas ranked on
    the indicator in the period, is on every row whose indicator has a polarity.
    """
    import numpy as np
    import pandas as pd

    ties = Ties(ties)
    high, low = (_equals(frame[POLARITY], polarity.value) for polarity in (Polarity.HIGH, Polarity.LOW))
    group, groups = _group_codes(frame[INDICATOR], frame[PERIOD])
    rankable = (high | low) & (group >= 0)
    values = frame[VALUE].to_numpy(dtype="float64", na_value=np.nan)
    unranked = ~rankable | np.isnan(values)
    within, counts = _ranks_within(group, groups, unranked, values, high, ties)
    n = nullable_integers(counts[group], ~rankable)  # group -1 (not rankable) takes any count
    if ties is Ties.AVERAGE:
        within[unranked] = np.nan
        rank_column = within
    else:
        rank_column = nullable_integers(within, unranked)
    # As Series, the new columns join the frame without being copied.
    return frame.assign(**{RANK: pd.Series(rank_column, index=frame.index, copy=False),
                           N: pd.Series(n, index=frame.index, copy=False)})


def _equals(column: pd.Series, value: str) -> np.ndarray:
    """Whether each cell of ``column`` is ``value``; a categorical is compared by its codes."""
    import numpy as np
    import pandas as pd

    if isinstance(column.dtype, pd.CategoricalDtype):
        categories = column.cat.categories
        if value not in categories:
            return np.zeros(len(column), dtype=bool)
        return column.array.codes == categories.get_loc(value)
    return (column == value).to_numpy(dtype=bool, na_value=False)


def nullable_integers(numbers: np.ndarray, missing: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """An Int64 array from whole numbers and a mask, without pd.array's checks of every value."""
    import numpy as np
    import pandas as pd

    return pd.arrays.IntegerArray(numbers.astype(np.int64, copy=False), missing)


def _group_codes(indicator: pd.Series, period: pd.Series) -> tuple[np.ndarray, int]:
    """One integer per row for its (indicator, period), -1 where either is missing, and how many
    such integers there can be. Categoricals give theirs by their codes, without hashing."""
    import numpy as np

    (indicators, indicator_names), (periods, period_names) = codes(indicator), codes(period)
    indicator_count, period_count = len(indicator_names), len(period_names)
    groups = indicator_count * period_count
    group = indicators.astype(np.int32 if groups < 2**31 else np.int64)
    np.multiply(group, period_count, out=group)
    np.add(group, periods, out=group)
    group[(indicators < 0) | (periods < 0)] = -1
    return group, groups


def _ranks_within(group: np.ndarray, groups: int, unranked: np.ndarray, values: np.ndarray,
                  negate: np.ndarray, ties: Ties) -> tuple[np.ndarray, np.ndarray]:
    """Competition ranks (or ``ties``) of ``values`` within each group, ascending, or descending
    on the rows ``negate`` marks; and how many rows each group has (groups 0 to ``groups`` - 1,
    and ``groups`` for the rows ``unranked``).

    Every row is ranked, the unranked in a group of their own whose ranks are not used: cheaper
    than picking the ranked rows out and putting them back. Arrays are let go as soon as they
    are used: at ten million rows each costs 40 to 80 MB."""
    import numpy as np

    # One order for both polarities: the values negated where higher is better (+ 0.0 makes
    # -0.0 plain 0.0, which it equals anyway).
    signed = np.negative(values, where=negate, out=values.copy())
    signed += 0.0
    numbered = _numbered(signed)
    if numbered is None:
        return ranks_by_sorting(np.where(unranked, groups, group), groups + 1, signed, ties)
    del signed
    place, width = numbered
    del numbered
    if (groups + 1) * width > 4 * len(group) + 1_000_000:  # the places rank as the values they stand for
        return ranks_by_sorting(np.where(unranked, groups, group), groups + 1, place, ties)
    key = group.astype(np.intp)  # as np.bincount takes it: given int32, it makes this copy itself
    key[unranked] = groups
    key *= width
    key += place
    del place
    return _ranks_by_counting(key, groups + 1, width, ties)


def _numbered(values: np.ndarray) -> tuple[np.ndarray, int] | None:
    """Each value's place among the distinct values in ascending order (NaN last), and how many
    there are; None when the values are mostly distinct and sorting them is cheaper."""
    import numpy as np
    import pandas as pd

    sample = values[:: max(1, len(values) // 100_000)]
    if len(np.unique(sample)) > len(sample) // 4:
        return None
    found, distinct = pd.factorize(values, use_na_sentinel=False)  # unsorted: twice as fast
    place = np.empty(len(distinct), dtype=np.int32)
    place[np.argsort(distinct)] = np.arange(len(distinct))
    return place[found], len(distinct)


def ranks_by_sorting(group: np.ndarray, groups: int, values: np.ndarray,
                      ties: Ties) -> tuple[np.ndarray, np.ndarray]:
    """Ranks by one sort: order by value, then stably by group, and count along runs of equal values."""
    import numpy as np

    counts = np.bincount(group, minlength=groups)
    if len(values) == 0:
        return np.empty(0, dtype=np.int64), counts
    by_value = np.argsort(values)
    # A stable sort of small integers is a radix sort in numpy: linear, where sorting on
    # (group, value) pairs (np.lexsort, or pandas' grouped rank) takes several times longer.
    narrow = np.uint16 if groups <= 2**16 else np.int64
    order = by_value[np.argsort(group[by_value].astype(narrow), kind="stable")]
    sorted_group, sorted_value = group[order], values[order]
    size = len(order)
    new_group = np.empty(size, dtype=bool)
    new_group[0] = True
    np.not_equal(sorted_group[1:], sorted_group[:-1], out=new_group[1:])
    new_run = new_group.copy()
    new_run[1:] |= sorted_value[1:] != sorted_value[:-1]
    index = np.arange(size)
    group_start = np.maximum.accumulate(np.where(new_group, index, 0))
    if ties is Ties.DENSE:
        run_number = np.cumsum(new_run)
        sorted_ranks = run_number - run_number[group_start] + 1
    else:
        run_start = np.maximum.accumulate(np.where(new_run, index, 0))
        sorted_ranks = run_start - group_start + 1
        if ties is not Ties.MIN:
            starts = np.flatnonzero(new_run)
            ends = np.append(starts[1:], size)  # one past each run's last row
            highest = ends[np.cumsum(new_run) - 1] - group_start
            sorted_ranks = highest if ties is Ties.MAX else (sorted_ranks + highest) / 2
    ranks = np.empty(size, dtype=sorted_ranks.dtype)
    ranks[order] = sorted_ranks
    return ranks, counts


def _ranks_by_counting(key: np.ndarray, groups: int, width: int, ties: Ties) -> tuple[np.ndarray, np.ndarray]:
    """The same ranks without sorting the rows, when values repeat a lot (indicators published
    to one decimal place, ranks of ranks). ``key`` is each row's group x ``width`` + its value's
    place among the distinct values: count the rows of each such pair with bincount, and a
    row's competition rank is one more than the rows before its pair within its group."""
    import numpy as np

    table: np.ndarray = np.bincount(key, minlength=groups * width).reshape(groups, width)
    counts = table.sum(axis=1)
    if ties is Ties.DENSE:
        table = (table > 0).astype(np.int64)  # distinct values, not rows
    np.cumsum(table, axis=1, out=table)  # rows (or values, for dense) up to each pair in its group
    if ties is Ties.MIN or ties is Ties.AVERAGE:
        before = np.zeros_like(table)  # rows before each pair in its group
        before[:, 1:] = table[:, :-1]
        before += 1
        table = before if ties is Ties.MIN else (before + table) / 2
    return table.ravel()[key], counts
