"""Placeholder zeros: a value of 0 for an area in a period when it did not exist.

Published series keep a row for every authority in every year: a county abolished by a
reorganisation (Dorset from April 2019, Buckinghamshire from April 2020) and a unitary before it
was created are given 0 rather than left blank. Ranked as values, those zeros put the area near
the bottom of every table, so on import they are read as missing, with one warning per area.
A period belongs to the time after a reorganisation when it starts in or after its year, the rule
import uses to give a name to a successor (io/importing.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from benchmark.core.model import AREA, PERIOD, VALUE
from benchmark.core.periods import period_key
from benchmark.core.text import plural

if TYPE_CHECKING:
    import pandas as pd


def placeholder_zeros(frame: pd.DataFrame, file: str) -> tuple[pd.DataFrame, list[str]]:
    """``frame`` (canonical area names) with the zeros of areas that did not exist in their
    period as missing, and a warning for each area that had some."""
    from benchmark.geography import reorganisations

    ended = {pair.predecessor: pair.effective for pair in reorganisations()}
    began = {pair.successor: pair.effective for pair in reorganisations()}
    zeros = (frame[VALUE] == 0).to_numpy() & frame[AREA].isin([*ended, *began]).to_numpy()
    if not zeros.any():
        return frame, []
    first_year = frame.loc[zeros, PERIOD].map(lambda period: period_key(str(period))[0])
    areas = frame.loc[zeros, AREA]
    # A period with no year (0) is left alone: when it was cannot be told.
    gone = [area in ended and year > 0 and year >= ended[area].year
            for area, year in zip(areas, first_year, strict=True)]
    unborn = [area in began and 0 < year < began[area].year
              for area, year in zip(areas, first_year, strict=True)]
    rows = areas.index[[a or b for a, b in zip(gone, unborn, strict=True)]]
    if rows.empty:
        return frame, []
    frame = frame.copy()
    frame.loc[rows, VALUE] = float("nan")
    warnings = []
    for area, found in frame.loc[rows].groupby(AREA, sort=False):
        periods = sorted(dict.fromkeys(found[PERIOD].astype(str)), key=period_key)
        span = periods[0] if len(periods) == 1 else f"{periods[0]} to {periods[-1]}"
        when = (f"after it was reorganised on {_day(ended[area])}" if area in ended
                else f"before it was created on {_day(began[area])}")
        warnings.append(f"{file}: {plural(len(found), 'zero value')} for {area} in {span}, {when}, "
                        "read as missing")
    return frame, warnings


def _day(when: object) -> str:
    return f"{when.day} {when:%B %Y}"  # type: ignore[attr-defined]
