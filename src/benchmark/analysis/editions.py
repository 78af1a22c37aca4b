"""Choosing periods for a Selection: ``--period`` in any spelling, ``--as-at`` editions, and two
spellings of one period inside one indicator."""

from __future__ import annotations

from typing import TYPE_CHECKING

from benchmark.core.distinct import distinct
from benchmark.core.errors import UsageError
from benchmark.core.model import AREA, INDICATOR, PERIOD, VALUE
from benchmark.core.periods import Period, parse_period, period_key, same_period
from benchmark.core.text import day_words, plural

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


def match_period(wanted: str, periods: list[str]) -> list[str]:
    """The data's labels for the period ``wanted`` names in any spelling, in period order, or a
    usage error with near labels and every period in the data."""
    import difflib

    ordered = sorted(periods, key=period_key)
    found = [period for period in ordered if same_period(period, wanted)]
    if found:
        return found
    near = difflib.get_close_matches(wanted.strip(), [str(p) for p in ordered], n=3, cutoff=0.6)
    hint = f"did you mean {' or '.join(repr(n) for n in near)}? " if near else ""
    raise UsageError(f"--period {wanted}: no such period; {hint}the {plural(len(ordered), 'period')} "
                     "in the data: " + ", ".join(f"'{p}'" for p in ordered))


def edition(as_at: str) -> Period:
    """The period ``--as-at`` names, or a usage error saying how to write one."""
    parsed = parse_period(as_at)
    if parsed is None:
        raise UsageError(f"--as-at {as_at}: not a period that can be put in time; write a year "
                         "such as 2018/19 (financial), 2018 (calendar) or a day such as 31/03/2019")
    return parsed


def in_edition(periods: pd.Series, as_at: str) -> np.ndarray:
    """Which rows' periods end on or before the end of ``as_at`` (or are ``as_at`` itself in
    another kind of year: academic 2018/19 in the 2018/19 edition); a usage error when none does."""
    end = edition(as_at).end
    keep = up_to(periods, as_at)
    if not keep.any():
        earliest = min(distinct(periods), key=period_key, default=None)
        raise UsageError(f"--as-at {as_at}: no period in the data ends by {day_words(end)}; the "
                         f"earliest is '{earliest}'; choose a later edition")
    return keep


def up_to(periods: pd.Series, period: str) -> np.ndarray:
    """Which rows' periods end on or before the end of ``period`` or are it in another spelling
    or kind of year; every row when ``period`` cannot be put in time."""
    import numpy as np

    asked = parse_period(period)
    if asked is None:
        return np.ones(len(periods), dtype=bool)
    keep = {label for label in distinct(periods) if _ends_by(label, asked.end) or same_period(label, period)}
    return np.asarray(periods.isin(keep), dtype=bool)


def _ends_by(label: object, end: object) -> bool:
    parsed = parse_period(label)
    return parsed is not None and parsed.end <= end  # type: ignore[operator]


def edition_phrase(as_at: str) -> str:
    """'edition 2018/19 (each indicator's latest period ending by 31 March 2019)'."""
    end = day_words(edition(as_at).end)
    return f"edition {as_at.strip()} (each indicator's latest period ending by {end})"


def merge_spellings(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """One indicator holding one period under two spellings ('2018/19' and '2018-19'): written
    as the first spelling when their values agree area by area, else kept apart; a warning
    either way. The frame is returned as given when no two labels name one period."""
    labels = [label for label in distinct(frame[PERIOD]) if parse_period(label) is not None]
    alike = _alike(labels)
    if not alike:
        return frame, []
    pairs = frame[[INDICATOR, PERIOD]].drop_duplicates()
    warnings, renamed = [], frame
    for indicator, held in pairs.groupby(INDICATOR, sort=False, observed=True)[PERIOD]:
        for group in _alike(list(held)):
            rows = (renamed[INDICATOR] == indicator) & renamed[PERIOD].isin(group)
            values = renamed.loc[rows & renamed[VALUE].notna(), [AREA, VALUE]].drop_duplicates()
            listed = " and ".join(f"'{label}'" for label in group)
            if values[AREA].duplicated().any():
                clash = values.loc[values[AREA].duplicated(), AREA].nunique()
                warnings.append(f"indicator '{indicator}' writes one period as {listed} with "
                                f"different values for {plural(clash, 'area')}, so they are compared "
                                "apart; write the period one way in the data")
                continue
            renamed = _relabel(renamed, rows, group[0])
            warnings.append(f"indicator '{indicator}' writes one period as {listed}; their values "
                            f"agree, so they are read as '{group[0]}'")
    return renamed, warnings


def in_period(frame: pd.DataFrame, wanted: str, labels: list[str]) -> tuple[pd.DataFrame, str]:
    """The rows of the period ``wanted`` names, which the data spells ``labels``, and the one
    spelling they are written as: ``wanted`` as written if the data has it, else its commonest.
    Each indicator keeps the rows of the first spelling it holds in that order (another
    spelling in the same indicator has values that disagree, see :func:`merge_spellings`)."""
    import numpy as np

    rows = frame[frame[PERIOD].isin(labels).to_numpy()]
    if len(labels) == 1:
        return rows, labels[0]
    counts = rows[PERIOD].astype(object).value_counts()
    labels = sorted(labels, key=lambda label: (str(label).strip().casefold() != wanted.strip().casefold(),
                                               -counts.get(label, 0)))
    order = rows[PERIOD].astype(object).map({label: place for place, label in enumerate(labels)})
    first = order.groupby(rows[INDICATOR].astype(object)).transform("min")
    return _written_as(rows[np.asarray(order == first)], dict.fromkeys(labels[1:], labels[0])), labels[0]


def one_label_per_period(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every spelling of a period written as its most common one (the first in
    period order on a tie), so that '2016-17' of one indicator and '2016/17' of another are
    compared in one league; as given when no two labels name one period. Spellings that one
    indicator holds apart (their values disagree) stay apart."""
    counts = frame[PERIOD].value_counts(sort=False)
    counts = counts[counts > 0]
    pairs = frame[[INDICATOR, PERIOD]].drop_duplicates()
    spelling = {}
    for group in _alike([label for label in counts.index if parse_period(label) is not None]):
        if pairs.loc[pairs[PERIOD].isin(group), INDICATOR].duplicated().any():
            continue
        chosen = min(group, key=lambda label: (-counts[label], period_key(label)))
        spelling.update({label: chosen for label in group if label != chosen})
    return _written_as(frame, spelling) if spelling else frame


def _written_as(frame: pd.DataFrame, spelling: dict[str, str]) -> pd.DataFrame:
    """``frame`` with each period label in ``spelling`` written as the label it maps to."""
    import pandas as pd

    periods = frame[PERIOD].astype(object)
    return frame.assign(**{PERIOD: pd.Series(periods.map(lambda label: spelling.get(label, label)),
                                             index=frame.index, dtype=object)})


def _alike(labels: list[str]) -> list[list[str]]:
    """Groups of two or more labels that are one period, in the order given."""
    groups: list[list[str]] = []
    for label in labels:
        for group in groups:
            if same_period(group[0], label):
                group.append(label)
                break
        else:
            groups.append([label])
    return [group for group in groups if len(group) > 1]


def _relabel(frame: pd.DataFrame, rows: pd.Series, label: str) -> pd.DataFrame:
    frame = frame.assign(**{PERIOD: frame[PERIOD].astype(object)})
    frame.loc[rows, PERIOD] = label
    has_value = frame[VALUE].notna()
    ordered = frame.assign(_valued=has_value).sort_values("_valued", ascending=False, kind="stable")
    kept = ~ordered.duplicated([AREA, INDICATOR, PERIOD]) | ~rows.reindex(ordered.index)
    return frame.loc[sorted(ordered.index[kept.to_numpy()])]
