"""Targets as councils write them, and whether a value meets one.

Forms: a number (``92%``, ``1638``: met when the value is at least as good, by polarity),
a limit (``<1797``, ``<=5``, ``>40%``: met when the comparison holds), a range (``5-6%``,
``28%-40%``: met when the value lies within it, ends included), a quartile (``top quartile``,
``top half``, ``2nd quartile or better``: met when the area's quartile is at least as good), or
text (``MTFS``, ``Reduction``: not evaluable).

A target is matched to its area and indicator by their normalised names
(:func:`benchmark.geography.normalise_name`), so ``Leicestershire County Council`` and an en
dash for a hyphen in an indicator's name still find it.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from benchmark.core.model import AREA, INDICATOR, PERIOD, TARGET, Dataset, Polarity
from benchmark.core.values import UnreadableValue, parse_value
from benchmark.geography import normalise_name

if TYPE_CHECKING:
    import pandas as pd


class Status(str, Enum):
    MET = "met"
    NOT_MET = "not met"
    NOT_EVALUABLE = "not evaluable"


_LIMIT = re.compile(r"^(<=|>=|≤|≥|<|>)\s*(.+)$")
_RANGE = re.compile(r"^(.*?\d\s*(?:%|k|m|bn)?)\s*(?:-|–|to)\s*(.+)$", re.IGNORECASE)
# "top quartile", "upper quartile", "first quartile", "quartile 1", "top half", "2nd quartile or
# better": the worst quartile that meets the target.
_QUARTILE_WORDS = {"top": 1, "upper": 1, "first": 1, "1st": 1, "1": 1, "second": 2, "2nd": 2, "2": 2,
                   "third": 3, "3rd": 3, "3": 3}
_QUARTILE = re.compile(r"^(?:(top|upper|first|1st|second|2nd|third|3rd) quartile|quartile ([123]))"
                       r"(?: or (?:better|above))?$", re.IGNORECASE)
_HALF = re.compile(r"^(?:top|upper) half$|^above (?:the )?median$", re.IGNORECASE)
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt, "<=": operator.le, "≤": operator.le,
    ">": operator.gt, ">=": operator.ge, "≥": operator.ge,
}


@dataclass(frozen=True)
class Target:
    """A parsed target: kind is 'number', 'limit', 'range', 'quartile' (low: the worst quartile
    that meets it) or 'text'."""

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
    if match := _QUARTILE.match(cleaned):
        return Target(cleaned, "quartile", low=_QUARTILE_WORDS[(match.group(1) or match.group(2)).lower()])
    if _HALF.match(cleaned):
        return Target(cleaned, "quartile", low=2)
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


def target_status(target: Target, value: float, polarity: str | None,
                  quartile: int | None = None) -> Status:
    """met / not met / not evaluable for a value (and the area's quartile) against a target."""
    if target.kind == "quartile":
        if quartile is None:
            return Status.NOT_EVALUABLE
        return Status.MET if quartile <= (target.low or 0) else Status.NOT_MET
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


class TargetBook:
    """A dataset's targets, found by normalised area and indicator names."""

    def __init__(self, targets: pd.DataFrame | None) -> None:
        self.by_name: dict[tuple[str, str], dict[str, str]] = {}
        if targets is None:
            return
        for area, indicator, period, target in zip(targets[AREA], targets[INDICATOR], targets[PERIOD],
                                                   targets[TARGET], strict=True):
            periods = self.by_name.setdefault(_key(area, indicator), {})
            periods.setdefault(str(period or ""), str(target))

    def target(self, area: str, indicator: str, period: str | None) -> str:
        """The target for that period, else one given without a period; "" when none."""
        periods = self.by_name.get(_key(area, indicator), {})
        return periods.get(str(period), periods.get("", "")) if period is not None else periods.get("", "")


def _key(area: object, indicator: object) -> tuple[str, str]:
    return normalise_name(str(area)), normalise_name(str(indicator), suffixes=False)


def unmatched_targets(targets: pd.DataFrame | None, areas: list[str], indicators: list[str]) -> list[str]:
    """Words for each target whose area or indicator matches none in the data (normalised)."""
    if targets is None:
        return []
    known_areas = {normalise_name(area) for area in areas}
    known_indicators = {normalise_name(name, suffixes=False) for name in indicators}
    found = []
    for area, indicator in dict.fromkeys(zip(targets[AREA], targets[INDICATOR], strict=True)):
        keys = (("area", known_areas, normalise_name(str(area))),
                ("indicator", known_indicators, normalise_name(str(indicator), suffixes=False)))
        missing = [what for what, known, key in keys if key not in known]
        if missing:
            found.append(f"the target for '{area}' on '{indicator}' matches no {' and no '.join(missing)} "
                         "in the data, so it is never shown; correct the name in the targets")
    return found


def target_warnings(dataset: Dataset) -> list[str]:
    """:func:`unmatched_targets` of a dataset: against every area and indicator it has."""
    from benchmark.core.distinct import distinct

    areas = [*distinct(dataset.observations[AREA]), *dataset.areas[AREA]]
    return unmatched_targets(dataset.targets, areas, list(dataset.indicators[INDICATOR]))
