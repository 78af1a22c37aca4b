"""Spreadsheet addresses: column letters, and the size a sheet written row by row declares."""

from __future__ import annotations

from typing import Any


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def declare_size(sheet: Any, rows: int, columns: int) -> None:
    """Tell a write-only openpyxl sheet its size before its first row is appended, so that the file
    has a <dimension> element ('A1:H28'). openpyxl writes one only for a size known before the rows,
    which a sheet written row by row never knows; readers that trust the element (openpyxl's
    read-only mode among them) then saw no size at all (max_row None)."""
    size = f"A1:{column_letter(max(columns, 1) - 1)}{max(rows, 1)}"
    sheet.calculate_dimension = lambda: size
