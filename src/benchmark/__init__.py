"""benchmark: rank English county councils on performance indicators.

The Python API mirrors the command line::

    import benchmark
    dataset = benchmark.read_dataset("indicators.xlsx")
    ranking = benchmark.rank(benchmark.select(dataset, group="county"))
    ranking.table  # position, area, average_rank, indicators, one column per theme
"""

from __future__ import annotations

from benchmark.errors import BenchmarkError, DataError, ExitCode, UsageError
from benchmark.funding import FundingGap, FundingGapOverTime, funding_gap, funding_gap_over_time
from benchmark.io import parse_value, read_dataset
from benchmark.io.areas import read_areas
from benchmark.model import Dataset, Polarity
from benchmark.ranking import Overall, Ranking, Ties, rank, rank_indicators
from benchmark.sample import sample_path
from benchmark.selection import Selection, select
from benchmark.spend import Against, FocusQuadrants, Quadrants, Split, quadrants, theme_quadrants
from benchmark.validation import validate


def __getattr__(name: str) -> str:
    # importlib.metadata costs ~70 ms to import: only pay for it when the version is asked for.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("benchmark")
        except PackageNotFoundError:  # running from a source tree that is not installed
            return "0.0.0"
    raise AttributeError(f"module 'benchmark' has no attribute {name!r}")

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
