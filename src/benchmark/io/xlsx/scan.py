"""What a worksheet's XML holds, found without parsing it.

Each sheet's extent is measured from its cell references: calamine allocates the whole
rectangle from the first to the last cell, so two cells at A1 and XFD1048576 would ask for
17 billion (Rust aborts the process when that fails). The rectangles must fit the cell limit
(:mod:`benchmark.io.xlsx.read` checks them before calamine reads a sheet).

The same scan finds formula cells with no saved result (written by programs that do not
calculate, such as openpyxl); calamine reads them as blank, so they are marked
(:class:`~benchmark.core.values.NoSavedValue`) to be refused as numbers.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from benchmark.io.raw import column_letter

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
# a C1 control or an invisible formatting character (core.text.INVISIBLE).
_INVISIBLE_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|"
                              rb"\xe2\x80[\x8b-\x8f\xaa-\xae]|\xe2\x81[\xa0-\xa4\xa6-\xa9]|\xef\xbb\xbf")


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
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # Excel errors: #REF!...
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
