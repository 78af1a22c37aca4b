"""Cells as values: text (:func:`clean_text`, :func:`text_column`) and numbers as spreadsheets
print them: ``£2.2m``, ``83.2%``, ``3,140``, ``‐0.28``, ``1878 (2016)`` (:func:`parse_value`,
:func:`parse_values`).

Missing markers (``N/A``, ``..``, ``[x]``, ``c``, blank ...) are missing, never zero. Anything else
that is not a number is unreadable: :func:`parse_values` reports where, and the caller decides.
A workbook formula without a saved result (:class:`NoSavedValue`) is neither text nor a number.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, DecimalException
from typing import TYPE_CHECKING, NamedTuple

from benchmark.core.errors import DataError
from benchmark.core.text import WHITE_SPACE, line_break_as_space, one_line, printable

if TYPE_CHECKING:
    import pandas as pd


class NoSavedValue(str):
    """A workbook cell holding a formula whose result was never saved; the text is the formula,
    ``cell`` says where it is ("book.xlsx, sheet 'data', cell C4").

    Excel saves each formula's last result beside it, and that result is what is read. Files
    written by programs that do not calculate (openpyxl, some exports) leave it out: such a cell
    is refused, as a number (:func:`parse_value`) or as text (:func:`clean_text`).
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


class ErrorValue(NoSavedValue):
    """A workbook cell holding an Excel error such as ``#REF!`` (a formula that failed): the
    text is the code. Refused where it is used, as a number or as text, naming the cell."""

    def problem(self) -> str:
        return (f"the cell holds the error {printable(self)} (a formula that failed in Excel); "
                "correct the formula")


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
            stripped = stripped.str.replace(WHITE_SPACE, line_break_as_space, regex=True)
        return stripped.astype(object).where(stripped.fillna("") != "", None)
    return pd.Series([clean_text(cell) for cell in series], index=series.index, dtype=object)


MISSING_MARKERS = frozenset(
    {
        "", "n/a", "na", "no data", "-", "\u2010", "\u2013", "\u2014", "..", "[x]", "[c]",
        "[z]", "c", "x", "*", ":", "nan", "#n/a",
    }
)
_MINUS_SIGNS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-"})
_MULTIPLIERS = {"k": Decimal(10**3), "m": Decimal(10**6), "bn": Decimal(10**9)}
_NUMBER = re.compile(
    r"""^
    (?P<sign1>[+-])?\s*£?\s*(?P<sign2>[+-])?\s*
    (?P<number>\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d+(?:\.\d*)?|\.\d+)
    (?:[eE](?P<exponent>[+-]?\d+))?
    \s*(?P<suffix>k|m|bn|%)?
    \s*(?:\([^()]*\))?
    $""",
    re.VERBOSE | re.IGNORECASE,
)


_LONGEST_NUMBER = 100  # characters: '£24,200,000,000.00 (provisional)' is 32
# No council figure comes near this (England's whole public spending is about £1.2e12); beyond
# it a value is a mistake in units or a crafted file, and sums and products of such values
# would overflow or lose every digit that matters.
LARGEST_VALUE = 1e15


class UnreadableValue(ValueError):
    """A cell that is neither a number nor a missing marker."""


def parse_value(text: object) -> float:
    """One printed value as a float; NaN for a missing marker. Raises UnreadableValue."""
    if text is None:
        return math.nan
    if isinstance(text, NoSavedValue):
        raise UnreadableValue(text.problem())
    if isinstance(text, bool):
        raise UnreadableValue(f"'{text}' is a true/false value, not a number")
    if isinstance(text, int | float):
        number = float(text)
        if math.isinf(number):
            raise UnreadableValue(f"'{text}' is not a finite number")
        return _within_range(number, f"{number:g}")
    cleaned = str(text).strip()
    if cleaned.lower() in MISSING_MARKERS:
        return math.nan
    if cleaned.lower().lstrip("+-") in ("inf", "infinity"):
        raise UnreadableValue("not a finite number")
    if len(cleaned) > _LONGEST_NUMBER:
        raise UnreadableValue(f"cannot read '{printable(_shortened(cleaned))}' ({len(cleaned):,} "
                              "characters) as a number")
    match = _NUMBER.match(cleaned.translate(_MINUS_SIGNS))
    if match is None:
        raise UnreadableValue(f"cannot read '{printable(cleaned)}' as a number")
    # Decimal keeps "£2.2m" exactly 2200000, where 2.2 * 1e6 in floats need not be.
    try:
        exact = Decimal(match["number"].replace(",", "")).scaleb(int(match["exponent"] or 0))
        exact *= _MULTIPLIERS.get((match["suffix"] or "").lower(), 1)
        number = float(exact)
    except DecimalException:  # an exponent beyond Decimal's range: 1e999999999
        exact, number = Decimal(1), math.inf if int(match["exponent"]) > 0 else 0.0
    if match["sign1"] and match["sign2"]:
        raise UnreadableValue(f"'{printable(cleaned)}' has two signs; write one ('-5', '-£5')")
    if match["sign1"] == "-" or match["sign2"] == "-":
        number = -number
    if math.isinf(number):
        raise UnreadableValue(f"'{printable(cleaned)}' is too large to be a number")
    if number == 0 and exact != 0:
        raise UnreadableValue(f"'{printable(cleaned)}' is too small to be told from 0 as a number; "
                              "check the units")
    return _within_range(number, printable(cleaned))


def _within_range(number: float, shown: str) -> float:
    if abs(number) > LARGEST_VALUE:
        raise UnreadableValue(f"'{shown}' is larger than any council figure (more than "
                              f"{LARGEST_VALUE:,.0f} in size); check the units")
    return number


def _shortened(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[: length - 1] + "\u2026"


class BadCell(NamedTuple):
    """Position (0-based within the series) and reason of an unreadable value."""

    position: int
    text: str
    reason: str


def parse_values(raw: pd.Series) -> tuple[pd.Series, list[BadCell]]:
    """Parse a column of printed values into float64, collecting the unreadable cells.

    Plain numbers take pandas' vectorised path; only the distinct leftovers go through
    :func:`parse_value`, so a large clean column costs one ``to_numeric`` call.
    """
    import numpy as np
    import pandas as pd

    if isinstance(raw.dtype, pd.CategoricalDtype):
        return _parse_categorical(raw)
    if pd.api.types.is_float_dtype(raw.dtype) or pd.api.types.is_integer_dtype(raw.dtype):
        numbers = raw.astype("float64")
    else:
        numbers = pd.to_numeric(raw, errors="coerce").astype("float64")
    leftover = numbers.isna().to_numpy() & raw.notna().to_numpy()
    # Out of range, and text that pandas read as 0 ('1e-400' underflows): parse_value says why.
    leftover |= ~(np.abs(numbers.to_numpy()) <= LARGEST_VALUE) & numbers.notna().to_numpy()
    if not pd.api.types.is_numeric_dtype(raw.dtype):
        leftover |= numbers.to_numpy() == 0
    # A workbook's TRUE/FALSE cell is not the number 1 or 0: send it to parse_value to refuse.
    # Looked for by the cells' types, in C, before a mask is made in Python.
    if pd.api.types.is_object_dtype(raw.dtype) and bool in set(map(type, raw.to_numpy())):
        booleans = np.fromiter((type(cell) is bool for cell in raw.to_numpy()), bool, len(raw))
        numbers = numbers.where(~booleans)
        leftover |= booleans
    bad: list[BadCell] = []
    if leftover.any():
        texts = raw[leftover]
        parsed: dict[object, float | UnreadableValue] = {}
        for text in texts.unique():
            try:
                parsed[text] = parse_value(text)
            except UnreadableValue as problem:
                parsed[text] = problem.with_traceback(None)  # no frames kept: see cli/collector.py
        results = [parsed[text] for text in texts]
        numbers = numbers.copy()
        numbers[leftover] = [r if isinstance(r, float) else math.nan for r in results]
        positions = np.flatnonzero(leftover)
        bad = [
            BadCell(int(position), str(text), str(result))
            for position, text, result in zip(positions, texts, results, strict=True)
            if isinstance(result, UnreadableValue)
        ]
    return numbers, bad


def _parse_categorical(raw: pd.Series) -> tuple[pd.Series, list[BadCell]]:
    """A categorical column: each distinct text parsed once, as :func:`parse_values` parses a
    column of them, then looked up by each cell's code."""
    import numpy as np
    import pandas as pd

    codes = raw.array.codes
    distinct, bad_distinct = parse_values(pd.Series(raw.cat.categories.to_numpy(dtype=object), dtype=object))
    lookup = np.append(distinct.to_numpy(dtype="float64"), np.nan)  # code -1 (missing) -> NaN
    numbers = pd.Series(lookup[codes], index=raw.index, copy=False)
    bad: list[BadCell] = []
    if bad_distinct:
        reasons = {cell.position: cell for cell in bad_distinct}
        marked = np.zeros(len(lookup), dtype=bool)
        marked[list(reasons)] = True
        bad = [BadCell(int(position), reasons[codes[position]].text, reasons[codes[position]].reason)
               for position in np.flatnonzero(marked[codes])]
    return numbers, bad
