"""What is compared: the comparator group, the theme and the period(s), chosen from a Dataset.

Every command starts here, so ``--group``, ``--theme``, ``--period`` and ``--as-at`` mean the same
everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

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
from benchmark.core.headers import normalise_header
from benchmark.core.model import (
    AREA,
    AREA_CODE,
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
from benchmark.core.periods import recency_key
from benchmark.core.text import period_phrase
from benchmark.core.values import clean_text
from benchmark.geography import (
    AreaMatcher,
    ComparatorGroup,
    comparator_group,
    group_member,
    mixed_reorganisations,
    present_pairs,
    shipped_groups,
)

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
    metadata = _indicator_attributes(dataset.indicators)
    frame = frame.assign(**{column: per_indicator(frame[INDICATOR], metadata[column], column == WEIGHT)
                            for column in (THEME, POLARITY, WEIGHT)})
    themes = list(dict.fromkeys(metadata[THEME].values()))
    frame, spelt = merge_spellings(frame)
    found = found._replace(warnings=(*found.warnings, *spelt))
    return _narrow(Grouped(dataset, group, found, frame, themes, metadata[THEME], period, as_at),
                   theme, period)


def _narrow(base: Grouped, theme: str | None, period: str | None) -> Selection:
    frame, themes, chosen = base.frame, base.themes, None
    if theme is not None:
        chosen = _match_one(theme, themes, "theme", "--theme")
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


def _indicator_attributes(indicators: pd.DataFrame) -> dict[str, dict[Any, Any]]:
    """Each indicator's theme (NO_THEME when blank), polarity and weight, from its first row of
    metadata, in metadata order: plain dictionaries of a few hundred entries at most."""
    names = indicators[INDICATOR].tolist()
    attributes: dict[str, dict[Any, Any]] = {THEME: {}, POLARITY: {}, WEIGHT: {}}
    for column, values in ((THEME, indicators[THEME].tolist()), (POLARITY, indicators[POLARITY].tolist()),
                           (WEIGHT, indicators[WEIGHT].tolist())):
        found = attributes[column]
        for name, value in zip(names, values, strict=True):
            if name not in found:
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


class Comparators(NamedTuple):
    """The areas a ``--group`` picks out of a dataset, and what the user should know about it."""

    areas: list[str]  # the data's own names, in data order
    text: str  # "all 27 areas in the data", "counties-2018 (27 areas)", "region=S (2 areas)"
    warnings: tuple[str, ...] = ()  # members missing from the data, rows left out
    excluded: tuple[tuple[str, str], ...] = ()  # (area, code) rows of a member's name that are
    # another area by their code: 'Dorset' with E06000059 is Dorset Council, not the county


def comparators(dataset: Dataset, group: str | None) -> Comparators:
    """The areas compared: every area in the data, or those of ``--group``, which is one of

    * ``COLUMN=VALUE``: areas whose area-metadata column COLUMN is VALUE (any case);
    * ``NAME``: areas whose ``group`` column is NAME; failing that, the members of the shipped
      comparator group NAME (``counties-2018``), found in any data by code or name. The data's
      own column comes first, so a user's ``group`` value may reuse a shipped group's name.
    """
    if group is None:
        in_data = distinct(dataset.observations[AREA])
        return Comparators(in_data, f"all {len(in_data)} areas in the data")
    areas = dataset.areas
    column_name, _, wanted = group.rpartition("=") if "=" in group else (GROUP, "", group)
    columns = {normalise_header(c): c for c in areas.columns if c != AREA}
    column = columns.get(normalise_header(column_name))
    shipped = None if "=" in group else comparator_group(group)
    cells = [clean_text(cell) for cell in areas[column]] if column is not None else []
    matched = [] if column is None else [
        area for area, cell in zip(areas[AREA], cells, strict=True)
        if cell is not None and cell.casefold() == wanted.strip().casefold()]
    if matched:
        return Comparators(matched, f"{column}={wanted} ({len(matched)} areas)")
    if shipped is not None:
        return _shipped_comparators(dataset, shipped, group)
    hint = _shipped_hint(group) if "=" not in group else ""
    if column is None:
        available = ", ".join(sorted(str(c) for c in columns.values())) or "none"
        raise UsageError(f"--group {group}: the area metadata has no '{column_name}' column "
                         f"(columns: {available}); supply an areas sheet or --areas file with it, "
                         f"or use --group COLUMN=VALUE{hint}")
    values = ", ".join(sorted({c for c in cells if c is not None})[:20]) or "none"
    raise UsageError(f"--group {group}: no area has {column} = '{wanted}'; values found: {values}{hint}")


def _shipped_hint(group: str) -> str:
    import difflib

    names = [shipped.name for shipped in shipped_groups()]
    near = difflib.get_close_matches(group.strip().casefold(), names, n=1, cutoff=0.6)
    return (f"; or a shipped group: {', '.join(names)}"
            + (f" (did you mean {near[0]}?)" if near else ""))


def _shipped_comparators(dataset: Dataset, shipped: ComparatorGroup, asked: str) -> Comparators:
    """The members of a shipped group found in the data, by code or any spelling of the name."""
    member = group_member(shipped)
    names: list[str] = []
    covered: set[str] = set()
    others: list[tuple[str, str]] = []  # (name, code) pairs that are no member
    for source in (dataset.observations, dataset.areas):
        codes = source[AREA_CODE] if AREA_CODE in source.columns else None
        found = [(name, code) for name, code, _ in present_pairs(source[AREA], codes) if name is not None]
        in_order = {name: number for number, name in enumerate(distinct(source[AREA]))}
        for name, code in sorted(found, key=lambda pair: in_order[pair[0]]):
            area = member(name, code)
            if area is None:
                others.append((name, code or ""))
                continue
            covered.add(area)
            if name not in names:
                names.append(name)
    if not names:
        raise UsageError(f"--group {asked}: none of the {len(shipped.members)} areas of "
                         f"{shipped.name} ({shipped.title}) is in the data, by name or ONS code; "
                         "check the area names, or choose another --group")
    matcher = AreaMatcher.shipped()
    excluded = tuple(dict.fromkeys((name, code) for name, code in others if name in names and code))
    warnings = []
    missing = [name for name in shipped.members if name not in covered]
    if missing:
        warnings.append(f"{shipped.name}: {len(covered)} of {len(shipped.members)} areas in the data; "
                        f"missing: {', '.join(missing)}")
    if excluded:
        warnings.append(f"{shipped.name}: left out rows whose code is an area outside the group: "
                        + "; ".join(f"'{name}' with {code} ({matcher.match(name, code)})"
                                    for name, code in excluded))
    return Comparators(names, f"{shipped.name} ({len(names)} areas)", tuple(warnings), excluded)


def compared_area_warnings(frame: pd.DataFrame, by_period: bool = False) -> list[str]:
    """Warnings about the areas with a value in ``frame``: a reorganised area beside its
    successor (within one period when ``by_period``), and one area under two names."""
    with_value = frame[VALUE].notna().to_numpy()
    if not with_value.any():
        return []
    codes = frame[AREA_CODE] if AREA_CODE in frame.columns else None
    found = present_pairs(frame[AREA], codes, rows=with_value)
    matcher = AreaMatcher.shipped()
    known = {area for name, code, _ in found if (area := matcher.match(name, code)) is not None}
    if by_period and mixed_reorganisations(known, matcher):
        # A county and its successor are both in the data: are they in one period together?
        found = present_pairs(frame[AREA], codes, rows=with_value, by=frame[PERIOD])
    canonical = {(name, code): matcher.match(name, code) for name, code, _ in found}
    periods: dict[str | None, set[str]] = {}
    spellings: dict[str, list[str]] = {}
    for name, code, period in found:
        area = canonical[name, code]
        if area is not None and name is not None:
            periods.setdefault(period, set()).add(area)
            if name not in spellings.setdefault(area, []):
                spellings[area].append(name)
    warnings = [message for areas in periods.values() for message in mixed_reorganisations(areas, matcher)]
    for area, names in spellings.items():
        if len(names) > 1:
            listed = " and ".join(f"'{name}'" for name in names)
            warnings.append(f"{listed} are one area ({area}) under {len(names)} names, compared as "
                            f"{len(names)} areas; give them one name in the data")
    return list(dict.fromkeys(warnings))


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
