"""Reorganised areas: a ranking that puts a county beside the unitary that replaced it compares
two different bodies (and usually two different areas), so it is flagged."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple

from benchmark.core.text import day_words
from benchmark.geography.lookup import AreaMatcher


class Reorganisation(NamedTuple):
    """One predecessor replaced by one successor on ``effective`` (a split gives one per successor)."""

    predecessor: str
    predecessor_kind: str  # "county"
    successor: str
    successor_kind: str  # "unitary"
    effective: date  # the successor's first day; the predecessor's last is the day before


def reorganisations(matcher: AreaMatcher | None = None) -> list[Reorganisation]:
    """Every predecessor/successor pair of the lookup, in its order."""
    matcher = matcher or AreaMatcher.shipped()
    pairs = []
    for area in matcher.areas.values():
        for successor in area.successors:
            later = matcher.areas[successor]
            effective = later.reorganised or area.reorganised
            if effective is None:
                raise ValueError(f"areas.csv: {area.name} -> {successor} has no 'reorganised' date")
            pairs.append(Reorganisation(area.name, area.kind, successor, later.kind, effective))
    return pairs


def mixed_reorganisations(areas: Iterable[str], matcher: AreaMatcher | None = None) -> list[str]:
    """One warning per predecessor and successor found together among ``areas`` (canonical names).

    >>> mixed_reorganisations(["Kent", "Buckinghamshire", "Buckinghamshire Council"])[0][:60]
    'the areas compared include both Buckinghamshire (county counc'
    """
    present = set(areas)
    return [
        f"the areas compared include both {pair.predecessor} ({pair.predecessor_kind} council until "
        f"{day_words(pair.effective - timedelta(days=1))}) and its successor {pair.successor} "
        f"({pair.successor_kind} from {day_words(pair.effective)}); rank them in separate periods or "
        "drop one"
        for pair in reorganisations(matcher)
        if pair.predecessor in present and pair.successor in present
    ]

