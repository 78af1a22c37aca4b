"""What calamine would build from a workbook, bounded before it is built.

A workbook's text is small on disk and large in memory in three ways, each of which made
calamine abort the process (Rust's "memory allocation failed", no message): a long shared
string referenced by many cells (each cell gets its own copy), a shared-strings table that
declares more strings than it holds (calamine sets aside room for all it declares), and one cell
of hundreds of megabytes. Each is measured here from the XML, in numpy or one regular expression
per part, never per cell in Python.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from benchmark.core.errors import DataError

if TYPE_CHECKING:
    import numpy as np

    from benchmark.io.limits import Limits

EXCEL_CELL_CHARACTERS = 32_767  # Excel's own limit on the text of one cell
# Bytes of XML one such cell may take: a character is at most 4 bytes of UTF-8, or an entity
# such as '&#x1F600;' (10 bytes); anything past this between two tags is no cell Excel can make.
LONGEST_TEXT_BYTES = EXCEL_CELL_CHARACTERS * 10
_STRING_ITEM = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?si[\s>/]")
_UNIQUE_COUNT = re.compile(rb"""<(?:[A-Za-z_][\w.\-]*:)?sst\s[^>]*?uniqueCount\s*=\s*["']\s*(\d+)""")
_SHARED_CELL = re.compile(rb"""\st\s*=\s*["']s["']""")
_SHARED_INDEX = re.compile(rb"""\st\s*=\s*["']s["'][^>]*>\s*<(?:[A-Za-z_][\w.\-]*:)?v>\s*(\d{1,18})""")


def longest_text(xml: bytes) -> int:
    """The most bytes between two '<' in ``xml``: at least the longest text of any cell."""
    import numpy as np

    tags = np.flatnonzero(np.frombuffer(xml, dtype=np.uint8) == ord("<"))
    edges = np.concatenate(([-1], tags, [len(xml)]))
    return int(np.diff(edges).max()) - 1


def refuse_long_text(xml: bytes, name: str, part: str) -> None:
    if len(xml) > LONGEST_TEXT_BYTES and longest_text(xml) > LONGEST_TEXT_BYTES:
        raise DataError(f"{name}: {part} holds a cell of more than {EXCEL_CELL_CHARACTERS:,} "
                        "characters, more than Excel allows in one cell; the file is damaged or "
                        "crafted")


def string_sizes(xml: bytes, name: str, part: str) -> np.ndarray:
    """The bytes each shared string takes in the XML (an upper bound on its text), in order;
    a table that declares more strings than it holds is refused."""
    import numpy as np

    starts = np.fromiter((match.start() for match in _STRING_ITEM.finditer(xml)), dtype=np.int64)
    sizes = np.diff(np.append(starts, len(xml)))
    declared = _UNIQUE_COUNT.search(xml[:4096])
    if declared is not None and int(declared[1]) > max(2 * len(sizes), len(sizes) + 1000):
        raise DataError(f"{name}: {part} declares {int(declared[1]):,} shared strings but holds "
                        f"{len(sizes):,}; the file is damaged or crafted")
    return sizes


def shared_cells(xml: bytes) -> int:
    """How many cells of a sheet take their text from the shared strings."""
    return len(_SHARED_CELL.findall(xml))


def refuse_expansion(sizes: np.ndarray, sheets: dict[str, int],
                     sheet_xml: Callable[[], Iterable[bytes]], limits: Limits, name: str) -> None:
    """Refuse a workbook whose cells would copy more shared-string text than the byte limit.
    ``sheets`` counts each sheet's shared-string cells; the cheap bound (cells x the longest
    string) settles most workbooks, and only when it does not are the sheets' XML fetched
    (``sheet_xml``) and each cell's string index read."""
    import numpy as np

    longest = int(sizes.max()) if len(sizes) else 0
    if sum(sheets.values()) * longest <= limits.max_bytes:
        return
    total = 0
    for xml in sheet_xml():
        indexes = np.array(_SHARED_INDEX.findall(xml), dtype=np.int64)
        total += int(sizes[indexes[indexes < len(sizes)]].sum())
    if total > limits.max_bytes:
        raise DataError(f"{name}: its cells repeat shared text {total / 1024**2:,.1f} MiB long in "
                        f"all, more than the limit of {limits.max_bytes / 1024**2:,.1f} MiB; if the "
                        f"file is genuine, raise the limit with BENCHMARK_MAX_BYTES={total + 1}, "
                        "else it is damaged or crafted")
