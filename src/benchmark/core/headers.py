"""Header names people use, mapped to the canonical columns of :mod:`benchmark.core.model`.

Matching ignores case, surrounding space, and the difference between spaces, underscores
and hyphens. The synonyms are listed in ``docs/data-format.md``.
"""

from __future__ import annotations

import re

from benchmark.core.model import (
    AREA,
    AREA_CODE,
    COMPARABLE,
    INDICATOR,
    KIND,
    LABEL,
    PERIOD,
    POLARITY,
    SOURCE,
    TARGET,
    THEME,
    TOLERANCE,
    UNIT,
    VALUE,
    WEIGHT,
)

SYNONYMS: dict[str, tuple[str, ...]] = {
    AREA: ("area", "area name", "authority", "authority name", "local authority",
           "local authority name", "la name", "council"),
    AREA_CODE: ("area code", "ons code", "la code", "gss code", "local authority code"),
    INDICATOR: ("indicator", "indicator name", "measure", "metric"),
    PERIOD: ("period", "time period", "year", "financial year"),
    VALUE: ("value",),
    THEME: ("theme", "domain"),
    POLARITY: ("polarity", "direction", "good is"),
    LABEL: ("label", "title", "description"),
    UNIT: ("unit", "units"),
    WEIGHT: ("weight",),
    SOURCE: ("source",),
    TOLERANCE: ("tolerance",),
    COMPARABLE: ("comparable",),
    KIND: ("kind", "measure kind", "measure type"),
    TARGET: ("target",),
}
_LOOKUP = {synonym: canonical for canonical, names in SYNONYMS.items() for synonym in names}


def normalise_header(header: object) -> str:
    """'  Area_Name ' -> 'area name'."""
    return re.sub(r"[\s_\-]+", " ", str(header)).strip().lower()


def canonical_header(header: object) -> str | None:
    """The canonical column a header stands for, or None if it is not one we know."""
    return _LOOKUP.get(normalise_header(header))


def map_headers(headers: list[str], wanted: tuple[str, ...]) -> dict[str, str]:
    """Map canonical name -> the header that supplies it, for the canonical names in ``wanted``.

    An exact canonical name beats a synonym ("indicator" beats "measure"); two synonyms for
    the same column with no exact name is ambiguous and the first one wins, in header order.
    """
    found: dict[str, str] = {}
    for header in headers:
        canonical = canonical_header(header)
        if canonical not in wanted:
            continue
        exact = normalise_header(header) == canonical.replace("_", " ")
        if canonical not in found or exact:
            if canonical in found and normalise_header(found[canonical]) == canonical.replace("_", " "):
                continue
            found[canonical] = header
    return found
