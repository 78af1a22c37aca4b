"""A source read as area metadata: one row per area (or per area and period) with per-head columns.

``benchmark funding-gap`` reads its source this way: a CSV such as
``authority,csp_per_head_2018_19,two_tier_county``, or a workbook's ``areas`` sheet. The result is
a :class:`~benchmark.core.model.Dataset` with no observations (layout ``"none"``), so that ``--group``
works on it exactly as on any other source.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from benchmark.core.errors import DataError
from benchmark.core.headers import map_headers
from benchmark.core.model import AREA, INDICATOR_COLUMNS, OBSERVATION_COLUMNS, PERIOD, VALUE, Dataset
from benchmark.io.metadata import area_metadata
from benchmark.io.raw import RawTable
from benchmark.io.tables import read_tables

if TYPE_CHECKING:
    import pandas as pd

AREAS_SHEET = "areas"


def read_areas(source: str | Path, *, stdin: BinaryIO | None = None) -> Dataset:
    """Read ``source`` (a CSV/TSV, a workbook's ``areas`` sheet, or '-') as area metadata.

    Known columns get their canonical names (area, area_code, population, spend_per_head,
    funding_per_head, deprivation_rank; the first four parsed as numbers); any other column,
    such as ``csp_per_head_2018_19``, is kept as text under its own header. A column headed
    ``period`` (or ``year``, ``financial year``...) makes the table long: one row per area and
    period. An area listed twice (twice in one period) is an error.
    """
    import pandas as pd

    tables = read_tables(source, stdin)
    table = _areas_table(tables)
    if table.frame.empty:
        raise DataError(f"{table.where()}: the table has no rows; it needs one row per area")
    frame, problems = area_metadata(table)
    period_header = map_headers([str(c) for c in frame.columns if c != AREA], (PERIOD,)).get(PERIOD)
    if period_header is not None:
        frame = frame.rename(columns={period_header: PERIOD})
        frame[PERIOD] = frame[PERIOD].fillna("")
    _refuse_repeats(frame, table)
    observations = pd.DataFrame({name: pd.Series(dtype=object) for name in OBSERVATION_COLUMNS})
    observations[VALUE] = observations[VALUE].astype("float64")
    indicators = pd.DataFrame({name: pd.Series(dtype=object) for name in INDICATOR_COLUMNS})
    layout = "long by period" if period_header is not None else "one row per area"
    return Dataset(
        observations=observations,
        indicators=indicators,
        areas=frame,
        source=tables[0].file,
        layout="none",
        problems=tuple(problems),
        notes=(f"{table.where()}: area metadata, {layout}, {len(frame)} rows",),
    )


def _areas_table(tables: list[RawTable]) -> RawTable:
    """The one table of a CSV, or a workbook's 'areas' sheet (or its only sheet with cells)."""
    if tables[0].sheet is None:
        return tables[0]
    for table in tables:
        if table.sheet is not None and table.sheet.strip().lower() == AREAS_SHEET:
            return table
    filled = [table for table in tables if not table.frame.empty]
    if len(filled) == 1:
        return filled[0]
    names = ", ".join(f"'{table.sheet}'" for table in filled) or "none with cells"
    raise DataError(f"{tables[0].file}: no sheet named '{AREAS_SHEET}' among the sheets ({names}); "
                    f"name the sheet with one row per area '{AREAS_SHEET}'")


def _refuse_repeats(frame: pd.DataFrame, table: RawTable) -> None:
    keys = [AREA, PERIOD] if PERIOD in frame.columns else [AREA]
    repeated = frame.duplicated(keys)
    if repeated.any():
        row = frame[repeated].iloc[0]
        in_period = f" in period '{row[PERIOD]}'" if PERIOD in keys else ""
        raise DataError(f"{table.where()}: area '{row[AREA]}' is listed twice{in_period}; "
                        "keep one row per area" + (" and period" if in_period else ""))
