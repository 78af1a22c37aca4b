"""benchmark: rank English county councils on performance indicators.

The Python API mirrors the command line::

    import benchmark
    dataset = benchmark.read_dataset("indicators.xlsx")
    ranking = benchmark.rank(benchmark.select(dataset, group="county"))
    ranking.table  # position, area, average_rank, indicators, one column per theme
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from benchmark.analysis.funding import FundingGap, FundingGapOverTime, funding_gap, funding_gap_over_time
    from benchmark.analysis.quadrants import FocusQuadrants, Quadrants, quadrants, theme_quadrants
    from benchmark.analysis.ranking import Ranking, rank, rank_indicators
    from benchmark.analysis.selection import Selection, select
    from benchmark.analysis.validation import validate
    from benchmark.core.errors import BenchmarkError, DataError, ExitCode, UsageError
    from benchmark.core.methods import Against, Overall, Split, Ties
    from benchmark.core.model import Dataset, Polarity
    from benchmark.core.values import parse_value
    from benchmark.io import read_dataset
    from benchmark.io.areas import read_areas
    from benchmark.io.sample import sample_path

# The public API, each name from the module that defines it. They are imported when first used:
# `python -m benchmark --help` and the command line's own modules need none of them, and
# importing them all costs about 90 ms.
_HOMES = {
    "benchmark.core.errors": ("BenchmarkError", "DataError", "ExitCode", "UsageError"),
    "benchmark.analysis.funding": ("FundingGap", "FundingGapOverTime", "funding_gap",
                                   "funding_gap_over_time"),
    "benchmark.core.values": ("parse_value",),
    "benchmark.io": ("read_dataset",),
    "benchmark.io.areas": ("read_areas",),
    "benchmark.core.model": ("Dataset", "Polarity"),
    "benchmark.core.methods": ("Against", "Overall", "Split", "Ties"),
    "benchmark.analysis.ranking": ("Ranking", "rank", "rank_indicators"),
    "benchmark.io.sample": ("sample_path",),
    "benchmark.analysis.selection": ("Selection", "select"),
    "benchmark.analysis.quadrants": ("FocusQuadrants", "Quadrants", "quadrants", "theme_quadrants"),
    "benchmark.analysis.validation": ("validate",),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        # importlib.metadata costs ~70 ms to import: only pay for it when the version is asked for.
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("benchmark")
        except PackageNotFoundError:  # running from a source tree that is not installed
            return "0.0.0"
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'benchmark' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "Against",
    "BenchmarkError",
    "DataError",
    "Dataset",
    "ExitCode",
    "FocusQuadrants",
    "FundingGap",
    "FundingGapOverTime",
    "Overall",
    "Polarity",
    "Ranking",
    "Quadrants",
    "Selection",
    "Split",
    "Ties",
    "UsageError",
    "__version__",
    "funding_gap",
    "funding_gap_over_time",
    "parse_value",
    "quadrants",
    "rank",
    "rank_indicators",
    "read_areas",
    "read_dataset",
    "sample_path",
    "select",
    "theme_quadrants",
    "validate",
]
