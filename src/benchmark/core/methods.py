"""The method choices commands offer: how ties are ranked, how the overall average is formed,
which quartile rule applies, what performance is set against and where its lines are drawn, and
the default tolerance of direction of travel. Plain enums and a number in a module of their own,
so that a command's --help can list them without loading the code that uses them."""

from __future__ import annotations

from enum import Enum

DEFAULT_TOLERANCE = 0.01  # direction of travel: a relative change of at most 1% is "no change"


class Ties(str, Enum):
    """How tied values are ranked (pandas/SQL names)."""

    MIN = "min"  # 1, 2, 2, 4: the default, as RANK.EQ, Fingertips and LAIT
    AVERAGE = "average"  # 1, 2.5, 2.5, 4
    MAX = "max"  # 1, 3, 3, 4
    DENSE = "dense"  # 1, 2, 2, 3


class Overall(str, Enum):
    """How the overall average rank is formed."""

    INDICATORS = "indicators"  # mean over all the area's ranked indicators
    THEMES = "themes"  # mean of the area's theme averages


class Basket(str, Enum):
    """Which indicators a history ranks in each edition."""

    COMMON = "common"  # only indicators ranked in every edition: positions comparable
    EACH = "each"  # each edition's own indicators


class QuartileMethod(str, Enum):
    """Which quartile rule applies (see benchmark.analysis.quartiles)."""

    RANK = "rank"
    PERCENTILE = "percentile"
    NTILE = "ntile"


class Against(str, Enum):
    """What performance is set against (see benchmark.analysis.quadrants)."""

    SPEND = "spend"  # spend_per_head: comparator_rank 1 = the lowest spend
    DEPRIVATION = "deprivation"  # deprivation_rank: comparator_rank 1 = the most deprived


class Split(str, Enum):
    """Where the reference lines are drawn."""

    MEAN = "mean"
    MEDIAN = "median"
