"""Targets as councils write them, and whether a value meets one.

Forms: a number (``92%``, ``1638``: met when the value is at least as good, by polarity),
a limit (``<1797``, ``<=5``, ``>40%``: met when the comparison holds), a range (``5-6%``,
``28%-40%``: met when the value lies within it, ends included), or text (``MTFS``,
``Reduction``, ``top quartile``: not evaluable).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from benchmark.core.model import Polarity
from benchmark.core.values import UnreadableValue, parse_value


class Status(str, Enum):
    MET = "met"
    NOT_MET = "not met"
    NOT_EVALUABLE = "not evaluable"


_LIMIT = re.compile(r"^(<=|>=|≤|≥|<|>)\s*(.+)$")
_RANGE = re.compile(r"^(.*?\d\s*(?:%|k|m|bn)?)\s*(?:-|–|to)\s*(.+)$", re.IGNORECASE)
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt, "<=": operator.le, "≤": operator.le,
    ">": operator.gt, ">=": operator.ge, "≥": operator.ge,
}


@dataclass(frozen=True)
class Target:
    """A parsed target: kind is 'number', 'limit', 'range' or 'text'."""

    text: str
    kind: str
    low: float | None = None
    high: float | None = None
    comparison: str | None = None


def _number(text: str) -> float | None:
    try:
        number = parse_value(text)
    except UnreadableValue:
        return None
    return None if number != number else number


def parse_target(text: str) -> Target:
    cleaned = " ".join(text.split())
    if match := _LIMIT.match(cleaned):
        bound = _number(match.group(2))
        if bound is not None:
            return Target(cleaned, "limit", low=bound, comparison=match.group(1))
    number = _number(cleaned)
    if number is not None:
        return Target(cleaned, "number", low=number)
    if match := _RANGE.match(cleaned):
        low, high = _number(match.group(1)), _number(match.group(2))
        if low is not None and high is not None:
            return Target(cleaned, "range", low=min(low, high), high=max(low, high))
    return Target(cleaned, "text")


def target_status(target: Target, value: float, polarity: str | None) -> Status:
    """met / not met / not evaluable for a value against a target."""
    if target.kind == "text" or value != value:
        return Status.NOT_EVALUABLE
    assert target.low is not None
    if target.kind == "limit":
        met = _COMPARE[target.comparison or "<"](value, target.low)
    elif target.kind == "range":
        met = target.low <= value <= (target.high if target.high is not None else target.low)
    elif polarity == Polarity.HIGH.value:
        met = value >= target.low
    elif polarity == Polarity.LOW.value:
        met = value <= target.low
    else:
        return Status.NOT_EVALUABLE
    return Status.MET if met else Status.NOT_MET
