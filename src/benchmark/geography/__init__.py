"""Areas: name normalisation, the shipped lookup of counties and their successors, comparator
groups and reorganisations. Core layer: pandas and the standard library only.

How matching works, the normalisation rules and how to add a group: ``docs/areas.md``.
"""

from __future__ import annotations

from benchmark.geography.groups import ComparatorGroup, comparator_group, shipped_groups
from benchmark.geography.lookup import Area, AreaMatcher
from benchmark.geography.matching import (
    AreaMatch,
    distinct_pairs,
    group_areas,
    group_member,
    match_areas,
    present_pairs,
)
from benchmark.geography.names import normalise_name
from benchmark.geography.reorganisations import Reorganisation, mixed_reorganisations, reorganisations

__all__ = [
    "Area",
    "AreaMatch",
    "AreaMatcher",
    "ComparatorGroup",
    "Reorganisation",
    "comparator_group",
    "distinct_pairs",
    "group_areas",
    "group_member",
    "match_areas",
    "mixed_reorganisations",
    "normalise_name",
    "present_pairs",
    "reorganisations",
    "shipped_groups",
]
