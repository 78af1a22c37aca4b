"""The theme dashboards of the council's own performance: quartile, direction, target."""

from __future__ import annotations

from typing import TYPE_CHECKING

from benchmark.analysis.quartiles import QUARTILE, QuartileMethod, for_area, quartiles
from benchmark.analysis.selection import Selection, is_all_periods
from benchmark.analysis.targets import Status, TargetBook, parse_target, target_status
from benchmark.analysis.trend import DEFAULT_TOLERANCE, DIRECTION, Direction, trend
from benchmark.core.errors import UsageError
from benchmark.core.model import INDICATOR, POLARITY, TARGET, THEME

if TYPE_CHECKING:
    import pandas as pd

STATUS, FLAG = "status", "flag"
PERFORMANCE_ISSUE, EXCEPTIONAL = "performance issue", "exceptional"
DASHBOARD_COLUMNS = (THEME, INDICATOR, "period", QUARTILE, DIRECTION, "current", TARGET, "previous",
                     POLARITY, STATUS, FLAG)


def flag_of(quartile: object, direction: str, status: str) -> str:
    """'performance issue': 4th quartile and getting worse, or a target not met;
    'exceptional': 1st quartile and improved."""
    quartile = _quartile(quartile)
    if (quartile == 4 and direction == Direction.WORSE.value) or status == Status.NOT_MET.value:
        return PERFORMANCE_ISSUE
    if quartile == 1 and direction == Direction.IMPROVED.value:
        return EXCEPTIONAL
    return ""


def dashboard(selection: Selection, area: str, *, method: QuartileMethod = QuartileMethod.RANK,
              tolerance: float = DEFAULT_TOLERANCE) -> pd.DataFrame:
    """One row per indicator the area has data on, in theme order: the quartile in the
    selection's period choice, the direction of travel to the area's latest value."""
    if is_all_periods(selection.asked_period):  # one row per indicator: one period each
        raise UsageError("--period all: the dashboard shows each indicator once, in one period; give "
                         "one --period, an --as-at edition, or leave --period out for the latest")
    dataset = selection.dataset
    banded = for_area(quartiles(selection, method), area)[[INDICATOR, QUARTILE]]
    travel = trend(selection, area, tolerance=tolerance)
    table = travel.merge(banded, on=INDICATOR, how="left")
    table = table.merge(dataset.indicators[[INDICATOR, POLARITY]], on=INDICATOR, how="left")
    book = TargetBook(dataset.targets)
    table[TARGET] = [book.target(area, name, period)
                     for name, period in zip(table[INDICATOR], table["current_period"], strict=True)]
    table[STATUS] = [
        target_status(parse_target(text), current, polarity, _quartile(quartile)).value if text else ""
        for text, current, polarity, quartile in zip(table[TARGET], table["current"], table[POLARITY],
                                                     table[QUARTILE], strict=True)
    ]
    table[FLAG] = [flag_of(q, d, s) for q, d, s in zip(table[QUARTILE], table[DIRECTION], table[STATUS],
                                                       strict=True)]
    table[POLARITY] = table[POLARITY].fillna("")
    table = table.rename(columns={"current_period": "period"})
    order = {name: index for index, name in enumerate(dict.fromkeys(selection.themes))}
    table = table.sort_values(THEME, key=lambda s: s.map(order).astype("int64"), kind="stable")
    return table[list(DASHBOARD_COLUMNS)].reset_index(drop=True)


def _quartile(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):  # no quartile (pandas.NA)
        return None
