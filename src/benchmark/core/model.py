"""The data model: observations, indicator and area metadata, and their column names.

A :class:`Dataset` holds three pandas DataFrames in the canonical layout documented in
``docs/data-format.md``. Readers in :mod:`benchmark.io` build it; the analysis modules take it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple, Protocol

if TYPE_CHECKING:
    import pandas as pd

# Observation columns (long layout).
AREA = "area"
AREA_CODE = "area_code"
INDICATOR = "indicator"
PERIOD = "period"
VALUE = "value"
OBSERVATION_COLUMNS = (AREA, AREA_CODE, INDICATOR, PERIOD, VALUE)

# Indicator metadata columns.
THEME = "theme"
POLARITY = "polarity"
LABEL = "label"
UNIT = "unit"
WEIGHT = "weight"
SOURCE = "source"
TOLERANCE = "tolerance"  # relative change at or below which a trend is "no change"
COMPARABLE = "comparable"  # "no" when a definition changed: no direction of travel
KIND = "kind"  # performance (ranked) or context (never ranked): see MeasureKind
INDICATOR_COLUMNS = (INDICATOR, THEME, POLARITY, LABEL, UNIT, WEIGHT, SOURCE, TOLERANCE, COMPARABLE, KIND)

# Targets: one per area x indicator (x period), as written ("92%", "<1797", "5-6%", "MTFS").
TARGET = "target"
TARGET_COLUMNS = (AREA, INDICATOR, PERIOD, TARGET)

# Area metadata columns (any other column is kept too).
POPULATION = "population"
SPEND_PER_HEAD = "spend_per_head"
FUNDING_PER_HEAD = "funding_per_head"
DEPRIVATION_RANK = "deprivation_rank"
GROUP = "group"
AREA_COLUMNS = (AREA, AREA_CODE, POPULATION, SPEND_PER_HEAD, FUNDING_PER_HEAD, DEPRIVATION_RANK, GROUP)

NO_THEME = "(no theme)"


class Polarity(str, Enum):
    """Which direction is good for an indicator."""

    HIGH = "high"  # higher is better
    LOW = "low"  # lower is better
    NONE = "none"  # context only: not ranked


class MeasureKind(str, Enum):
    """What an indicator measures: performance is ranked (given a polarity); context (deprivation,
    population, funding, spend) describes an area and is never ranked, whatever its polarity."""

    PERFORMANCE = "performance"
    CONTEXT = "context"


def is_context(kind: object) -> bool:
    """An indicator is context only when its kind says so: a performance indicator with no
    polarity is still shown in dashboards and direction of travel, only not ranked."""
    return kind == MeasureKind.CONTEXT.value


class LayoutProfile(Protocol):
    """What a dataset tells of the layout profile it was read with (the whole profile is
    :class:`benchmark.io.profiles.schema.Profile`)."""

    @property
    def name(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def per_head_scale(self) -> float | None: ...


class Problem(NamedTuple):
    """Something wrong in the input, found while reading; the caller decides whether it is fatal."""

    kind: str  # "value", "polarity", "duplicate", "name", "metadata"
    message: str
    severity: str = "error"  # "error" or "warning"


@dataclass(frozen=True, eq=False, repr=False)  # holds frames: compared and shown by identity
class Dataset:
    """Observations plus indicator and area metadata, in the canonical columns.

    ``observations``: area, area_code, indicator, period, value (float64, NaN = missing).
    ``indicators``: one row per indicator: indicator, theme, polarity (a Polarity value or
    missing), label, unit, weight (float, default 1), source.
    ``areas``: one row per area: area, area_code and any per-area columns.
    ``targets``: area, indicator, period ("" = the latest), target as written.
    """

    observations: pd.DataFrame
    indicators: pd.DataFrame
    areas: pd.DataFrame
    source: str
    layout: str = "long"  # "long", "wide" or "none" (area metadata only)
    targets: pd.DataFrame | None = None  # TARGET_COLUMNS; None when no targets were given
    problems: tuple[Problem, ...] = field(default=())
    notes: tuple[str, ...] = field(default=())
    profile: LayoutProfile | None = None  # the layout profile the source was read with, if any
