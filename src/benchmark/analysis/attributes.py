"""An area attribute taken from the data: one indicator's value per area in one period.

Funding per head, spend per head and deprivation can come from any indicator of a dataset (what
``benchmark import`` writes, such as "Spending power per head" or "NET REVENUE EXPENDITURE per
head"), not only from hand-made columns of an areas sheet. Every area takes the value of the
same period: the one asked for when the indicator has it, else the indicator's latest period
with a value for any of the areas (within the --as-at edition when there is one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from benchmark.core.errors import UsageError
from benchmark.core.model import AREA, INDICATOR, PERIOD, VALUE, Dataset
from benchmark.core.periods import recency_key, same_period

if TYPE_CHECKING:
    import pandas as pd


class AreaValues(NamedTuple):
    """One indicator's values by area (NaN where an area has none) in one period."""

    values: pd.Series  # float64, indexed by area
    indicator: str  # as the data names it
    period: str

    @property
    def words(self) -> str:
        """'Spending power per head, 2018/19', for captions and notes."""
        return f"{self.indicator}, {self.period}" if self.period else self.indicator


def find_indicator(dataset: Dataset, wanted: str, option: str) -> str:
    """The dataset's indicator called ``wanted`` (any case and spacing), or a usage error that
    lists near names."""
    import difflib

    names = list(dict.fromkeys(dataset.indicators[INDICATOR].dropna().astype(str)))
    folded = " ".join(wanted.split()).casefold()
    for name in names:
        if " ".join(name.split()).casefold() == folded:
            return name
    near = difflib.get_close_matches(wanted, names, n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(repr(name) for name in near)}?" if near else ""
    shown = ", ".join(f"'{name}'" for name in names[:20])
    more = f" and {len(names) - 20} more" if len(names) > 20 else ""
    raise UsageError(f"{option} {wanted}: no such indicator in {dataset.source}{hint} "
                     f"(indicators: {shown or 'none'}{more})")


def area_values(dataset: Dataset, indicator: str, areas: list[str], *, option: str,
                period: str | None = None, as_at: str | None = None) -> AreaValues:
    """``indicator``'s value for each of ``areas`` in one period: ``period`` (any spelling) when
    the indicator has a value in it, else its latest period with a value for any of ``areas``
    that ends by the end of the ``as_at`` edition, if given."""
    from benchmark.analysis.editions import in_edition

    name = find_indicator(dataset, indicator, option)
    observations = dataset.observations
    rows = observations[(observations[INDICATOR] == name).to_numpy()
                        & observations[AREA].isin(areas).to_numpy()]
    valued = rows[rows[VALUE].notna()]
    if as_at is not None:
        valued = valued[in_edition(valued[PERIOD], as_at)]
    if valued.empty:
        within = f" by the end of {as_at}" if as_at is not None else ""
        raise UsageError(f"{option} {indicator}: '{name}' has no value{within} for any of the "
                         f"{len(areas)} areas compared; choose another indicator or --group")
    periods = sorted(dict.fromkeys(valued[PERIOD].astype(str)), key=recency_key)
    chosen = next((label for label in periods if period is not None and same_period(label, period)),
                  periods[-1])
    in_period = valued[valued[PERIOD].astype(str) == chosen]
    values = in_period.drop_duplicates(AREA).set_index(AREA)[VALUE].astype("float64")
    return AreaValues(values.reindex(areas), name, chosen)
