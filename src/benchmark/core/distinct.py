"""The distinct values of a column, in order of first appearance, and its integer codes, found
without hashing every row.

Area, indicator and period columns are categoricals (see ``io/observations.py``). At ten million
rows, ``unique`` and ``drop_duplicates`` hash every row's code, about 0.1 s each; here the codes
that occur are marked in a pass, and where each first occurs is read from as few rows as it
takes: in a large file every area and indicator usually appears in the first block.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

_FIRST_BLOCK = 1 << 16  # rows; each further block is twice as long, so at worst about two passes


def first_rows(column: pd.Series) -> np.ndarray:
    """Positions of the first row of each distinct value of ``column`` (missing counting as one
    value), in order: the rows ``drop_duplicates`` keeps."""
    import numpy as np
    import pandas as pd

    if not isinstance(column.dtype, pd.CategoricalDtype):
        return np.flatnonzero(~column.duplicated().to_numpy())
    codes = column.array.codes
    seen = np.zeros(len(column.cat.categories) + 1, dtype=bool)
    seen[codes] = True  # code -1 (missing) marks the last flag
    wanted = int(np.count_nonzero(seen))
    found = np.zeros_like(seen)
    positions = [np.zeros(0, dtype=np.intp)]
    start, block = 0, _FIRST_BLOCK
    while wanted and start < len(codes):
        values, first = np.unique(codes[start:start + block], return_index=True)
        new = ~found[values]
        found[values[new]] = True
        positions.append(first[new] + start)
        wanted -= int(np.count_nonzero(new))
        start, block = start + block, block * 2
    return np.sort(np.concatenate(positions))


def codes(column: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes (-1 for missing, as narrow as a categorical's) and the values they stand for:
    a categorical's own, without hashing a row, or else pandas' factorize (in order of appearance)."""
    import pandas as pd

    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.array.codes, column.cat.categories
    found, uniques = pd.factorize(column, use_na_sentinel=True)
    return found, pd.Index(uniques)


def combined_codes(columns: list[np.ndarray], sizes: list[int], dtype: Any) -> np.ndarray:
    """One integer per row for its codes in ``columns`` (each -1 for missing): each code + 1 as a
    digit in a mixed radix of ``sizes`` (each column's number of values + 1), so a missing value
    is a value like any other. Built in place in ``dtype``: a pass or two over the rows per
    column, and no temporary array of ten million rows."""
    key: np.ndarray = columns[0].astype(dtype)
    key += 1
    for column, size in zip(columns[1:], sizes[1:], strict=True):
        key *= size
        key += column
        key += 1
    return key


def distinct(column: pd.Series) -> list[Any]:
    """``list(column.unique())``: each distinct value once, in order of first appearance."""
    return column.iloc[first_rows(column)].tolist()
