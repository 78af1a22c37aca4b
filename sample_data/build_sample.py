"""Build the bundled sample workbook of the 27 two-tier county councils (2018) with `benchmark import`.

    python sample_data/build_sample.py [--output PATH]   # default src/benchmark/data/county_sample.xlsx

1. **Import.** ``benchmark import`` (its Python API, :func:`import_sources`) reads the published
   files in ``raw/`` with ``--group counties-2018``, ``--metadata indicators.csv`` (which names the
   25 indicators, renames them from their names in the sources, and gives theme, polarity, label,
   unit and source) and ``--population`` (the ONS 2020 projection, for the areas sheet and the
   per-head spend). The report's Core Spending Power chart has no published layout; it is
   imported the same way with its own profile, ``csp_report_chart.toml``.
2. **Select** the sample's periods: per indicator the 3 latest that start by 2018 and hold a
   county value, each with a row for every county (an empty value where the source has none).
3. **Areas:** region from the county lookup, and the two derived columns ``spend_per_head`` and
   ``deprivation_rank`` (plus ``funding_per_head``, the Core Spending Power per head).
4. **Write** the three sheets with the writer ``benchmark import`` uses, every float exactly.

``sample_data/README.md`` says why each rule is as it is.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from benchmark.core.periods import parse_period
from benchmark.io.importing import import_sources
from benchmark.io.xlsx.write import write_dataset_workbook

HERE = Path(__file__).resolve().parent
RAW = HERE / "raw"
DEFAULT_OUTPUT = HERE.parent / "src" / "benchmark" / "data" / "county_sample.xlsx"
METADATA = HERE / "indicators.csv"
CSP_PROFILE = HERE / "csp_report_chart.toml"

GROUP = "counties-2018"
PUBLISHED = [  # every published file in raw/, each read with the profile of its layout
    "oflog_asc_measures_2015_2023.csv",
    "fingertips_utla/*.csv",
    "ons_sdg/*.csv",
    "imd2019_utla/imd2019_utla_imd.csv",
    "ro_rs_2017_18_all_authorities.csv",
]
CSP_FILE = "seed_csp_per_head_2018_19.csv"
POPULATION_FILE = "population_2020_snpp2018_england.csv"
LOOKUP_FILE = "county_codes_lookup_2018_set.csv"

#: Most recent periods kept per indicator (fewer where the source has fewer).
PERIODS_KEPT = 3
#: The 2018 set of counties broke up from April 2019 (Dorset), so periods start by 2018.
LAST_FIRST_YEAR = 2018
#: Values left empty by judgement: the source's "Dorset" EYFSP 2018/19 is Dorset Council, as
#: pupils are assessed in June 2019, after the reorganisation (README, selection rule 3).
JUDGED_MISSING = [("Dorset", "Early learning goals, expected level", "2018/19")]


def years_with_dash(period: str) -> str:
    """2016/17 -> 2016-17."""
    return period.replace("/", "-")


def years_in_words(period: str) -> str:
    """2016/17 -> 2016 to 2017."""
    interval = parse_period(period)
    assert interval is not None, period
    return f"{interval.start.year} to {interval.end.year}"


#: Import writes each financial year as 2016/17; the sample keeps these sources' own spelling.
PRINTED_PERIODS: dict[str, Callable[[str], str]] = {
    "oflog_asc_measures_2015_2023.csv": years_with_dash,
    "ons_sdg/indicator_4-c-1.csv": years_in_words,
}

SPEND = "NET CURRENT EXPENDITURE per head"  # RS 2017-18 line 749 x 1,000 / population
FUNDING = "Core Spending Power per head"
DEPRIVATION = "Deprivation (IMD 2019 average score)"

DATA_COLUMNS = ["area", "area_code", "indicator", "period", "value"]


def import_raw() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Step 1: observations, indicators and areas as `benchmark import` gives them."""
    published = [str(path) for pattern in PUBLISHED for path in sorted(RAW.glob(pattern))]
    common = {"group": GROUP, "metadata": str(METADATA)}
    imported = import_sources(published, population=str(RAW / POPULATION_FILE), **common)
    report = import_sources([str(RAW / CSP_FILE)], profile=str(CSP_PROFILE), **common)
    for summary in imported.sources + report.sources:
        print(summary.line(), file=sys.stderr)
    observations = pd.concat([imported.observations, report.observations], ignore_index=True)
    indicators = pd.concat([imported.indicators, report.indicators], ignore_index=True)
    return observations, indicators, imported.areas


def kept_periods(values: pd.DataFrame) -> list[str]:
    """The PERIODS_KEPT latest periods starting by LAST_FIRST_YEAR in which a county has a value;
    a source with no period that early (IMD 2019) keeps its earliest."""
    periods = sorted(values.loc[values["value"].notna(), "period"].unique())
    early = [period for period in periods
             if (interval := parse_period(period)) is not None and interval.start.year <= LAST_FIRST_YEAR]
    return early[-PERIODS_KEPT:] if early else periods[:1]


def spelling(source: str) -> Callable[[str], str]:
    """How the indicator's source (its citation ends with the file name) prints a period."""
    return next((spell for file, spell in PRINTED_PERIODS.items() if source.endswith(file)), str)


def data_sheet(observations: pd.DataFrame, indicators: pd.DataFrame,
               areas: pd.DataFrame) -> pd.DataFrame:
    """Step 2: every county for each kept period of each indicator, sorted by indicator (in
    indicators.csv order), period and area."""
    judged = pd.MultiIndex.from_tuples(JUDGED_MISSING)
    observations = observations.set_index(["area", "indicator", "period"])
    observations.loc[observations.index.isin(judged), "value"] = None
    observations = observations.reset_index()
    blocks = []
    for indicator, source in zip(indicators["indicator"], indicators["source"], strict=True):
        values = observations[observations["indicator"] == indicator]
        grid = pd.MultiIndex.from_product([kept_periods(values), areas["area"]],
                                          names=["period", "area"])
        block = values.set_index(["period", "area"])["value"].reindex(grid).reset_index()
        blocks.append(block.assign(indicator=indicator,
                                   period=block["period"].map(spelling(source))))
    data = pd.concat(blocks, ignore_index=True)
    data["area_code"] = data["area"].map(areas.set_index("area")["area_code"])
    return data[DATA_COLUMNS]


def areas_sheet(observations: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """Step 3: the imported areas with their region and per-head and deprivation figures."""
    lookup = pd.read_csv(RAW / LOOKUP_FILE, dtype=str).set_index("county")

    def figures(indicator: str) -> pd.Series:
        return observations[observations["indicator"] == indicator].set_index("area")["value"]

    # 1 = most deprived (highest score), among the counties IMD 2019 has (not Dorset)
    deprivation_rank = figures(DEPRIVATION).dropna().rank(ascending=False, method="min")
    return pd.DataFrame({
        "area": areas["area"],
        "area_code": areas["area_code"],
        "region": areas["area"].map(lookup["region"]),
        "population": areas["population"].astype(int),
        "spend_per_head": areas["area"].map(figures(SPEND)),
        "funding_per_head": areas["area"].map(figures(FUNDING)),
        "deprivation_rank": areas["area"].map(deprivation_rank).astype("Int64"),
        "group": "county",
    })


def build(output: Path) -> dict[str, pd.DataFrame]:
    """Import, select, derive and write; returns the sheets written."""
    observations, imported_indicators, imported_areas = import_raw()
    columns = [c for c in pd.read_csv(METADATA, nrows=0).columns if c != "name_in_source"]
    order = pd.read_csv(METADATA, dtype=str)["indicator"]
    indicators = imported_indicators.set_index("indicator").loc[order].reset_index()[columns]
    areas = imported_areas.sort_values("area", ignore_index=True)
    sheets = {
        "data": data_sheet(observations, indicators, areas),
        "indicators": indicators,
        "areas": areas_sheet(observations, areas),
    }
    write_dataset_workbook(output, sheets, exact_floats=True)
    return sheets


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT,
                        help=f"workbook to write (default: {DEFAULT_OUTPUT})")
    output = parser.parse_args(argv).output
    sheets = build(output)
    counts = ", ".join(f"{name}: {len(frame)} rows" for name, frame in sheets.items())
    print(f"Wrote {output} ({counts})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
