"""Raw tables from files: CSV, TSV, xlsx workbooks and standard input.

A :class:`RawTable` is a sheet's cells as text or numbers under their original headers,
with each row's number in the file so that errors can point at the cell.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from benchmark.errors import DataError, UsageError

if TYPE_CHECKING:
    import pandas as pd

STDIN = "-"
_ZIP_MAGIC = b"PK\x03\x04"
_SNIFF_BYTES = 65536


@dataclass(frozen=True)
class RawTable:
    """One sheet or file: ``frame`` holds the cells (str, float or NaN) under original headers."""

    file: str
    sheet: str | None
    frame: pd.DataFrame
    row_numbers: list[int]  # the file's row number for each frame row (header row excluded)
    first_column: int = 0  # 0-based index of the sheet column that holds frame column 0

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


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def read_tables(source: str | Path, stdin: BinaryIO | None = None) -> list[RawTable]:
    """Every table in a source: the sheets of a workbook, or the one table of a CSV/TSV."""
    if str(source) == STDIN:
        return _read_stdin(stdin)
    path = Path(source)
    if path.is_dir():
        raise UsageError(f"{path} is a directory; give the path of a .xlsx, .csv or .tsv file")
    if not path.exists():
        raise UsageError(f"{path}: no such file; check the path and spelling")
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as error:
        raise DataError(f"{path}: cannot read the file ({error.strerror}); check its permissions") from None
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise DataError(f"{path}: the old binary .xls format is not supported; "
                        "open it in Excel and save it as .xlsx (Excel Workbook)")
    if head.startswith(_ZIP_MAGIC):
        return _read_workbook(path, str(path))
    if suffix in (".xlsx", ".xlsm"):
        raise DataError(f"{path}: this is not an Excel .xlsx workbook (it is not a zip archive); "
                        "re-save it from Excel as .xlsx, or rename it .csv if it is a CSV file")
    return [_read_delimited(path, str(path), head, suffix)]


def _read_stdin(stdin: BinaryIO | None) -> list[RawTable]:
    stream = stdin if stdin is not None else sys.stdin.buffer
    if stream.isatty():
        raise UsageError("'-' reads standard input, but nothing is piped in; "
                         "pipe a file in (benchmark rank - < data.csv) or give a file path")
    data = stream.read()
    if data.startswith(_ZIP_MAGIC):
        return _read_workbook(io.BytesIO(data), "<stdin>")
    return [_read_delimited(io.BytesIO(data), "<stdin>", data[:_SNIFF_BYTES], "")]


def _decode_sniff(head: bytes) -> str:
    """The encoding of a text file from its first bytes: BOMs, else UTF-8, else cp1252."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # not just a character cut at the sniff boundary
            return "cp1252"
    return "utf-8-sig"


def _delimiter(first_line: str, suffix: str) -> str:
    if suffix == ".tsv" or (suffix != ".csv" and first_line.count("\t") > first_line.count(",")):
        return "\t"
    return ","


def _read_delimited(source: Path | BinaryIO, name: str, head: bytes, suffix: str) -> RawTable:
    import pandas as pd

    encoding = _decode_sniff(head)
    first_line = head.decode(encoding, errors="replace").lstrip("\ufeff").splitlines()[:1]
    if not first_line or not first_line[0].strip():
        raise DataError(f"{name}: the file is empty; it needs a header row and at least one data row")
    separator = _delimiter(first_line[0], suffix)
    options = {"sep": separator, "dtype": str, "keep_default_na": False, "skip_blank_lines": False}
    try:
        frame = pd.read_csv(source, encoding=encoding, **options)
    except UnicodeDecodeError:
        if isinstance(source, io.BytesIO):
            source.seek(0)
        frame = pd.read_csv(source, encoding="cp1252", **options)
    except pd.errors.ParserError as error:
        raise DataError(f"{name}: the rows do not line up with the header ({error}); "
                        "check for unquoted commas or missing columns") from None
    except pd.errors.EmptyDataError:
        raise DataError(f"{name}: the file is empty; it needs a header row") from None
    frame.columns = [str(column).strip() for column in frame.columns]
    _refuse_duplicate_headers(_header_cells(head, encoding, separator), name)
    # Blank lines and separator-only lines (",,,", as Excel writes below a table) are not rows;
    # dropping them after reading keeps every other row's number true to the file.
    filled = (frame.fillna("") != "").any(axis=1).to_numpy()
    numbers = [number for number, keep in zip(range(2, len(frame) + 2), filled, strict=True) if keep]
    return RawTable(name, None, frame[filled].reset_index(drop=True), numbers)


def _read_workbook(source: Path | BinaryIO, name: str) -> list[RawTable]:
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError

    try:
        if isinstance(source, Path):
            workbook = CalamineWorkbook.from_path(str(source))
        else:
            workbook = CalamineWorkbook.from_filelike(source)
        return [_sheet_table(workbook.get_sheet_by_name(sheet), name) for sheet in workbook.sheet_names]
    except PasswordError:
        raise DataError(f"{name}: the workbook is password-protected; "
                        "save an unprotected copy from Excel and use that") from None
    except (CalamineError, ValueError) as error:
        raise DataError(f"{name}: cannot read the workbook ({error}); "
                        "check it opens in Excel and re-save it as .xlsx") from None


def _sheet_table(sheet: object, file: str) -> RawTable:
    import pandas as pd

    rows = sheet.to_python(skip_empty_area=True)  # type: ignore[attr-defined]
    first_row = sheet.start[0] + 1 if rows else 1  # type: ignore[attr-defined]
    numbered = [(first_row + index, row) for index, row in enumerate(rows)
                if any(cell != "" for cell in row)]
    if not numbered:
        return RawTable(file, sheet.name, pd.DataFrame(), [])  # type: ignore[attr-defined]
    (_, header), body = numbered[0], numbered[1:]
    first_column = sheet.start[1]  # type: ignore[attr-defined]
    headers = [str(cell).strip() if cell != "" else f"column {column_letter(first_column + i)}"
               for i, cell in enumerate(header)]
    _refuse_duplicate_headers(headers, f"{file}, sheet '{sheet.name}'", first_column)  # type: ignore[attr-defined]
    frame = pd.DataFrame([row for _, row in body], columns=headers, dtype=object)
    frame = frame.replace("", None) if len(frame) else frame
    numbers = [number for number, _ in body]
    return RawTable(file, sheet.name, frame, numbers, first_column)  # type: ignore[attr-defined]


def _header_cells(head: bytes, encoding: str, separator: str) -> list[str]:
    import csv

    text = head.decode(encoding, errors="replace").lstrip("\ufeff")
    return [cell.strip() for cell in next(csv.reader(io.StringIO(text), delimiter=separator), [])]


def _refuse_duplicate_headers(headers: list[str], where: str, first_column: int = 0) -> None:
    seen: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = header.strip().lower()
        if key in seen:
            raise DataError(
                f"{where}: two columns are headed '{header}' (columns "
                f"{column_letter(first_column + seen[key])} and {column_letter(first_column + index)}); "
                "rename or delete one of them"
            )
        seen[key] = index


def clean_text(cell: object) -> str | None:
    """A cell as stripped text ('825' for the number 825.0), None where blank."""
    if cell is None or (isinstance(cell, float) and cell != cell):
        return None
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip() or None


def text_column(series: pd.Series) -> pd.Series:
    """A column of cells as stripped text (object dtype), None where blank."""
    import pandas as pd

    if pd.api.types.is_string_dtype(series.dtype) and not pd.api.types.is_object_dtype(series.dtype):
        stripped = series.str.strip()
        return stripped.astype(object).where(stripped.fillna("") != "", None)
    return pd.Series([clean_text(cell) for cell in series], index=series.index, dtype=object)
