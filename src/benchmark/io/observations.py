"""Observations from a data table, long (one row per area x indicator x period) or wide."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from benchmark.core.errors import DataError
from benchmark.core.headers import SYNONYMS, map_headers
from benchmark.core.model import (
    AREA,
    AREA_CODE,
    INDICATOR,
    INDICATOR_COLUMNS,
    OBSERVATION_COLUMNS,
    PERIOD,
    POLARITY,
    TARGET,
    VALUE,
    Problem,
)
from benchmark.core.values import clean_text, parse_values, text_column
from benchmark.io.metadata import polarity_word
from benchmark.io.raw import RawTable

if TYPE_CHECKING:
    from collections.abc import Sequence

    import numpy as np
    import pandas as pd

ROW = "_row"  # the file row each observation came from, kept while reading for messages
_INLINE_METADATA = tuple(name for name in INDICATOR_COLUMNS if name != INDICATOR)


@dataclass(frozen=True, eq=False, repr=False)  # holds frames: compared and shown by identity
class ObservationTable:
    observations: pd.DataFrame  # OBSERVATION_COLUMNS plus ROW
    layout: str  # "long" or "wide"
    inline_metadata: RawTable | None  # theme/polarity/... columns of a long table, one row each
    problems: list[Problem]
    targets: pd.DataFrame | None = None  # a long table's own target column, where filled in
    distinct: bool = False  # known to hold no two observations of one area, indicator and period


def read_observations(table: RawTable) -> ObservationTable:
    """Detect the layout of a data table and return its observations with values parsed."""
    headers = list(table.frame.columns)
    columns = map_headers(headers, (*OBSERVATION_COLUMNS, *_INLINE_METADATA, TARGET))
    if AREA not in columns:
        accepted = ", ".join(f"'{name}'" for name in SYNONYMS[AREA])
        found = ", ".join(f"'{header}'" for header in headers) or "no columns"
        raise DataError(f"{table.where()}: no area column; found {found}. "
                        f"Head the column of area names with one of {accepted}")
    if table.frame.empty:
        raise DataError(f"{table.where()}: the table has a header but no rows of data")
    if INDICATOR in columns and VALUE in columns:
        return _long(table, columns)
    if INDICATOR in columns:
        raise DataError(f"{table.where()}: there is an indicator column ('{columns[INDICATOR]}') but no "
                        "value column; head the column of values 'value' (a long table), or drop "
                        "the indicator column and give one column per indicator (a wide table)")
    return _wide(table, columns)


def key_column(series: pd.Series, blank: str | None = None) -> pd.Series:
    """A column of names (areas, indicators, periods) as a categorical: each distinct cell is
    cleaned once (stripped; blank -> missing, or ``blank``), categories in sorted order. At ten
    million rows this is several times faster than cleaning every cell, and every later
    comparison, join and grouping works on small integer codes."""
    import numpy as np
    import pandas as pd

    if isinstance(series.dtype, pd.CategoricalDtype):  # a CSV column: its categories are the distinct cells
        codes, uniques = series.array.codes, series.cat.categories
    else:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
    cleaned = [clean_text(unique) for unique in uniques]
    if blank is not None:
        cleaned = [blank if name is None else name for name in cleaned]
    # An empty cell (code -1) is ``blank`` too: a period column left empty throughout (as import
    # writes one from a source without periods) once read back as NaN, and nothing ranked.
    filler = [blank] if blank is not None and bool((codes == -1).any()) else []
    names = sorted({name for name in [*cleaned, *filler] if name is not None})
    is_categorical = isinstance(series.dtype, pd.CategoricalDtype)
    if not filler and cleaned == names == list(uniques) and is_categorical:
        return series  # already clean, distinct and sorted: nothing to recode
    # (Compared with the cells as written too: 'Jobs\tb' cleans to 'Jobs b', and kept as written
    # it no longer matched its own polarity, so the indicator was silently not ranked.)
    position = {name: index for index, name in enumerate(names)}
    # One extra slot at the end, so that factorize's -1 (a missing cell) maps to -1.
    remap: np.ndarray = np.array([-1 if name is None else position[name] for name in cleaned]
                                 + [position[filler[0]] if filler else -1], dtype=_code_type(len(names)))
    categorical = pd.Categorical.from_codes(remap[codes], categories=names, validate=False)
    return pd.Series(categorical, index=series.index, copy=False)


def _code_type(count: int) -> type:
    """The narrowest integer type pandas keeps the codes of ``count`` categories in."""
    import numpy as np

    return next(kind for kind in (np.int8, np.int16, np.int32, np.int64) if count < np.iinfo(kind).max)


def row_array(numbers: Sequence[int]) -> np.ndarray:
    """Row numbers as an int64 array (a range, as a CSV without blank lines gives, without a loop)."""
    import numpy as np

    if isinstance(numbers, range):
        return np.arange(numbers.start, numbers.stop, numbers.step, dtype=np.int64)
    return np.asarray(numbers, dtype=np.int64)


def constant_key(rows: int, value: str | None = None) -> pd.Series:
    """A categorical column holding one value (or nothing) on every row."""
    import numpy as np
    import pandas as pd

    codes = np.full(rows, -1 if value is None else 0, dtype=np.int8)
    categories = [] if value is None else [value]
    categorical = pd.Categorical.from_codes(codes, categories=categories, validate=False)
    return pd.Series(categorical, copy=False)


def _long(table: RawTable, columns: dict[str, str]) -> ObservationTable:
    import pandas as pd

    frame = table.frame
    rows = len(frame)
    keys = pd.DataFrame({
        AREA: key_column(frame[columns[AREA]]),
        AREA_CODE: key_column(frame[columns[AREA_CODE]]) if AREA_CODE in columns else constant_key(rows),
        INDICATOR: key_column(frame[columns[INDICATOR]]),
        PERIOD: key_column(frame[columns[PERIOD]], blank="") if PERIOD in columns else constant_key(rows, ""),
    }, copy=False)
    _refuse_blank(table, keys, columns, INDICATOR)
    values, bad = parse_values(frame[columns[VALUE]])
    # Built in one go without copies: ten million rows make every copy of a column count.
    observations = pd.DataFrame({**{name: keys[name] for name in keys.columns}, VALUE: values.to_numpy(),
                                 ROW: row_array(table.row_numbers)}, copy=False)
    problems = [value_problem(table, cell.position, columns[VALUE], cell.text, cell.reason)
                for cell in bad]
    inline = _inline_metadata(table, columns, observations[INDICATOR])
    targets = None
    if TARGET in columns:
        targets = observations[[AREA, INDICATOR, PERIOD]].assign(
            **{TARGET: text_column(frame[columns[TARGET]]).to_numpy()}).dropna(subset=[TARGET])
    return ObservationTable(observations, "long", inline, problems, targets)


def _wide(table: RawTable, columns: dict[str, str]) -> ObservationTable:
    import numpy as np
    import pandas as pd

    keys = {columns[name] for name in (AREA, AREA_CODE, PERIOD) if name in columns}
    indicator_headers = [header for header in table.frame.columns if header not in keys]
    if not indicator_headers:
        raise DataError(f"{table.where()}: no indicator columns; a wide table has an area column "
                        "and then one column per indicator, headed by the indicator's name")
    frame = table.frame
    rows, count = len(frame), len(indicator_headers)
    area = text_column(frame[columns[AREA]])
    _refuse_blank(table, pd.DataFrame({AREA: area}), columns, AREA)
    # The long layout, built without melting: the cells column by column (as melt would lay them
    # out), each key column repeated once per indicator and each indicator once per row, as
    # categorical codes worked out once for the table's own few distinct names.
    cells = frame[indicator_headers].to_numpy(dtype=object).ravel(order="F")
    values, bad = parse_values(_numbers_at_once(cells))

    def per_row(key: pd.Series) -> pd.Series:
        return _repeated(key, tile=count)

    areas = key_column(area)
    periods = key_column(frame[columns[PERIOD]], "") if PERIOD in columns else None
    indicators = key_column(pd.Series(indicator_headers, dtype=object))
    observations = pd.DataFrame({
        AREA: per_row(areas),
        AREA_CODE: per_row(key_column(frame[columns[AREA_CODE]])) if AREA_CODE in columns
        else constant_key(rows * count),
        INDICATOR: _repeated(indicators, each=rows),
        PERIOD: per_row(periods) if periods is not None else constant_key(rows * count, ""),
        VALUE: values.to_numpy(),
        ROW: np.tile(np.asarray(table.row_numbers, dtype=np.int64), count),
    })
    problems = [value_problem(table, cell.position % rows, indicator_headers[cell.position // rows],
                               cell.text, cell.reason) for cell in bad]
    # Where each column is a different indicator, two observations of one area, indicator and
    # period can only come from two rows of one area and period: looking at the rows spares
    # checking every observation.
    keys = pd.DataFrame({AREA: areas.cat.codes, PERIOD: periods.cat.codes if periods is not None else 0})
    distinct = indicators.cat.codes.nunique() == count and not keys.duplicated().any()
    return ObservationTable(observations, "wide", None, problems, distinct=bool(distinct))


def _numbers_at_once(cells: np.ndarray) -> pd.Series:
    """Cells that are all numbers or blank (a sheet of numbers, as a workbook's usually is) as
    float64 in one step; anything else (text, true/false, formulas without a result) as it is,
    for parse_values to read cell by cell."""
    import numpy as np
    import pandas as pd

    if pd.api.types.infer_dtype(cells, skipna=True) in ("floating", "integer", "mixed-integer-float",
                                                        "empty"):
        try:
            return pd.Series(np.array(cells, dtype=np.float64))  # a blank (None) becomes NaN
        except (OverflowError, TypeError, ValueError):  # an integer beyond float's range
            pass
    return pd.Series(cells, dtype=object)


def _repeated(key: pd.Series, *, tile: int = 1, each: int = 1) -> pd.Series:
    """A categorical column repeated whole ``tile`` times, or each value ``each`` times."""
    import numpy as np
    import pandas as pd

    codes = np.repeat(np.tile(key.array.codes, tile), each)
    return pd.Series(pd.Categorical.from_codes(codes, dtype=key.dtype))


def _refuse_blank(table: RawTable, frame: pd.DataFrame, columns: dict[str, str], name: str) -> None:
    for required in (AREA, name):
        blank = frame[required].isna().to_numpy()
        if blank.any():
            position = int(blank.argmax())
            raise DataError(f"{table.where(position, columns[required])}: the {required} is blank; "
                            f"fill it in or delete the row")


def value_problem(table: RawTable, position: int, column: str, text: str, reason: str) -> Problem:
    """An unreadable value: where it is, why, and the ways to deal with it."""
    return Problem("value", f"{table.where(position, column)}: {reason}; correct the cell, "
                   "leave it blank or mark it N/A if it is missing, or pass --lenient to "
                   "treat unreadable values as missing")


def _inline_metadata(table: RawTable, columns: dict[str, str],
                     indicators: pd.Series) -> RawTable | None:
    """Theme, polarity... given as columns of a long table: one row per indicator."""
    import pandas as pd

    present = [name for name in _INLINE_METADATA if name in columns]
    if not present:
        return None
    headers = [columns[INDICATOR]] + [columns[name] for name in present]
    frame = pd.DataFrame({header: text_column(table.frame[header]) for header in headers[1:]})
    frame.insert(0, headers[0], indicators.to_numpy())
    for header in headers[1:]:
        pairs = frame[[headers[0], header]].dropna()
        # 'High' and 'higher is better' say the same thing; only different meanings clash.
        same = polarity_word if header == columns.get(POLARITY) else str.casefold
        distinct = pairs[~pairs.assign(**{header: pairs[header].map(same)}).duplicated()]
        clash = distinct[headers[0]].duplicated(keep=False)
        if clash.any():
            first, second = distinct[clash].index[:2]
            raise DataError(
                f"{table.where(int(second), header)}: indicator '{distinct.loc[first, headers[0]]}' "
                f"has {header} '{distinct.loc[first, header]}' in row {table.row_numbers[first]} but "
                f"'{distinct.loc[second, header]}' here; give each indicator one {header}"
            )
    firsts = frame.groupby(headers[0], sort=False).first()
    positions = frame.drop_duplicates(headers[0]).index
    metadata = table.frame.iloc[positions].reset_index(drop=True)
    metadata[headers[0]] = firsts.index.to_numpy()
    for header in headers[1:]:
        metadata[header] = firsts[header].to_numpy()
    return RawTable(table.file, table.sheet, metadata,
                    [table.row_numbers[p] for p in positions], table.first_column)
