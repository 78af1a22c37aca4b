"""Combine downloaded source files into one dataset in the canonical layout.

Each source is read through its layout profile (:mod:`benchmark.io.profiles`), its areas are
matched to canonical names (:mod:`benchmark.geography`), optionally restricted to a comparator
group, and the sources are stacked. Indicator metadata the sources do not carry (theme,
polarity) comes from a metadata table the user supplies; money reported in thousands can be
turned into per-head figures with a population source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from benchmark.core.errors import DataError, UsageError
from benchmark.core.model import (
    AREA,
    AREA_CODE,
    GROUP,
    INDICATOR,
    OBSERVATION_COLUMNS,
    PERIOD,
    POPULATION,
    SOURCE,
    UNIT,
    VALUE,
    Problem,
)
from benchmark.core.text import plural
from benchmark.io.given import given_fields
from benchmark.io.placeholders import placeholder_zeros

if TYPE_CHECKING:
    import pandas as pd

    from benchmark.core.model import Dataset
    from benchmark.geography import ComparatorGroup
    from benchmark.io.raw import RawTable

PER_HEAD_SUFFIX = " per head"
#: The --metadata column that names an indicator as a source names it; rows are imported as `indicator`.
NAME_IN_SOURCE = "name in source"


@dataclass(frozen=True)
class SourceSummary:
    """What became of one source file's rows."""

    file: str
    profile: str  # the layout profile's title, or "canonical layout"
    rows: int  # observations read
    kept: int  # observations imported
    dropped: dict[str, int]  # reason -> observations dropped
    unmatched: dict[str, list[str]]  # area name not recognised -> suggested names

    def line(self) -> str:
        """'oflog.csv (Oflog measures): 5,120 observations; kept 1,053; dropped 4,067 (...)'."""
        text = f"{Path(self.file).name} ({self.profile}): {self.rows:,} observations; kept {self.kept:,}"
        if self.dropped:
            reasons = "; ".join(f"{count:,} {reason}" for reason, count in self.dropped.items())
            text += f"; dropped {sum(self.dropped.values()):,} ({reasons})"
        return text


@dataclass(frozen=True, eq=False, repr=False)  # holds frames: compared and shown by identity
class ImportedDataset:
    """The combined dataset, ready to write as a workbook, and what happened on the way."""

    observations: pd.DataFrame  # area, area_code, indicator, period, value
    indicators: pd.DataFrame  # INDICATOR_COLUMNS
    areas: pd.DataFrame  # area, area_code [, population] [, group]
    sources: list[SourceSummary]
    warnings: list[str] = field(default_factory=list)


def import_sources(
    sources: list[str],
    *,
    profile: str | None = "auto",
    group: str | None = None,
    metadata: str | None = None,
    population: str | None = None,
    lenient: bool = False,
    encoding: str | None = None,
    max_cells: int | None = None,
    given: dict[str, dict[str, str]] | None = None,
) -> ImportedDataset:
    """Read every source, match its areas, keep the group's, and stack them.

    ``profile``: "auto" recognises each file's layout; a name or TOML path applies to every file.
    ``group``: a shipped comparator group (e.g. "counties-2018"): rows for other areas are dropped
    and counted. ``metadata``: a table of indicator metadata (indicator, theme, polarity...) that
    wins over what the sources say; its optional column ``name_in_source`` renames: a source's
    indicator of that name is imported under the row's ``indicator``. ``population``: a source with
    one population figure per area, used for each money indicator whose profile gives a per-head
    scale (£ thousand -> £ per head). ``given``: field (kind, theme, polarity) -> file -> value for
    every indicator of that source (the file as given or its name), over what the source says.
    """
    import pandas as pd

    if not sources:
        raise UsageError("give at least one source file to import")
    chosen_group = _group(group)
    table = None if metadata is None else _metadata_table(metadata, encoding)
    renames = _renames(table)
    per_source = given_fields(sources, given or {})
    frames, indicator_frames, summaries = [], [], []
    warnings: list[str] = []
    per_head: dict[str, float] = {}
    for source in sources:
        dataset = _read_source(source, profile, lenient, encoding, max_cells, warnings)
        observations, summary = _matched(dataset, chosen_group)
        observations, zeros = placeholder_zeros(observations, Path(source).name)
        warnings.extend(zeros)
        observations[INDICATOR] = observations[INDICATOR].replace(renames)
        summaries.append(summary)
        warnings.extend(_unmatched_warnings(summary))
        frames.append(observations)
        indicators = dataset.indicators.assign(**{INDICATOR: dataset.indicators[INDICATOR].replace(renames)})
        indicators = indicators[indicators[INDICATOR].isin(observations[INDICATOR])]
        indicators = indicators.assign(**per_source.get(source, {}))
        indicator_frames.append(_with_source(indicators, summary))
        if dataset.profile is not None and dataset.profile.per_head_scale:
            per_head.update(dict.fromkeys(indicators[INDICATOR], float(dataset.profile.per_head_scale)))
    combined = _stack(frames, summaries)
    areas = _areas(combined)
    if population is not None:
        people = _population(population, lenient, encoding, max_cells, warnings, list(areas[AREA]))
        areas = areas.assign(**{POPULATION: areas[AREA].map(people)})
        derived, derived_indicators, missing = _per_head(combined, per_head, people, indicator_frames)
        combined = pd.concat([combined, derived], ignore_index=True)
        indicator_frames.append(derived_indicators)
        if missing:
            warnings.append(f"{population}: no population for {', '.join(missing)}; "
                            "their per-head figures are left blank")
    elif per_head:
        warnings.append(f"{plural(len(per_head), 'money indicator')} could be given per head too: add "
                        "--population FILE (a population source such as the ONS projections)")
    indicators, metadata_warnings = _indicator_metadata(indicator_frames, table)
    warnings.extend(metadata_warnings)
    if chosen_group is not None:
        areas = areas.assign(**{GROUP: chosen_group.name})
        missing_members = [m for m in chosen_group.members if m not in set(areas[AREA])]
        if missing_members:
            warnings.append(f"{chosen_group.name}: {len(chosen_group.members) - len(missing_members)} of "
                            f"{len(chosen_group.members)} areas found; missing: {', '.join(missing_members)}")
    return ImportedDataset(combined, indicators, areas, summaries, warnings)


def _group(name: str | None) -> ComparatorGroup | None:
    from benchmark.geography import comparator_group, shipped_groups

    if name is None:
        return None
    group = comparator_group(name)
    if group is None:
        known = ", ".join(g.name for g in shipped_groups())
        raise UsageError(f"--group {name}: no such comparator group; shipped groups: {known}")
    return group


def _read_source(source: str, profile: str | None, lenient: bool, encoding: str | None,
                 max_cells: int | None, warnings: list[str]) -> Dataset:
    """The source read as every command reads it: errors stop, unless ``lenient`` says to count
    unreadable values as missing, in a warning added to ``warnings``."""
    from benchmark.io import read_dataset, require_clean

    dataset = read_dataset(source, profile=profile, encoding=encoding, max_cells=max_cells)
    warnings.extend(require_clean(dataset, lenient))
    return dataset


def _matched(dataset: Dataset, group: ComparatorGroup | None) -> tuple[pd.DataFrame, SourceSummary]:
    """The source's observations under canonical area names, restricted to ``group``."""
    from benchmark.geography import group_areas, match_areas

    observations = dataset.observations
    match = match_areas(observations)
    if match.conflicts:
        more = f" (and {len(match.conflicts) - 1} more)" if len(match.conflicts) > 1 else ""
        raise DataError(f"{dataset.source}: {match.conflicts[0]}{more}: the name and the code are two "
                        "different areas; correct one of them so both name the same area")
    frame, dropped = _successors_by_period(match.frame, observations[AREA_CODE].isna())
    if group is not None:
        distinct = frame[[AREA, AREA_CODE]].drop_duplicates(AREA)
        members, _ = group_areas(group, distinct)
        inside = frame[AREA].isin(members)
        outside = frame.loc[~inside, AREA]
        if len(outside):
            others = outside.astype(str).nunique()
            dropped[f"for {plural(others, 'area')} not in {group.name}"] = len(outside)
        frame = frame[inside]
    title = dataset.profile.title if dataset.profile is not None else "canonical layout"
    summary = SourceSummary(dataset.source, title, len(observations), len(frame), dropped,
                            match.unmatched)
    return frame.reset_index(drop=True), summary


def _successors_by_period(frame: pd.DataFrame, named_only: pd.Series) -> tuple[pd.DataFrame, dict[str, int]]:
    """A name outlives a reorganisation ("Dorset" in 2020/21 is Dorset Council): a row matched by
    name alone to a reorganised county, for a period starting on or after the reorganisation
    date, belongs to the successor (a January 2023 census is the county's, 2023/24 the
    successor's); where there are several successors it cannot be told which, and the row is
    dropped and counted. Rows with an ONS code are left alone: the code says which area; so are
    periods that cannot be put in time."""
    import pandas as pd

    from benchmark.core.periods import parse_period
    from benchmark.geography import AreaMatcher

    areas = AreaMatcher.shipped().areas
    frame = _plain(frame)
    dropped: dict[str, int] = {}
    effective = {name: area.reorganised for name, area in areas.items()
                 if area.reorganised is not None and area.successors}
    candidates = named_only.to_numpy() & frame[AREA].isin(effective).to_numpy()
    if not candidates.any():
        return frame, dropped
    starts = {period: parsed.start for period in frame.loc[candidates, PERIOD].unique()
              if (parsed := parse_period(period)) is not None}
    after = pd.Series([period in starts and starts[period] >= effective[area] for period, area
                       in zip(frame.loc[candidates, PERIOD], frame.loc[candidates, AREA], strict=True)],
                      index=frame.index[candidates], dtype=bool)
    keep = pd.Series(True, index=frame.index)
    for name, rows in frame.loc[after[after].index].groupby(AREA, sort=False).groups.items():
        successors = areas[name].successors
        if len(successors) == 1:
            frame.loc[rows, AREA] = successors[0]
            frame.loc[rows, AREA_CODE] = areas[successors[0]].ons_code
        else:
            keep[rows] = False
            reason = (f"for {name} named without a code after its {effective[name].year} reorganisation "
                      f"(which of {' or '.join(successors)}?)")
            dropped[reason] = len(rows)
    return frame[keep.to_numpy()].reset_index(drop=True), dropped


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Observation columns as plain objects (categoricals from different files do not stack)."""
    columns = {name: frame[name].astype(object) for name in (AREA, AREA_CODE, INDICATOR, PERIOD)}
    return frame.assign(**columns)[list(OBSERVATION_COLUMNS)].reset_index(drop=True)


def _unmatched_warnings(summary: SourceSummary) -> list[str]:
    guesses = {name: near for name, near in summary.unmatched.items() if near}
    return [f"{Path(summary.file).name}: area '{name}' is not a known area; did you mean "
            f"{' or '.join(repr(n) for n in near)}? If so, correct the name in the file"
            for name, near in guesses.items()]


def _with_source(indicators: pd.DataFrame, summary: SourceSummary) -> pd.DataFrame:
    """Each indicator's source: the file it came from, and the publisher the profile names."""
    file = Path(summary.file).name
    given = indicators[SOURCE].where(indicators[SOURCE].notna(), summary.profile)
    return indicators.assign(**{SOURCE: file + " (" + given.astype(str) + ")"})


def _stack(frames: list[pd.DataFrame], summaries: list[SourceSummary]) -> pd.DataFrame:
    """All sources' observations; one indicator, area and period given twice with different values
    (two files holding the same figure) is an error naming both files."""
    import pandas as pd

    tagged = [frame.assign(_file=Path(summary.file).name)
              for frame, summary in zip(frames, summaries, strict=True)]
    combined = pd.concat(tagged, ignore_index=True)
    keys = [AREA, INDICATOR, PERIOD]
    repeated = combined[combined.duplicated(keys, keep=False)]
    clash = repeated.groupby(keys, sort=False, dropna=False)[VALUE].nunique(dropna=False)
    clash = clash[clash > 1]
    if len(clash):
        area, indicator, period = clash.index[0]
        files = " and ".join(dict.fromkeys(repeated.loc[
            (repeated[AREA] == area) & (repeated[INDICATOR] == indicator), "_file"]))
        raise DataError(f"'{indicator}' for {area}, period {period}, comes from {files} with different "
                        "values; import one of the files, or rename the indicator in one of them")
    return combined.drop_duplicates(keys).drop(columns="_file").reset_index(drop=True)


def _areas(observations: pd.DataFrame) -> pd.DataFrame:
    return observations[[AREA, AREA_CODE]].drop_duplicates(AREA).reset_index(drop=True)


# Upper-tier areas run from about 40,000 people (Rutland) to 1.6 million (Kent): a "population"
# far outside these bounds is another measure (money in £ millions, a rate) given by mistake.
PLAUSIBLE_POPULATION = (10_000, 20_000_000)


def _population(source: str, lenient: bool, encoding: str | None, max_cells: int | None,
                warnings: list[str], used: list[str]) -> pd.Series:
    """One population figure per canonical area name: the source's only indicator, latest period.
    The file must be recognised as population, and the figures of the areas ``used`` plausible."""
    from benchmark.core.periods import period_order
    from benchmark.geography import match_areas

    dataset = _read_source(source, "auto", lenient, encoding, max_cells, warnings)
    frame = match_areas(dataset.observations).frame
    names = frame[INDICATOR].astype(str).unique()
    if len(names) != 1:
        listed = ", ".join(f"'{n}'" for n in names[:5])
        raise DataError(f"--population {source}: expected one population figure per area, found "
                        f"{plural(len(names), 'indicator')} ({listed}); give a file of populations only")
    what = dataset.profile.name if dataset.profile is not None else str(names[0])
    if "population" not in what.casefold():
        layout = dataset.profile.title if dataset.profile is not None else f"indicator '{names[0]}'"
        raise DataError(f"--population {source}: this is not a population file (read as {layout}); "
                        "give a population source such as the ONS population projections")
    frame = _plain(frame).dropna(subset=[VALUE])
    frame = frame.assign(_order=period_order(frame[PERIOD])).sort_values("_order", kind="stable")
    latest = frame.drop_duplicates(AREA, keep="last").set_index(AREA)
    people = latest[VALUE]
    low, high = PLAUSIBLE_POPULATION
    checked = people[people.index.isin(used)]
    wrong = checked[(checked < low) | (checked > high)]
    if len(wrong):
        worst = (wrong - (low * high) ** 0.5).abs().idxmax()
        raise DataError(f"--population {source}: {worst} has a population of {people[worst]:,.0f}, "
                        f"outside {low:,} to {high:,} for an upper-tier area ({len(wrong)} such); "
                        "check that the file holds numbers of people")
    periods = sorted(set(latest.loc[latest.index.isin(used), PERIOD].astype(str)))
    warnings.append(f"{Path(source).name}: per-head figures use the population of "
                    f"{' and '.join(periods)} for every period")
    return people


def _per_head(observations: pd.DataFrame, scales: dict[str, float], people: pd.Series,
              indicator_frames: list[pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """'X per head' = X x scale / population, for each indicator with a per-head scale."""
    import pandas as pd

    money = observations[observations[INDICATOR].isin(scales)]
    population = money[AREA].map(people)
    scale = money[INDICATOR].map(scales)
    derived = money.assign(**{INDICATOR: money[INDICATOR] + PER_HEAD_SUFFIX,
                              VALUE: money[VALUE] * scale / population})
    missing = sorted(set(money.loc[population.isna(), AREA]))
    known = pd.concat(indicator_frames, ignore_index=True).drop_duplicates(INDICATOR)
    known = known[known[INDICATOR].isin(scales)]
    described = known.assign(**{INDICATOR: known[INDICATOR] + PER_HEAD_SUFFIX, UNIT: "£ per head"})
    return derived.reset_index(drop=True), described.reset_index(drop=True), missing


def _metadata_table(metadata: str, encoding: str | None) -> RawTable:
    from benchmark.io.tables import read_tables

    return read_tables(metadata, encoding=encoding)[0]


def _renames(table: RawTable | None) -> dict[str, str]:
    """Source name -> indicator, from the metadata's ``name_in_source`` column (blank: no rename)."""
    from benchmark.core.headers import normalise_header
    from benchmark.core.values import text_column

    if table is None:
        return {}
    headers = {normalise_header(header): header for header in table.frame.columns}
    if NAME_IN_SOURCE not in headers or INDICATOR not in headers:
        return {}
    pairs = zip(text_column(table.frame[headers[NAME_IN_SOURCE]]),
                text_column(table.frame[headers[INDICATOR]]), strict=True)
    return {source: name for source, name in pairs if source is not None and name is not None}


def _indicator_metadata(frames: list[pd.DataFrame], table: RawTable | None) -> tuple[pd.DataFrame, list[str]]:
    """The user's metadata first, then each source's own; metadata for indicators no source holds
    is reported, not added."""
    from benchmark.io.metadata import indicator_metadata, merge_indicator_metadata
    from benchmark.io.spellings import name_key

    imported = merge_indicator_metadata(frames)
    if table is None:
        return imported, []
    given, problems = indicator_metadata(table)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise DataError(errors[0].message)
    # The metadata file names an indicator as the sources do, in any case or spacing ("jobs" for
    # "Jobs"): its rows take the sources' spelling.
    spelt = {name_key(name): name for name in imported[INDICATOR]}
    given = given.assign(**{INDICATOR: [spelt.get(name_key(name), name) for name in given[INDICATOR]]})
    present = set(imported[INDICATOR])
    unused = [name for name in given[INDICATOR] if name not in present]
    merged = merge_indicator_metadata([given[given[INDICATOR].isin(present)], imported])
    order = {name: n for n, name in enumerate(imported[INDICATOR])}
    merged = merged.sort_values(INDICATOR, key=lambda s: s.map(order), kind="stable")
    warnings = []
    if unused:
        warnings.append(f"{table.file}: {plural(len(unused), 'indicator')} not in any source: "
                        + ", ".join(f"'{n}'" for n in unused[:5]) + (" ..." if len(unused) > 5 else ""))
    return merged.reset_index(drop=True), warnings


def problems_to_fix(imported: ImportedDataset) -> list[Problem]:
    """What the dataset still lacks before every command can use it (as benchmark validate says)."""
    from benchmark.core.model import KIND, POLARITY, THEME, MeasureKind

    indicators = imported.indicators
    performance = indicators[indicators[KIND] != MeasureKind.CONTEXT.value]  # context needs neither
    found = []
    for column, why in ((POLARITY, "not ranked"), (THEME, "shown under '(no theme)'")):
        lacking = performance.loc[performance[column].isna(), INDICATOR].tolist()
        if lacking:
            names = ", ".join(f"'{n}'" for n in lacking[:3]) + (" ..." if len(lacking) > 3 else "")
            found.append(Problem("metadata", f"{plural(len(lacking), 'indicator')} without a {column} "
                                 f"({why}): {names}; add a {column} column to the --metadata file",
                                 "warning"))
    return found
