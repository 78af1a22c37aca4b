"""The workbook scan (numpy over the bytes) agrees with the regular expressions that state its rules."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from benchmark.io.xlsx import read as xlsx_read
from benchmark.io.xlsx import scan as xlsx_scan

# The rules as regular expressions (what the scan did before it was vectorised).
CELL_TAG = re.compile(rb'<c(?:[>/]|\s(?:r="([A-Z]{1,3})([0-9]{1,7})")?)')
PREFIXED_CELL = re.compile(rb":c[\s>/]")
ESCAPE = re.compile(rb"_x[0-9A-Fa-f]{4}_")


def column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number - 1


def expected(xml: bytes) -> tuple[tuple[int, int, int, int] | None, bool, int, bool]:
    prefixed = PREFIXED_CELL.search(xml) is not None
    tags = CELL_TAG.findall(xml)
    extent: tuple[int, int, int, int] | None = None
    if prefixed or any(digits == b"" for _, digits in tags):
        extent = None
    elif tags:
        rows = [int(digits) - 1 for _, digits in tags]
        columns = [column_number(letters) for letters, _ in tags]
        extent = (min(rows), min(columns), max(rows), max(columns))
    else:
        extent = (-1, -1, -1, -1)
    formulas = xml.count(b"<f>") + xml.count(b"<f ") + xml.count(b"<f/")
    escaped = b"&#" in xml or ESCAPE.search(xml) is not None
    return extent, prefixed, formulas, escaped


PIECES = [
    b'<c r="A1">', b'<c r="XFD1048576"/>', b'<c r="B22" t="n"><v>1</v></c>', b'<c r="AA7">', b"<c>",
    b"<c/>", b'<c\tr="C3">', b'<c\nr="D4">', b'<c\x0br="E5">', b'<c  r="A1">', b'<c r="ABCD1">',
    b'<c r="A12345678">', b'<c r="A1234567">', b'<c r="a1">', b"<c r='A1'>", b'<col min="1">', b"<cols>",
    b'<c r="A1B">', b'<c r="">', b'<c r="1">', b'<row r="5">', b"</c>", b"text", b"<", b"<c", b'<c r="',
    b'<x:c r="A1">', b"<x:c>", b":c", b":c/", b"<f>SUM(A1)</f>", b"<f/>", b'<f t="shared"/>', b"<f",
    b"<f\t>", b"<fx>", b"&#", b"&#10;", b"&amp;", b"_x0041_", b"_x00G1_", b"_x004_", b"_X0041_", b"_x",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.sampled_from([3, 7, 20, 4 * 1024**2]))
def test_scan_bytes_follows_the_rules(pieces: list[bytes], window: int) -> None:
    xml = b"".join(pieces)
    saved = xlsx_scan._WINDOW
    xlsx_scan._WINDOW = window
    try:
        scan, prefixed, formulas, escaped = xlsx_scan._scan_bytes(xml)
    finally:
        xlsx_scan._WINDOW = saved
    extent = None if scan is None else (scan.top, scan.left, scan.bottom, scan.right)
    assert (extent, prefixed, formulas, escaped) == expected(xml)


def test_a_large_sheet() -> None:
    rows = [b'<row r="%d">' % row + b"".join(b'<c r="%s%d" t="n"><v>%d</v></c>' % (letters, row, row)
                                             for letters in (b"B", b"Z", b"AA", b"ZZ", b"AAA"))
            + b"</row>" for row in range(2, 30_000)]
    xml = b"<worksheet><sheetData>" + b"".join(rows) + b"</sheetData></worksheet>"
    scan, prefixed, formulas, escaped = xlsx_scan._scan_bytes(xml)
    assert scan is not None and (scan.top, scan.left, scan.bottom, scan.right) == (1, 1, 29_998, 702)
    assert (prefixed, formulas, escaped) == (False, 0, False)


def test_rows_of_unequal_length_are_padded_with_blank_cells() -> None:
    """calamine's rows always make a rectangle; rows that did not would still read."""
    table = xlsx_read._sheet_table([["area", "X"], ["Kent"], ["", ""], ["Essex", 2.0, "extra"]], (0, 0),
                                   [], "book.xlsx", "data", xlsx_scan.SheetScan(), False)
    assert list(table.frame.columns) == ["area", "X", "column C"]
    assert table.frame.values.tolist() == [["Kent", None, None], ["Essex", 2.0, "extra"]]
    assert list(table.row_numbers) == [2, 4]
