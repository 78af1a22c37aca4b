"""Quartiles among the comparators, by three named rules (see docs/methodology.md).

* ``rank`` (the county report's rule): quartile = ceil(4 x rank / n), ranks with ties
  sharing the best rank. For n = 27: ranks 1-6, 7-13, 14-20, 21-27 (6/7/7/7).
* ``percentile`` (Fingertips 2020, LAIT): cut at the 25th, 50th and 75th percentiles of the
  values, linearly interpolated (Excel QUARTILE.INC), oriented by polarity; a value exactly
  on a cut point belongs to the better band. 27 distinct values: 7/7/6/7.
* ``ntile`` (newer Fingertips): the ranked list split into four groups as equal as possible,
  earlier groups taking the extra members (27: 7/7/7/6); tied values keep the band of the
  first of them.

Under every rule tied values share a band, and fewer than four ranked areas give no quartile.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from benchmark.analysis.ranking import DETAIL_COLUMNS, RANK, N, Ties, rank_indicators
from benchmark.core.methods import QuartileMethod
from benchmark.core.model import AREA, INDICATOR, PERIOD, POLARITY, THEME, VALUE, Polarity
from benchmark.core.text import plural

if TYPE_CHECKING:
    import pandas as pd

    from benchmark.analysis.selection import Selection  # the io package behind it is not needed for --help

QUARTILE, P25, MEDIAN, P75 = "quartile", "p25", "median", "p75"
MIN_RANKED = 4
TOTAL = "Total"
TALLY_COLUMNS = ("q1", "q2", "q3", "q4", "none", "total")


METHOD_WORDS = {
    QuartileMethod.RANK: "quartile = ceil(4 x rank / n), ties share the best rank",
    QuartileMethod.PERCENTILE: "cut at the 25th/50th/75th percentiles of the values "
    "(QUARTILE.INC); a value on a cut point takes the better band",
    QuartileMethod.NTILE: "ranked list split into four near-equal groups, earlier groups larger; "
    "ties take the band of the first of them",
}


@dataclass(frozen=True, eq=False, repr=False)  # holds frames: compared and shown by identity
class Quartiles:
    """One row per area x ranked indicator: value, rank, n, quartile and the thresholds."""

    table: pd.DataFrame  # indicator, theme, period, area, value, rank, n, quartile, p25, median, p75
    method: QuartileMethod
    indicators: list[str]  # ranked indicators, in metadata order
    themes: list[str]
    areas: list[str]  # the comparators, in data order
    warnings: list[str]


def band_by_rank(ranks: pd.Series, counts: pd.Series) -> pd.Series:
    """ceil(4 * rank / n) in integers, so no float rounding can move a boundary."""
    return (4 * ranks + counts - 1) // counts


def band_by_ntile(ranks: pd.Series, counts: pd.Series) -> pd.Series:
    """The NTILE(4) group of the first member of each tie (position rank - 1)."""
    position = ranks - 1
    base, extra = counts // 4, counts % 4
    first = base + (extra > 0)
    second = first + base + (extra > 1)
    third = second + base + (extra > 2)
    return 1 + (position >= first).astype("Int64") + (position >= second) + (position >= third)


def band_by_percentile(values: pd.Series, polarity: pd.Series, p25: pd.Series, median: pd.Series,
                       p75: pd.Series) -> pd.Series:
    """Compare with the cut points, the better side of each including the point itself."""
    high = polarity == Polarity.HIGH.value
    better_than = [(values >= p75).where(high, values <= p25),
                   (values >= median).where(high, values <= median),
                   (values >= p25).where(high, values <= p75)]
    band = 4 - sum(flag.astype("Int64") for flag in better_than)
    return band.where(values.notna())


def quartiles(selection: Selection, method: QuartileMethod = QuartileMethod.RANK) -> Quartiles:
    """Quartiles of every area on every ranked indicator of a selection."""
    import pandas as pd

    method = QuartileMethod(method)
    detail = rank_indicators(selection.frame, Ties.MIN)
    detail = detail[detail[POLARITY].isin([Polarity.HIGH.value, Polarity.LOW.value])]
    ranked = detail[detail[RANK].notna()]
    cuts = ranked.groupby([INDICATOR, PERIOD], sort=False, observed=True)[VALUE].quantile([0.25, 0.5, 0.75])
    cuts = cuts.unstack().set_axis([P25, MEDIAN, P75], axis=1).reset_index()
    table = detail.merge(cuts, on=[INDICATOR, PERIOD], how="left")
    ranks, counts = table[RANK].astype("Int64"), table[N].astype("Int64")
    if method is QuartileMethod.RANK:
        band = band_by_rank(ranks, counts)
    elif method is QuartileMethod.NTILE:
        band = band_by_ntile(ranks, counts)
    else:
        band = band_by_percentile(table[VALUE], table[POLARITY], table[P25], table[MEDIAN], table[P75])
    enough = counts >= MIN_RANKED
    table[QUARTILE] = pd.Series(band, index=table.index).astype("Int64").where(enough & ranks.notna())
    order = {name: index for index, name in enumerate(selection.indicators)}
    table = table.sort_values([INDICATOR, PERIOD, RANK, AREA], kind="stable", na_position="last",
                              key=lambda s: s.map(order).astype("int64") if s.name == INDICATOR else s)
    columns = [*DETAIL_COLUMNS, QUARTILE, P25, MEDIAN, P75]
    few = table[table[N].notna() & (table[N] < MIN_RANKED)][[INDICATOR, N]].drop_duplicates(INDICATOR)
    warnings = [f"no quartiles for '{name}': only {plural(int(n), 'area')} ranked (at least "
                f"{MIN_RANKED} are needed)" for name, n in zip(few[INDICATOR], few[N], strict=True)]
    present_names, present_themes = set(table[INDICATOR].unique()), set(table[THEME].unique())
    names = [name for name in selection.indicators if name in present_names]
    themes = [theme for theme in selection.themes if theme in present_themes]
    return Quartiles(table[columns].reset_index(drop=True), method, names, themes, selection.areas,
                     warnings)


def for_area(result: Quartiles, area: str) -> pd.DataFrame:
    """One area's rows: one per ranked indicator (quartile empty where none can be given)."""
    return result.table[result.table[AREA] == area].drop(columns=AREA).reset_index(drop=True)


def tally(rows: pd.DataFrame, by: str, order: list[str]) -> pd.DataFrame:
    """Counts of quartiles 1-4 and of none, per theme (plus a total row) or per area."""
    import pandas as pd

    bands = rows[QUARTILE].astype("Int64").fillna(0)
    counts = pd.DataFrame({
        "q1": bands.eq(1), "q2": bands.eq(2), "q3": bands.eq(3), "q4": bands.eq(4), "none": bands.eq(0),
    }).astype("int64").groupby(rows[by].to_numpy()).sum()
    counts = counts.reindex([key for key in order if key in counts.index])
    counts["total"] = counts.sum(axis=1)
    if by == THEME:
        counts.loc[TOTAL] = counts.sum()
    return counts.rename_axis(by).reset_index()


def extremes(rows: pd.DataFrame, quartile: int | tuple[int, ...], themes: list[str]) -> pd.DataFrame:
    """The indicators in one quartile (4 = "lower comparative performing areas"), or in several,
    by theme (and by quartile within a theme)."""
    wanted = (quartile,) if isinstance(quartile, int) else quartile
    chosen = rows[rows[QUARTILE].astype("Int64").isin(wanted).fillna(False)]
    order = {theme: index for index, theme in enumerate(themes)}
    ordered = chosen.sort_values(QUARTILE, kind="stable").sort_values(
        THEME, key=lambda s: s.map(order).astype("int64"), kind="stable")
    return ordered.reset_index(drop=True)


def quartile_rows(result: Quartiles, area: str | None = None, *, summary: bool = False,
                  thresholds: bool = False, extreme: int | tuple[int, ...] | None = None) -> pd.DataFrame:
    """What ``benchmark quartiles`` shows: rows for one area or all, tallies, or a list."""
    rows = result.table if area is None else for_area(result, area)
    if extreme is not None:
        listed = extremes(rows, extreme, result.themes)
        return listed[[THEME, INDICATOR, PERIOD, VALUE, RANK, N, QUARTILE]]
    if summary:
        if area is not None:
            return tally(rows, THEME, result.themes)
        return tally(rows, AREA, result.areas)
    columns = [c for c in rows.columns if thresholds or c not in (P25, MEDIAN, P75)]
    return rows[columns]
