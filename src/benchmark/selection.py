"""What is compared: the comparator group, the theme and the period(s), chosen from a Dataset.

Every command starts here, so ``--group``, ``--theme`` and ``--period`` mean the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from benchmark.errors import UsageError
from benchmark.io.headers import normalise_header
from benchmark.io.tables import clean_text
from benchmark.model import (
    AREA,
    GROUP,
    INDICATOR,
    NO_THEME,
    PERIOD,
    POLARITY,
    THEME,
    VALUE,
    WEIGHT,
    Dataset,
)
from benchmark.periods import period_key, period_order
from benchmark.text import period_phrase

if TYPE_CHECKING:
    import pandas as pd

ALL_PERIODS = "all"


@dataclass(frozen=True)
class Selection:
    """Observations joined with their indicator's theme, polarity and weight, for one comparison."""

    frame: pd.DataFrame  # area, indicator, period, value, theme, polarity, weight
    areas: list[str]  # the comparator set, in data order
    group: str  # "all 27 areas in the data", "group=county (27 areas)"
    period: str  # "latest period of each indicator", "period 2017/18", "every period"
    themes: list[str]  # in the order the metadata gives them
    indicators: list[str]  # likewise


def select(dataset: Dataset, *, group: str | None = None, theme: str | None = None,
           period: str | None = None) -> Selection:
    """Restrict a dataset to a comparator group, a theme and a period choice.

    ``period``: None = each indicator's latest period with any value in the group;
    ``"all"`` = every period (one comparison per period); otherwise that period exactly.
    """
    indicators = dataset.indicators.assign(**{THEME: dataset.indicators[THEME].fillna(NO_THEME)})
    areas, group_text = comparator_areas(dataset, group)
    frame = dataset.observations
    if group is not None:
        frame = frame[frame[AREA].isin(areas)]
    by_indicator = indicators.drop_duplicates(INDICATOR).set_index(INDICATOR)
    frame = frame.assign(**{column: per_indicator(frame[INDICATOR], by_indicator[column])
                            for column in (THEME, POLARITY, WEIGHT)})
    themes = list(dict.fromkeys(indicators[THEME]))
    if theme is not None:
        chosen = _match_one(theme, themes, "theme", "--theme")
        frame = frame[frame[THEME] == chosen]
        themes = [chosen]
    frame, period_text = _choose_period(frame, period)
    present = set(frame[INDICATOR].unique())
    names = [name for name in indicators[INDICATOR] if name in present]
    return Selection(frame.reset_index(drop=True), areas, group_text, period_text, themes, names)


def per_indicator(indicator: pd.Series, values: pd.Series) -> pd.Series:
    """Each row's value of an indicator attribute (theme, polarity, weight).

    On a categorical indicator column this works once per indicator and then on integer codes,
    so a theme column for ten million rows costs an array lookup, not a join.
    """
    import numpy as np
    import pandas as pd

    if not isinstance(indicator.dtype, pd.CategoricalDtype):
        return indicator.map(values)
    aligned = values.reindex(indicator.cat.categories)
    codes = indicator.cat.codes.to_numpy()
    # One extra slot at the end of each lookup: code -1 (no indicator) finds the missing value.
    if pd.api.types.is_numeric_dtype(aligned.dtype):
        lookup = np.append(aligned.to_numpy(dtype="float64"), np.nan)
        return pd.Series(lookup[codes], index=indicator.index, copy=False)
    attribute = pd.Categorical(aligned.to_numpy(dtype=object))
    mapped = np.append(attribute.codes, -1).astype(attribute.codes.dtype)[codes]
    categorical = pd.Categorical.from_codes(mapped, dtype=attribute.dtype, validate=False)
    return pd.Series(categorical, index=indicator.index, copy=False)


def comparator_areas(dataset: Dataset, group: str | None) -> tuple[list[str], str]:
    """The areas compared: every area in the data, or those in ``--group NAME|COLUMN=VALUE``."""
    in_data = list(dataset.observations[AREA].unique())
    if group is None:
        return in_data, f"all {len(in_data)} areas in the data"
    areas = dataset.areas
    column_name, _, wanted = group.rpartition("=") if "=" in group else (GROUP, "", group)
    columns = {normalise_header(c): c for c in areas.columns if c != AREA}
    column = columns.get(normalise_header(column_name))
    if column is None:
        available = ", ".join(sorted(str(c) for c in columns.values())) or "none"
        raise UsageError(f"--group {group}: the area metadata has no '{column_name}' column "
                         f"(columns: {available}); supply an areas sheet or --areas file with it, "
                         "or use --group COLUMN=VALUE")
    cells = [clean_text(cell) for cell in areas[column]]
    matched = [area for area, cell in zip(areas[AREA], cells, strict=True)
               if cell is not None and cell.casefold() == wanted.strip().casefold()]
    if not matched:
        values = ", ".join(sorted({c for c in cells if c is not None})[:20]) or "none"
        raise UsageError(f"--group {group}: no area has {column} = '{wanted}'; values found: {values}")
    return matched, f"{column}={wanted} ({len(matched)} areas)"


def _choose_period(frame: pd.DataFrame, period: str | None) -> tuple[pd.DataFrame, str]:
    if period is not None and period.strip().casefold() == ALL_PERIODS:
        return frame, "every period"
    if period is not None:
        periods = list(dict.fromkeys(frame[PERIOD]))
        chosen = _match_one(period, sorted(periods, key=period_key), "period", "--period")
        return frame[frame[PERIOD] == chosen], period_phrase(chosen)
    with_value = frame[frame[VALUE].notna()]
    periods = with_value[[INDICATOR, PERIOD]].drop_duplicates()
    if periods.empty:
        return frame.iloc[0:0], "latest period of each indicator"
    periods = periods.assign(_key=period_order(periods[PERIOD]))
    latest = periods.sort_values("_key").drop_duplicates(INDICATOR, keep="last")[[INDICATOR, PERIOD]]
    chosen = frame.merge(latest, on=[INDICATOR, PERIOD], how="inner")
    if latest[PERIOD].nunique() == 1:
        return chosen, period_phrase(latest[PERIOD].iloc[0])
    return chosen, "latest period of each indicator"


def _match_one(wanted: str, choices: list[str], what: str, option: str) -> str:
    for choice in choices:
        if str(choice).casefold() == wanted.strip().casefold():
            return choice
    raise UsageError(f"{option} {wanted}: no such {what}; {what}s in the data: "
                     + ", ".join(f"'{c}'" for c in choices[:30]))


def find_area(name: str, areas: list[str], option: str = "--area") -> str:
    """The area called ``name`` (any case), or a usage error suggesting near names."""
    import difflib

    for area in areas:
        if area.casefold() == name.strip().casefold():
            return area
    near = difflib.get_close_matches(name, areas, n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
    raise UsageError(f"{option} {name}: no such area among the {len(areas)} compared{hint}")
