"""Build the bundled sample workbook of the 27 two-tier county councils (2018) from real data.

Reads only the byte-identical copies of public data in ``sample_data/raw/`` (provenance in
``raw/PROVENANCE.md``) and writes an Excel workbook with three sheets, header in row 1:

* ``data``: one row per county x indicator x period (``area``, ``area_code``, ``indicator``,
  ``period``, ``value``); ``value`` is empty where the source has no value for a county;
* ``indicators``: ``indicator``, ``theme``, ``polarity``, ``label``, ``unit``, ``source``;
* ``areas``: ``area``, ``area_code``, ``region``, ``population``, ``spend_per_head``,
  ``funding_per_head``, ``deprivation_rank``, ``group``.

Every value in ``data`` is copied from a source file unchanged. The only derived figures are
``spend_per_head`` and ``deprivation_rank`` in ``areas``; ``sample_data/README.md`` documents
both, and every matching rule and judgement applied here.

Usage::

    python sample_data/build_sample.py [--output PATH]

The default output is ``src/benchmark/data/county_sample.xlsx``. The build is deterministic
(fixed row order, fixed workbook properties, fixed zip timestamps) and the output is written
atomically (temporary file in the same directory, then ``os.replace``).
"""

from __future__ import annotations

import argparse
import io
import math
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, partial
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import _writer as openpyxl_cell_writer
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from benchmark.geography import AreaMatcher

HERE = Path(__file__).resolve().parent
RAW_DIR = HERE / "raw"
DEFAULT_OUTPUT = HERE.parent / "src" / "benchmark" / "data" / "county_sample.xlsx"

#: Most recent periods kept per indicator (fewer where the source has fewer).
PERIODS_KEPT = 3
#: The sample is the 2018 set of counties, so it keeps periods starting no later than 2018:
#: Dorset was reorganised in April 2019, Buckinghamshire in 2020, Northamptonshire in 2021.
LAST_FIRST_YEAR = 2018
#: Workbook creation/modification time and zip entry time: fixed so rebuilds are identical.
FIXED_TIMESTAMP = datetime(2018, 4, 1, 0, 0, 0)
#: Text that sources use for "no value" (Fingertips prints NA, the SDG files leave blanks).
MISSING_MARKERS = frozenset({"", "NA"})
GROUP = "county"

LOOKUP_FILE = "county_codes_lookup_2018_set.csv"
POPULATION_FILE = "population_2020_snpp2018_england.csv"
CSP_FILE = "seed_csp_per_head_2018_19.csv"
RS_FILE = "ro_rs_2017_18_all_authorities.csv"
OFLOG_FILE = "oflog_asc_measures_2015_2023.csv"
IMD_FILE = "imd2019_utla/imd2019_utla_imd.csv"
SDG_EYFSP_FILE = "ons_sdg/indicator_4-2-1.csv"
SDG_EARLY_EDUCATION_FILE = "ons_sdg/indicator_4-2-2.csv"
SDG_TEACHERS_FILE = "ons_sdg/indicator_4-c-1.csv"
SDG_WASTE_FILE = "ons_sdg/indicator_11-6-1.csv"

RS_NET_CURRENT_EXPENDITURE = "749: NET CURRENT EXPENDITURE"
IMD_CODE = "Upper Tier Local Authority District code (2019)"
IMD_AVERAGE_SCORE = "IMD - Average score"
EYFSP_PRE_REFORM = "EYFSP pre-reform (2012/13-2020/21)"
EYFSP_BREAKDOWNS = (
    "Gender",
    "Ethnicity",
    "Free school meals",
    "Learning category",
    "Learning sub-category (higher)",
)

DATA_COLUMNS = ("area", "area_code", "indicator", "period", "value")
INDICATOR_COLUMNS = ("indicator", "theme", "polarity", "label", "unit", "source")
AREA_COLUMNS = (
    "area",
    "area_code",
    "region",
    "population",
    "spend_per_head",
    "funding_per_head",
    "deprivation_rank",
    "group",
)

Cell = str | int | float | None
#: Matched source rows: one (county code, period) -> value (None = no value in the source).
SourceValues = dict[tuple[str, str], float | None]
ReferenceDate = Callable[[str], date]


@dataclass(frozen=True)
class County:
    """One of the 27 two-tier county councils of 2018, as in the code lookup."""

    name: str
    code: str
    region: str
    reorganised: date | None


@dataclass(frozen=True)
class Indicator:
    """An indicator of the sample and the function that reads its values."""

    name: str
    theme: str
    polarity: str
    label: str
    unit: str
    source: str
    load: Callable[[], SourceValues]


@dataclass(frozen=True)
class Sheet:
    """A worksheet: its name, header row and data rows."""

    name: str
    columns: Sequence[str]
    rows: list[tuple[Cell, ...]]


# --- reading and parsing -------------------------------------------------------------------


@cache
def read_raw_csv(relative_path: str) -> pd.DataFrame:
    """Read a raw CSV with every cell as text, so no figure is re-parsed or re-rounded."""
    return pd.read_csv(RAW_DIR / relative_path, dtype=str, keep_default_na=False, encoding="utf-8")


def parse_value(text: str) -> float | None:
    """Return a source cell as a float, or None where the source marks it missing.

    ``float`` on the source text gives exactly the number the source prints. Any marker
    not in MISSING_MARKERS raises, so an unexpected code can never become a number or a gap
    silently.
    """
    cleaned = text.strip()
    if cleaned in MISSING_MARKERS:
        return None
    return float(cleaned)


def first_year(period: str) -> int:
    """Return the first four-digit year of a period ("2019/20", "2016-18", "2019 to 2020")."""
    match = re.match(r"(\d{4})", period)
    if match is None:
        raise ValueError(f"period without a year: {period!r}")
    return int(match.group(1))


def financial_year_start(period: str) -> date:
    """Reference date of a financial year "2019/20": 1 April 2019."""
    return date(first_year(period), 4, 1)


def eyfsp_assessment(period: str) -> date:
    """Reference date of an EYFSP academic year "2018/19": end of the 2019 summer term."""
    return date(first_year(period) + 1, 6, 30)


def january_census(period: str) -> date:
    """Reference date of a January early-years census year "2021": January 2021."""
    return date(first_year(period), 1, 31)


def november_census(period: str) -> date:
    """Reference date of a school-workforce year "2019 to 2020": the November 2019 census."""
    return date(first_year(period), 11, 30)


# --- the 27 counties and how sources name them ---------------------------------------------


def reorganisation_date(text: str) -> date | None:
    """Parse the date from the lookup's ``later_reorganisation`` ("2019-04-01: became ...")."""
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    return date(year, month, day)


@cache
def counties() -> tuple[County, ...]:
    """The 27 counties, sorted by name (the row order of every sheet)."""
    table = read_raw_csv(LOOKUP_FILE)
    found = [
        County(row.county, row.ons_code, row.region, reorganisation_date(row.later_reorganisation))
        for row in table.itertuples(index=False)
    ]
    if len(found) != 27:
        raise ValueError(f"expected 27 counties in {LOOKUP_FILE}, found {len(found)}")
    return tuple(sorted(found, key=lambda county: county.name))


@cache
def county_by_name() -> dict[str, County]:
    """The 27 counties by canonical name."""
    return {county.name: county for county in counties()}


def county_of(name: str | None = None, code: str | None = None) -> County | None:
    """The 2018 county a source row stands for, by the package's own area matching
    (:mod:`benchmark.geography`: ONS and MHCLG codes with their variants, such as North Yorkshire's
    E10000022; names normalised, "Staffordshire (e)", "Kent County Council", "Dorset Waste
    Partnership"). A successor unitary or any other authority is None."""
    canonical = AreaMatcher.shipped().match(name, code)
    return county_by_name().get(canonical) if canonical else None


def existed_at(county: County, reference: date) -> bool:
    """True if the 2018 county was still the authority for its area at ``reference``."""
    return county.reorganised is None or reference < county.reorganised


# --- matching source rows to counties ------------------------------------------------------


def collect_values(matched: Iterable[tuple[County | None, str, str]], source: str) -> SourceValues:
    """Turn (county or None, period, value text) triples into county values.

    Rows for other areas (county None) are skipped; two rows for one county and period
    raise, so a code or name variant can never overwrite another row silently.
    """
    values: SourceValues = {}
    for county, period, text in matched:
        if county is None:
            continue
        key = (county.code, period)
        if key in values:
            raise ValueError(f"{source}: two rows for {county.name} {period}")
        values[key] = parse_value(text)
    return values


def values_by_code(
    frame: pd.DataFrame, code_column: str, period_column: str, value_column: str, source: str
) -> SourceValues:
    """Match rows to counties by ONS code (including the lookup's variant codes)."""
    return collect_values(
        (
            (county_of(code=code), period, text)
            for code, period, text in zip(
                frame[code_column], frame[period_column], frame[value_column], strict=True
            )
        ),
        source,
    )


def values_by_name(
    frame: pd.DataFrame,
    name_column: str,
    period_column: str,
    value_column: str,
    source: str,
    reference_date: ReferenceDate,
) -> SourceValues:
    """Match rows to counties by normalised name, for sources that print names only.

    Names outlive reorganisations ("Dorset" is Dorset Council from April 2019, a different
    area), so a row counts for a county only if the county still existed at the period's
    reference date; later rows belong to a successor authority and are left out.
    """
    matched = []
    for name, period, text in zip(
        frame[name_column], frame[period_column], frame[value_column], strict=True
    ):
        county = county_of(name=name)
        if county is not None and not existed_at(county, reference_date(period)):
            county = None
        matched.append((county, period, text))
    return collect_values(matched, source)


# --- indicator loaders ---------------------------------------------------------------------


def oflog_values(code: str) -> SourceValues:
    """Oflog adult social care measure ``code`` (ASC1 ... ASC7), by ONS code."""
    frame = read_raw_csv(OFLOG_FILE)
    frame = frame[frame["Code"] == code]
    return values_by_code(frame, "Local authority code", "Financial year", "Value", OFLOG_FILE)


def fingertips_values(file_name: str, sex: str | None = None) -> SourceValues:
    """A Fingertips export, optionally one sex (the ``group`` column), by ONS code."""
    relative_path = f"fingertips_utla/{file_name}"
    frame = read_raw_csv(relative_path)
    if sex is not None:
        frame = frame[frame["group"] == sex]
    return values_by_code(frame, "area_code", "period", "value", relative_path)


def eyfsp_values() -> SourceValues:
    """SDG 4.2.1: children at the expected level in all early learning goals (pre-reform)."""
    frame = read_raw_csv(SDG_EYFSP_FILE)
    headline = frame["Series"] == EYFSP_PRE_REFORM
    for column in EYFSP_BREAKDOWNS:
        headline &= frame[column] == ""
    return values_by_name(
        frame[headline], "Local authority", "Year", "Value", SDG_EYFSP_FILE, eyfsp_assessment
    )


def early_education_values(age: str) -> SourceValues:
    """SDG 4.2.2: take-up of funded early education for one ``Age`` series ("2", "3 and 4")."""
    frame = read_raw_csv(SDG_EARLY_EDUCATION_FILE)
    frame = frame[frame["Age"] == age]
    return values_by_name(
        frame, "Local authority", "Year", "Value", SDG_EARLY_EDUCATION_FILE, january_census
    )


def qualified_teacher_values() -> SourceValues:
    """SDG 4.c.1: qualified teachers, all state-funded schools, all teachers."""
    frame = read_raw_csv(SDG_TEACHERS_FILE)
    frame = frame[(frame["Series"] == "All state-funded schools") & (frame["Sex"] == "")]
    return values_by_name(
        frame, "Local authority", "Year", "Value", SDG_TEACHERS_FILE, november_census
    )


def waste_values(method: str) -> SourceValues:
    """SDG 11.6.1: share of local authority collected waste by one disposal method."""
    frame = read_raw_csv(SDG_WASTE_FILE)
    frame = frame[frame["Disposal method"] == method]
    return values_by_name(
        frame, "Waste collection authority", "Year", "Value", SDG_WASTE_FILE, financial_year_start
    )


def imd_values() -> SourceValues:
    """IMD 2019 average score by upper-tier authority, period "2019"."""
    frame = read_raw_csv(IMD_FILE).assign(period="2019")
    return values_by_code(frame, IMD_CODE, "period", IMD_AVERAGE_SCORE, IMD_FILE)


def csp_values() -> SourceValues:
    """Core Spending Power per head 2018/19 as charted in the 2018 report, by name."""
    frame = read_raw_csv(CSP_FILE)
    frame = frame[frame["two_tier_county"] == "yes"].assign(period="2018/19")
    return values_by_name(
        frame, "authority", "period", "csp_per_head_2018_19", CSP_FILE, financial_year_start
    )


# --- the indicator list --------------------------------------------------------------------

OFLOG_SOURCE = (
    f"Oflog, adult social care measures (communitiesuk/oflog-automated-text), {OFLOG_FILE}"
)


def fingertips_source(indicator_id: int, file_name: str) -> str:
    """Short citation of a Fingertips export."""
    return (
        f"OHID Fingertips indicator {indicator_id} (via traffordDataLab/dashboard), "
        f"fingertips_utla/{file_name}"
    )


def sdg_source(publisher: str, sdg: str, file_name: str) -> str:
    """Short citation of an ONS SDG data file."""
    return f"{publisher} via ONS UK SDG data {sdg} (ONSdigital/sdg-data), {file_name}"


ASC = "Adult Social Care"
PH = "Public Health"
CYP = "Children & Young People"
EDU = "Education & Early Years"
WASTE = "Waste"
CONTEXT = "Context"

HLE = "healthy_life_expectancy_at_birth.csv"
SII = "slope_index_of_inequality.csv"
SMI = "mortality_serious_mental_illness.csv"
SELF_HARM = "admissions_self_harm_young_people.csv"
CIC = "children_in_care.csv"
CPP = "child_protection_plans.csv"
NEET = "neets.csv"
READINESS = "school_readiness_fsm.csv"

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        name="Carer quality of life",
        theme=ASC,
        polarity="high",
        label="Outcome, ASC Carer Quality of Life (Oflog ASC1)",
        unit="score",
        source=OFLOG_SOURCE,
        load=partial(oflog_values, "ASC1"),
    ),
    Indicator(
        name="Social care-related quality of life",
        theme=ASC,
        polarity="high",
        label="Outcome, ASC Quality of Life (Oflog ASC2)",
        unit="score",
        source=OFLOG_SOURCE,
        load=partial(oflog_values, "ASC2"),
    ),
    Indicator(
        name="Ease of finding information, service users",
        theme=ASC,
        polarity="high",
        label="Outcome, Ease of finding information about services : service users (Oflog ASC3)",
        unit="%",
        source=OFLOG_SOURCE,
        load=partial(oflog_values, "ASC3"),
    ),
    Indicator(
        name="Ease of finding information, carers",
        theme=ASC,
        polarity="high",
        label="Outcome, Ease of finding information about support : carers (Oflog ASC4)",
        unit="%",
        source=OFLOG_SOURCE,
        load=partial(oflog_values, "ASC4"),
    ),
    Indicator(
        name="Short-term services outcome",
        theme=ASC,
        polarity="high",
        label="Outcome, Outcome of short-term services: sequel to service (Oflog ASC5)",
        unit="%",
        source=OFLOG_SOURCE,
        load=partial(oflog_values, "ASC5"),
    ),
    Indicator(
        name="Requests resulting in a service",
        theme=ASC,
        polarity="none",
        label="Outcome, Requests resulting in a service (Oflog ASC6)",
        unit="not stated by source",
        source=OFLOG_SOURCE,
        load=partial(oflog_values, "ASC6"),
    ),
    Indicator(
        name="ASC workforce turnover",
        theme=ASC,
        polarity="low",
        label="Outcome, Workforce turnover rate (Oflog ASC7)",
        unit="%",
        source=OFLOG_SOURCE,
        load=partial(oflog_values, "ASC7"),
    ),
    Indicator(
        name="Healthy life expectancy, female",
        theme=PH,
        polarity="high",
        label="Healthy life expectancy at birth, female",
        unit="years",
        source=fingertips_source(90362, HLE),
        load=partial(fingertips_values, HLE, "Female"),
    ),
    Indicator(
        name="Healthy life expectancy, male",
        theme=PH,
        polarity="high",
        label="Healthy life expectancy at birth, male",
        unit="years",
        source=fingertips_source(90362, HLE),
        load=partial(fingertips_values, HLE, "Male"),
    ),
    Indicator(
        name="Inequality in life expectancy, female",
        theme=PH,
        polarity="low",
        label="Inequality in life expectancy at birth (Slope Index of Inequality), female",
        unit="years",
        source=fingertips_source(92901, SII),
        load=partial(fingertips_values, SII, "Female"),
    ),
    Indicator(
        name="Inequality in life expectancy, male",
        theme=PH,
        polarity="low",
        label="Inequality in life expectancy at birth (Slope Index of Inequality), male",
        unit="years",
        source=fingertips_source(92901, SII),
        load=partial(fingertips_values, SII, "Male"),
    ),
    Indicator(
        name="Excess mortality, serious mental illness",
        theme=PH,
        polarity="low",
        label=(
            "Excess under 75 mortality rate in adults with serious mental illness "
            "(indirectly standardised ratio)"
        ),
        unit="ratio",
        source=fingertips_source(91096, SMI),
        load=partial(fingertips_values, SMI),
    ),
    Indicator(
        name="Self-harm admissions, aged 10-24",
        theme=PH,
        polarity="low",
        label=(
            "Hospital admissions as a result of self-harm (10-24 years), "
            "age standardised rate per 100,000"
        ),
        unit="per 100,000",
        source=fingertips_source(90813, SELF_HARM),
        load=partial(fingertips_values, SELF_HARM),
    ),
    Indicator(
        name="Children in care",
        theme=CYP,
        polarity="low",
        label="Children in care: rate per 10,000 population aged < 18",
        unit="per 10,000",
        source=fingertips_source(90803, CIC),
        load=partial(fingertips_values, CIC),
    ),
    Indicator(
        name="Child protection plans",
        theme=CYP,
        polarity="low",
        label="Children on child protection plans: Rate per 10,000 children <18",
        unit="per 10,000",
        source=fingertips_source(90886, CPP),
        load=partial(fingertips_values, CPP),
    ),
    Indicator(
        name="16-17 year olds NEET",
        theme=CYP,
        polarity="low",
        label="Proportion of 16-17 year olds not in education, employment or training (NEET)",
        unit="%",
        source=fingertips_source(93203, NEET),
        load=partial(fingertips_values, NEET),
    ),
    Indicator(
        name="School readiness, free school meals",
        theme=CYP,
        polarity="high",
        label=(
            "Children with free school meal status achieving a good level of development "
            "at the end of reception"
        ),
        unit="%",
        source=fingertips_source(90632, READINESS),
        load=partial(fingertips_values, READINESS),
    ),
    Indicator(
        name="Early learning goals, expected level",
        theme=EDU,
        polarity="high",
        label=(
            "Pupils achieving at least the expected level across all early learning goals "
            "(EYFSP, pre-reform series 2012/13-2020/21)"
        ),
        unit="%",
        source=sdg_source("DfE EYFSP", "4.2.1", SDG_EYFSP_FILE),
        load=eyfsp_values,
    ),
    Indicator(
        name="Funded early education, 2-year-olds",
        theme=EDU,
        polarity="high",
        label="Percentage of eligible 2-year-olds registered for funded early education",
        unit="%",
        source=sdg_source("DfE", "4.2.2", SDG_EARLY_EDUCATION_FILE),
        load=partial(early_education_values, "2"),
    ),
    Indicator(
        name="Funded early education, 3-4-year-olds",
        theme=EDU,
        polarity="high",
        label="Percentage of 3 and 4 year olds registered for funded early education",
        unit="%",
        source=sdg_source("DfE", "4.2.2", SDG_EARLY_EDUCATION_FILE),
        load=partial(early_education_values, "3 and 4"),
    ),
    Indicator(
        name="Qualified teachers",
        theme=EDU,
        polarity="high",
        label=(
            "Proportion of teachers who have received at least the minimum teacher training "
            "required (qualified teachers), all state-funded schools"
        ),
        unit="%",
        source=sdg_source("DfE School Workforce", "4.c.1", SDG_TEACHERS_FILE),
        load=qualified_teacher_values,
    ),
    Indicator(
        name="Waste recycled or composted",
        theme=WASTE,
        polarity="high",
        label="Proportion of disposed waste from total collected waste: Recycled-composted",
        unit="%",
        source=sdg_source("DEFRA ENV18", "11.6.1", SDG_WASTE_FILE),
        load=partial(waste_values, "Recycled-composted"),
    ),
    Indicator(
        name="Waste sent to landfill",
        theme=WASTE,
        polarity="low",
        label="Proportion of disposed waste from total collected waste: Landfill",
        unit="%",
        source=sdg_source("DEFRA ENV18", "11.6.1", SDG_WASTE_FILE),
        load=partial(waste_values, "Landfill"),
    ),
    Indicator(
        name="Deprivation (IMD 2019 average score)",
        theme=CONTEXT,
        polarity="none",
        label="English Indices of Deprivation 2019, IMD average score (upper-tier authority)",
        unit="score",
        source=(
            f"MHCLG English Indices of Deprivation 2019, File 11 (upper-tier summaries), {IMD_FILE}"
        ),
        load=imd_values,
    ),
    Indicator(
        name="Core Spending Power per head",
        theme=CONTEXT,
        polarity="none",
        label=(
            "Core Spending Power per head 2018/19 (as charted in a county council's 2018 "
            "annual performance report)"
        ),
        unit="£ per head",
        source=(
            f"MHCLG Core Spending Power 2018/19 per head, as charted in a county council "
            f"performance report (2018), {CSP_FILE}"
        ),
        load=csp_values,
    ),
)


# --- sheets --------------------------------------------------------------------------------


def latest_periods(values: SourceValues, count: int = PERIODS_KEPT) -> list[str]:
    """The ``count`` most recent periods starting by LAST_FIRST_YEAR in which at least one
    county has a value; a source with no period that early (IMD 2019) keeps its earliest."""
    periods = sorted({period for (_, period), value in values.items() if value is not None})
    early = [period for period in periods if first_year(period) <= LAST_FIRST_YEAR]
    return early[-count:] if early else periods[:1]


def indicator_rows(indicator: Indicator) -> list[tuple[Cell, ...]]:
    """Data rows of one indicator: every county for every kept period, sorted.

    A county with no row, or a missing value, in the source gets an empty value cell.
    """
    values = indicator.load()
    return [
        (county.name, county.code, indicator.name, period, values.get((county.code, period)))
        for period in latest_periods(values)
        for county in counties()
    ]


def data_sheet(indicators: Sequence[Indicator]) -> Sheet:
    """The long ``data`` sheet, sorted by indicator (list order), period, then area."""
    rows = [row for indicator in indicators for row in indicator_rows(indicator)]
    return Sheet("data", DATA_COLUMNS, rows)


def indicators_sheet(indicators: Sequence[Indicator]) -> Sheet:
    """The ``indicators`` sheet: one row per indicator, in list order."""
    rows: list[tuple[Cell, ...]] = [
        (item.name, item.theme, item.polarity, item.label, item.unit, item.source)
        for item in indicators
    ]
    return Sheet("indicators", INDICATOR_COLUMNS, rows)


def county_column(relative_path: str, code_column: str, value_column: str) -> dict[str, str]:
    """One text column of a coded source, keyed by county code (variant codes resolved)."""
    frame = read_raw_csv(relative_path)
    found: dict[str, str] = {}
    for code, text in zip(frame[code_column], frame[value_column], strict=True):
        county = county_of(code=code)
        if county is None:
            continue
        if county.code in found:
            raise ValueError(f"{relative_path}: two rows for {county.name}")
        found[county.code] = text
    return found


def populations() -> dict[str, int]:
    """ONS 2018-based SNPP, all ages, 2020, by county code."""
    texts = county_column(POPULATION_FILE, "area_code", "population_2020_projected")
    return {code: int(text) for code, text in texts.items()}


def net_current_expenditure() -> dict[str, float]:
    """MHCLG RS 2017-18 line 749, net current expenditure, in £ thousand, by county code."""
    texts = county_column(RS_FILE, "ONS Code", RS_NET_CURRENT_EXPENDITURE)
    return {code: float(text) for code, text in texts.items()}


def spend_per_head(expenditure_thousands: float, population: int) -> float:
    """£ per head: RS 2017-18 net current expenditure (£ thousand x 1,000) / population."""
    return expenditure_thousands * 1000 / population


def deprivation_ranks() -> dict[str, int]:
    """Rank of each county among the counties with an IMD 2019 average score.

    1 = most deprived (highest score); ties share the best rank (1, 2, 2, 4).
    """
    scores = {code: value for (code, _), value in imd_values().items() if value is not None}
    return {
        code: 1 + sum(other > score for other in scores.values()) for code, score in scores.items()
    }


def areas_sheet() -> Sheet:
    """The ``areas`` sheet: one row per county with context and per-head figures."""
    population = populations()
    expenditure = net_current_expenditure()
    funding = {code: value for (code, _), value in csp_values().items()}
    deprivation = deprivation_ranks()
    rows: list[tuple[Cell, ...]] = [
        (
            county.name,
            county.code,
            county.region,
            population[county.code],
            spend_per_head(expenditure[county.code], population[county.code]),
            funding.get(county.code),
            deprivation.get(county.code),
            GROUP,
        )
        for county in counties()
    ]
    return Sheet("areas", AREA_COLUMNS, rows)


def build_sheets() -> list[Sheet]:
    """All three sheets, in workbook order."""
    return [data_sheet(INDICATORS), indicators_sheet(INDICATORS), areas_sheet()]


# --- writing -------------------------------------------------------------------------------


def column_widths(sheet: Sheet, cap: int = 60) -> list[int]:
    """Readable column widths: the longest header or text cell, capped."""
    widths = []
    for index, header in enumerate(sheet.columns):
        longest = max([len(header)] + [len(str(row[index])) for row in sheet.rows])
        widths.append(min(longest + 2, cap))
    return widths


def build_workbook(sheets: Sequence[Sheet]) -> Workbook:
    """An openpyxl workbook holding ``sheets`` with fixed document properties."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet.name)
        worksheet.append(list(sheet.columns))
        for row in sheet.rows:
            worksheet.append(list(row))
        for index, width in enumerate(column_widths(sheet), start=1):
            worksheet.column_dimensions[get_column_letter(index)].width = width
        worksheet.freeze_panes = "A2"
    properties = workbook.properties
    properties.creator = "benchmark sample_data/build_sample.py"
    properties.lastModifiedBy = properties.creator
    properties.title = "Sample county council benchmarking data (27 two-tier counties, 2018)"
    properties.created = FIXED_TIMESTAMP
    properties.modified = FIXED_TIMESTAMP
    return workbook


@contextmanager
def exact_float_text() -> Iterator[None]:
    """While saving, make openpyxl write every float as ``repr`` (its shortest exact text).

    openpyxl formats numbers with "%.16g", which drops the 17th significant digit of some
    source values (42.923697069144886 in the DEFRA waste file becomes 42.92369706914489)
    and writes 8.0 as "8", which openpyxl then reads back as an int. ``repr`` round-trips
    every float exactly. This replaces a private openpyxl name, for the save only; if a
    later openpyxl renames it, the attribute lookup below fails loudly.
    """
    original = openpyxl_cell_writer.safe_string

    def exact(value: object) -> str:
        if isinstance(value, float) and math.isfinite(value):
            return repr(value)
        return original(value)

    openpyxl_cell_writer.safe_string = exact
    try:
        yield
    finally:
        openpyxl_cell_writer.safe_string = original


def workbook_bytes(workbook: Workbook) -> bytes:
    """Serialise ``workbook`` exactly, with a fixed timestamp on every zip entry.

    openpyxl's ``Workbook.save`` stamps the modification time with the clock and the zip
    entries with the current time; writing through ``ExcelWriter`` and re-packing keeps the
    file byte-identical from one build to the next.
    """
    raw = io.BytesIO()
    with (
        exact_float_text(),
        zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        ExcelWriter(workbook, archive).write_data()
    with zipfile.ZipFile(raw) as source:
        parts = shared_strings({entry.filename: source.read(entry) for entry in source.infolist()})
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            info = zipfile.ZipInfo(name, date_time=FIXED_TIMESTAMP.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, content)
    return packed.getvalue()


SHARED_STRINGS = "xl/sharedStrings.xml"
_INLINE_STRING = re.compile(rb'<c ([^>]*?)t="inlineStr"([^>]*)><is>(<t(?: [^>]*)?>[^<]*</t>)</is></c>')
_MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_OFFICE_NS = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def shared_strings(parts: dict[str, bytes]) -> dict[str, bytes]:
    """The workbook's parts with each text cell in the shared-string table, as Excel writes them.

    openpyxl writes every text cell as an inline string, so each county's name is spelled out
    ~70 times in the data sheet: the sheet is 40% larger than Excel's own layout and slower to
    read. Each distinct text goes once into ``xl/sharedStrings.xml``, and cells refer to it by
    number; the values read back are the same.
    """
    table: dict[bytes, int] = {}
    uses = 0

    def shared(match: re.Match[bytes]) -> bytes:
        nonlocal uses
        uses += 1
        number = table.setdefault(match[3], len(table))
        return b'<c %st="s"%s><v>%d</v></c>' % (match[1], match[2], number)

    rewritten = {name: _INLINE_STRING.sub(shared, content) if name.startswith("xl/worksheets/")
                 else content for name, content in parts.items()}
    if not table:
        return rewritten
    rewritten[SHARED_STRINGS] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="%s" count="%d" '
        b'uniqueCount="%d">%s</sst>' % (_MAIN_NS, uses, len(table), b"".join(b"<si>%s</si>" % text
                                                                              for text in table)))
    rewritten["[Content_Types].xml"] = rewritten["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/%s" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>' % SHARED_STRINGS.encode())
    rewritten["xl/_rels/workbook.xml.rels"] = rewritten["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdSharedStrings" Type="%s/sharedStrings" '
        b'Target="sharedStrings.xml"/></Relationships>' % _OFFICE_NS)
    return rewritten


def write_atomically(payload: bytes, output: Path) -> None:
    """Write ``payload`` to a temporary file beside ``output``, then rename it into place."""
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{output.name}.", suffix=".tmp", dir=output.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        os.chmod(temporary, 0o644)
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def main(argv: Sequence[str] | None = None) -> int:
    """Build the sample workbook; returns the process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help=f"workbook to write (default: {DEFAULT_OUTPUT})",
    )
    arguments = parser.parse_args(argv)
    sheets = build_sheets()
    write_atomically(workbook_bytes(build_workbook(sheets)), arguments.output)
    counts = ", ".join(f"{sheet.name}: {len(sheet.rows)} rows" for sheet in sheets)
    print(f"wrote {arguments.output} ({counts})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
