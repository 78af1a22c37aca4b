"""Assemble a :class:`~benchmark.core.model.Dataset` from a workbook or separate CSV/TSV files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from benchmark.core.distinct import combined_codes, first_rows
from benchmark.core.errors import DataError, UsageError
from benchmark.core.model import (
    AREA,
    AREA_CODE,
    INDICATOR,
    OBSERVATION_COLUMNS,
    PERIOD,
    POLARITY,
    VALUE,
    Dataset,
    Problem,
)
from benchmark.core.text import plural
from benchmark.io.limits import Limits
from benchmark.io.metadata import (
    area_metadata,
    indicator_metadata,
    merge_indicator_metadata,
    target_table,
)
from benchmark.io.observations import ROW, read_observations
from benchmark.io.raw import RawTable
from benchmark.io.spellings import one_spelling
from benchmark.io.tables import STDIN, read_tables
from benchmark.io.xlsx.read import NAMED_SHEETS, refuse_hidden

if TYPE_CHECKING:
    import pandas as pd

    from benchmark.io.profiles.schema import Profile

DATA_SHEET, INDICATORS_SHEET, AREAS_SHEET, TARGETS_SHEET = "data", "indicators", "areas", "targets"
METADATA_SHEETS = (INDICATORS_SHEET, AREAS_SHEET, TARGETS_SHEET)


def read_dataset(
    source: str | Path,
    *,
    indicators: str | Path | None = None,
    areas: str | Path | None = None,
    targets: str | Path | None = None,
    stdin: BinaryIO | None = None,
    encoding: str | None = None,
    max_cells: int | None = None,
    max_bytes: int | None = None,
    profile: str | None = "auto",
) -> Dataset:
    """Read observations and metadata from ``source`` (a workbook, CSV/TSV, or '-' for stdin).

    A workbook supplies sheets ``data``, ``indicators``, ``areas`` and ``targets`` (any case);
    separate files given as ``indicators``/``areas``/``targets`` take precedence over them.
    ``encoding`` forces the encoding of CSV/TSV files (default: detected); ``max_cells`` and
    ``max_bytes`` bound what each file may hold (default: $BENCHMARK_MAX_CELLS and
    $BENCHMARK_MAX_BYTES, else 5,000,000 cells and 256 MiB; see docs/security.md).
    ``profile`` reads a published layout (see docs/profiles.md): "auto" recognises a shipped one by
    its headers, else reads the canonical layout; "none" (or None) always reads the canonical
    layout; else a shipped profile's name or the path of a profile .toml file.
    """
    if [str(s) for s in (source, indicators, areas, targets)].count(STDIN) > 1:
        raise UsageError("only one input can be read from standard input ('-')")
    limits = Limits.resolve(max_cells, max_bytes)
    tables = read_tables(source, stdin, encoding=encoding, limits=limits, defer_hidden=True)
    chosen = None if _canonical_workbook(tables, profile) else _profile(tables, profile)
    refuse_hidden(tables, METADATA_SHEETS if chosen else NAMED_SHEETS)
    tables = [table for table in tables if not table.hidden]
    sheets = {table.sheet.lower(): table for table in tables if table.sheet is not None}
    notes: list[str] = []
    problems: list[Problem] = []
    if chosen is not None:
        from benchmark.io.profiles import apply_profile

        profiled = apply_profile(tables, chosen)
        notes.append(profiled.note)
        problems.extend(profiled.problems)
        sheets = {name: table for name, table in sheets.items() if name in METADATA_SHEETS}
        sheets[DATA_SHEET] = profiled.table
    indicator_table = (_side_table(indicators, INDICATORS_SHEET, stdin, encoding, limits)
                       or sheets.get(INDICATORS_SHEET))
    area_table = _side_table(areas, AREAS_SHEET, stdin, encoding, limits) or sheets.get(AREAS_SHEET)
    targets_table = (_side_table(targets, TARGETS_SHEET, stdin, encoding, limits)
                     or sheets.get(TARGETS_SHEET))
    data_table = _data_table(tables, sheets, notes)

    if data_table is None:
        if area_table is None:
            raise DataError(f"{tables[0].file}: no data sheet; name the sheet of observations "
                            f"'{DATA_SHEET}' (and metadata sheets '{INDICATORS_SHEET}', '{AREAS_SHEET}')")
        observations, layout, inline, inline_targets = _empty_observations(), "none", None, None
    else:
        read = read_observations(data_table)
        observations, layout, inline = read.observations, read.layout, read.inline_metadata
        inline_targets = read.targets
        problems.extend(read.problems)
        notes.append(f"{data_table.where()}: {layout} layout, {len(observations)} observations")
        if not read.distinct:
            observations, duplicate_problems = _drop_duplicates(observations, data_table)
            problems.extend(duplicate_problems)

    indicator_frame = _indicators(indicator_table, inline, observations, problems)
    observations, indicator_frame, spelt = one_spelling(observations, indicator_frame)
    problems.extend(spelt)
    area_frame = _areas(area_table, observations, problems)
    return Dataset(
        observations=observations[list(OBSERVATION_COLUMNS)].reset_index(drop=True),
        indicators=indicator_frame,
        areas=area_frame,
        source=tables[0].file,
        layout=layout,
        targets=_targets(targets_table, inline_targets),
        problems=tuple(problems),
        notes=tuple(notes),
        profile=chosen,
    )


def _canonical_workbook(tables: list[RawTable], profile: str | None) -> bool:
    """A workbook with a visible sheet named 'data' is in the canonical layout: with --profile
    auto no published layout is looked for (which saves reading the profiles on every run)."""
    auto = profile is not None and profile.strip().casefold() == "auto"
    return auto and any(not table.hidden and (table.sheet or "").strip().lower() == DATA_SHEET
                        for table in tables)


def _profile(tables: list[RawTable], profile: str | None) -> Profile | None:
    from benchmark.io.profiles import choose_profile

    return choose_profile(tables, profile)


def _side_table(path: str | Path | None, sheet: str, stdin: BinaryIO | None, encoding: str | None,
                limits: Limits) -> RawTable | None:
    """The metadata table from a separate file: its sheet named ``sheet``, or its only table."""
    if path is None:
        return None
    tables = read_tables(path, stdin, encoding=encoding, limits=limits)
    for table in tables:
        if table.sheet is not None and table.sheet.lower() == sheet:
            return table
    return tables[0]


def _data_table(tables: list[RawTable], sheets: dict[str, RawTable], notes: list[str]) -> RawTable | None:
    if DATA_SHEET in sheets:
        return sheets[DATA_SHEET]
    if tables[0].sheet is None:
        return tables[0]
    others = [t for t in tables if t.sheet and t.sheet.lower() not in METADATA_SHEETS]
    others = [t for t in others if not t.frame.empty]
    if len(others) == 1:
        notes.append(f"{others[0].file}: no sheet named '{DATA_SHEET}'; read sheet '{others[0].sheet}'")
        return others[0]
    if others:
        names = ", ".join(f"'{t.sheet}'" for t in others)
        raise DataError(f"{tables[0].file}: no sheet named '{DATA_SHEET}' and several others ({names}); "
                        f"rename the sheet of observations to '{DATA_SHEET}'")
    return None


def _empty_observations() -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame({name: pd.Series(dtype=object) for name in OBSERVATION_COLUMNS})
    frame[VALUE] = frame[VALUE].astype("float64")
    return frame


def _drop_duplicates(observations: pd.DataFrame, table: RawTable) -> tuple[pd.DataFrame, list[Problem]]:
    """Identical repeats are dropped; repeats with different values are problems."""
    keys = [AREA, INDICATOR, PERIOD]
    if not _may_repeat(observations, keys):
        return observations, []
    repeated = observations.duplicated(keys, keep=False)
    if not repeated.any():
        return observations, []
    repeats = observations[repeated]
    problems = []
    for (area, indicator, period), group in repeats.groupby(keys, sort=False, observed=True):
        values = group[VALUE]
        if values.nunique(dropna=False) > 1:
            listed = ", ".join(f"row {row}: {'blank' if value != value else f'{value:g}'}"
                               for row, value in zip(group[ROW], values, strict=True))
            where_period = f", period '{period}'" if period else ""
            problems.append(Problem(
                "duplicate",
                f"{table.where()}: '{area}', '{indicator}'{where_period} appears with different "
                f"values ({listed}); keep the correct row and delete the others",
            ))
    return observations.drop_duplicates(keys, keep="first"), problems


def _may_repeat(observations: pd.DataFrame, keys: list[str]) -> bool:
    """False when no two rows share the keys, found from one integer per row made from the keys'
    category codes: marked in an array of flags when there are not too many possible integers,
    else sorted (a hash of ten million rows takes 3 s, the sort 0.4 s, the flags 0.05 s). True
    when some may, or when the keys are not all categoricals, for the exact check to find which."""
    import numpy as np
    import pandas as pd

    columns = [observations[key] for key in keys]
    if len(observations) < 2 or not all(isinstance(c.dtype, pd.CategoricalDtype) for c in columns):
        return len(observations) >= 2
    sizes = [len(column.cat.categories) + 1 for column in columns]  # + 1: code -1 (missing)
    span = int(np.prod(sizes, dtype=object))
    if span >= 2**62:
        return True
    combined = combined_codes([column.array.codes for column in columns], sizes,
                              np.int32 if span < 2**31 else np.int64)
    if span <= 4 * len(observations) + 1_000_000:
        seen = np.zeros(span, dtype=bool)
        seen[combined] = True
        return int(np.count_nonzero(seen)) < len(observations)
    combined.sort()
    return bool((combined[1:] == combined[:-1]).any())


def _indicators(table: RawTable | None, inline: RawTable | None, observations: pd.DataFrame,
                problems: list[Problem]) -> pd.DataFrame:
    """Explicit metadata first, then a long table's own columns, then bare names from the data."""
    import pandas as pd

    frames = []
    for source in (table, inline):
        if source is not None:
            frame, found = indicator_metadata(source)
            frames.append(frame)
            problems.extend(found)
    if table is not None and inline is not None:
        problems.extend(_polarity_clashes(frames[0], frames[1], table.file, inline.file))
    names = observations[INDICATOR].iloc[first_rows(observations[INDICATOR])]
    frames.append(pd.DataFrame({INDICATOR: names.to_numpy()}))
    return merge_indicator_metadata(frames)


def _polarity_clashes(metadata: pd.DataFrame, inline: pd.DataFrame, metadata_file: str,
                      data_file: str) -> list[Problem]:
    """A warning for each indicator whose polarity in the metadata differs from the one in the
    data's own polarity column: the metadata's wins, and the user is told, not left to guess."""
    if POLARITY not in metadata.columns or POLARITY not in inline.columns:
        return []
    given = dict(zip(metadata[INDICATOR], metadata[POLARITY], strict=True))
    clashes = []
    for indicator, polarity in zip(inline[INDICATOR], inline[POLARITY], strict=True):
        winner = given.get(indicator)
        if winner is not None and polarity is not None and winner == winner and polarity == polarity \
                and winner != polarity:
            clashes.append(Problem("conflict", f"indicator '{indicator}' has polarity '{winner}' in "
                                   f"{metadata_file} but '{polarity}' in the data's polarity column "
                                   f"({data_file}); '{winner}' is used, from {metadata_file}",
                                   severity="warning"))
    return clashes


def _targets(table: RawTable | None, inline: pd.DataFrame | None) -> pd.DataFrame | None:
    """A targets table wins over a long table's target column for the same area, indicator, period."""
    import pandas as pd

    frames = [frame for frame in (target_table(table) if table else None, inline) if frame is not None]
    if not frames:
        return None
    combined = pd.concat(frames, ignore_index=True)
    return combined.drop_duplicates([AREA, INDICATOR, PERIOD], keep="first").reset_index(drop=True)


def _areas(table: RawTable | None, observations: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    """The area metadata, then each area of the data it does not list (name and code only)."""
    import pandas as pd

    first = first_rows(observations[AREA])
    if table is not None:
        frame, found = area_metadata(table)
        problems.extend(found)
        duplicated = frame[AREA].duplicated()
        if duplicated.any():
            name = frame[AREA][duplicated].iloc[0]
            raise DataError(f"{table.where()}: area '{name}' is listed twice; keep one row per area")
        listed = set(frame[AREA])
        first = first[[name not in listed for name in observations[AREA].iloc[first]]]
        if not len(first):  # the usual case: the names and codes as text, as below
            return frame.astype({AREA: object, AREA_CODE: object})
    seen = observations[[AREA, AREA_CODE]].iloc[first].astype(object)
    seen = seen.where(seen.notna(), None)
    return seen.reset_index(drop=True) if table is None else pd.concat([frame, seen], ignore_index=True)


def require_clean(dataset: Dataset, lenient: bool = False) -> list[str]:
    """Raise on the first error among the dataset's problems; return warnings to show (metadata
    in conflict, and how it was resolved).

    With ``lenient``, unreadable values count as missing and are summed up in one warning.
    """
    errors = [p for p in dataset.problems if p.severity == "error"]
    unreadable = [p for p in errors if p.kind == "value"]
    fatal = [p for p in errors if p.kind != "value" or not lenient]
    if fatal:
        more = len(fatal) - 1
        suffix = f" (and {plural(more, 'more problem')}; run benchmark validate)" if more else ""
        raise DataError(fatal[0].message + suffix)
    # Conflicting metadata is resolved by a rule, and one name written two ways read as one (or
    # a look-alike kept apart): every command says so (the rest: validate).
    shown = [p.message for p in dataset.problems if p.kind in ("conflict", "spelling")]
    if unreadable:
        shown.append(f"{plural(len(unreadable), 'unreadable value')} treated "
                     f"as missing (--lenient); the first: {unreadable[0].message.split('; ')[0]}")
    return shown
