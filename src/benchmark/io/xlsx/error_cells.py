"""Cells holding an Excel error (``t="e"``: ``#REF!``, ``#VALUE!``, ``#SPILL!``...).

calamine reads the older codes as blank cells, so a failed formula in a value column was read as
a missing value without a word; the newer codes (``#SPILL!``, ``#CALC!``...) it cannot read at
all, and it refused the whole workbook. Here each error cell is found by its reference, to be
marked (:class:`~benchmark.core.values.ErrorValue`: refused where it is used, naming the cell),
and a newer code is swapped for ``#N/A`` in the XML handed to calamine, which it reads as blank
and the mark then replaces.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile

from benchmark.io.xlsx.scan import _reference

_PREFIX = rb"(?:[A-Za-z_][\w.\-]*:)?"
_ERROR_CELL = re.compile(rb"<" + _PREFIX + rb"c\s([^<>]*?\bt\s*=\s*[\"']e[\"'][^<>]*)>(.{0,4096}?)</"
                         + _PREFIX + rb"c\s*>", re.DOTALL)
_REFERENCE = re.compile(rb"""(?:^|\s)r\s*=\s*["']([^"']*)["']""")
_VALUE = re.compile(rb"<" + _PREFIX + rb"v>([^<]{0,64})</" + _PREFIX + rb"v>")
# The codes calamine reads (as blank); any other it refuses.
KNOWN_CODES = frozenset({b"#NULL!", b"#DIV/0!", b"#VALUE!", b"#REF!", b"#NAME?", b"#NUM!", b"#N/A",
                         b"#GETTING_DATA"})


def error_cells(xml: bytes) -> dict[tuple[int, int], str]:
    """Each error cell's 0-based (row, column) and its code, where it has a plain reference."""
    if b"e'" not in xml and b'e"' not in xml:
        return {}
    found = {}
    for match in _ERROR_CELL.finditer(xml):
        reference = _REFERENCE.search(match[1])
        position = _reference(reference[1]) if reference else None
        value = _VALUE.search(match[2])
        if position is not None:
            code = value[1].decode("utf-8", "replace").strip() if value else "#error"
            found[position] = code
    return found


def readable_by_calamine(data: bytes, codes: dict[str, set[str]]) -> bytes:
    """The workbook ``data`` with every error code calamine cannot read, in the parts named by
    ``codes`` (part name -> codes found), swapped for #N/A; ``data`` itself when none is."""
    unknown = {part: {code.encode() for code in found} - KNOWN_CODES for part, found in codes.items()}
    unknown = {part: found for part, found in unknown.items() if found}
    if not unknown:
        return data
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            content = source.read(info)
            if info.filename in unknown:
                content = _ERROR_CELL.sub(functools.partial(_swap, codes=unknown[info.filename]), content)
            copy.writestr(info, content)
    return buffer.getvalue()


def _swap(cell: re.Match[bytes], codes: set[bytes]) -> bytes:
    whole = cell[0]
    for code in codes:
        whole = whole.replace(b">" + code + b"<", b">#N/A<")
    return whole
