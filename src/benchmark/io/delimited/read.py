"""A CSV or TSV file as a :class:`~benchmark.io.raw.RawTable`: every cell as text, each column a
categorical, every row numbered as in the file."""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING

from benchmark.core.errors import DataError
from benchmark.core.text import one_line, printable
from benchmark.io.delimited.decode import utf8_payload
from benchmark.io.limits import MAX_COLUMNS, Limits
from benchmark.io.raw import RawTable, column_letter, refuse_duplicate_headers

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


def read_delimited(data: bytes, name: str, suffix: str, encoding: str | None, limits: Limits) -> RawTable:
    """The one table of a CSV or TSV file held in ``data`` (comma or tab separated, as ``suffix``
    or the first line says); blank lines are not rows, and do not shift the others' numbers."""
    payload, breaks = utf8_payload(data, name, encoding)
    del data
    end = payload.find(b"\n")
    first_line = payload[: end if end >= 0 else len(payload)].decode("utf-8", "surrogatepass").rstrip("\r")
    if not first_line.strip():
        if not payload.strip():
            raise DataError(f"{name}: the file is empty; it needs a header row and at least one data row")
        raise DataError(f"{name}, line 1: the first line is blank, but it must be the header row; "
                        "delete the blank lines above the header")
    separator = _delimiter(first_line, suffix)
    headers = _header_cells(payload, separator, name)
    if len(headers) > MAX_COLUMNS:
        raise DataError(f"{name}: the header row has {len(headers):,} columns, more than Excel's "
                        f"{MAX_COLUMNS:,}; check the delimiter, or that this is the right file")
    lines = max(breaks.feeds, breaks.returns) + (not payload.endswith((b"\n", b"\r")))
    limits.check_cells(lines * len(headers), name, f"the file has {lines:,} lines of "
                       f"{len(headers):,} columns ({lines * len(headers):,} cells)")
    named = [header or f"column {column_letter(index)}" for index, header in enumerate(headers)]
    refuse_duplicate_headers(named, name, blank=[not header for header in headers])
    frame = _parse_delimited(payload, separator, headers, name)
    frame.columns = named
    # Blank lines and separator-only lines (",,,", as Excel writes below a table) are not rows;
    # dropping them after reading keeps every other row's number true to the file.
    filled = _filled_rows(frame)
    if filled.all():
        return RawTable(name, None, frame, range(2, len(frame) + 2))
    numbers = [int(number) for number in filled.nonzero()[0] + 2]
    return RawTable(name, None, frame[filled].reset_index(drop=True), numbers)


def _delimiter(first_line: str, suffix: str) -> str:
    if suffix == ".tsv" or (suffix != ".csv" and first_line.count("\t") > first_line.count(",")):
        return "\t"
    return ","


def _filled_rows(frame: pd.DataFrame) -> np.ndarray:
    """Whether each row has any cell that is not empty (a cell of spaces counts as filled)."""
    import numpy as np
    import pandas as pd

    filled = np.zeros(len(frame), dtype=bool)
    for _, column in frame.items():
        if isinstance(column.dtype, pd.CategoricalDtype):
            codes = column.array.codes
            empty = np.append(np.asarray(column.cat.categories == ""), True)  # code -1 (missing) too
            if not empty[:-1].any() and (len(codes) == 0 or codes.min() >= 0):
                return np.ones(len(frame), dtype=bool)  # a column filled on every row
            filled |= ~empty[codes]
        else:
            filled |= (column.fillna("") != "").to_numpy()
    return filled


def _lines(payload: bytes) -> Iterator[str]:
    """The lines of UTF-8 text one at a time, as iterating a StringIO would give them."""
    start = 0
    while start < len(payload):
        end = payload.find(b"\n", start)
        end = len(payload) if end < 0 else end + 1
        yield payload[start:end].decode("utf-8", "surrogatepass")
        start = end


def _header_cells(payload: bytes, separator: str, name: str) -> list[str]:
    try:
        return [one_line(cell) for cell in next(csv.reader(_lines(payload), delimiter=separator), [])]
    except csv.Error as error:
        raise DataError(f"{name}, row 1: cannot read the header row ({error}); check the file "
                        "is CSV or TSV text") from None


WIDE_COLUMNS = 256


def _parse_delimited(payload: bytes, separator: str, headers: list[str], name: str) -> pd.DataFrame:
    """Every cell as text, each column a categorical: pandas' C parser hashes the cells' bytes
    and makes one Python string per distinct text, where reading them as ``str`` makes one per
    cell (ten million rows of four columns: 2 s instead of 8 s, and a fraction of the memory)."""
    import pandas as pd

    from benchmark.io.delimited.halves import read_csv_bytes

    # A thousands separator that cannot occur (control characters are gone by now) keeps pandas
    # from turning categories that look like numbers into numbers: '2010.50' stays '2010.50'.
    # A wide table is read as plain text: a categorical per column costs pandas more than it saves
    # when each column has few rows (300 rows x 16,000 columns: 60 s and out of memory, not 3 s).
    kind = "category" if len(headers) <= WIDE_COLUMNS else object
    options = {"sep": separator, "dtype": kind, "keep_default_na": False, "skip_blank_lines": False,
               "index_col": False, "encoding": "utf-8", "encoding_errors": "surrogatepass",
               "thousands": "\x01"}
    try:
        with warnings.catch_warnings():
            # A row longer than the header makes pandas drop its extra cells with a warning.
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = read_csv_bytes(payload, options)  # a large file: in two halves at once
    except (pd.errors.ParserWarning, pd.errors.ParserError) as problem:
        unclosed = re.search(r"EOF inside string starting at row (\d+)", str(problem))
        if unclosed:
            raise DataError(f"{name}, row {int(unclosed[1]) + 1}: a quoted cell starts here and is "
                            "never closed; remove the stray \" or add the closing one") from None
        return _ragged_frame(payload.decode("utf-8", "surrogatepass"), separator, headers, name)
    except pd.errors.EmptyDataError:
        raise DataError(f"{name}: the file is empty; it needs a header row") from None
    if len(frame.columns) != len(headers):
        return _ragged_frame(payload.decode("utf-8", "surrogatepass"), separator, headers, name)
    for index, column in enumerate(frame.columns if kind == "category" else []):
        categories = frame[column].cat.categories
        if len(categories) and not pd.api.types.is_string_dtype(categories.dtype):
            # Should pandas still infer numbers or booleans ('True'), read that column as text.
            text = pd.read_csv(io.BytesIO(payload), **{**options, "dtype": str, "usecols": [index]})
            frame[column] = text.iloc[:, 0].astype("category")
    return frame


def _ragged_frame(text: str, separator: str, headers: list[str], name: str) -> pd.DataFrame:
    """Rows longer than the header: refused if an extra cell holds something, else trimmed
    (a trailing separator, as some exports write, adds an empty cell)."""
    import pandas as pd

    width = len(headers)
    rows = []
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=separator), start=1):
            extra = [(index, cell) for index, cell in enumerate(row[width:], start=width) if cell.strip()]
            if extra:
                index, cell = extra[0]
                shown = "a tab" if separator == "\t" else "a comma"
                raise DataError(
                    f"{name}, row {number}: {len(row)} cells but the header row has {width}; "
                    f"'{printable(cell[:40])}' in column {column_letter(index)} has no header. Give "
                    f"that column a header, delete the extra cells, or put quotes round a cell that "
                    f"holds {shown}")
            rows.append(row[:width] + [""] * (width - len(row)))
    except csv.Error as error:
        raise DataError(f"{name}: cannot read the rows ({error}); check the quotes and the "
                        "delimiter") from None
    return pd.DataFrame(rows[1:], columns=range(width), dtype=object)
