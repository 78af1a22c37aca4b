"""The league table: each area's theme and overall average ranks and its position.

Averages are means of ranks (weighted by the indicator weight, 1 by default) and the position
is the competition rank of the average (``docs/methodology.md``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from benchmark.analysis.ranks import RANK, nullable_integers, ranks_by_sorting
from benchmark.core.distinct import codes, combined_codes
from benchmark.core.errors import DataError
from benchmark.core.methods import Overall, Ties
from benchmark.core.model import AREA, INDICATOR, PERIOD, THEME, WEIGHT
from benchmark.core.periods import period_order

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

POSITION, AVERAGE_RANK, INDICATORS = "position", "average_rank", "indicators"
# Averages equal to this many decimal places share a position, so that float rounding in
# sums of ranks never splits a real tie.
TIE_DECIMALS = 9


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
    positions, _ = ranks_by_sorting(np.where(unplaced, unplaced_group, period), unplaced_group + 1,
                                     np.round(average, TIE_DECIMALS), Ties.MIN)
    area = table_keys.get_level_values(AREA)
    table = {POSITION: nullable_integers(positions, unplaced), AREA: area,
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
