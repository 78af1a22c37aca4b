"""What is compared: the comparator group, the theme and the period(s), chosen from a Dataset.

Every command starts here, so ``--group``, ``--theme``, ``--period`` and ``--as-at`` mean the same
everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from benchmark.analysis.comparators import Comparators, comparators, compared_area_warnings
from benchmark.analysis.editions import (
    edition_phrase,
    in_edition,
    in_period,
    match_period,
    merge_spellings,
    one_label_per_period,
    up_to,
)
from benchmark.core.distinct import codes, distinct
from benchmark.core.errors import UsageError
from benchmark.core.model import (
    AREA,
    AREA_CODE,
    INDICATOR,
    KIND,
    NO_THEME,
    PERIOD,
    POLARITY,
    THEME,
    VALUE,
    WEIGHT,
    Dataset,
    is_context,
)
from benchmark.core.periods import recency_key
from benchmark.core.text import period_phrase, some_of

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

ALL_PERIODS = "all"


def is_all_periods(period: str | None) -> bool:
    """Whether --period asks for every period ('all', any case and spacing)."""
    return period is not None and period.strip().casefold() == ALL_PERIODS


@dataclass(frozen=True, eq=False, repr=False)  # holds frames: compared and shown by identity
class Selection:
    """Observations joined with their indicator's theme, polarity and weight, for one comparison.

    Every analysis takes one: a command selects once (a report once), and a theme or period
    that does not exist is refused here, the same way for every command.
    """

    frame: pd.DataFrame  # area, indicator, period, value, theme, polarity, weight
    areas: list[str]  # the comparator set, in data order
    group: str  # "all 27 areas in the data", "group=county (27 areas)"
    period: str  # "latest period of each indicator", "period 2017/18", "every period"
    themes: list[str]  # in the order the metadata gives them
    indicators: list[str]  # likewise
    # For the user: members of a shipped --group missing from the data, rows left out, and a
    # reorganised area compared with its successor ("... both Buckinghamshire ... and its successor").
    warnings: tuple[str, ...] = ()
    history: pd.DataFrame | None = None  # as frame, in every period: what direction of travel reads
    theme: str | None = None  # the theme chosen (None: every theme)
    base: Grouped | None = None  # what the selection was narrowed from (see with_theme)
    # Rankings of this selection by rule, made once (benchmark.analysis.ranking.rank): a report
    # ranks each theme for its league table and again for its quadrant.
    rankings: dict[Any, Any] = field(default_factory=dict, init=False)  # a copy (replace) starts empty

    @property
    def dataset(self) -> Dataset:
        """The dataset selected from: its indicator, area and target metadata."""
        assert self.base is not None, "a Selection made by select() knows its dataset"
        return self.base.dataset

    @property
    def grouped(self) -> bool:
        """Whether a --group chose the areas (else every area in the data is compared)."""
        return self.base is not None and self.base.asked is not None

    @property
    def group_warnings(self) -> tuple[str, ...]:
        """The --group's own warnings: members missing from the data, rows left out."""
        return self.base.comparators.warnings if self.base is not None else ()

    def with_theme(self, theme: str | None) -> Selection:
        """The same group and period choice on one theme (None: every theme); an unknown theme
        is refused as select() refuses it."""
        return _narrow(self._base(), theme, self.asked_period)

    def with_period(self, period: str | None) -> Selection:
        """The same group, theme and edition in another period choice (None: each indicator's
        latest, within the edition if there is one)."""
        return _narrow(self._base(), self.theme, period)

    def in_edition(self, as_at: str) -> Selection:
        """The same group and theme as at another edition (each indicator's latest period
        ending by the end of ``as_at``)."""
        return _narrow(self._base()._replace(as_at=as_at, period=None), self.theme, None)

    @property
    def asked_period(self) -> str | None:
        return self._base().period

    @property
    def as_at(self) -> str | None:
        """The --as-at edition chosen, if any."""
        return self._base().as_at

    def _base(self) -> Grouped:
        assert self.base is not None, "a Selection made by select() can be narrowed"
        return self.base


class Grouped(NamedTuple):
    """A dataset restricted to a comparator group, every theme and period: what a Selection is
    narrowed from, so that another theme costs a filter rather than a new selection."""

    dataset: Dataset
    asked: str | None  # the --group as given
    comparators: Comparators
    frame: pd.DataFrame  # the group's observations with theme, polarity and weight
    themes: list[str]
    indicator_themes: dict[Any, Any]  # each indicator's theme, in metadata order
    period: str | None  # the --period as given
    narrowed: dict[tuple[str | None, str | None, str | None], Selection]  # by theme, period, edition
    as_at: str | None = None  # the --as-at edition as given


def select(dataset: Dataset, *, group: str | None = None, theme: str | None = None,
           period: str | None = None, as_at: str | None = None) -> Selection:
    """Restrict a dataset to a comparator group, a theme and a period choice.

    ``period``: None = each indicator's latest period with any value in the group;
    ``"all"`` = every period (one comparison per period); otherwise that period, in any
    spelling (``2018-19`` finds ``2018/19``). ``as_at``: the edition of that period, each
    indicator's latest period ending on or before the end of it (see docs/methodology.md);
    no period after it is used, for direction of travel either.
    """
    if period is not None and as_at is not None:
        raise UsageError(f"--period {period} --as-at {as_at}: give one of them; --as-at already "
                         "chooses each indicator's period")
    found = comparators(dataset, group)
    frame = dataset.observations
    if group is not None:
        frame = frame[frame[AREA].isin(found.areas)]
        for area, code in found.excluded:
            frame = frame[~((frame[AREA] == area) & (frame[AREA_CODE] == code)).to_numpy()]
    context = context_indicators(dataset.indicators)
    if context:  # context describes areas: never ranked, never in a performance table
        frame = frame[~frame[INDICATOR].isin(context).to_numpy()]
    metadata = _indicator_attributes(dataset.indicators, context)
    frame = frame.assign(**{column: per_indicator(frame[INDICATOR], metadata[column], column == WEIGHT)
                            for column in (THEME, POLARITY, WEIGHT)})
    themes = list(dict.fromkeys(metadata[THEME].values()))
    frame, spelt = merge_spellings(frame)
    found = found._replace(warnings=(*found.warnings, *spelt))
    return _narrow(Grouped(dataset, group, found, frame, themes, metadata[THEME], period, {}, as_at),
                   theme, period)


def _narrow(base: Grouped, theme: str | None, period: str | None) -> Selection:
    chosen = _match_one(theme, base.themes, "theme", "--theme") if theme is not None else None
    made = base.narrowed.get((chosen, period, base.as_at))
    if made is None:
        made = base.narrowed[chosen, period, base.as_at] = _narrowed(base, chosen, period)
    return made


def _narrowed(base: Grouped, chosen: str | None, period: str | None) -> Selection:
    frame, themes = base.frame, base.themes
    if chosen is not None:
        frame = frame[frame[THEME] == chosen]
        themes = [chosen]
    if base.as_at is not None:
        frame = frame[in_edition(frame[PERIOD], base.as_at)]
    history = frame
    frame, period_text = _choose_period(frame, period)
    if base.as_at is not None and period is None:
        period_text = edition_phrase(base.as_at)
    elif period is not None and not is_all_periods(period):  # no later period for direction of travel
        history = history[up_to(history[PERIOD], period)]
    present = set(distinct(frame[INDICATOR]))
    names = [name for name in base.indicator_themes if name in present]  # in metadata order
    by_period = is_all_periods(period)
    warnings = (*base.comparators.warnings, *compared_area_warnings(frame, by_period))
    return Selection(frame.reset_index(drop=True), base.comparators.areas, base.comparators.text,
                     period_text, themes, names, warnings, history, chosen, base._replace(period=period))


def context_indicators(indicators: pd.DataFrame) -> list[str]:
    """The indicators that are context (:func:`benchmark.core.model.is_context`), in order."""
    if KIND not in indicators.columns:
        return []
    return list(dict.fromkeys(name for name, kind in zip(indicators[INDICATOR].tolist(),
                                                         indicators[KIND].tolist(), strict=True)
                              if is_context(kind)))


def _indicator_attributes(indicators: pd.DataFrame, leave_out: list[str]) -> dict[str, dict[Any, Any]]:
    """Each indicator's theme (NO_THEME when blank), polarity and weight, from its first row of
    metadata, in metadata order, but for ``leave_out``: plain dictionaries of a few hundred
    entries at most."""
    left_out = set(leave_out)
    names = indicators[INDICATOR].tolist()
    attributes: dict[str, dict[Any, Any]] = {THEME: {}, POLARITY: {}, WEIGHT: {}}
    for column, values in ((THEME, indicators[THEME].tolist()), (POLARITY, indicators[POLARITY].tolist()),
                           (WEIGHT, indicators[WEIGHT].tolist())):
        found = attributes[column]
        for name, value in zip(names, values, strict=True):
            if name not in found and name not in left_out:
                found[name] = NO_THEME if column == THEME and (value is None or value != value) else value
    return attributes


def per_indicator(indicator: pd.Series, values: dict[Any, Any], numeric: bool = False) -> pd.Series:
    """Each row's value of an indicator attribute (theme, polarity, weight), by indicator name;
    missing where the indicator has none. Float64 when ``numeric``, else categorical (object
    for an indicator column that is not categorical).

    On a categorical indicator column this works once per indicator and then on integer codes,
    so a theme column for ten million rows costs an array lookup, not a join.
    """
    import numpy as np
    import pandas as pd

    if not isinstance(indicator.dtype, pd.CategoricalDtype):
        mapped = indicator.map(values)
        return mapped.astype("float64") if numeric else mapped
    aligned = [values.get(name) for name in indicator.cat.categories]
    codes = indicator.array.codes
    # One extra slot at the end of each lookup: code -1 (no indicator) finds the missing value.
    if numeric:
        numbers = np.array([np.nan if number is None else number for number in [*aligned, None]], "float64")
        return pd.Series(numbers[codes], index=indicator.index, copy=False)
    present = sorted({value for value in aligned if value is not None and value == value})
    number = {value: index for index, value in enumerate(present)}
    lookup = np.array([number.get(value, -1) for value in aligned] + [-1], dtype=np.int64)
    categorical = pd.Categorical.from_codes(lookup[codes], categories=present, validate=False)
    return pd.Series(categorical, index=indicator.index, copy=False)


def _choose_period(frame: pd.DataFrame, period: str | None) -> tuple[pd.DataFrame, str]:
    if is_all_periods(period):
        return one_label_per_period(frame), "every period"
    if period is not None:
        chosen, label = in_period(frame, period, match_period(period, list(dict.fromkeys(frame[PERIOD]))))
        return chosen, period_phrase(label)
    rows, latest = _latest_rows(frame)
    chosen = frame[rows]
    if len(latest) == 1:
        return chosen, period_phrase(latest[0])
    return chosen, "latest period of each indicator"


def _latest_rows(frame: pd.DataFrame) -> tuple[np.ndarray, list[Any]]:
    """Which rows are in the latest period in which their indicator has a value, and those
    periods (each once). By codes: each distinct period's place in time is worked out once."""
    import numpy as np

    indicator, _ = codes(frame[INDICATOR])
    period, periods = codes(frame[PERIOD])
    labels = [*periods, None]  # code -1 (no period) is the last label
    place = np.empty(len(labels), dtype=np.intp)
    place[sorted(range(len(labels)), key=lambda number: recency_key(labels[number]))] = np.arange(len(labels))
    when = place[period]  # each row's period's place in time
    group = indicator.astype(np.intp) + 1  # 0: no indicator, a group like any other
    latest = np.full(int(group.max(initial=0)) + 1, -1, dtype=np.intp)
    valued = frame[VALUE].notna().to_numpy()
    np.maximum.at(latest, group[valued], when[valued])
    rows = when == latest[group]
    in_time = np.unique(latest[latest >= 0])
    return rows, [labels[number] for number in np.argsort(place)[in_time]]


def _match_one(wanted: str, choices: list[str], what: str, option: str) -> str:
    for choice in choices:
        if str(choice).casefold() == wanted.strip().casefold():
            return choice
    raise UsageError(f"{option} {wanted}: no such {what}; {what}s in the data: "
                     + some_of([f"'{c}'" for c in choices], 30))
