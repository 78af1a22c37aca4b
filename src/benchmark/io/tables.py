"""Raw tables from files: CSV, TSV, xlsx workbooks and standard input.

A :class:`RawTable` is a sheet's cells as text or numbers under their original headers,
with each row's number in the file so that errors can point at the cell.

Every input is read in full into memory first, within the byte limit of
:class:`~benchmark.io.limits.Limits`, and recognised by its content rather than its name: a
workbook goes to :mod:`benchmark.io.workbook`; other binary formats (old .xls, encrypted
workbooks, PDF, web pages saved as .xls) are refused with a message saying what the file is and
how to save it instead; text is decoded (see :func:`decode_text`) and parsed as CSV or TSV.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import stat
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

from benchmark.core.errors import DataError, UsageError
from benchmark.io.limits import MAX_COLUMNS, Limits

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

STDIN = "-"
_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SNIFF_BYTES = 65536
_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")

# Control characters (but tab, line feed and carriage return) and invisible formatting characters
# (zero-width spaces and joiners, direction marks and overrides, word joiners, a byte-order mark
# inside the text): never part of a name or a number, and unsafe to echo to a terminal.
LINE_BREAKS = re.compile(r"\s*[\r\n\t]+\s*")  # a wrapped header or name reads as one line
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e"
                       "\u2060-\u2064\u2066-\u2069\ufeff]")


@dataclass(frozen=True, eq=False, repr=False)  # holds frames: compared and shown by identity
class RawTable:
    """One sheet or file: ``frame`` holds the cells (str, float or NaN) under original headers.

    A CSV/TSV table's columns are categoricals of the cells' text: each distinct text is one
    Python string, however many rows hold it (see :func:`text_column`, and
    :func:`~benchmark.io.values.parse_values`, which read them)."""

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


class NoSavedValue(str):
    """A workbook cell holding a formula whose result was never saved; the text is the formula,
    ``cell`` says where it is ("book.xlsx, sheet 'data', cell C4").

    Excel saves each formula's last result beside it, and that result is what is read. Files
    written by programs that do not calculate (openpyxl, some exports) leave it out: such a cell
    is refused, as a number (:func:`~benchmark.io.values.parse_value`) or as text (:func:`clean_text`).
    """

    cell: str

    def __new__(cls, formula: str, cell: str = "") -> NoSavedValue:
        instance = super().__new__(cls, formula)
        instance.cell = cell
        return instance

    def problem(self) -> str:
        shown = self if len(self) <= 40 else self[:39] + "\u2026"
        return (f"the formula {printable(shown)} has no saved result (the workbook was saved by a "
                "program that does not calculate formulas); open it in Excel or LibreOffice and "
                "save it again")


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def printable(text: str) -> str:
    """``text`` with control and invisible characters shown as escapes (a file name from an email
    can hold a line feed or a terminal escape sequence; a message must show it, not obey it)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def read_tables(source: str | Path, stdin: BinaryIO | None = None, *, encoding: str | None = None,
                limits: Limits | None = None, defer_hidden: bool = False) -> list[RawTable]:
    """Every table in a source: the sheets of a workbook, or the one table of a CSV/TSV.

    ``encoding`` forces the text encoding of a CSV/TSV (default: detected, see
    :func:`decode_text`); ``limits`` bounds the bytes and cells read (default:
    :meth:`Limits.resolve`, from the environment). A hidden sheet with a name that is read by
    name ('data', 'areas'...) is refused, unless ``defer_hidden``: then it comes back unread, as an
    empty table marked ``hidden``, for the caller to refuse if it would read it
    (:func:`~benchmark.io.workbook.refuse_hidden`).
    """
    limits = limits if limits is not None else Limits.resolve()
    if encoding is not None:
        check_encoding(encoding)
    if str(source) == STDIN:
        data, name, suffix = _read_stdin(stdin, limits), "<stdin>", ""
    else:
        path = Path(source)
        name, suffix = printable(str(path)), path.suffix.lower()
        data = _read_file(path, name, limits)
    try:
        return _read_bytes(data, name, suffix, encoding, limits, defer_hidden)
    except MemoryError:
        raise DataError(f"{name}: ran out of memory reading the file; it is too large for this "
                        "machine (lower --max-cells to be told sooner, or split the file)") from None


def check_encoding(encoding: str) -> None:
    """Refuse an --encoding that Python does not know, or that is not a text encoding (base64)."""
    try:
        known = codecs.lookup(encoding)
    except LookupError:
        known = None
    if known is None or not getattr(known, "_is_text_encoding", True):
        raise UsageError(f"--encoding {printable(encoding)}: not a text encoding this tool knows; "
                         "use utf-8, utf-16, cp1252 (Windows), latin-1 or mac-roman, for example")


def _read_file(path: Path, name: str, limits: Limits) -> bytes:
    try:
        status = path.stat()
    except FileNotFoundError:
        raise UsageError(f"{name}: no such file; check the path and spelling") from None
    except OSError as error:
        raise DataError(f"{name}: cannot read the file ({error.strerror}); check the path and "
                        "its permissions") from None
    if stat.S_ISDIR(status.st_mode):
        raise UsageError(f"{name} is a directory; give the path of a .xlsx, .csv or .tsv file")
    if stat.S_ISREG(status.st_mode):
        limits.check_bytes(status.st_size, name, f"the file is {_size(status.st_size)}")
    elif not stat.S_ISFIFO(status.st_mode):
        raise UsageError(f"{name} is a device or socket, not a file; give the path of a .xlsx, "
                         "CSV or TSV file, or '-' to read standard input")
    try:
        if stat.S_ISFIFO(status.st_mode):
            data = _read_pipe(path, limits.max_bytes + 1)
        else:
            with path.open("rb") as handle:
                data = _read_at_most(handle.read, limits.max_bytes + 1, status.st_size + 1)
    except OSError as error:
        raise DataError(f"{name}: cannot read the file ({error.strerror}); check its permissions") from None
    if len(data) > limits.max_bytes:
        limits.refuse_unknown_size(name, "the file")
    return data


def _read_at_most(read: Callable[[int], bytes], most: int, first: int = 1 << 20) -> bytes:
    """Read until the end or ``most`` bytes, a chunk at a time: ``read(most)`` would set aside
    ``most`` bytes of memory at once, however little there is to read."""
    chunks, size, wanted = [], 0, min(first, most)
    while size < most:
        chunk = read(wanted)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        wanted = min(1 << 20, most - size)
    return b"".join(chunks)


_PIPE_WRITER_WAIT = 2.0  # seconds for a writer to come to a named pipe that has none yet


def _read_pipe(path: Path, most: int) -> bytes:
    """A named pipe, as from `benchmark rank <(cut ...)`, read like standard input.

    Opened without blocking, so that a pipe nothing writes to cannot hang the command: if no
    writer comes within a couple of seconds, it reads as empty. A writer that is there but slow
    to start is waited for, as `cat` would.
    """
    import select

    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with open(descriptor, "rb", buffering=0) as handle:
        try:
            first = os.read(descriptor, 65536)
        except BlockingIOError:  # a writer, nothing written yet
            first = None
        if first == b"":  # no writer yet: give one a moment to open the pipe
            ready, _, _ = select.select([descriptor], [], [], _PIPE_WRITER_WAIT)
            if not ready:
                return b""
            first = None
        os.set_blocking(descriptor, True)
        return (first or b"") + _read_at_most(handle.read, most - len(first or b""))


def _read_stdin(stdin: BinaryIO | None, limits: Limits) -> bytes:
    stream = stdin if stdin is not None else sys.stdin.buffer
    if stream.isatty():
        raise UsageError("'-' reads standard input, but nothing is piped in; "
                         "pipe a file in (benchmark rank - < data.csv) or give a file path")
    data = _read_at_most(stream.read, limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        limits.refuse_unknown_size("<stdin>", "standard input")
    return data


def _size(size: int) -> str:
    return f"{size:,} bytes" if size < 1024**2 else f"{size / 1024**2:,.1f} MiB"


def _read_bytes(data: bytes, name: str, suffix: str, encoding: str | None,
                limits: Limits, defer_hidden: bool = False) -> list[RawTable]:
    blank = not data[:_SNIFF_BYTES].strip(b" \t\r\n") and not data.strip(b" \t\r\n")  # no big copy
    if blank or data in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        raise DataError(f"{name}: the file is empty; it needs a header row and at least one data row")
    if data.startswith((_ZIP_MAGIC, _EMPTY_ZIP_MAGIC)):
        from benchmark.io.workbook import read_workbook

        return read_workbook(data, name, limits, defer_hidden)
    known, refusal = _not_a_table(data, encoding, suffix)
    if suffix in _WORKBOOK_SUFFIXES and not known:
        if refusal is not None and suffix == ".xls":
            raise DataError(f"{name}: this is not a workbook that can be read (the old binary .xls "
                            "format is not supported, and this one may be damaged); open it in "
                            "Excel and save it as .xlsx (Excel Workbook)")
        if refusal is not None:
            raise DataError(f"{name}: this is not an Excel workbook: neither a zip archive, as .xlsx "
                            "files are, nor text; it is damaged or in another format: open it in "
                            "Excel and save it as .xlsx")
        raise DataError(f"{name}: this is not an Excel {suffix} workbook but text; if it is a CSV "
                        "file, rename it .csv, else open it in Excel and save it as .xlsx")
    if refusal is not None:
        raise DataError(f"{name}: {refusal}")
    return [_read_delimited(data, name, suffix, encoding, limits)]


def _not_a_table(data: bytes, encoding: str | None, suffix: str) -> tuple[bool, str | None]:
    """Whether the content is a format we recognise, and why it cannot be read (None for text)."""
    kind = _known_format(data, suffix)
    if kind is not None:
        return True, kind
    head = data[:_SNIFF_BYTES]
    if encoding is None and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False, _binary(head, data)
    return False, None


def _known_format(data: bytes, suffix: str) -> str | None:
    if data.startswith(_OLE_MAGIC[:4]):
        return _ole_kind(data, suffix)
    if data.startswith(b"%PDF-"):
        return ("this is a PDF document, not a spreadsheet; export the table from its source as "
                ".xlsx or CSV")
    if data.startswith(b"\x1f\x8b"):
        return "this is a gzip-compressed file; decompress it first (gunzip) and read the result"
    if data.startswith(b"{\\rtf"):
        return "this is a rich-text (RTF) document, not a spreadsheet; save the table as .xlsx or CSV"
    head = data[:_SNIFF_BYTES]
    lowered = _sniff_text(head).lstrip().lower()
    if lowered.startswith(("<!doctype html", "<html")) or (lowered.startswith("<") and "<table" in lowered):
        return ("this is a web page (HTML), not a spreadsheet, though some systems export tables "
                "this way; open it in Excel and save it as .xlsx (Excel Workbook), or export CSV")
    if lowered.startswith("<?xml"):
        if "urn:schemas-microsoft-com:office:spreadsheet" in lowered:
            return ("this is an Excel 2003 XML spreadsheet; open it in Excel and save it as "
                    ".xlsx (Excel Workbook)")
        return "this is an XML document, not a spreadsheet; save the table as .xlsx or CSV"
    return None


def _sniff_text(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="replace")
    return head.removeprefix(codecs.BOM_UTF8).decode("latin-1")


def _ole_kind(data: bytes, suffix: str) -> str:
    """An OLE compound file: an encrypted workbook, an old .xls, or some other Office file."""
    def holds(stream: str) -> bool:
        return stream.encode("utf-16-le") in data

    if holds("EncryptedPackage") or holds("EncryptionInfo"):
        return ("the workbook is password-protected (encrypted); open it in Excel, remove the "
                "password (File > Info > Protect Workbook) and save it, or save an unprotected copy")
    if holds("Workbook") or holds("Book") or suffix == ".xls":
        return ("this is an old binary Excel .xls workbook (whatever its name); open it in Excel "
                "and save it as .xlsx (Excel Workbook)")
    return ("this is an old Microsoft Office file (a compound document), not an .xlsx workbook "
            "or CSV; save the table as .xlsx or CSV")


def _binary(head: bytes, data: bytes) -> str | None:
    """Why a file without a byte-order mark cannot be text, or None if it may be."""
    if b"\x00" in data:
        zeros_even, zeros_odd = head[0::2].count(0), head[1::2].count(0)
        if max(zeros_even, zeros_odd) > len(head) / 4 and min(zeros_even, zeros_odd) < len(head) / 50:
            order = "utf-16-le" if zeros_odd > zeros_even else "utf-16-be"
            return (f"this looks like UTF-16 text without a byte-order mark; give its encoding "
                    f"with --encoding {order}")
        return ("this is not a text file (it holds NUL bytes) nor a workbook, so it cannot be read "
                "as CSV; export the data again as .xlsx or CSV")
    controls = sum(head.count(byte) for byte in (*range(1, 9), 11, 12, *range(14, 32), 127))
    if controls > max(16, len(head) / 100):  # a stray escape in a text file is removed, not refused
        return ("this is not a text file (it holds binary data) nor a workbook, so it cannot be read "
                "as CSV; export the data again as .xlsx or CSV")
    return None


def decode_text(data: bytes, name: str, encoding: str | None = None) -> str:
    """The text of a file. With ``encoding`` given, that encoding. Otherwise: by a byte-order mark
    (UTF-8, UTF-16, UTF-32) if there is one, else UTF-8 if the bytes are valid UTF-8, else
    Windows-1252 (what Excel's plain "CSV" writes, where '£' is the one byte 0xA3)."""
    if encoding is not None:
        return _decode(data, encoding, name, f"--encoding {encoding}").removeprefix("\ufeff")
    for bom, detected in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            label = detected.removesuffix("-sig").upper()
            return _decode(data, detected, name, f"{label} (it starts with a {label} byte-order mark)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode(data, "cp1252", name, "UTF-8 or Windows-1252 text")


def _decode(data: bytes, encoding: str, name: str, label: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].decode(encoding, errors="replace").count("\n") + 1
        byte = data[error.start: error.start + 1].hex() or "end of file"
        raise DataError(f"{name}, line {line}: byte 0x{byte} cannot be read as {label}; save the "
                        "file as \"CSV UTF-8\" from Excel, or give its encoding with --encoding "
                        "(for example --encoding latin-1)") from None
    except ValueError as error:  # a codec that refuses the data outright (idna, punycode)
        raise DataError(f"{name}: cannot be read as {label} ({error}); give the file's encoding "
                        "with --encoding") from None


def _delimiter(first_line: str, suffix: str) -> str:
    if suffix == ".tsv" or (suffix != ".csv" and first_line.count("\t") > first_line.count(",")):
        return "\t"
    return ","


_UTF8_NAMES = frozenset({"utf-8", "utf-8-sig", "ascii"})


def _utf8_payload(data: bytes, name: str, encoding: str | None) -> tuple[bytes, LineBreaks]:
    """The file's text as UTF-8 bytes without a byte-order mark, invisible characters removed,
    and its line breaks counted.

    Plain ASCII (most large exports) is checked in a pass or two and used as it is: decoding
    it, searching it for invisible characters and encoding it again would change nothing."""
    plain = encoding is None or codecs.lookup(encoding).name in _UTF8_NAMES
    if plain:
        breaks = LineBreaks.of(data)
        if breaks.plain:
            return data, breaks
    text = decode_text(data, name, encoding)
    if INVISIBLE.search(text):
        text = INVISIBLE.sub("", text)
    payload = text.encode("utf-8", "surrogatepass")
    return payload, LineBreaks.of(payload)


class LineBreaks(NamedTuple):
    """How many line feeds and carriage returns a text has, and whether it is plain: printable
    ASCII, tabs and line breaks, with no other control character and nothing to decode."""

    feeds: int
    returns: int
    plain: bool

    @classmethod
    def of(cls, data: bytes) -> LineBreaks:
        """Counted by numpy a megabyte at a time, in a pass or two: bytes.count, isascii and
        translate would take a pass each, and four times as long."""
        import numpy as np

        view = np.frombuffer(data, dtype=np.uint8)
        returns_in, tabs_in = b"\r" in data, b"\t" in data  # 'in' is a fast memchr
        feeds = returns = tabs = unprintable = 0
        for start in range(0, len(view), 1 << 20):
            chunk = view[start:start + (1 << 20)]
            feeds += int(np.count_nonzero(chunk == 10))
            unprintable += int(np.count_nonzero((chunk < 32) | (chunk > 126)))
            returns += int(np.count_nonzero(chunk == 13)) if returns_in else 0
            tabs += int(np.count_nonzero(chunk == 9)) if tabs_in else 0
        return cls(feeds, returns, unprintable == feeds + returns + tabs)


def _read_delimited(data: bytes, name: str, suffix: str, encoding: str | None, limits: Limits) -> RawTable:
    payload, breaks = _utf8_payload(data, name, encoding)
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
    _refuse_duplicate_headers(named, name, blank=[not header for header in headers])
    frame = _parse_delimited(payload, separator, headers, name)
    frame.columns = named
    # Blank lines and separator-only lines (",,,", as Excel writes below a table) are not rows;
    # dropping them after reading keeps every other row's number true to the file.
    filled = _filled_rows(frame)
    if filled.all():
        return RawTable(name, None, frame, range(2, len(frame) + 2))
    numbers = [int(number) for number in filled.nonzero()[0] + 2]
    return RawTable(name, None, frame[filled].reset_index(drop=True), numbers)


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


def _parse_delimited(payload: bytes, separator: str, headers: list[str], name: str) -> pd.DataFrame:
    """Every cell as text, each column a categorical: pandas' C parser hashes the cells' bytes
    and makes one Python string per distinct text, where reading them as ``str`` makes one per
    cell (ten million rows of four columns: 2 s instead of 8 s, and a fraction of the memory)."""
    import pandas as pd

    from benchmark.io.halves import read_csv_bytes

    # A thousands separator that cannot occur (control characters are gone by now) keeps pandas
    # from turning categories that look like numbers into numbers: '2010.50' stays '2010.50'.
    options = {"sep": separator, "dtype": "category", "keep_default_na": False, "skip_blank_lines": False,
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
    for index, column in enumerate(frame.columns):
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


def _refuse_duplicate_headers(headers: list[str], where: str, first_column: int = 0,
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


def one_line(text: str) -> str:
    """Stripped, with line breaks and tabs inside (a wrapped cell, Alt+Enter in Excel) as one space."""
    text = text.strip()
    return LINE_BREAKS.sub(" ", text) if "\n" in text or "\r" in text or "\t" in text else text


def clean_text(cell: object) -> str | None:
    """A cell as stripped text ('825' for the number 825.0), None where blank.

    A workbook formula without a saved result (:class:`NoSavedValue`) has no text to give: it is
    an error naming the cell."""
    if cell is None or (isinstance(cell, float) and cell != cell):
        return None
    if isinstance(cell, NoSavedValue):
        raise DataError(f"{cell.cell}: {cell.problem()}")
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return one_line(str(cell)) or None


def text_column(series: pd.Series) -> pd.Series:
    """A column of cells as stripped text (object dtype), None where blank; line breaks inside
    a cell read as one space."""
    import numpy as np
    import pandas as pd

    if isinstance(series.dtype, pd.CategoricalDtype):  # each distinct cell cleaned once
        cleaned = [clean_text(category) for category in series.cat.categories]
        lookup = np.array([*cleaned, None], dtype=object)  # code -1 (missing) -> None
        return pd.Series(lookup[series.array.codes], index=series.index, dtype=object, copy=False)
    if pd.api.types.is_string_dtype(series.dtype) and not pd.api.types.is_object_dtype(series.dtype):
        stripped = series.str.strip()
        if stripped.str.contains("[\r\n\t]", regex=True).any():
            stripped = stripped.str.replace(LINE_BREAKS, " ", regex=True)
        return stripped.astype(object).where(stripped.fillna("") != "", None)
    return pd.Series([clean_text(cell) for cell in series], index=series.index, dtype=object)
