"""A checked workbook's sheets read by calamine, as raw tables (:class:`~benchmark.io.raw.RawTable`).

Hidden sheets are skipped, or refused when named like a sheet that is read by name; each sheet
is charged its scanned extent against the cell limit before calamine reads it; formulas without
a saved result are marked, merged ranges below the header filled as Excel shows them.
"""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from benchmark.core.errors import DataError
from benchmark.core.text import INVISIBLE, one_line, printable
from benchmark.core.values import ErrorValue, NoSavedValue
from benchmark.io.limits import MAX_COLUMNS, Limits
from benchmark.io.raw import RawTable, column_letter, refuse_duplicate_headers
from benchmark.io.xlsx.archive import (
    INDEX_PARTS,
    looks_like_xml,
    open_archive,
    refuse_unsafe_xml,
    sheet_and_string_parts,
    unpack,
)
from benchmark.io.xlsx.error_cells import error_cells, readable_by_calamine
from benchmark.io.xlsx.expansion import refuse_expansion, refuse_long_text, shared_cells, string_sizes
from benchmark.io.xlsx.scan import SheetScan, scan_sheet

# Sheets read by name (io/dataset.py, io/areas.py): one of these that is hidden is refused rather
# than read unseen; other hidden sheets are skipped.
NAMED_SHEETS = ("data", "indicators", "areas", "targets")


def read_workbook(data: bytes, name: str, limits: Limits, defer_hidden: bool = False) -> list[RawTable]:
    """The sheets of an .xlsx workbook held in ``data``, checked as :mod:`benchmark.io.xlsx` says;
    a hidden sheet named as one read by name is refused, or with ``defer_hidden`` listed unread."""
    import numpy as np

    archive = open_archive(data, name, limits)
    parts = {info.filename.lower(): info for info in archive.infolist()}
    index = {part: unpack(data, parts[part], name) for part in INDEX_PARTS if part in parts}
    for part, xml in index.items():
        refuse_unsafe_xml(xml, name, parts[part].filename)
    sheet_parts, strings_parts = sheet_and_string_parts(index, parts, name)
    targets = set(sheet_parts.values()) | strings_parts
    scans: dict[str, SheetScan] = {}
    others: list[zipfile.ZipInfo] = []
    sizes, shared = np.zeros(0, dtype=np.int64), {}
    codes: dict[str, set[str]] = {}
    for part, info in parts.items():
        parsed = part.endswith((".xml", ".rels", ".vml")) or part in targets
        if not parsed and not looks_like_xml(data, info):
            continue  # an image or an embedded file: calamine never parses it
        xml = index.get(part) or unpack(data, info, name)
        if parsed:
            refuse_unsafe_xml(xml, name, info.filename)
        if part in targets:
            refuse_long_text(xml, name, info.filename)
            scans[part] = scan_sheet(xml)
            scans[part].errors = error_cells(xml)
            codes[info.filename] = set(scans[part].errors.values())
            if part in strings_parts:
                sizes = np.append(sizes, string_sizes(xml, name, info.filename))
            else:
                shared[part] = shared_cells(xml)
        else:
            others.append(info)
    refuse_expansion(sizes, shared, lambda: (unpack(data, parts[part], name) for part in shared),
                     limits, name)

    @functools.cache
    def largest() -> SheetScan:
        """The largest extent of any XML part, charged to a sheet whose part was not found (only
        then are the parts other than sheets and strings scanned)."""
        every = [*scans.values(), *(scan_sheet(unpack(data, info, name)) for info in others)]
        return max(every, key=lambda scan: scan.cells, default=SheetScan())

    strings_invisible = any(scans[part].invisible for part in strings_parts if part in scans)
    return _read_sheets(readable_by_calamine(data, codes), name, limits, sheet_parts, scans, largest,
                        strings_invisible, defer_hidden)


def refuse_hidden(tables: list[RawTable], names: tuple[str, ...] = NAMED_SHEETS) -> None:
    """Refuse the first hidden sheet among ``tables`` (see read_tables' ``defer_hidden``) whose
    name is one of ``names``, or any hidden one when ``names`` is empty."""
    for table in tables:
        if table.hidden and (not names or (table.sheet or "").strip().lower() in names):
            raise DataError(f"{table.file}: the sheet '{table.sheet}' is hidden, so you cannot see "
                            "what would be read; unhide it (right-click a sheet tab, Unhide) or "
                            "delete it")


def _read_sheets(data: bytes, name: str, limits: Limits, sheet_parts: dict[str, str],
                 scans: dict[str, SheetScan], largest: Callable[[], SheetScan],
                 strings_invisible: bool, defer_hidden: bool = False) -> list[RawTable]:
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    with _calamine_errors(name):
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = workbook.sheets_metadata
    import pandas as pd

    chosen, hidden = [], []
    for sheet in sheets:
        if sheet.visible != SheetVisibleEnum.Visible:
            if sheet.name.strip().lower() in NAMED_SHEETS:
                hidden.append(RawTable(name, printable(sheet.name), pd.DataFrame(), [], hidden=True))
                if not defer_hidden:
                    refuse_hidden(hidden)
            continue
        if sheet.typ == SheetTypeEnum.WorkSheet:
            # A sheet whose part was not found is charged the largest extent of any part.
            part = sheet_parts.get(sheet.name, "")
            chosen.append((sheet.name, scans[part] if part in scans else largest()))
    if not chosen:
        raise DataError(f"{name}: the workbook has no visible worksheets; it needs a sheet of data "
                        "(named 'data')")
    for sheet_name, scan in chosen:
        where = f"{name}, sheet '{printable(sheet_name)}'"
        if scan.right >= MAX_COLUMNS:
            raise DataError(f"{where}: it has cells beyond column XFD, Excel's last (it spans "
                            f"{scan.extent}); the file is damaged or crafted")
        limits.check_cells(scan.cells, where, f"the sheet spans {scan.extent} ({scan.cells:,} cells)")
    total = sum(scan.cells for _, scan in chosen)
    limits.check_cells(total, name, f"its {len(chosen)} sheets span {total:,} cells in all")
    tables = []
    for sheet_name, scan in chosen:
        with _calamine_errors(name):
            parsed = workbook.get_sheet_by_name(sheet_name)
            rows = parsed.to_python(skip_empty_area=True)
            start = parsed.start if rows else None
            merged = parsed.merged_cell_ranges or []
        tables.append(_sheet_table(rows, start, merged, name, printable(sheet_name), scan,
                                   scan.invisible or strings_invisible))
    return tables + hidden


@contextmanager
def _calamine_errors(name: str) -> Iterator[None]:
    """calamine's errors (and a Rust panic, which is a BaseException) as one clear DataError."""
    from python_calamine import PasswordError

    try:
        yield
    except PasswordError:
        raise DataError(f"{name}: the workbook is password-protected; open it in Excel, remove "
                        "the password and save it, or save an unprotected copy") from None
    except (MemoryError, KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as error:
        reason = " ".join(printable(str(error)).split())[:200] or type(error).__name__
        raise DataError(f"{name}: cannot read the workbook ({reason}); check it opens in Excel, "
                        "and save it again as .xlsx") from None


def _sheet_table(rows: list[list[Any]], start: tuple[int, int] | None,
                 merged: list[tuple[tuple[int, int], tuple[int, int]]], file: str, shown: str,
                 scan: SheetScan, invisible: bool) -> RawTable:
    import numpy as np
    import pandas as pd

    top, left = start if rows and start is not None else (0, 0)
    if scan.unsaved or scan.errors:
        marks: dict[tuple[int, int], Callable[[str], NoSavedValue]] = {
            **{place: functools.partial(NoSavedValue, formula) for place, formula in scan.unsaved.items()},
            **{place: functools.partial(ErrorValue, code) for place, code in scan.errors.items()}}
        rows, top, left = _mark_unsaved(rows, top, left, marks, f"{file}, sheet '{shown}'")
    if invisible:
        rows = [[INVISIBLE.sub("", cell) if type(cell) is str and not cell.isprintable() else cell
                 for cell in row] for row in rows]
    # One array of the cells: rows whose every cell is blank (calamine's "") are left out, found
    # without a Python loop over the rows. calamine's rows make a rectangle; others are padded.
    width = max(map(len, rows), default=0)
    if any(len(row) != width for row in rows):
        rows = [[*row, *[""] * (width - len(row))] for row in rows]
    cells = np.array(rows, dtype=object) if rows else np.empty((0, 0), dtype=object)
    blank = cells == ""
    filled = np.flatnonzero(~blank.all(axis=1))
    if not len(filled):
        return RawTable(file, shown, pd.DataFrame(), [])
    header_row, body = filled[0], filled[1:]
    if merged and _fill_merged(cells, top, left, top + int(header_row), merged, file, shown):
        blank = cells == ""
    header = cells[header_row].tolist()
    headers = [one_line(str(cell)) if cell != "" else f"column {column_letter(left + i)}"
               for i, cell in enumerate(header)]
    refuse_duplicate_headers(headers, f"{file}, sheet '{shown}'", left, [cell == "" for cell in header])
    values = cells[body]
    values[blank[body]] = None  # a blank cell is missing
    frame = pd.DataFrame(values.reshape(len(body), len(headers)), columns=headers, dtype=object, copy=False)
    return RawTable(file, shown, frame, (top + 1 + body).tolist(), left)


def _mark_unsaved(rows: list[list[Any]], top: int, left: int,
                  unsaved: dict[tuple[int, int], Callable[[str], NoSavedValue]],
                  where: str) -> tuple[list[list[Any]], int, int]:
    """Put a NoSavedValue (made by ``unsaved``'s function, given the cell's name) where calamine
    left a formula without result blank, or an Excel error (an ErrorValue), growing the grid
    where such a cell lies outside it (calamine's range covers only cells with values)."""
    height, width = len(rows), len(rows[0]) if rows else 0
    cells = list(unsaved)
    new_top = min([top] + [row for row, _ in cells]) if rows else min(row for row, _ in cells)
    new_left = min([left] + [column for _, column in cells]) if rows else min(c for _, c in cells)
    bottom = max([top + height - 1] + [row for row, _ in cells])
    right = max([left + width - 1] + [column for _, column in cells])
    if (new_top, new_left, bottom, right) != (top, left, top + height - 1, left + width - 1):
        grown = [[""] * (right - new_left + 1) for _ in range(bottom - new_top + 1)]
        for index, cells_of_row in enumerate(rows):
            offset = left - new_left
            grown[top - new_top + index][offset: offset + width] = cells_of_row
        rows, top, left = grown, new_top, new_left
    for (row, column), mark in unsaved.items():
        if rows[row - top][column - left] == "":
            rows[row - top][column - left] = mark(f"{where}, cell {column_letter(column)}{row + 1}")
    return rows, top, left


def _fill_merged(rows: Any, top: int, left: int, header_row: int,
                 merged: list[tuple[tuple[int, int], tuple[int, int]]], file: str, sheet: str) -> bool:
    """Read a merged range below the header row as Excel shows it: its value in every cell of
    ``rows`` (a 2-D array of the cells); whether there was any such range.

    Merged cells in the header row (a title over several columns) are left as they are.
    """
    height, width = rows.shape
    clipped = []
    for (first_row, first_column), (last_row, last_column) in merged:
        if first_row <= header_row or first_row - top >= height or first_column - left >= width:
            continue
        value = rows[first_row - top][first_column - left] if first_column >= left else ""
        if value == "":
            continue
        rows_span = range(first_row - top, min(last_row - top, height - 1) + 1)
        columns_span = range(max(first_column - left, 0), min(last_column - left, width - 1) + 1)
        clipped.append((value, rows_span, columns_span))
    if sum(len(r) * len(c) for _, r, c in clipped) > height * width:
        raise DataError(f"{file}, sheet '{sheet}': its merged cells overlap, which Excel never "
                        "allows; the file is damaged or crafted")
    for value, rows_span, columns_span in clipped:
        for index in rows_span:
            for column in columns_span:
                if rows[index][column] == "":
                    rows[index][column] = value
    return bool(clipped)
