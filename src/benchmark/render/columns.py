"""Column kinds, declared once: every renderer formats a column by its kind."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum


class Kind(str, Enum):
    TEXT = "text"
    RANK = "rank"  # 1, 2, 3: positions and ranks
    COUNT = "count"  # whole numbers: n, indicators
    AVERAGE_RANK = "average_rank"  # 4.35: two decimals on screen
    NUMBER = "number"  # a measured value: as many decimals as it carries
    QUARTILE = "quartile"  # 1-4
    PERCENT = "percent"  # a fraction shown as 1.5% (0.015 in machine formats)
    MONEY = "money"  # pounds: £1,160, -£12
    MONEY_LARGE = "money_large"  # pounds in thousands, millions, billions: £99.6m
    DIRECTION = "direction"  # improved / no change / worse: arrows on a terminal


KNOWN_KINDS: dict[str, Kind] = {
    "position": Kind.RANK,
    "rank": Kind.RANK,
    "n": Kind.COUNT,
    "indicators": Kind.COUNT,
    "average_rank": Kind.AVERAGE_RANK,
    "value": Kind.NUMBER,
    "quartile": Kind.QUARTILE,
    "direction": Kind.DIRECTION,
}


# A column's heading for people (a page, a printed report); machine formats keep the names.
LABELS: dict[str, str] = {
    "average_rank": "Average rank",
    "per_head": "£ per head",
    "difference_per_head": "Difference per head",
    "additional_funding": "Additional funding",
    "comparator_rank": "Comparator rank",
    "spend_per_head": "Spend per head",
    "funding_per_head": "Funding per head",
    "n": "Areas ranked",
}


def label(column: str) -> str:
    """'average_rank' -> 'Average rank'; a column without a declared label is its name in words."""
    if column in LABELS:
        return LABELS[column]
    words = column.replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else column


def kind_of(column: str, extra: dict[str, Kind] | None = None) -> Kind:
    """A column's kind: declared by the command (``extra``), known by name, or text."""
    if extra and column in extra:
        return extra[column]
    return KNOWN_KINDS.get(column, Kind.TEXT)


def is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value) or value is _pandas_na()
    except TypeError:  # pandas.NA refuses truth-testing
        return True


def _pandas_na() -> object:
    import pandas as pd

    return pd.NA


def display(value: object, kind: Kind) -> str:
    """A value as a person reads it on screen or in Markdown ('' for missing)."""
    if is_missing(value):
        return ""
    if isinstance(value, float) and math.isinf(value):
        return "-inf" if value < 0 else "inf"
    if kind in (Kind.RANK, Kind.COUNT, Kind.QUARTILE):
        return f"{int(value):,}"  # type: ignore[call-overload]
    if kind is Kind.PERCENT:
        return f"{format_number(float(value) * 100)}%"  # type: ignore[arg-type]
    if kind is Kind.MONEY:
        return _pounds(float(value), f"{_half_up(abs(float(value)), 0):,.0f}")  # type: ignore[arg-type]
    if kind is Kind.MONEY_LARGE:
        return _pounds(float(value), _scaled(abs(float(value))))  # type: ignore[arg-type]
    if kind is Kind.AVERAGE_RANK:
        return f"{float(value):.2f}"  # type: ignore[arg-type]
    if kind is Kind.NUMBER:
        return format_number(float(value))  # type: ignore[arg-type]
    return str(value)


def format_number(number: float) -> str:
    """1160 -> '1,160'; 83.2 -> '83.2'; 0.23456 -> '0.2346': about four significant digits."""
    if number.is_integer():
        return f"{number:,.0f}"
    magnitude = math.floor(math.log10(abs(number)))
    decimals = min(6, max(1, 3 - magnitude))
    return f"{number:,.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{number:,.0f}"


def _pounds(number: float, digits: str) -> str:
    return f"-£{digits}" if number < 0 and digits.strip("0.,") else f"£{digits}"


def _half_up(number: float, places: int) -> Decimal:
    """Money is rounded as people and Excel round it: half up (£796.50 -> £797), not to even."""
    return Decimal(repr(number)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _scaled(amount: float) -> str:
    """99_557_500 -> '99.6m'; 1_200_000_000 -> '1.2bn'; 950_000 -> '950k'; 870 -> '870'."""
    for size, suffix in ((10**9, "bn"), (10**6, "m"), (10**3, "k")):
        if amount >= size:
            scaled = _half_up(float(Decimal(repr(amount)) / size), 1)
            return f"{scaled:,.1f}".removesuffix(".0") + suffix
    return f"{_half_up(amount, 0):,.0f}"


def is_numeric(kind: Kind) -> bool:
    return kind is not Kind.TEXT


# Excel number formats, by kind: the workbook holds the raw number and shows it as display() does.
EXCEL_FORMATS: dict[Kind, str] = {
    Kind.TEXT: "General",
    Kind.RANK: "0",
    Kind.COUNT: "#,##0",
    Kind.AVERAGE_RANK: "0.00",
    Kind.NUMBER: "General",  # chosen by magnitude, value by value: see excel_format
    Kind.QUARTILE: "0",
    Kind.PERCENT: "0.0%",  # the value is a fraction: 0.015 shows as 1.5%
    Kind.MONEY: "£#,##0",  # one section, so Excel writes -£12 as display() does
    Kind.MONEY_LARGE: '£#,##0.0,,"m"',  # the usual case; by magnitude in excel_format
    Kind.DIRECTION: "General",
}
_EXCEL_SCALED = ((1e9, '£#,##0.0,,,"bn"'), (1e6, '£#,##0.0,,"m"'), (1e3, '£#,##0.0,"k"'))


def excel_format(value: float, kind: Kind) -> str:
    """The Excel number format for a number of this kind, showing what display() shows:
    4.35 for an average rank, 83.2 or 0.415 for a measured value, £99.6m for a total."""
    if kind is Kind.NUMBER and math.isfinite(value) and value != 0:
        if float(value).is_integer():
            return "#,##0"
        decimals = min(6, max(1, 3 - math.floor(math.log10(abs(value)))))
        return "#,##0.0" + "#" * (decimals - 1)
    if kind is Kind.NUMBER:
        return "#,##0"
    if kind is Kind.MONEY_LARGE:
        for size, code in _EXCEL_SCALED:
            if abs(value) >= size:
                return code
        return EXCEL_FORMATS[Kind.MONEY]
    return EXCEL_FORMATS[kind]
