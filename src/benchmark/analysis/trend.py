"""Direction of travel: the latest value against the one before it, respecting polarity.

A relative change |current - previous| / |previous| at or below the tolerance (default 1%,
or the indicator's own ``tolerance``) is "no change", the report's "no real change". The
comparison is made in decimals, so a change of exactly 1% is "no change" at 0.01.
"""

from __future__ import annotations

import math
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING

from benchmark.core.errors import UsageError
from benchmark.core.methods import DEFAULT_TOLERANCE
from benchmark.core.model import (
    AREA,
    COMPARABLE,
    INDICATOR,
    NO_THEME,
    PERIOD,
    POLARITY,
    THEME,
    TOLERANCE,
    VALUE,
    Polarity,
)
from benchmark.core.periods import period_key

if TYPE_CHECKING:
    import pandas as pd

    from benchmark.analysis.selection import Selection

TREND_COLUMNS = ("indicator", "theme", "previous_period", "previous", "current_period", "current",
                 "change", "change_pct", "direction")
DIRECTION = "direction"


class Direction(str, Enum):
    IMPROVED = "improved"
    NO_CHANGE = "no change"
    WORSE = "worse"
    NOT_COMPARABLE = "not comparable"


def direction_of(previous: float, current: float, polarity: str | None, tolerance: float,
                 comparable: bool | None = None) -> Direction:
    """improved / no change / worse / not comparable, for one pair of values."""
    if polarity not in (Polarity.HIGH.value, Polarity.LOW.value) or comparable is False:
        return Direction.NOT_COMPARABLE
    if previous != previous or current != current:  # NaN: a value is missing
        return Direction.NOT_COMPARABLE
    change = _exact(current) - _exact(previous)
    if abs(change) <= _exact(tolerance) * abs(_exact(previous)):
        return Direction.NO_CHANGE
    better = change > 0 if polarity == Polarity.HIGH.value else change < 0
    return Direction.IMPROVED if better else Direction.WORSE


def _exact(number: float) -> Decimal:
    """The decimal a value was written as (floats parsed from text round-trip through repr)."""
    return Decimal(repr(float(number)))


def trend(selection: Selection, area: str, *, from_period: str | None = None,
          to_period: str | None = None, tolerance: float = DEFAULT_TOLERANCE) -> pd.DataFrame:
    """One row per indicator of the selection's theme(s) the area has data on: previous and
    current values and direction, over every period of the selection's group.

    By default each indicator's current period is the area's latest with a value, and the
    previous period the indicator's period just before it; ``from_period``/``to_period``
    choose them instead.
    """
    import pandas as pd

    if not 0 <= tolerance < math.inf:
        raise UsageError(f"--tolerance {tolerance}: a tolerance must be a number of 0 or more, "
                         "such as 0.01 (1%)")
    observations = selection.frame if selection.history is None else selection.history
    mine = observations[observations[AREA] == area]
    metadata = selection.dataset.indicators.set_index(INDICATOR)
    rows = []
    periods_of: dict[str, list[str]] = {}
    for indicator, period in observations[[INDICATOR, PERIOD]].drop_duplicates().itertuples(index=False):
        periods_of.setdefault(indicator, []).append(period)
    for indicator, values in mine.groupby(INDICATOR, sort=False, observed=True):
        periods = sorted(periods_of[indicator], key=period_key)
        by_period = dict(zip(values[PERIOD], values[VALUE], strict=True))
        current_period = to_period if to_period is not None else _latest(periods, by_period)
        previous_period = from_period if from_period is not None else _before(periods, current_period)
        previous = by_period.get(previous_period, float("nan"))
        current = by_period.get(current_period, float("nan"))
        meta = metadata.loc[indicator]
        own = meta[TOLERANCE]
        rows.append({
            "indicator": indicator,
            "theme": meta[THEME] if meta[THEME] is not None else NO_THEME,
            "previous_period": previous_period,
            "previous": previous,
            "current_period": current_period,
            "current": current,
            "change": current - previous,
            "change_pct": (current - previous) / abs(previous) if previous else float("nan"),
            DIRECTION: direction_of(previous, current, meta[POLARITY],
                                    tolerance if own != own else own, meta[COMPARABLE]).value,
        })
    table = pd.DataFrame(rows, columns=list(TREND_COLUMNS))
    _check_chosen(table, from_period, to_period)
    return table


def _latest(periods: list[str], by_period: dict[str, float]) -> str | None:
    with_value = [p for p in periods if p in by_period and by_period[p] == by_period[p]]  # not NaN
    return with_value[-1] if with_value else None


def _before(periods: list[str], period: str | None) -> str | None:
    if period is None or period not in periods:
        return None
    index = periods.index(period)
    return periods[index - 1] if index > 0 else None


def _check_chosen(table: pd.DataFrame, from_period: str | None, to_period: str | None) -> None:
    for option, period, column in (("--from", from_period, "previous"), ("--to", to_period, "current")):
        if period is not None and not table.empty and table[column].isna().all():
            raise UsageError(f"{option} {period}: the area has no value in that period on any "
                             "indicator; check the period as the data writes it")


def tally(table: pd.DataFrame, themes: list[str]) -> pd.DataFrame:
    """Directions counted per theme, with a total row."""
    import pandas as pd

    words = [direction.value for direction in Direction]
    counts = pd.crosstab(table[THEME], table[DIRECTION]).reindex(columns=words, fill_value=0)
    counts = counts.reindex([theme for theme in themes if theme in counts.index])
    counts["total"] = counts.sum(axis=1)
    counts.loc["Total"] = counts.sum()
    return counts.rename_axis(THEME).rename_axis(None, axis=1).reset_index().astype(
        {word: "int64" for word in [*words, "total"]})
