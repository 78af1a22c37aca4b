"""A dataset as a workbook in the canonical layout (sheets data, indicators, areas, ...).

What ``benchmark import`` writes and ``benchmark sample`` writes as a blank template; every other
command reads it back unchanged (io/dataset.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd


def write_dataset_workbook(path: Path, sheets: dict[str, pd.DataFrame], *,
                           exact_floats: bool = False) -> None:
    """Write each frame to a sheet of its name (header in row 1, bold and frozen), atomically.

    Numbers are written as numbers, missing values (and infinities, which Excel lacks) as empty
    cells, everything else as text that stays text, as every other workbook this tool writes.
    openpyxl writes 16 significant digits, and 8.0 as 8 (read back as an int); with
    ``exact_floats`` each float is written as its shortest exact text (42.923697069144886, 8.0),
    so that it reads back as the same float."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    from benchmark.core.cell_text import stays_text, store_text
    from benchmark.core.output import write_binary_atomic
    from benchmark.core.sheets import declare_size

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for name, frame in sheets.items():
        sheet = workbook.create_sheet(name)
        declare_size(sheet, len(frame) + 1, len(frame.columns))
        sheet.freeze_panes = "A2"
        header = []
        for column in frame.columns:
            cell = WriteOnlyCell(sheet, value=str(column))
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        columns = [[_cell(value) for value in frame[column].tolist()] for column in frame.columns]
        for row in zip(*columns, strict=True):
            sheet.append([store_text(WriteOnlyCell(sheet), value)
                          if isinstance(value, str) and not stays_text(value)
                          else _exact(sheet, value) if exact_floats and isinstance(value, float)
                          else value for value in row])
    write_binary_atomic(path, workbook.save)


def _exact(sheet: Any, value: float) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=repr(value))
    cell.data_type = "n"
    return cell


def _cell(value: Any) -> Any:
    import math

    import pandas as pd

    if pd.api.types.is_scalar(value) and pd.isna(value):
        return None
    if isinstance(value, bool | str):
        return value
    try:
        number = value if isinstance(value, int | float) else float(value)
    except (TypeError, ValueError):
        return str(value)
    return number if math.isfinite(number) else None
