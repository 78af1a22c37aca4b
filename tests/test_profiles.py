"""Layout profiles: each shipped profile on its real file (tests/data/realdata, trimmed from the
public files by tests/data/realdata/trim.py), user profiles, and how --profile reaches the CLI.

Row counts were counted apart from the code under test: data records with Python's csv module
(`sum(1 for row in csv.reader(f)) - header rows`) and blank cells with awk; each value checked
names the raw cell it was read from.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, invoke

from benchmark.core.errors import DataError, UsageError
from benchmark.io import read_dataset
from benchmark.io.profiles import ProfiledTable, apply_profile, choose_profile, load_profile, shipped_profiles
from benchmark.io.profiles.headers import find
from benchmark.io.profiles.rows import rewrite_period
from benchmark.io.tables import read_tables

DATA = ROOT / "tests" / "data" / "realdata"
with open(DATA / "county_codes_lookup_2018_set.csv", encoding="utf-8") as _lookup:
    COUNTIES = list(csv.DictReader(_lookup))
COUNTY_CODES = {row["ons_code"] for row in COUNTIES}
COUNTY_NAMES = {row["county"] for row in COUNTIES}

FILES = {
    "oflog_asc_measures_2015_2023.csv": "oflog-measures",
    "healthy_life_expectancy_at_birth.csv": "fingertips",
    "neets.csv": "fingertips",
    "indicator_11-6-1.csv": "ons-sdg-11-6-1",
    "indicator_4-2-1.csv": "ons-sdg-4-2-1",
    "indicator_4-2-2.csv": "ons-sdg-4-2-2",
    "indicator_4-c-1.csv": "ons-sdg-4-c-1",
    "imd2019_utla_imd.csv": "imd-2019-utla",
    "imd2019_utla_file_11.xlsx": "imd-2019-utla",
    "RS_2017-18_data_by_LA.xlsx": "mhclg-revenue",
    "ro_rs_2017_18_all_authorities.csv": "mhclg-revenue",
    "RSX_2023-24_data_by_LA.csv": "mhclg-revenue",
    "RA_2021-22_data_by_LA.csv": "mhclg-revenue",
    "ro_summary_net_expenditure_2015_16_2016_17.csv": "mhclg-revenue",
    "spending_power_millions_2011_2021.csv": "spending-power",
    "csp_components_long_2015_2020.csv": "csp-components",
    "population_2020_snpp2018_england.csv": "ons-population",
}


def profiled(name: str) -> ProfiledTable:
    tables = read_tables(DATA / name, defer_hidden=True)
    profile = choose_profile(tables)
    assert profile is not None, f"{name}: no profile recognised it"
    return apply_profile(tables, profile)


def value(frame: pd.DataFrame, area: str, indicator: str, period: str) -> float:
    rows = frame[(frame["area"] == area) & (frame["indicator"] == indicator) & (frame["period"] == period)]
    assert len(rows) == 1, f"{area}, {indicator}, {period}: {len(rows)} rows"
    return float(rows["value"].iloc[0])


def polarity(frame: pd.DataFrame, indicator: str) -> set[str]:
    return set(frame.loc[frame["indicator"] == indicator, "polarity"].dropna())


# --- recognising the layouts ------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_real_file_is_recognised_by_exactly_one_shipped_profile(name: str) -> None:
    tables = read_tables(DATA / name, defer_hidden=True)
    fitting = [profile.name for profile in shipped_profiles() if find(tables, profile)]
    assert fitting == [FILES[name]]
    assert choose_profile(tables).name == FILES[name]


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_real_file_reads_into_a_dataset_without_problems(name: str) -> None:
    dataset = read_dataset(DATA / name)
    assert dataset.problems == () and dataset.profile.name == FILES[name]
    assert dataset.notes[0].startswith(f"{DATA / name}")
    assert f"(profile {FILES[name]})" in dataset.notes[0]


def test_canonical_files_and_the_bundled_sample_are_not_claimed(tmp_path: Path) -> None:
    from benchmark.io.sample import sample_path

    canonical = tmp_path / "canonical.csv"
    canonical.write_text("area,area_code,indicator,period,value,polarity,unit\n"
                         "Kent,E10000016,Jobs,2019,5,high,%\nEssex,E10000012,Jobs,2019,6,high,%\n")
    wide = tmp_path / "wide.csv"
    wide.write_text("area,Jobs,Homes\nKent,1,2\nEssex,3,4\n")
    for path in (canonical, wide, sample_path(), DATA / "county_codes_lookup_2018_set.csv",
                 ROOT / "tests" / "data" / "seed_csp_per_head_2018_19.csv"):
        assert choose_profile(read_tables(path)) is None, path
    auto, none = read_dataset(sample_path()), read_dataset(sample_path(), profile="none")
    pd.testing.assert_frame_equal(auto.observations, none.observations)
    assert auto.notes == none.notes
    assert auto.profile is None and none.profile is None


def test_each_shipped_profile_is_its_own_file_name() -> None:
    names = [profile.name for profile in shipped_profiles()]
    assert len(names) == len(set(names)) == 11
    folder = ROOT / "src" / "benchmark" / "data" / "profiles"
    assert sorted(path.stem for path in folder.glob("*.toml")) == sorted(names)


# --- each shipped profile on its real file ------------------------------------------------------


def test_oflog_measures() -> None:
    result = profiled("oflog_asc_measures_2015_2023.csv")
    frame = result.table.frame
    # 1,171 data records; every one is Grouping LA_Raw in this export
    assert result.note == (f"{DATA / 'oflog_asc_measures_2015_2023.csv'}: read as Oflog measures export "
                           "(profile oflog-measures): 1,171 rows; kept 1,171")
    assert len(frame) == 1171 and result.dropped == {}
    assert set(frame["area_code"]) >= COUNTY_CODES
    assert frame["value"].isna().sum() == 15  # awk: 15 records with an empty Value
    short_term = "Outcome, Outcome of short-term services: sequel to service"
    # raw: 2022-23,E10000016,Kent,...,"Outcome, Outcome of short-term services: sequel to service",ASC5,
    #      65.8,...,DESC
    assert value(frame, "Kent", short_term, "2022/23") == 65.8
    # raw: 2022-23,E10000018,Leicestershire,...,"Outcome, Workforce turnover rate",ASC7,34.24514314,...,None
    assert value(frame, "Leicestershire", "Outcome, Workforce turnover rate", "2022/23") == 34.24514314
    # raw: 2016-17,E10000007,Derbyshire,...,"Outcome, ASC Carer Quality of Life",ASC1,7.6,...,desc
    assert value(frame, "Derbyshire", "Outcome, ASC Carer Quality of Life", "2016/17") == 7.6
    assert polarity(frame, "Outcome, ASC Carer Quality of Life") == {"high"}  # desc
    assert polarity(frame, short_term) == {"high"}  # DESC
    assert polarity(frame, "Outcome, Workforce turnover rate") == {"none"}  # None
    assert set(frame["period"]) == {f"{year}/{(year + 1) % 100:02d}" for year in range(2015, 2023)}


def test_oflog_rows_of_other_groupings_are_dropped_and_counted(tmp_path: Path) -> None:
    text = (DATA / "oflog_asc_measures_2015_2023.csv").read_text(encoding="utf-8")
    path = tmp_path / "oflog.csv"
    path.write_text(text.replace(",LA_Raw,", ",LA_Pct,", 5), encoding="utf-8")
    tables = read_tables(path)
    result = apply_profile(tables, choose_profile(tables))
    assert result.dropped == {"Grouping is not LA_Raw": 5}
    assert len(result.table.frame) == 1166
    assert result.note.endswith("1,171 rows; kept 1,166; dropped 5 (Grouping is not LA_Raw)")
    # row numbers stay the file's: the first record kept is the file's row 7 (rows 2-6 dropped)
    assert result.table.row_numbers[0] == 7


def test_fingertips_composite_indicator_from_the_sex_breakdown() -> None:
    result = profiled("healthy_life_expectancy_at_birth.csv")
    frame = result.table.frame
    assert len(frame) == 474 and result.dropped == {}
    assert set(frame["indicator"]) == {"Healthy life expectancy at birth (Female)",
                                       "Healthy life expectancy at birth (Male)"}
    # raw: E10000016,Kent,2016-18,64.9,Healthy life expectancy at birth,Life expectancy,Years,Female,Similar
    assert value(frame, "Kent", "Healthy life expectancy at birth (Female)", "2016-18") == 64.9
    # raw: E10000030,Surrey,2016-18,68.6,...,Male,Better
    assert value(frame, "Surrey", "Healthy life expectancy at birth (Male)", "2016-18") == 68.6
    assert polarity(frame, "Healthy life expectancy at birth (Male)") == {"high"}
    assert set(frame["unit"]) == {"Life expectancy"}
    assert set(frame["area_code"]) >= COUNTY_CODES
    assert "2009-11" in set(frame["period"])  # three years pooled: left as written


def test_a_repeated_header_row_is_left_out(tmp_path: Path) -> None:
    text = (DATA / "neets.csv").read_text(encoding="utf-8")
    path = tmp_path / "joined.csv"
    path.write_text(text + text.split("\n", 1)[0] + "\n" + text.split("\n", 1)[1], encoding="utf-8")
    result = apply_profile(read_tables(path), choose_profile(read_tables(path)))
    assert result.dropped == {"a repeated header row": 1}
    assert len(result.table.frame) == 180


def test_fingertips_without_a_breakdown_column() -> None:
    frame = profiled("neets.csv").table.frame
    assert len(frame) == 90
    indicator = "Proportion of 16-17 year olds not in education, employment or training (NEET)"
    assert set(frame["indicator"]) == {indicator}
    assert polarity(frame, indicator) == {"low"}
    assert set(frame["area_code"]) >= COUNTY_CODES


def test_ons_sdg_waste_by_disposal_method() -> None:
    result = profiled("indicator_11-6-1.csv")
    frame = result.table.frame
    # 390 records; 100 without a waste collection authority (regions and England)
    assert result.dropped == {"Waste collection authority is blank": 100}
    assert len(frame) == 290
    assert "area_code" not in frame  # GeoCode is the region's code
    landfill = "Proportion of disposed waste from total collected waste (Landfill)"
    recycled = "Proportion of disposed waste from total collected waste (Recycled-composted)"
    # raw: 2020/21,...,Landfill,South East,Kent County Council,Percentage (%),Normal value,E12000008,
    #      2.119709466802241
    assert value(frame, "Kent County Council", landfill, "2020/21") == 2.119709466802241
    assert value(frame, "Kent County Council", recycled, "2020/21") == 43.51326074859206
    assert polarity(frame, landfill) == {"low"}
    assert polarity(frame, recycled) == {"high"}
    assert polarity(frame, "Proportion of disposed waste from total collected waste (Other)") == {"none"}
    areas = set(frame["area"])
    assert all(any(area.startswith(county) for area in areas) for county in COUNTY_NAMES)


def test_ons_sdg_early_years_foundation_stage() -> None:
    result = profiled("indicator_4-2-1.csv")
    frame = result.table.frame
    assert result.dropped == {"Local authority is blank": 188} and len(frame) == 325
    # raw: 2021/22,EYFSP post-reform (2021/22 onwards),East of England,Essex,,,,Prime areas of learning,
    #      Communication and Language,...,80.3
    assert value(frame, "Essex", "EYFSP post-reform (Prime areas of learning, Communication and Language)",
                 "2021/22") == 80.3
    assert value(frame, "Essex", "EYFSP post-reform", "2021/22") == 65.4  # no breakdown: the series alone
    assert COUNTY_NAMES - {"Dorset", "Buckinghamshire", "Northamptonshire"} <= set(frame["area"])


def test_ons_sdg_funded_early_education_by_age() -> None:
    result = profiled("indicator_4-2-2.csv")
    frame = result.table.frame
    assert result.dropped == {"Local authority is blank": 120} and len(frame) == 320
    # raw: 2022,2,East of England,Norfolk,Percentage (%),Normal value,E12000006,71.3
    registered = "Children registered for funded early education"
    assert value(frame, "Norfolk", f"{registered} (age 2)", "2022") == 71.3
    assert value(frame, "Norfolk", f"{registered} (age 3 and 4)", "2022") == 93.1
    assert value(frame, "Norfolk", registered, "2022") == 90.6


def test_an_observation_status_of_missing_data_is_a_missing_value(tmp_path: Path) -> None:
    path = tmp_path / "4-2-2.csv"
    path.write_text("Year,Age,Region,Local authority,Unit measure,Observation status,GeoCode,Value\n"
                    "2020,2,East of England,Suffolk,Percentage (%),Missing data; low reliability,"
                    "E12000006,55\n"
                    "2020,3,East of England,Suffolk,Percentage (%),Normal value,E12000006,91\n")
    frame = apply_profile(read_tables(path), choose_profile(read_tables(path))).table.frame
    assert math.isnan(frame["value"].iloc[0]) and frame["value"].iloc[1] == 91


def test_composite_names_from_workbook_cells_blank_parts_left_out() -> None:
    from benchmark.io.profiles.schema import parse_profile
    from benchmark.io.raw import RawTable

    profile = parse_profile("name = 'x'\ntitle = 'X'\n[detect]\nheaders = ['LA', 'Age', 'Value']\n"
                            "[columns]\narea = 'LA'\nindicator = ['Age']\nvalue = 'Value'\n"
                            "[constants]\nindicator = 'Registered'\n[names]\n"
                            "breakdown_format = { Age = 'age {}' }\n", "x.toml")
    cells = pd.DataFrame({"LA": ["Kent", "Kent", "Essex"], "Age": [2.0, None, None],
                          "Value": [1.0, 2.0, 3.0]}, dtype=object)
    table = RawTable("book.xlsx", "data", cells, [2, 3, 4])
    frame = apply_profile([table], profile).table.frame
    assert frame["indicator"].tolist() == ["Registered (age 2)", "Registered", "Registered"]


def test_ons_sdg_qualified_teachers() -> None:
    result = profiled("indicator_4-c-1.csv")
    frame = result.table.frame
    assert result.dropped == {"Local authority is blank": 110} and len(frame) == 64
    # raw: 2021 to 2022,All state-funded schools,South West,Devon,,Percentage (%),Normal value,E12000009,
    #      98.5729
    assert value(frame, "Devon", "Qualified teachers (All state-funded schools)", "2021/22") == 98.5729
    assert set(frame["period"]) == {"2021/22", "2022/23"}


def test_imd_2019_csv() -> None:
    result = profiled("imd2019_utla_imd.csv")
    frame = result.table.frame
    assert len(frame) == 151 * 10 and result.dropped == {}  # 151 areas x 10 measure columns
    # raw: E10000016,Kent,15481.83,95,19.538,93,0.0565,79,0.1401,93,30159.63,74
    assert value(frame, "Kent", "IMD - Average score", "2019") == 19.538
    assert value(frame, "Kent", "IMD - Rank of average score", "2019") == 93
    assert value(frame, "Kent", "IMD 2019 - Local concentration", "2019") == 30159.63
    assert polarity(frame, "IMD - Average score") == {"low"}
    assert polarity(frame, "IMD - Average rank") == {"high"}
    assert polarity(frame, "IMD - Rank of average score") == {"none"}
    assert COUNTY_CODES - {"E10000009"} <= set(frame["area_code"])  # Dorset is Dorset Council by 2019


def test_imd_2019_workbook_reads_every_sheet_but_notes() -> None:
    result = profiled("imd2019_utla_file_11.xlsx")
    frame = result.table.frame
    # 151 areas on each of 10 sheets; the sheets' measure columns (10 + 8 + 8 + 6 x 6) = 10,268
    # observations, as the 10 CSV re-exports hold
    assert result.note.endswith("(profile imd-2019-utla): 1,510 rows; kept 1,510; 10,268 observations")
    assert result.table.sheet is None and len(frame) == 10268
    # Income sheet, row 2: E06000001,Hartlepool,23509.14,15,0.228,5,0.3793,7
    assert value(frame, "Hartlepool", "Income - Average score", "2019") == 0.228
    # "Proportion  of" (two spaces in the header) reads as one
    assert value(frame, "Hartlepool", "Income - Proportion of LSOAs in most deprived 10% nationally",
                 "2019") == 0.3793


def test_mhclg_rs_workbook_with_its_hidden_data_sheet() -> None:
    result = profiled("RS_2017-18_data_by_LA.xlsx")
    frame = result.table.frame
    assert result.table.sheet == "RS LA Data 2017-18"
    # 27 counties and 5 note rows below them (no authority); 95 service columns
    assert result.dropped == {"Local authority is blank": 5} and len(frame) == 27 * 95
    assert value(frame, "Kent", "Adult Social Care", "2017/18") == 398657  # the title row says 2017-18
    assert set(frame["unit"]) == {"£ thousand"} and set(frame["polarity"]) == {"none"}
    assert COUNTY_CODES - {"E10000023"} | {"E10000022"} <= set(frame["area_code"])  # North Yorkshire
    profile = load_profile(ROOT / "src" / "benchmark" / "data" / "profiles" / "mhclg-revenue.toml")
    assert (profile.per_head_scale, profile.per_head_unit) == (1000, "£ per head")


def test_the_hidden_data_sheet_is_refused_without_a_profile() -> None:
    with pytest.raises(DataError, match="the sheet 'Data' is hidden"):
        read_dataset(DATA / "RS_2017-18_data_by_LA.xlsx", profile="none")
    with pytest.raises(DataError, match="the sheet 'Data' is hidden"):
        read_tables(DATA / "RS_2017-18_data_by_LA.xlsx")


def test_mhclg_rs_csv_names_without_line_numbers_unless_they_would_clash() -> None:
    result = profiled("ro_rs_2017_18_all_authorities.csv")
    frame = result.table.frame
    assert len(frame) == 27 * 95 and result.dropped == {"Local authority is blank": 5}
    # raw header '360: Adult Social Care'; Kent's row: ...,398657,...
    assert value(frame, "Kent", "Adult Social Care", "2017/18") == 398657
    names = set(frame["indicator"])
    assert {"786: Interest and investment income (-): external receipts and dividends",
            "952: Interest and investment income (-): external receipts and dividends"} <= names


def test_mhclg_rsx_title_rows_thousands_separators_and_a_second_table() -> None:
    result = profiled("RSX_2023-24_data_by_LA.csv")
    frame = result.table.frame
    # 22 records under the header (21 counties, Leicester, England... less what the file lacks)
    # then the second table's header record and two rows
    assert result.dropped == {"a second table starting at row 34": 3}
    assert len(frame) == 22 * 98  # 105 columns less E-code, ONS Code, Local authority, Notes, Class...
    # raw: E2221,E10000016,Kent CC,,SC,SC,Y,"601,615",...
    assert value(frame, "Kent CC", "Education services - Employees (C1)", "2023/24") == 601615
    assert set(frame["period"]) == {"2023/24"}  # from 'Revenue Outturn (RO) 2023-24' in the title


def test_mhclg_ra_budget_repeated_headers_keep_their_column() -> None:
    frame = profiled("RA_2021-22_data_by_LA.csv").table.frame
    # raw: E2221,E10000016,Kent,,SC,"79,958",...
    assert value(frame, "Kent", "Early years", "2021/22") == 79958
    repeated = [name for name in set(frame["indicator"]) if name.startswith("Provision for bad debts")]
    assert len(repeated) == 2 and any("(column " in name for name in repeated)


def test_mhclg_roall_year_column() -> None:
    result = profiled("ro_summary_net_expenditure_2015_16_2016_17.csv")
    frame = result.table.frame
    assert len(frame) == 54 * 16  # 54 records x 16 service and reserve columns
    # raw: "143","E2221","E10000016","Kent","SC",...,"381371",...,2016
    assert value(frame, "Kent", "Adult Social Care", "2015/16") == 381371
    assert value(frame, "Kent", "Adult Social Care", "2016/17") == 385007
    assert "column A" not in set(frame["indicator"]) and "year" not in set(frame["indicator"])


def test_spending_power_wide_by_year() -> None:
    result = profiled("spending_power_millions_2011_2021.csv")
    frame = result.table.frame
    assert len(frame) == 30 * 10
    # raw: E10000018,Leicestershire,County council,East Midlands,386.55,...,349.56,...,418.42
    assert value(frame, "Leicestershire", "Spending power", "2020/21") == 418.42
    assert value(frame, "Leicestershire", "Spending power", "2016/17") == 349.56
    assert value(frame, "Leicestershire", "Spending power", "2011/12") == 386.55
    assert math.isnan(value(frame, "Buckinghamshire", "Spending power", "2020/21"))  # '..'
    assert set(frame["area_code"]) >= COUNTY_CODES


def test_csp_components_long_by_year_wide_by_component() -> None:
    frame = profiled("csp_components_long_2015_2020.csv").table.frame
    assert len(frame) == 174 * 7
    # raw: E10000018,Leicestershire,EM,2020,61.87462438,2.479944865,319.3493937,...,387.45046592
    assert value(frame, "Leicestershire", "Core Spending Power (partial)", "2020/21") == 387.45046592
    assert value(frame, "Leicestershire", "Council tax", "2020/21") == 319.3493937
    assert value(frame, "Leicestershire", "Settlement Funding Assessment", "2015/16") == 115.8659595


def test_population_source() -> None:
    result = profiled("population_2020_snpp2018_england.csv")
    frame = result.table.frame
    assert result.dropped == {"area_name_from_spending_power_file is blank": 2} and len(frame) == 31
    assert value(frame, "Leicestershire", "Population (2020 projection)", "2020") == 715117
    assert set(frame["area_code"]) >= COUNTY_CODES


def test_a_value_error_names_the_source_cell(tmp_path: Path) -> None:
    text = (DATA / "spending_power_millions_2011_2021.csv").read_text(encoding="utf-8")
    path = tmp_path / "spending.csv"
    path.write_text(text.replace("418.42", "lots"), encoding="utf-8")
    result = apply_profile(read_tables(path), choose_profile(read_tables(path)))
    assert len(result.problems) == 1
    assert result.problems[0].message.startswith(f"{path}, row 16, column N (2021): cannot read 'lots'")


def test_period_rewrites() -> None:
    assert rewrite_period("2015", "financial-year-starting") == "2015/16"
    assert rewrite_period("2016", "financial-year-ending") == "2015/16"
    assert rewrite_period("1999", "financial-year-starting") == "1999/00"
    assert rewrite_period("2016-17", "financial-year") == "2016/17"
    assert rewrite_period("2010 to 2011", "financial-year") == "2010/11"
    assert rewrite_period("2018", "financial-year") == "2018"
    assert rewrite_period("2009-11", "financial-year") == "2009-11"  # three years, not a financial year
    assert rewrite_period("2009-11", None) == "2009-11"


# --- user profiles --------------------------------------------------------------------------------

USER_PROFILE = """
name = "kpi-return"
title = "Quarterly KPI return"

[detect]
headers = ["Council", "KPI", "Quarter", "Score"]

[columns]
area = ["Council", "Authority"]
indicator = ["KPI", "Client group"]
period = "Quarter"
value = "Score"
polarity = "Direction"

[polarity]
map = { up = "high", down = "low" }

[rows]
keep = { Status = ["Final"] }
missing = ["tbc"]
"""

USER_DATA = """Quarterly KPI return,,,,,,
Produced 1 April,,,,,,
Council,KPI,Client group,Quarter,Score,Direction,Status
Kent,Delayed transfers,Adults,Q1,12,down,Final
Kent,Delayed transfers,Children,Q1,tbc,down,Final
Essex,Delayed transfers,Adults,Q1,9,down,Final
Essex,Delayed transfers,Adults,Q1,99,down,Draft
Surrey,Satisfaction,,Q1,81%,up,Final
"""


def test_a_user_profile_from_a_toml_file(tmp_path: Path) -> None:
    (tmp_path / "kpi.toml").write_text(USER_PROFILE, encoding="utf-8")
    (tmp_path / "kpi.csv").write_text(USER_DATA, encoding="utf-8")
    tables = read_tables(tmp_path / "kpi.csv")
    assert choose_profile(tables) is None  # not shipped: auto leaves it to the canonical reader
    profile = choose_profile(tables, str(tmp_path / "kpi.toml"))
    result = apply_profile(tables, profile)
    frame = result.table.frame
    assert result.dropped == {"Status is not Final": 1}
    assert frame["indicator"].tolist() == ["Delayed transfers (Adults)", "Delayed transfers (Children)",
                                           "Delayed transfers (Adults)", "Satisfaction"]
    assert frame["value"].tolist()[2:] == [9.0, 81.0] and math.isnan(frame["value"].iloc[1])
    assert frame["polarity"].tolist() == ["low", "low", "low", "high"]
    assert result.table.row_numbers == [4, 5, 6, 8]  # the file's rows, below the two title rows
    dataset = read_dataset(tmp_path / "kpi.csv", profile=str(tmp_path / "kpi.toml"))
    assert dataset.problems == () and len(dataset.observations) == 4


@pytest.mark.parametrize(("text", "message"), [
    ("name = 'x'\ntitle = 'X'\n[detect]\nheaders = ['a']\n[columns]\narea = 'a'\nvalue = 'v'\n"
     "indicator = 'i'\ncolour = 'red'\n",
     "kpi.toml: unknown key 'columns.colour'; valid keys in [columns] are area, area_code, indicator"),
    ("name = 'x'\ntitle = 'X'\nsheet = 'data'\n",
     "kpi.toml: unknown key 'sheet'; valid keys are name, title, description, detect"),
    ("name = 'x'\ntitle = \n", "kpi.toml: not valid TOML"),
    ("name = 'x'\ntitle = 'X'\n[detect]\nheaders = ['a']\n[columns]\narea = 'a'\nindicator = 'i'\n",
     "kpi.toml: [columns] value is missing"),
    ("name = 'x'\ntitle = 'X'\n[detect]\nheaders = ['a']\n[columns]\narea = 'a'\nvalue = 'v'\n"
     "indicator = 'i'\n[constants]\npolarity = 'up'\n",
     "[constants] polarity is 'up'; use one of high, low, none"),
    ("name = 'x'\ntitle = 'X'\n[detect]\nheaders = 'a'\n", "'detect.headers' must be a list of texts"),
    ("name = 'x'\ntitle = 'X'\n[[rules]]\nmatch = 5\n", "each [[rules]] entry needs 'match'"),
    ("name = 'x'\ntitle = 'X'\n[detect]\nheaders = ['a']\n[columns]\narea = 'a'\nvalue = 'v'\n"
     "indicator = 'i'\n[wide]\ncolumns = '(unclosed'\n", "'(unclosed' is not a valid regular expression"),
])
def test_a_bad_profile_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "kpi.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_profile(path)
    assert message in str(raised.value)


def test_a_named_profile_that_does_not_fit_says_what_it_expected() -> None:
    tables = read_tables(DATA / "neets.csv")
    with pytest.raises(DataError) as raised:
        choose_profile(tables, "Oflog-Measures")
    message = str(raised.value)
    assert "this is not Oflog measures export (profile oflog-measures)" in message
    assert "'Financial year', 'Local authority code'" in message
    assert "found 'area_code', 'area_name', 'period'" in message
    assert choose_profile(tables, "FINGERTIPS").name == "fingertips"  # any case
    with pytest.raises(UsageError, match="no shipped profile has that name; use auto, none, one of csp-"):
        choose_profile(tables, "fingertip")
    assert choose_profile(tables, "none") is None and choose_profile(tables, None) is None


# --- the command line -----------------------------------------------------------------------------


def test_rank_says_which_profile_it_used(cli) -> None:
    path = DATA / "oflog_asc_measures_2015_2023.csv"
    result = invoke(cli, ["rank", str(path), "--verbose", "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    assert (f"{path}: read as Oflog measures export (profile oflog-measures): 1,171 rows; kept 1,171"
            in result.stderr)
    assert result.stdout.startswith("position,area,average_rank")


def test_profile_none_restores_the_canonical_reading(cli) -> None:
    result = invoke(cli, ["rank", str(DATA / "oflog_asc_measures_2015_2023.csv"), "--profile", "none"])
    assert result.exit_code == 1
    assert "nothing to rank" in result.stderr and "read as" not in result.stderr


def test_an_unknown_profile_name_is_a_usage_error(cli) -> None:
    result = invoke(cli, ["rank", str(DATA / "neets.csv"), "--profile", "nope"])
    assert result.exit_code == 2
    assert "Error: --profile nope: no shipped profile has that name" in result.stderr


def test_the_profiles_command_lists_the_shipped_profiles(cli) -> None:
    result = invoke(cli, ["profiles", "-f", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert [row["profile"] for row in rows] == sorted(set(FILES.values()))
    assert rows[0]["recognised by the headers"] == "ons_code, authority, year, sfa, ct_total, total_spend"
