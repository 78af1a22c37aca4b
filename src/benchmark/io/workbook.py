"""Reading .xlsx workbooks without trusting them.

A workbook is a zip archive of XML parts, parsed by calamine (Rust). Before calamine sees it,
every check that keeps a crafted file from costing unbounded time or memory is made here:

* the zip's central directory is read with :mod:`zipfile`: at most ``MAX_PARTS`` parts, no
  encrypted parts, no compression method Excel never writes, no two parts of one name, and the
  sizes the parts declare must add up to no more than the byte limit (a zip bomb declares
  gigabytes; it is refused before anything is unpacked);
* every XML part is unpacked here, stopping one byte past its declared size: a part that unpacks
  to more than it declares is refused (calamine would unpack all of it before complaining);
* an XML part with a document type declaration (``<!DOCTYPE``, ``<!ENTITY``) is refused: Excel
  never writes one, and it is how entity expansion ("billion laughs") and external entities (XXE)
  are smuggled in. calamine does not expand entities either (it stops at the first one), so this
  only turns its error into a clear message;
* each sheet's extent is measured from its cell references: calamine allocates the whole
  rectangle from the first to the last cell, so two cells at A1 and XFD1048576 would ask for
  17 billion (Rust aborts the process when that fails). The rectangles must fit the cell limit.

The same scan finds formula cells with no saved result (written by programs that do not
calculate, such as openpyxl); calamine reads them as blank, so they are marked here
(:class:`~benchmark.io.tables.NoSavedValue`) to be refused as numbers.
"""

from __future__ import annotations

import bisect
import functools
import io
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from benchmark.core.errors import DataError
from benchmark.io.limits import MAX_COLUMNS, MAX_PARTS, Limits
from benchmark.io.tables import (
    INVISIBLE,
    NoSavedValue,
    RawTable,
    _refuse_duplicate_headers,
    column_letter,
    one_line,
    printable,
)

# Sheets read by name (io/dataset.py, io/areas.py): one of these that is hidden is refused rather
# than read unseen; other hidden sheets are skipped.
NAMED_SHEETS = ("data", "indicators", "areas", "targets")
_LARGEST_INDEX_PART = 16 * 1024**2  # workbook.xml and its relationships: a few KB in real files
_WINDOW = 4 * 1024**2

# Patterns for layouts other than Excel's (and for formulas): compiled on first use, as re caches
# them, rather than all at import (~5 ms, paid by every command that reads a workbook).
_PREFIX = rb"(?:[A-Za-z_][\w.\-]*:)?"
_ATTRIBUTES = rb"((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)"
_ROW_TAG = rb"<" + _PREFIX + rb"row(?=[\s>/])" + _ATTRIBUTES + rb">"
_ANY_CELL = rb"<" + _PREFIX + rb"c(?=[\s>/])"
_CELL_OPEN = rb"<" + _PREFIX + rb"c(?=[\s>/])" + _ATTRIBUTES + rb">"
_CELL_CLOSE = rb"</" + _PREFIX + rb"c\s*>"
_FORMULA_OPEN = rb"<" + _PREFIX + rb"f(?=[\s>/])" + _ATTRIBUTES + rb">"
_VALUE_OPEN = rb"<" + _PREFIX + rb"v(?=[\s>/])" + _ATTRIBUTES + rb">"
_R_ATTRIBUTE = rb"""\s(?:[A-Za-z_][\w.\-]*:)?r\s*=\s*["']\s*([A-Za-z]*)([0-9]+)\s*["']"""
_FORMULA_WITH_VALUE = rb"</f><v>[^<]|<f [^<>]*/><v>[^<]"
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"
# In what is left of the XML once printable ASCII is deleted: a raw control byte, or the UTF-8 of
# a C1 control or an invisible formatting character (tables.INVISIBLE).
_INVISIBLE_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|"
                              rb"\xe2\x80[\x8b-\x8f\xaa-\xae]|\xe2\x81[\xa0-\xa4\xa6-\xa9]|\xef\xbb\xbf")
_DOCUMENT_TYPE = re.compile(rb"<!(?i:doctype|entity)")


def _attribute(attributes: bytes, name: bytes) -> bytes | None:
    match = re.search(rb"(?:^|\s)" + _PREFIX + name + rb"\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", attributes)
    if match is None:
        return None
    return match[1] if match[1] is not None else match[2]


def _reference(text: bytes | None) -> tuple[int, int] | None:
    """b'B5' -> (4, 1), 0-based (row, column); None if it is not a cell reference."""
    match = re.fullmatch(rb"\s*([A-Za-z]{1,12})([0-9]{1,18})\s*", text or b"")
    if match is None:
        return None
    column = 0
    for letter in match[1].upper():
        column = column * 26 + letter - 64
    return int(match[2]) - 1, column - 1


@dataclass
class SheetScan:
    """What a worksheet part holds, found without parsing it: the rectangle its cells span
    (0-based, inclusive) and its formula cells without a saved result."""

    top: int = -1
    left: int = -1
    bottom: int = -1
    right: int = -1
    unsaved: dict[tuple[int, int], str] = field(default_factory=dict)
    invisible: bool = False  # may hold control or invisible characters (then they are removed)
    bounded: bool = False  # the extent is an upper bound (cells placed without plain references)
    # For a bound: where each row's cells start in the XML, and the 0-based row each stands for.
    row_starts: list[int] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)

    @property
    def cells(self) -> int:
        return 0 if self.top < 0 else (self.bottom - self.top + 1) * (self.right - self.left + 1)

    @property
    def extent(self) -> str:
        """'B3:AA10', or 'at most A1:E2' where the extent is an upper bound."""
        return (("at most " if self.bounded else "") + f"{column_letter(self.left)}{self.top + 1}:"
                f"{column_letter(min(self.right, 10**6))}{self.bottom + 1}")

    def include(self, row: int, column: int) -> None:
        if self.top < 0:
            self.top, self.bottom, self.left, self.right = row, row, column, column
            return
        self.top, self.bottom = min(self.top, row), max(self.bottom, row)
        self.left, self.right = min(self.left, column), max(self.right, column)


def scan_sheet(xml: bytes) -> SheetScan:
    """The extent and unsaved formulas of a worksheet's XML.

    The fast path covers what Excel, LibreOffice and openpyxl write: every cell tag is
    ``<c r="A1" ...>``, so the references give the extent. Anything else (cells without
    references, namespace prefixes, odd quoting) gets an upper bound that holds however the
    cells are placed (:func:`_scan_bound`). Either way the work is a numpy pass or a few regular
    expressions over the whole text, and Python code per row or per formula, never per cell.
    """
    scan, prefixed, formulas, escaped = _scan_bytes(xml)
    if scan is None:
        scan = _scan_bound(xml)
    if prefixed or (formulas and len(re.compile(_FORMULA_WITH_VALUE).findall(xml)) != formulas):
        _find_unsaved(xml, scan)
    scan.invisible = escaped or bool(_INVISIBLE_BYTES.search(xml.translate(None, _PRINTABLE_ASCII)))
    return scan


def _windows(xml: bytes) -> Iterator[tuple[int, int]]:
    """(start, end) slices of about _WINDOW bytes, each cut just before a '<' so that no tag (and
    no attribute without '<' in it) spans two of them."""
    start = 0
    while start < len(xml):
        end = start + _WINDOW
        if end < len(xml):
            cut = xml.rfind(b"<", start + 1, end)
            end = cut if cut > 0 else xml.find(b"<", end)
            end = len(xml) if end < 0 else end
        yield start, end
        start = end


def _scan_bytes(xml: bytes) -> tuple[SheetScan | None, bool, int, bool]:
    """What a few searches of the whole text would find, in one numpy pass over its bytes:

    * the extent from ``<c r="..."`` references, or None if some cell tag (``<c`` and then
      whitespace, ``>`` or ``/``) is not in that plain form (whitespace, ``r="``, one to three
      capital letters, one to seven digits and ``"``) or has a namespace prefix;
    * whether some cell tag has a namespace prefix (``:c`` and then whitespace, ``>`` or ``/``);
    * how many formula tags there are (``<f>``, ``<f `` or ``<f/``);
    * whether there is a character reference (``&#``) or an escape such as ``_x0007_``.

    No Python object is made per cell: a regular expression's list of matches took most of a
    second for a sheet of 800,000 cells.
    """
    import numpy as np

    kinds = _byte_kinds()
    scan: SheetScan | None = SheetScan()
    prefixed, formulas, escaped = False, 0, False
    for start, end in _windows(xml):
        window = xml[start:end]
        # Zeros past the end stand for "no more text": nothing matches across them.
        text, length = np.frombuffer(window + bytes(_PAD), dtype=np.uint8), len(window)
        opening = _found(text, length, b"<")
        following = text[opening + 1]
        formula = opening[following == ord("f")]
        formulas += int(np.isin(text[formula + 2], _FORMULA_TAG_ENDS).sum())
        if not prefixed:
            colon = _found(text, length, b":")
            colon = colon[text[colon + 1] == ord("c")]
            prefixed = bool((kinds[text[colon + 2]] & (_SPACE | _TAG_END)).any())
        if not escaped:
            underscore = _found(text, length, b"_")
            underscore = underscore[text[underscore + 1] == ord("x")]
            hexes = kinds[np.lib.stride_tricks.sliding_window_view(text, 4)[underscore + 2]] & _HEX
            ampersand = _found(text, length, b"&")
            escaped = bool((text[ampersand + 1] == ord("#")).any()
                           or (hexes.all(axis=1) & (text[underscore + 6] == ord("_"))).any())
        if scan is not None and not prefixed:
            cell = opening[following == ord("c")]
            cell = cell[(kinds[text[cell + 2]] & (_SPACE | _TAG_END)) > 0]
            extent = _references(text, cell, kinds) if len(cell) else ()
            if extent is None:
                scan = None
            elif extent:
                scan.include(extent[0], extent[1])
                scan.include(extent[2], extent[3])
    return (None if prefixed else scan), prefixed, formulas, escaped


def _found(text: Any, length: int, byte: bytes) -> Any:
    """Where ``byte`` is in the first ``length`` bytes of ``text``."""
    import numpy as np

    return np.flatnonzero(text[:length] == byte[0])


def _references(text: Any, cells: Any, kinds: Any) -> tuple[int, int, int, int] | None:
    """(top, left, bottom, right), 0-based, of the cell tags starting at ``cells``, or None if
    one is not in the plain form."""
    import numpy as np

    if not ((kinds[text[cells + 2]] & _SPACE).all() and (text[cells + 3] == ord("r")).all()
            and (text[cells + 4] == ord("=")).all() and (text[cells + 5] == ord('"')).all()):
        return None
    windows = np.lib.stride_tricks.sliding_window_view
    reference = windows(text, 11)[cells + 6]  # up to 3 letters, up to 7 digits, the quote
    letters = np.argmin((reference[:, :4] >= ord("A")) & (reference[:, :4] <= ord("Z")), axis=1)
    quote = np.argmax(reference == ord('"'), axis=1)
    digits = quote - letters
    if ((letters < 1) | (letters > 3) | (digits < 1) | (digits > 7)).any():
        return None
    # The digits right-aligned in 8 bytes after '0's, and the letters in 4 after '@'s (which
    # sorts before 'A'): as big-endian integers these order as the rows and columns do.
    numbers = np.where(np.arange(8) < (8 - digits)[:, None], np.uint8(ord("0")),
                       windows(text, 8)[cells + 6 + quote - 8])
    if ((numbers < ord("0")) | (numbers > ord("9"))).any():
        return None
    names = np.where(np.arange(4) < (4 - letters)[:, None], np.uint8(ord("@")),
                     windows(text, 4)[cells + 6 + letters - 4])
    rows, columns = numbers.view(">u8").ravel(), names.view(">u4").ravel()

    def row(index: Any) -> int:
        return int(numbers[index].tobytes()) - 1

    def column(index: Any) -> int:
        return _reference(names[index].tobytes().lstrip(b"@") + b"1")[1]  # type: ignore[index]

    return row(rows.argmin()), column(columns.argmin()), row(rows.argmax()), column(columns.argmax())


_PAD = 24  # bytes after a window's end: '<c r="XFD1048576"' and then some
_SPACE, _TAG_END, _HEX = 1, 2, 4
_FORMULA_TAG_ENDS = tuple(b"> /")


@functools.cache
def _byte_kinds() -> Any:
    """For each byte value, which of _SPACE (what \\s matches in a bytes pattern), _TAG_END
    ('>' or '/') and _HEX (0-9, A-F, a-f) it is."""
    import numpy as np

    kinds = np.zeros(256, dtype=np.uint8)
    kinds[list(b" \t\n\r\x0b\x0c")] |= _SPACE
    kinds[list(b">/")] |= _TAG_END
    kinds[list(b"0123456789ABCDEFabcdef")] |= _HEX
    return kinds


def _scan_bound(xml: bytes) -> SheetScan:
    """An extent no smaller than calamine's, however rows and cells are placed.

    A reference sets a position; a row without one is the next row, a cell without one the next
    column. So no row lies below the largest row named anywhere plus the number of rows, and no
    column right of the largest column named plus the most cells in one row.
    """
    named_row = named_column = 0  # 1-based, 0 for none
    for start, end in _windows(xml):
        references = re.compile(_R_ATTRIBUTE).findall(xml, start, end)
        if references:
            named_row = max(named_row, *(int(d) if len(d) < 19 else 10**18 for _, d in references))
            columns = [_reference((letters or b"A")[:13] + b"1") for letters in
                       {letters for letters, _ in references}]
            named_column = max(named_column, *((c[1] + 1) if c else 10**18 for c in columns))
    starts, numbers, row = [0], [0], -1
    for match in re.compile(_ROW_TAG).finditer(xml):
        given = _attribute(match[1], b"r")
        row = int(given) - 1 if given and given.strip().isdigit() and len(given) < 19 else row + 1
        starts.append(match.end())
        numbers.append(max(row, 0))
    boundaries = [*starts[1:], len(xml)]
    any_cell = re.compile(_ANY_CELL)
    counts = [len(any_cell.findall(xml, start, end)) for start, end in zip(starts, boundaries, strict=True)]
    scan = SheetScan(bounded=named_row > 0 or named_column > 0, row_starts=starts, row_numbers=numbers)
    rows_with_cells = sum(1 for count in counts if count)
    if rows_with_cells or named_row:
        scan.include(0, 0)
        scan.include(max(named_row + len(starts) - 1, 1) - 1, max(named_column + max(counts), 1) - 1)
    return scan


def _find_unsaved(xml: bytes, scan: SheetScan) -> None:
    """Mark each formula cell with no saved result (none, or an empty one where the result is not
    text) in ``scan.unsaved``, by its position; cells outside the scanned extent are left out."""
    cell_open, cell_close, value_open, any_cell = map(re.compile, (_CELL_OPEN, _CELL_CLOSE, _VALUE_OPEN,
                                                                   _ANY_CELL))
    for match in re.compile(_FORMULA_OPEN).finditer(xml):
        opened = None
        start = match.start()
        for _ in range(8):  # the cell's own tag is a tag or two back
            start = xml.rfind(b"<", max(0, match.start() - 65_536), start)
            opened = cell_open.match(xml, start) if start >= 0 else None
            if opened is not None or start < 0:
                break
        if opened is None:
            continue
        closing = cell_close.search(xml, match.end())
        content = xml[match.end(): closing.start() if closing else len(xml)]
        value = value_open.search(content)
        saved = value is not None and not value[1].endswith(b"/") and content[value.end():][:1] != b"<"
        if saved:
            continue
        if value is not None and _attribute(opened[1], b"t") == b"str":
            continue  # a formula whose result is the empty text
        position = _reference(_attribute(opened[1], b"r"))
        if position is None and scan.row_starts:
            index = bisect.bisect_right(scan.row_starts, start) - 1
            preceding = len(any_cell.findall(xml, scan.row_starts[index], start))
            position = (scan.row_numbers[index], preceding)
        if position is None or not (scan.top <= position[0] <= scan.bottom
                                    and scan.left <= position[1] <= scan.right):
            continue
        formula = b"" if match[1].endswith(b"/") else xml[match.end(): xml.find(b"<", match.end())]
        scan.unsaved[position] = _formula_text(formula)


def _formula_text(formula: bytes) -> str:
    import html  # only for this rare message: it costs a few ms to import

    text = html.unescape(formula.decode("utf-8", errors="replace")).strip()
    return f"={text}" if text else "(a shared formula)"


def read_workbook(data: bytes, name: str, limits: Limits, defer_hidden: bool = False) -> list[RawTable]:
    """The sheets of an .xlsx workbook held in ``data``, checked as the module says; a hidden
    sheet named as one read by name is refused, or with ``defer_hidden`` listed unread."""
    archive = _open_archive(data, name, limits)
    parts = {info.filename.lower(): info for info in archive.infolist()}
    index = {part: _unpack(data, parts[part], name) for part in _INDEX_PARTS if part in parts}
    for part, xml in index.items():
        _refuse_unsafe_xml(xml, name, parts[part].filename)
    sheet_parts, strings_parts = _sheet_parts(index, parts, name)
    targets = set(sheet_parts.values()) | strings_parts
    scans: dict[str, SheetScan] = {}
    others: list[zipfile.ZipInfo] = []
    for part, info in parts.items():
        parsed = part.endswith((".xml", ".rels", ".vml")) or part in targets
        if not parsed and not _looks_like_xml(data, info):
            continue  # an image or an embedded file: calamine never parses it
        xml = index.get(part) or _unpack(data, info, name)
        if parsed:
            _refuse_unsafe_xml(xml, name, info.filename)
        if part in targets:
            scans[part] = scan_sheet(xml)
        else:
            others.append(info)

    @functools.cache
    def largest() -> SheetScan:
        """The largest extent of any XML part, charged to a sheet whose part was not found (only
        then are the parts other than sheets and strings scanned)."""
        every = [*scans.values(), *(scan_sheet(_unpack(data, info, name)) for info in others)]
        return max(every, key=lambda scan: scan.cells, default=SheetScan())

    strings_invisible = any(scans[part].invisible for part in strings_parts if part in scans)
    return _read_sheets(data, name, limits, sheet_parts, scans, largest, strings_invisible,
                        defer_hidden)


_INDEX_PARTS = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")


def _looks_like_xml(data: bytes, info: zipfile.ZipInfo) -> bool:
    """Whether a part starts like XML, from its first bytes only."""
    header = data[info.header_offset: info.header_offset + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        return True  # let _unpack say it is damaged
    name_length, extra_length = struct.unpack_from("<HH", header, 26)
    start = info.header_offset + 30 + name_length + extra_length
    packed = data[start: start + min(info.compress_size, 4096)]
    if info.compress_type == zipfile.ZIP_STORED:
        head = packed
    else:
        try:
            head = zlib.decompressobj(-zlib.MAX_WBITS).decompress(packed, 64)
        except zlib.error:
            return True
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def _open_archive(data: bytes, name: str, limits: Limits) -> zipfile.ZipFile:
    entries = _declared_entries(data)
    if entries is not None and entries > MAX_PARTS:
        raise DataError(f"{name}: the workbook holds {entries:,} parts, more than the {MAX_PARTS:,} "
                        "any real workbook needs; it is damaged or crafted")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, struct.error,
            NotImplementedError):  # a version field past what zipfile knows: damage, most likely
        raise DataError(f"{name}: the workbook is damaged or incomplete (perhaps cut short in a "
                        "download or an email); get a fresh copy, or open it in Excel and save it "
                        "again as .xlsx") from None
    seen: set[str] = set()
    for info in infos:
        if info.flag_bits & 0x1:
            raise DataError(f"{name}: the workbook's zip parts are encrypted; open it in Excel, "
                            "remove the password and save it again as .xlsx")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise DataError(f"{name}: the workbook uses a compression method Excel never writes "
                            f"(method {info.compress_type}); open it in Excel and save it again as .xlsx")
        if info.filename.lower() in seen:
            raise DataError(f"{name}: the workbook holds two parts named "
                            f"'{printable(info.filename)}'; it is damaged or crafted")
        seen.add(info.filename.lower())
    total = sum(info.file_size for info in infos)
    if infos:
        largest = max(infos, key=lambda info: info.file_size)
        limits.check_bytes(total, name, f"the workbook unpacks to {_size(total)} (the largest part, "
                           f"{printable(largest.filename)}, to {_size(largest.file_size)})")
    _refuse_other_archives(seen, name)
    return archive


def _size(size: int) -> str:
    return f"{size:,} bytes" if size < 1024**2 else f"{size / 1024**2:,.1f} MiB"


def _declared_entries(data: bytes) -> int | None:
    """The number of parts the zip's end record declares, read before :mod:`zipfile` builds an
    object for each of them."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or len(data) < end + 22:
        return None
    entries: int = struct.unpack_from("<H", data, end + 10)[0]
    locator = end - 20
    if entries == 0xFFFF and locator >= 0 and data[locator: locator + 4] == b"PK\x06\x07":
        offset = struct.unpack_from("<Q", data, locator + 8)[0]
        if data[offset: offset + 4] == b"PK\x06\x06" and len(data) >= offset + 40:
            entries = struct.unpack_from("<Q", data, offset + 32)[0]
    return entries


def _refuse_other_archives(parts: set[str], name: str) -> None:
    if "xl/workbook.xml" in parts:
        return
    if "xl/workbook.bin" in parts:
        what = "an Excel binary workbook (.xlsb); open it in Excel and save it as .xlsx (Excel Workbook)"
    elif "content.xml" in parts:
        what = ("an OpenDocument file (.ods); open it in LibreOffice or Excel and save it as .xlsx "
                "(Excel 2007-365)")
    elif "word/document.xml" in parts:
        what = "a Word document, not a spreadsheet; copy its table into Excel and save that as .xlsx"
    elif "ppt/presentation.xml" in parts:
        what = "a PowerPoint presentation, not a spreadsheet; save the table as .xlsx or CSV"
    elif not parts:
        what = "an empty zip archive, not a workbook; check you have the right file"
    else:
        what = ("a zip archive but not an Excel workbook (it has no xl/workbook.xml); unzip it and "
                "give the .xlsx or CSV file inside, or re-save the workbook as .xlsx")
    raise DataError(f"{name}: this is {what}")


def _unpack(data: bytes, info: zipfile.ZipInfo, name: str) -> bytes:
    """One part's bytes, refused if they are more (or fewer) than the part declares."""
    damaged = DataError(f"{name}: the workbook is damaged (its part {printable(info.filename)} cannot "
                        "be unpacked); get a fresh copy, or open it in Excel and save it again")
    header = data[info.header_offset: info.header_offset + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise damaged
    name_length, extra_length = struct.unpack_from("<HH", header, 26)
    start = info.header_offset + 30 + name_length + extra_length
    packed = memoryview(data)[start: start + info.compress_size]
    if len(packed) < info.compress_size:
        raise damaged
    if info.compress_type == zipfile.ZIP_STORED:
        unpacked = bytes(packed)
    else:
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            unpacked = inflater.decompress(packed, info.file_size + 1)
        except zlib.error:
            raise damaged from None
        if len(unpacked) > info.file_size or inflater.unconsumed_tail:
            raise DataError(f"{name}: the workbook's part {printable(info.filename)} unpacks to more "
                            f"than the {info.file_size:,} bytes it declares; the file is damaged or "
                            "crafted (a zip bomb), so it is not read")
        if not inflater.eof:
            raise damaged
    if len(unpacked) != info.file_size or zlib.crc32(unpacked) != info.CRC:
        raise damaged
    return unpacked


def _refuse_unsafe_xml(xml: bytes, name: str, part: str) -> None:
    if _DOCUMENT_TYPE.search(xml):
        raise DataError(f"{name}: the workbook's part {printable(part)} declares a document type "
                        "(<!DOCTYPE>), which Excel never writes and which is how XML attacks "
                        "(entity expansion, external entities) are made; the file is not read. "
                        "If you trust it, open it in Excel and save it again as .xlsx")
    if xml.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in xml[:4]:
        raise DataError(f"{name}: the workbook's part {printable(part)} is not UTF-8 XML, as Excel "
                        "writes; open the file in Excel and save it again as .xlsx")


def _sheet_parts(index: dict[str, bytes], parts: dict[str, zipfile.ZipInfo],
                 name: str) -> tuple[dict[str, str], set[str]]:
    """Sheet name -> its part, and the shared strings parts (lower case), from xl/workbook.xml
    and its relationships."""
    texts = [index.get("xl/workbook.xml", b""), index.get("xl/_rels/workbook.xml.rels", b"")]
    if any(len(text) > _LARGEST_INDEX_PART for text in texts):
        raise DataError(f"{name}: the workbook's list of sheets is larger than any real workbook's; "
                        "it is damaged or crafted")
    strings = {part for part in parts if part.endswith("sharedstrings.xml")}
    try:
        book, relations = (_elements(texts[0], "sheet"), _elements(texts[1], "Relationship"))
    except Exception:  # malformed XML or a document type declaration: calamine will say more
        return {}, strings
    targets = {}
    for attributes in relations:
        target = attributes.get("Target", "").replace("\\", "/")
        target = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        targets[attributes.get("Id")] = posixpath.normpath(target).lower()
        if attributes.get("Type", "").endswith("/sharedStrings"):
            strings.add(targets[attributes.get("Id")])
    sheets = {}
    for attributes in book:
        relation = next((value for key, value in attributes.items() if key.endswith("}id")), None)
        part = targets.get(relation)
        if part in parts:
            sheets[attributes.get("name", "")] = part
    return sheets, strings


def refuse_hidden(tables: list[RawTable], names: tuple[str, ...] = NAMED_SHEETS) -> None:
    """Refuse the first hidden sheet among ``tables`` (see read_tables' ``defer_hidden``) whose
    name is one of ``names``, or any hidden one when ``names`` is empty."""
    for table in tables:
        if table.hidden and (not names or (table.sheet or "").strip().lower() in names):
            raise DataError(f"{table.file}: the sheet '{table.sheet}' is hidden, so you cannot see "
                            "what would be read; unhide it (right-click a sheet tab, Unhide) or "
                            "delete it")


def _elements(xml: bytes, local_name: str) -> list[dict[str, str]]:
    """The attributes of each element named ``local_name`` (in any namespace), with namespaced
    attributes as 'uri}name'. Parsed with expat as ElementTree would be (about 15 ms less to
    import than defusedxml's ElementTree), refusing a document type declaration as defusedxml does
    (_refuse_unsafe_xml has refused one already): no entity is ever declared, so none is expanded."""
    from xml.parsers import expat

    found: list[dict[str, str]] = []

    def start(tag: str, attributes: dict[str, str]) -> None:
        if tag.rsplit("}", 1)[-1] == local_name:
            found.append(attributes)

    def refuse(*_: object) -> None:
        raise ValueError("a document type or entity declaration")

    if xml:
        parser = expat.ParserCreate(namespace_separator="}")
        parser.StartElementHandler = start
        parser.StartDoctypeDeclHandler = refuse
        parser.EntityDeclHandler = refuse
        parser.Parse(xml, True)
    return found


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
    if scan.unsaved:
        rows, top, left = _mark_unsaved(rows, top, left, scan.unsaved, f"{file}, sheet '{shown}'")
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
    _refuse_duplicate_headers(headers, f"{file}, sheet '{shown}'", left, [cell == "" for cell in header])
    values = cells[body]
    values[blank[body]] = None  # a blank cell is missing
    frame = pd.DataFrame(values.reshape(len(body), len(headers)), columns=headers, dtype=object, copy=False)
    return RawTable(file, shown, frame, (top + 1 + body).tolist(), left)


def _mark_unsaved(rows: list[list[Any]], top: int, left: int, unsaved: dict[tuple[int, int], str],
                  where: str) -> tuple[list[list[Any]], int, int]:
    """Put a NoSavedValue where calamine left a formula without result blank, growing the grid
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
    for (row, column), formula in unsaved.items():
        if rows[row - top][column - left] == "":
            rows[row - top][column - left] = NoSavedValue(formula, f"{where}, cell "
                                                          f"{column_letter(column)}{row + 1}")
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
