"""Placeholder zeros: a value of 0 for an area in a period when it did not exist.

Published series keep a row for every authority in every year: a county abolished by a
reorganisation (Dorset from April 2019, Buckinghamshire from April 2020) and a unitary before it
was created are given 0 rather than left blank. Ranked as values, those zeros put the area near
the bottom of every table, so on import they are read as missing, with one warning per area.
A period belongs to the time after a reorganisation when it starts on or after its date, the rule
import uses to give a name to a successor (io/importing.py); before a successor's creation when it
ends before that date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from benchmark.core.model import AREA, PERIOD, VALUE
from benchmark.core.periods import parse_period, recency_key
from benchmark.core.text import plural

if TYPE_CHECKING:
    import pandas as pd


def placeholder_zeros(frame: pd.DataFrame, file: str) -> tuple[pd.DataFrame, list[str]]:
    """``frame`` (canonical area names) with the zeros of areas that did not exist in their
    period as missing, and a warning for each area that had some."""
    from benchmark.geography import reorganisations

    pairs = reorganisations()
    ended = {pair.predecessor: pair.effective for pair in pairs}
    began = {pair.successor: pair.effective for pair in pairs}
    zeros = (frame[VALUE] == 0).to_numpy() & frame[AREA].isin([*ended, *began]).to_numpy()
    if not zeros.any():
        return frame, []
    spans = {period: parse_period(period) for period in frame.loc[zeros, PERIOD].unique()}
    areas = frame.loc[zeros, AREA]
    spanned = [spans[period] for period in frame.loc[zeros, PERIOD]]
    # A period that cannot be put in time is left alone.
    gone = [area in ended and span is not None and span.start >= ended[area]
            for area, span in zip(areas, spanned, strict=True)]
    unborn = [area in began and span is not None and span.end < began[area]
              for area, span in zip(areas, spanned, strict=True)]
    rows = areas.index[[a or b for a, b in zip(gone, unborn, strict=True)]]
    if rows.empty:
        return frame, []
    frame = frame.copy()
    frame.loc[rows, VALUE] = float("nan")
    warnings = []
    for area, found in frame.loc[rows].groupby(AREA, sort=False):
        periods = sorted(dict.fromkeys(found[PERIOD].astype(str)), key=recency_key)
        span = periods[0] if len(periods) == 1 else f"{periods[0]} to {periods[-1]}"
        when = (f"after it was reorganised on {_day(ended[area])}" if area in ended
                else f"before it was created on {_day(began[area])}")
        warnings.append(f"{file}: {plural(len(found), 'zero value')} for {area} in {span}, {when}, "
                        "read as missing")
    return frame, warnings


def _day(when: object) -> str:
    return f"{when.day} {when:%B %Y}"  # type: ignore[attr-defined]
