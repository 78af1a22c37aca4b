"""Direction of travel: the latest value against the one before it, respecting polarity.

A relative change |current - previous| / |previous| at or below the tolerance (default 1%,
or the indicator's own ``tolerance``) is "no change", the report's "no real change". The
comparison is made in decimals, so a change of exactly 1% is "no change" at 0.01.
"""

from __future__ import annotations

import math
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any, NamedTuple

from benchmark.core.distinct import distinct
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
from benchmark.core.periods import PeriodKind, parse_period, recency_key, same_period

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
    history = _history(selection, tolerance)
    from_period, to_period = history.as_written(from_period), history.as_written(to_period)
    mine = history.observations[history.observations[AREA] == area]
    table = _travel(history, mine, from_period, to_period, tolerance)
    _check_chosen(table, from_period, to_period)
    return table


def area_tallies(selection: Selection, *, from_period: str | None = None, to_period: str | None = None,
                 tolerance: float = DEFAULT_TOLERANCE) -> pd.DataFrame:
    """Directions counted per area of the selection, over its indicators (as :func:`trend` finds
    them for each area), in the selection's area order; no total row."""
    import pandas as pd

    history = _history(selection, tolerance)
    from_period, to_period = history.as_written(from_period), history.as_written(to_period)
    by_area = dict(list(history.observations.groupby(AREA, sort=False, observed=True)))
    none = history.observations.iloc[:0]
    tables = [_travel(history, by_area.get(area, none), from_period, to_period, tolerance).assign(
        **{AREA: area}) for area in selection.areas]
    every = pd.concat(tables, ignore_index=True)
    _check_chosen(every, from_period, to_period)
    return tally(every, selection.areas, by=AREA)


class _History(NamedTuple):
    """What every area's direction of travel is read from, worked out once."""

    observations: pd.DataFrame  # the group's observations in every period
    periods_of: dict[Any, list[Any]]  # each indicator's periods, in time order
    metadata: dict[Any, dict[str, Any]]  # each indicator's metadata, by name

    def as_written(self, asked: str | None) -> str | None:
        """The data's label for a period asked in any spelling (as asked when the data has none)."""
        if asked is None:
            return None
        labels = distinct(self.observations[PERIOD])
        return next((label for label in labels if same_period(label, asked)), asked)


def _history(selection: Selection, tolerance: float) -> _History:
    if not 0 <= tolerance < math.inf:
        raise UsageError(f"--tolerance {tolerance}: a tolerance must be a number of 0 or more, "
                         "such as 0.01 (1%)")
    observations = selection.frame if selection.history is None else selection.history
    periods_of: dict[Any, list[Any]] = {}
    for indicator, period in observations[[INDICATOR, PERIOD]].drop_duplicates().itertuples(index=False):
        periods_of.setdefault(indicator, []).append(period)
    in_order = {name: sorted(periods, key=recency_key) for name, periods in periods_of.items()}
    metadata = selection.dataset.indicators.set_index(INDICATOR).to_dict("index")  # names are unique
    return _History(observations, in_order, metadata)


def _travel(history: _History, mine: pd.DataFrame, from_period: str | None, to_period: str | None,
            tolerance: float) -> pd.DataFrame:
    """One area's rows (``mine``: its observations) as :func:`trend` gives them."""
    import pandas as pd

    metadata = history.metadata
    rows = []
    for indicator, values in mine.groupby(INDICATOR, sort=False, observed=True):
        periods = history.periods_of[indicator]
        by_period = dict(zip(values[PERIOD], values[VALUE], strict=True))
        current_period = to_period if to_period is not None else _latest(periods, by_period)
        previous_period = from_period if from_period is not None else _before(periods, current_period)
        previous = by_period.get(previous_period, float("nan"))
        current = by_period.get(current_period, float("nan"))
        meta = metadata[indicator]
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
    return pd.DataFrame(rows, columns=list(TREND_COLUMNS))


def _latest(periods: list[str], by_period: dict[str, float]) -> str | None:
    with_value = [p for p in periods if p in by_period and by_period[p] == by_period[p]]  # not NaN
    return with_value[-1] if with_value else None


def _before(periods: list[str], period: str | None) -> str | None:
    """The period before ``period`` of the same kind (a financial year's is the financial year
    before, not a calendar year in between)."""
    if period is None or period not in periods:
        return None
    kind = _kind(period)
    alike = [earlier for earlier in periods[:periods.index(period)] if _kind(earlier) == kind]
    return alike[-1] if alike else None


def _kind(period: str) -> PeriodKind | None:
    parsed = parse_period(period)
    return None if parsed is None else parsed.kind


def _check_chosen(table: pd.DataFrame, from_period: str | None, to_period: str | None) -> None:
    which = "area has" if AREA not in table.columns else "areas have"
    for option, period, column in (("--from", from_period, "previous"), ("--to", to_period, "current")):
        if period is not None and not table.empty and table[column].isna().all():
            raise UsageError(f"{option} {period}: the {which} no value in that period on any "
                             "indicator; check the period as the data writes it")


def tally(table: pd.DataFrame, order: list[str], by: str = THEME) -> pd.DataFrame:
    """Directions counted per theme, with a total row, or per area (``by`` AREA), in ``order``."""
    import pandas as pd

    words = [direction.value for direction in Direction]
    counts = pd.crosstab(table[by], table[DIRECTION]).reindex(columns=words, fill_value=0)
    counts = counts.reindex([key for key in order if key in counts.index])
    counts["total"] = counts.sum(axis=1)
    if by == THEME:
        counts.loc["Total"] = counts.sum()
    return counts.rename_axis(by).rename_axis(None, axis=1).reset_index().astype(
        {word: "int64" for word in [*words, "total"]})
