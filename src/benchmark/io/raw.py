"""Raw tables: a sheet's or a file's cells under their original headers.

A :class:`RawTable` is what every reader returns (:func:`~benchmark.io.tables.read_tables`): the
cells as text or numbers, with each row's number in the file so that errors can point at the cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from benchmark.core.errors import DataError
from benchmark.core.sheets import column_letter

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True, eq=False, repr=False)  # holds frames: compared and shown by identity
class RawTable:
    """One sheet or file: ``frame`` holds the cells (str, float or NaN) under original headers.

    A CSV/TSV table's columns are categoricals of the cells' text: each distinct text is one
    Python string, however many rows hold it (see :func:`~benchmark.core.values.text_column`, and
    :func:`~benchmark.core.values.parse_values`, which read them)."""

    file: str
    sheet: str | None
    frame: pd.DataFrame
    row_numbers: Sequence[int]  # the file's row number for each frame row (header row excluded)
    first_column: int = 0  # 0-based index of the sheet column that holds frame column 0
    hidden: bool = False  # a hidden sheet, not read: see read_tables(defer_hidden=True)

    def where(self, position: int | None = None, column: str | None = None) -> str:
        """'data.xlsx, sheet 'data', row 14, column D (value)' for error messages."""
        parts = [self.file]
        if self.sheet is not None:
            parts.append(f"sheet '{self.sheet}'")
        if position is not None:
            parts.append(f"row {self.row_numbers[position]}")
        if column is not None:
            letter = column_letter(self.first_column + list(self.frame.columns).index(column))
            parts.append(f"column {letter} ({column})")
        return ", ".join(parts)


def refuse_duplicate_headers(headers: list[str], where: str, first_column: int = 0,
                              blank: list[bool] | None = None) -> None:
    """Two columns under one name (any case) are refused; ``blank`` marks the columns whose header
    was empty and has been named after the column ('column B')."""
    seen: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = header.strip().lower()
        if not key:
            continue
        if key in seen and blank is not None and (blank[seen[key]] or blank[index]):
            empty, named = (seen[key], index) if blank[seen[key]] else (index, seen[key])
            raise DataError(
                f"{where}: column {column_letter(first_column + empty)} has no header and column "
                f"{column_letter(first_column + named)} is headed '{header}'; give column "
                f"{column_letter(first_column + empty)} a header or delete it")
        if key in seen:
            raise DataError(
                f"{where}: two columns are headed '{header}' (columns "
                f"{column_letter(first_column + seen[key])} and {column_letter(first_column + index)}); "
                "rename or delete one of them"
            )
        seen[key] = index
