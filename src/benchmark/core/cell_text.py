"""Text in a spreadsheet cell that stays text: the rule every workbook this tool writes follows.

Text from the input never becomes a formula or an error value: openpyxl on its own stores text
starting with '=' as a formula and '#N/A' as an error. Such text is stored as a string cell, and
text starting like a formula (= + - @ tab or carriage return) also carries Excel's quote prefix,
so that editing the cell in Excel keeps it text. Characters the file's XML cannot hold become
U+FFFD, and text beyond Excel's limit on a cell is cut.

No openpyxl here: the writers (:mod:`benchmark.render.excel`, :mod:`benchmark.io.xlsx.write`)
make the cell and hand it to :func:`store_text`.
"""

from __future__ import annotations

import re
from typing import Any

# Text a spreadsheet would read as a formula (OWASP "CSV injection"): = + - @ tab, carriage return.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
ERROR_CODES = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A")  # openpyxl's
MAX_TEXT = 32_767  # Excel's limit on the characters in a cell
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in the file's XML


def stays_text(text: str) -> bool:
    """Text openpyxl stores as a string on its own: not formula-like, not an error code, no
    character the file's XML cannot hold, within Excel's length limit."""
    return (not text.startswith(FORMULA_PREFIXES) and text not in ERROR_CODES
            and len(text) <= MAX_TEXT and not ILLEGAL.search(text))


def store_text(cell: Any, text: str) -> Any:
    """Make ``cell`` (an openpyxl cell) a string cell holding ``text``, never a formula or an
    error value, whatever it holds; the cell is returned."""
    safe = ILLEGAL.sub("\ufffd", text)[:MAX_TEXT]
    cell.value = safe
    cell.data_type = "s"  # openpyxl made '=...' a formula and '#N/A' an error: undo that
    if safe.startswith(FORMULA_PREFIXES):
        cell.quotePrefix = True  # Excel keeps it text when the cell is edited
    return cell
