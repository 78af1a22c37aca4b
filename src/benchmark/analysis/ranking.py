"""Ranks per indicator, theme and overall average ranks, and league-table positions.

The rules are those of ``docs/methodology.md``: per indicator and period, areas with a value
are ranked 1 = best respecting polarity, ties share the best rank of the tie (competition
ranking, Excel's RANK.EQ); missing values get no rank; indicators with no polarity are not
ranked. Averages are means of ranks (weighted by the indicator weight, 1 by default) and the
position is the competition rank of the average.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from benchmark.core.distinct import codes, combined_codes
from benchmark.core.errors import DataError
from benchmark.core.methods import Overall, Ties
from benchmark.core.model import AREA, INDICATOR, PERIOD, POLARITY, THEME, VALUE, WEIGHT, Polarity
from benchmark.core.periods import period_order
from benchmark.core.text import plural

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from benchmark.analysis.selection import Selection  # the io package behind it is not needed for --help

RANK, N, POSITION, AVERAGE_RANK, INDICATORS = "rank", "n", "position", "average_rank", "indicators"
DETAIL_COLUMNS = (INDICATOR, THEME, PERIOD, AREA, VALUE, RANK, N)
# Averages equal to this many decimal places share a position, so that float rounding in
# sums of ranks never splits a real tie.
_TIE_DECIMALS = 9


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
    n = _nullable_integers(counts[group], ~rankable)  # group -1 (not rankable) takes any count
    if ties is Ties.AVERAGE:
        within[unranked] = np.nan
        rank_column = within
    else:
        rank_column = _nullable_integers(within, unranked)
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


def _nullable_integers(numbers: np.ndarray, missing: np.ndarray) -> pd.api.extensions.ExtensionArray:
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
        return _ranks_by_sorting(np.where(unranked, groups, group), groups + 1, signed, ties)
    del signed
    place, width = numbered
    del numbered
    if (groups + 1) * width > 4 * len(group) + 1_000_000:  # the places rank as the values they stand for
        return _ranks_by_sorting(np.where(unranked, groups, group), groups + 1, place, ties)
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


def _ranks_by_sorting(group: np.ndarray, groups: int, values: np.ndarray,
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


def league_table(detail: pd.DataFrame, areas: list[str], themes: list[str],
                 overall: Overall = Overall.INDICATORS, by_period: bool = False) -> pd.DataFrame:
    """Theme and overall average ranks and positions, one row per area (per period if asked)."""
    keys = [PERIOD, AREA] if by_period else [AREA]
    sums = _summed(detail, keys) or _grouped(detail, keys)
    present = [theme for theme in themes if theme in sums.themes]
    taken = [theme for theme in present if theme in (PERIOD, POSITION, AREA, AVERAGE_RANK, INDICATORS)]
    if taken:
        raise DataError(f"a theme is called '{taken[0]}', as a column of the league table is; give the "
                        "theme another name in the indicator metadata")
    theme_means, average = _averages(sums, present, overall)
    return _placed(sums, keys, areas, average, {AVERAGE_RANK: average, INDICATORS: sums.indicators,
                                                **dict(zip(present, theme_means, strict=True))})


def _averages(sums: _Sums, themes: list[str], overall: Overall) -> tuple[np.ndarray, np.ndarray]:
    """Each key's mean rank in each of ``themes`` (themes x keys), and its overall average."""
    import numpy as np

    rows = [sums.themes.index(theme) for theme in themes]
    with np.errstate(invalid="ignore", divide="ignore"):  # 0 / 0 (all weights 0) is NaN, as in pandas
        theme_means = sums.theme_weighted[rows] / sums.theme_weight[rows]
        if Overall(overall) is Overall.THEMES:  # the theme means added in theme order
            counted = (~np.isnan(theme_means)).sum(axis=0)
            return theme_means, np.where(counted > 0, np.nansum(theme_means, axis=0) / counted, np.nan)
        return theme_means, sums.weighted / sums.weight


def _placed(sums: _Sums, keys: list[str], areas: list[str], average: np.ndarray,
            columns: dict[str, np.ndarray]) -> pd.DataFrame:
    """The league table: ``columns`` (one value per key of ``sums``) for every area of the
    comparator set, in every period, those without a rank unplaced; positions by ``average``."""
    import numpy as np
    import pandas as pd

    by_period = PERIOD in keys
    if by_period:
        table_keys = pd.MultiIndex.from_product([pd.Index(sums.keys[PERIOD]).unique(), areas], names=keys)
        found = pd.MultiIndex.from_arrays([sums.keys[key] for key in keys])
    else:
        table_keys = pd.Index(list(dict.fromkeys([*sums.keys[AREA], *areas])), name=AREA)
        found = pd.Index(sums.keys[AREA])
    row = found.get_indexer(table_keys)  # -1: no ranked indicator
    ranked = row >= 0

    def spread(values: np.ndarray, missing: float) -> np.ndarray:
        out = np.full(len(row), missing, dtype=values.dtype)
        out[ranked] = values[row[ranked]]
        return out

    average = spread(average, np.nan)
    unplaced = np.isnan(average)
    periods = table_keys.get_level_values(PERIOD) if by_period else None
    period = pd.factorize(periods)[0] if by_period else np.zeros(len(row), dtype=np.intp)
    unplaced_group = period.max(initial=0) + 1
    positions, _ = _ranks_by_sorting(np.where(unplaced, unplaced_group, period), unplaced_group + 1,
                                     np.round(average, _TIE_DECIMALS), Ties.MIN)
    area = table_keys.get_level_values(AREA)
    table = {POSITION: _nullable_integers(positions, unplaced), AREA: area,
             **{name: spread(values, 0 if name == INDICATORS else np.nan)
                for name, values in columns.items()}}
    order_by = [pd.factorize(area, sort=True)[0], np.where(unplaced, np.inf, positions)]
    if by_period:
        table = {PERIOD: periods, **table}
        order_by.append(period_order(pd.Series(periods)).to_numpy())
    order = np.lexsort(order_by)
    return pd.DataFrame({name: values[order] for name, values in table.items()})


class _Sums(NamedTuple):
    """What a league table is made of, per key (area, or period and area) with a ranked row."""

    keys: dict[str, Any]  # each key column's value, one per key
    indicators: np.ndarray  # how many distinct indicators are ranked
    weighted: np.ndarray  # the sum of rank x weight over the ranked rows
    weight: np.ndarray  # the sum of their weights
    themes: list[Any]  # the themes with a ranked row, for the rows of the next two
    theme_weighted: np.ndarray  # themes x keys: the same sums per theme, NaN where no row
    theme_weight: np.ndarray


def _grouped(detail: pd.DataFrame, keys: list[str]) -> _Sums:
    """The sums by pandas' grouping of the rows themselves (compensated sums, in row order)."""
    ranked = detail[detail[RANK].notna()].assign(
        _weighted=lambda f: f[RANK].astype("float64") * f[WEIGHT], _weight=lambda f: f[WEIGHT])
    by_key = ranked.groupby(keys, sort=False, observed=True)
    sums = by_key[["_weighted", "_weight"]].sum()
    theme_sums = ranked.groupby([*keys, THEME], sort=False, observed=True)[["_weighted", "_weight"]].sum()
    by_theme = {column: theme_sums[column].unstack(THEME).reindex(sums.index) for column in theme_sums}
    return _Sums({key: sums.index.get_level_values(key) for key in keys},
                 by_key[INDICATOR].nunique().reindex(sums.index).to_numpy(),
                 sums["_weighted"].to_numpy(), sums["_weight"].to_numpy(), list(by_theme["_weight"].columns),
                 by_theme["_weighted"].to_numpy(dtype="float64", na_value=float("nan")).T,
                 by_theme["_weight"].to_numpy(dtype="float64", na_value=float("nan")).T)


def _summed(detail: pd.DataFrame, keys: list[str]) -> _Sums | None:
    """The league table's sums with numpy's bincount on category codes: what pandas' grouping of
    ten million rows gives, from a few arrays of one entry per key and theme.

    None (group the rows themselves) when a sum could depend on the order of addition: the
    ranks are whole or half numbers, so with whole weights every sum is exact, as pandas' are."""
    import numpy as np

    coded = {name: codes(detail[name]) for name in [*keys, THEME, INDICATOR]}
    usable = ~detail[RANK].isna().to_numpy()  # a new array, written to below
    for name in keys:  # pandas leaves out rows whose keys are missing
        usable &= coded[name][0] >= 0
    # Each row's keys (and theme) as one integer, codes + 1 so that a missing theme (code -1)
    # is summed overall but in no theme; rows not used go to one more integer, left out.
    sizes = {name: len(coded[name][1]) + 1 for name in coded}
    key_span = int(np.prod([sizes[name] for name in keys], dtype=object))
    span = key_span * sizes[THEME]
    indicator_span = key_span * sizes[INDICATOR]
    if min(span, indicator_span) > 4 * len(detail) + 1_000_000:
        return None
    # intp, as np.bincount takes it: given int32, it would copy it
    group = combined_codes([coded[name][0] for name in keys], [sizes[name] for name in keys], np.intp)
    distinct = _distinct_per_key(group, coded[INDICATOR][0], usable, key_span, sizes[INDICATOR])
    group *= sizes[THEME]  # from keys to (keys, theme), in place
    group += coded[THEME][0]
    group += 1
    group[~usable] = span
    ranks = detail[RANK].to_numpy(dtype="float64", na_value=np.nan)
    weights = detail[WEIGHT].to_numpy(dtype="float64", na_value=np.nan)
    unit = bool((weights == 1.0).all())  # the usual case: the sum of weights is a count
    weighted = ranks if unit else ranks * weights
    if not unit:
        used = weights[usable]
        if not (np.isfinite(weighted[usable]).all() and (used >= 0).all() and (used == np.round(used)).all()):
            return None
    shape = (key_span, sizes[THEME])
    rows = np.bincount(group, minlength=span + 1)[:span].reshape(shape)
    every_key = np.flatnonzero(rows.any(axis=1))
    rows = rows[every_key]
    weighted_sums = np.bincount(group, weights=weighted, minlength=span + 1)[:span].reshape(shape)[every_key]
    if not np.abs(weighted_sums).sum() < 2.0**52:
        return None
    weight_sums = rows.astype("float64") if unit else np.bincount(
        group, weights=weights, minlength=span + 1)[:span].reshape(shape)[every_key]
    themes = np.flatnonzero(rows[:, 1:].any(axis=0))  # theme codes with a ranked row
    absent = rows[:, themes + 1].T == 0

    def by_theme(sums: np.ndarray) -> np.ndarray:
        return np.where(absent, np.nan, sums[:, themes + 1].T)

    return _Sums(_decoded(detail, coded, keys, every_key), distinct[every_key],
                 weighted_sums.sum(axis=1), weight_sums.sum(axis=1), list(coded[THEME][1][themes]),
                 by_theme(weighted_sums), by_theme(weight_sums))


def _distinct_per_key(by_keys: np.ndarray, indicators: np.ndarray, usable: np.ndarray, key_span: int,
                      width: int) -> np.ndarray:
    """How many distinct indicators (codes below ``width``, -1 for none) each key has among the
    usable rows: which (key, indicator) pairs occur, counted per key."""
    import numpy as np

    counted = usable & (indicators >= 0)
    span = key_span * width
    if span > 4 * len(by_keys) + 1_000_000:
        found = np.unique(by_keys[counted].astype(np.int64) * width + indicators[counted])
        return np.bincount(found // width, minlength=key_span)
    pairs: np.ndarray = by_keys * width
    pairs += indicators
    pairs[~counted] = span
    occurs = np.zeros(span + 1, dtype=bool)
    occurs[pairs] = True
    return occurs[:span].reshape(key_span, width).sum(axis=1)


def _decoded(detail: pd.DataFrame, coded: dict[str, tuple[np.ndarray, pd.Index]], names: list[str],
             group: np.ndarray) -> dict[str, object]:
    """The columns ``names`` for each combined code in ``group``, typed as in ``detail``."""
    import pandas as pd

    columns: dict[str, object] = {}
    for name in reversed(names):
        uniques = coded[name][1]
        group, code = divmod(group, len(uniques) + 1)
        code = code - 1
        if isinstance(detail[name].dtype, pd.CategoricalDtype):
            columns[name] = pd.Categorical.from_codes(code, dtype=detail[name].dtype)
        else:
            columns[name] = pd.Series(uniques).reindex(code).to_numpy()
    return {name: columns[name] for name in names}


def rank(selection: Selection, *, ties: Ties = Ties.MIN, overall: Overall = Overall.INDICATORS,
         by_period: bool = False) -> Ranking:
    """Rank a selection: the per-indicator detail and the league table."""
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
