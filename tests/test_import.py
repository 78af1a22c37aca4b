"""benchmark import: real downloads combined into one canonical workbook (issue #8 section 3)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from benchmark.io.importing import import_sources
from tests.conftest import invoke

REAL = Path(__file__).parent / "data" / "realdata"
OFLOG = REAL / "oflog_asc_measures_2015_2023.csv"
HLE = REAL / "healthy_life_expectancy_at_birth.csv"
IMD = REAL / "imd2019_utla_imd.csv"
RS = REAL / "ro_rs_2017_18_all_authorities.csv"
POPULATION = REAL / "population_2020_snpp2018_england.csv"
METADATA = Path(__file__).parent / "data" / "import" / "metadata.csv"


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def county_codes() -> dict[str, str]:
    """ONS code (and each variant code) -> county, straight from the 2018 lookup."""
    codes = {}
    for row in rows(REAL / "county_codes_lookup_2018_set.csv"):
        codes[row["ons_code"]] = row["county"]
        for variant in row["ons_code_variants_seen"].split(";"):
            if variant.strip().startswith("E1"):
                codes[variant.strip().split()[0]] = row["county"]
    return codes


def hand_assembled(folder: Path) -> tuple[Path, Path]:
    """The same three sources typed into the canonical layout by hand (the csv module, the raw
    files and the lookup; none of the package's readers), with the metadata an analyst would give."""
    counties = county_codes()
    data = [("area", "area_code", "indicator", "period", "value")]
    polarity: dict[str, str] = {}
    for row in rows(OFLOG):
        if row["Grouping"] == "LA_Raw" and row["Local authority code"] in counties:
            data.append((counties[row["Local authority code"]], row["Local authority code"], row["Measure"],
                         row["Financial year"].replace("-", "/"), row["Value"]))
            polarity[row["Measure"]] = {"desc": "high", "asc": "low"}.get(row["rank_order"].lower(), "none")
    for row in rows(HLE):
        if row["area_code"] in counties:
            name = f"{row['indicator']} ({row['group']})"
            data.append((counties[row["area_code"]], row["area_code"], name, row["period"],
                         "" if row["value"] == "NA" else row["value"]))
            polarity[name] = "high"
    imd_polarity = {"IMD - Average rank": "high", "IMD - Proportion of LSOAs in most deprived 10% "
                    "nationally": "low", "IMD 2019 - Extent": "low", "IMD 2019 - Local concentration": "low"}
    for row in rows(IMD):
        code = row["Upper Tier Local Authority District code (2019)"]
        if code in counties:
            for name in imd_polarity:
                data.append((counties[code], code, name, "2019", row[name]))
    polarity |= imd_polarity
    # Themes as the metadata file gives them, else as the publishers group them (the profiles').
    themes = {name: "Adult Social Care" for name in polarity if name.startswith("Outcome, ")}
    themes |= dict.fromkeys(imd_polarity, "Deprivation")
    themes |= {row["indicator"]: row["theme"] for row in rows(METADATA)}
    polarity["Outcome, Workforce turnover rate"] = "low"  # the metadata file's word wins
    # Deprivation describes an area: context, never ranked (the IMD profile says so).
    indicators = [("indicator", "theme", "polarity", "kind")] + [
        (name, themes.get(name, ""), value, "context" if name in imd_polarity else "")
        for name, value in polarity.items()]
    data_path, indicators_path = folder / "hand.csv", folder / "hand_indicators.csv"
    for path, table in ((data_path, data), (indicators_path, indicators)):
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(table)
    return data_path, indicators_path


def league(cli, *args: str) -> pd.DataFrame:
    result = invoke(cli, ["rank", *args, "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    table = pd.read_csv(io.StringIO(result.stdout))
    return table[sorted(table.columns)]


def test_import_of_three_sources_ranks_like_a_hand_assembled_file(cli, tmp_path: Path) -> None:
    out = tmp_path / "dataset.xlsx"
    result = invoke(cli, ["import", str(OFLOG), str(HLE), str(IMD), "--group", "counties-2018",
                          "--metadata", str(METADATA), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    hand, hand_indicators = hand_assembled(tmp_path)
    imported = league(cli, str(out))
    assembled = league(cli, str(hand), "--indicators", str(hand_indicators))
    assert len(imported) == 27
    pd.testing.assert_frame_equal(imported, assembled)
    for period in ("2018/19", "2016/17"):
        pd.testing.assert_frame_equal(league(cli, str(out), "--period", period),
                                      league(cli, str(hand), "--indicators", str(hand_indicators),
                                             "--period", period))


def test_import_says_what_it_kept_and_dropped(cli, tmp_path: Path) -> None:
    out = tmp_path / "dataset.xlsx"
    result = invoke(cli, ["import", str(OFLOG), str(HLE), str(IMD), "--group", "counties-2018",
                          "--metadata", str(METADATA), "-o", str(out)])
    oflog_rows = [r for r in rows(OFLOG) if r["Grouping"] == "LA_Raw"]
    in_group = [r for r in oflog_rows if r["Local authority code"] in county_codes()]
    imd_rows = rows(IMD)
    imd_code = "Upper Tier Local Authority District code (2019)"
    imd_counties = sum(r[imd_code] in county_codes() for r in imd_rows)
    assert (f"oflog_asc_measures_2015_2023.csv (Oflog measures export): {len(oflog_rows):,} observations; "
            f"kept {len(in_group):,}; dropped {len(oflog_rows) - len(in_group):,}") in result.stderr
    # IMD: 10 measures for each of 151 upper-tier areas, 26 of them counties (Dorset had gone by 2019).
    assert (len(imd_rows), imd_counties) == (151, 26)
    assert ("imd2019_utla_imd.csv (English Indices of Deprivation 2019, upper-tier summaries): "
            f"{10 * 151:,} observations; kept {10 * 26}; dropped {10 * 125:,} ({10 * 125:,} for 125 areas "
            "not in counties-2018)") in result.stderr
    assert "metadata.csv: 1 indicator not in any source: 'Not in any source'" in result.stderr
    assert f"Wrote {out}:" in result.stderr
    assert result.stdout == ""


def test_the_workbook_is_canonical_and_records_each_source(tmp_path: Path) -> None:
    imported = import_sources([str(OFLOG), str(HLE)], group="counties-2018", metadata=str(METADATA))
    indicators = imported.indicators.set_index("indicator")
    assert indicators.loc["Healthy life expectancy at birth (Female)", "source"] == (
        "healthy_life_expectancy_at_birth.csv (Fingertips indicator extract)")
    assert indicators.loc["Outcome, Workforce turnover rate", "source"].startswith(
        "oflog_asc_measures_2015_2023.csv (")
    assert indicators.loc["Outcome, Workforce turnover rate", "polarity"] == "low"  # metadata wins
    assert indicators.loc["Healthy life expectancy at birth (Male)", "theme"] == "Health"
    assert sorted(imported.areas["area"]) == sorted(set(county_codes().values()))
    assert set(imported.areas["group"]) == {"counties-2018"}
    # One raw value through the whole path: Leicestershire's female HLE 2016-18.
    raw = next(r for r in rows(HLE) if r["area_code"] == "E10000018" and r["period"] == "2016-18"
               and r["group"] == "Female")
    data = imported.observations
    found = data[(data["area"] == "Leicestershire") & (data["period"] == "2016-18")
                 & (data["indicator"] == "Healthy life expectancy at birth (Female)")]
    assert found["value"].tolist() == [float(raw["value"])]


def test_the_written_workbook_reads_back_unchanged(cli, tmp_path: Path) -> None:
    out = tmp_path / "dataset.xlsx"
    assert invoke(cli, ["import", str(HLE), "--group", "counties-2018", "-o", str(out)]).exit_code == 0
    book = load_workbook(out, read_only=True)
    assert book.sheetnames == ["data", "indicators", "areas"]
    header = [cell.value for cell in next(book["data"].iter_rows(max_row=1))]
    assert header == ["area", "area_code", "indicator", "period", "value"]
    from benchmark.io import read_dataset

    again = read_dataset(out)
    original = import_sources([str(HLE)], group="counties-2018").observations
    assert again.profile is None
    counties = county_codes()
    assert len(again.observations) == len(original) == sum(r["area_code"] in counties for r in rows(HLE))
    merged = again.observations.astype({"area": str, "indicator": str, "period": str}).merge(
        original, on=["area", "indicator", "period"], suffixes=("_read", "_imported"))
    assert len(merged) == len(original)
    assert ((merged["value_read"] == merged["value_imported"])
            | (merged["value_read"].isna() & merged["value_imported"].isna())).all()


def test_per_head_figures_from_a_population_source() -> None:
    imported = import_sources([str(RS)], group="counties-2018", population=str(POPULATION))
    raw = next(r for r in rows(RS) if r["ONS Code"] == "E10000018")
    people = next(r for r in rows(POPULATION) if r["area_code"] == "E10000018")
    spend = float(raw["360: Adult Social Care"])  # £ thousand
    data = imported.observations.set_index(["area", "indicator"])["value"]
    assert data["Leicestershire", "Adult Social Care"] == spend
    assert data["Leicestershire", "Adult Social Care per head"] == pytest.approx(
        spend * 1000 / int(people["population_2020_projected"]), rel=1e-15)
    units = imported.indicators.set_index("indicator")["unit"]
    assert units["Adult Social Care per head"] == "£ per head"
    areas = imported.areas.set_index("area")["population"]
    assert areas["Leicestershire"] == int(people["population_2020_projected"])


def test_without_a_population_the_per_head_option_is_named() -> None:
    imported = import_sources([str(RS)], group="counties-2018")
    assert not imported.observations["indicator"].str.endswith(" per head").any()
    assert any("add --population FILE" in warning for warning in imported.warnings)


def canonical(path: Path, lines: list[str]) -> str:
    path.write_text("area,indicator,period,value\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_a_name_without_a_code_after_a_reorganisation_is_the_successor(tmp_path: Path) -> None:
    source = canonical(tmp_path / "names.csv", [
        "Dorset County Council,Waste,2018/19,1", "Dorset,Waste,2019/20,2",
        "Northamptonshire,Waste,2020/21,3", "Northamptonshire,Waste,2021/22,4", "Kent,Waste,2021/22,5"])
    imported = import_sources([source])
    data = imported.observations
    assert list(zip(data["area"], data["period"], data["value"], strict=True)) == [
        ("Dorset", "2018/19", 1.0), ("Dorset Council", "2019/20", 2.0),
        ("Northamptonshire", "2020/21", 3.0), ("Kent", "2021/22", 5.0)]
    assert imported.sources[0].dropped == {
        "for Northamptonshire named without a code after its 2021 reorganisation "
        "(which of North Northamptonshire or West Northamptonshire?)": 1}
    # Each in its own period: no ranking compares them together, so nothing to warn about here.
    assert not any("successor" in warning for warning in imported.warnings)


def test_a_period_belongs_to_a_county_when_it_starts_before_the_reorganisation(tmp_path: Path) -> None:
    # Somerset became Somerset Council on 1 April 2023: a January 2023 census, or calendar 2023
    # (starting 1 January), is the county's; 2023/24 (from 1 April 2023) is its successor's.
    source = canonical(tmp_path / "census.csv", [
        "Somerset,Early education,January 2023,1", "Somerset,Early education,2023,2",
        "Somerset,Early education,2023/24,3", "Somerset,Early education,31/03/2023,4"])
    data = import_sources([source]).observations
    assert list(zip(data["area"], data["period"], strict=True)) == [
        ("Somerset", "January 2023"), ("Somerset", "2023"), ("Somerset Council", "2023/24"),
        ("Somerset", "31/03/2023")]


def test_a_misspelt_county_is_named_with_a_suggestion(cli, tmp_path: Path) -> None:
    source = canonical(tmp_path / "typo.csv", ["Leicestershre,Waste,2018/19,1", "Kent,Waste,2018/19,2"])
    result = invoke(cli, ["import", source, "--group", "counties-2018", "-o", str(tmp_path / "o.xlsx")])
    assert result.exit_code == 0, result.stderr
    assert ("typo.csv (canonical layout): 2 observations; kept 1; dropped 1 (1 for 1 area not in "
            "counties-2018)") in result.stderr
    assert ("typo.csv: area 'Leicestershre' is not a known area; did you mean 'Leicestershire'? "
            "If so, correct the name in the file") in result.stderr
    assert "counties-2018: 1 of 27 areas found; missing: Buckinghamshire" in result.stderr


def test_the_same_figure_from_two_files(tmp_path: Path) -> None:
    first = canonical(tmp_path / "a.csv", ["Kent,Waste,2018/19,1", "Surrey,Waste,2018/19,2"])
    same = canonical(tmp_path / "b.csv", ["Kent County Council,Waste,2018/19,1"])
    assert len(import_sources([first, same]).observations) == 2
    other = canonical(tmp_path / "c.csv", ["Kent,Waste,2018/19,7"])
    with pytest.raises(Exception, match=r"'Waste' for Kent, period 2018/19, comes from a\.csv and "
                                        r"c\.csv with different values"):
        import_sources([first, other])


@pytest.mark.parametrize(("args", "message"), [
    (["-o", "out.csv"], "import writes a workbook; give a path ending in .xlsx"),
    (["--group", "counties-2019", "-o", "out.xlsx"],
     "--group counties-2019: no such comparator group; shipped groups: counties-2018"),
])
def test_usage_errors(cli, tmp_path: Path, monkeypatch, args: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(cli, ["import", str(HLE), *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_import_never_writes_over_a_source(cli, tmp_path: Path) -> None:
    source = tmp_path / "in.xlsx"
    assert invoke(cli, ["import", str(HLE), "-o", str(source)]).exit_code == 0
    before = source.read_bytes()
    result = invoke(cli, ["import", str(source), "-o", str(source)])
    assert result.exit_code == 2 and "that is an input file" in result.stderr
    assert source.read_bytes() == before


def test_validate_says_what_the_import_lacks(cli, tmp_path: Path) -> None:
    out = tmp_path / "dataset.xlsx"
    source = canonical(tmp_path / "bare.csv", ["Kent,Waste,2018/19,1", "Surrey,Waste,2018/19,2"])
    result = invoke(cli, ["import", source, "-o", str(out)])
    assert ("Warning: 1 indicator without a polarity (not ranked): 'Waste'; add a polarity column "
            "to the --metadata file") in result.stderr
    assert "Warning: 1 indicator without a theme (shown under '(no theme)'): 'Waste'" in result.stderr
    checked = invoke(cli, ["validate", str(out), "-f", "csv"])
    assert "indicator 'Waste' has no polarity" in checked.stdout
    assert "indicator 'Waste' has no theme" in checked.stdout


PROFILED = ["oflog_asc_measures_2015_2023.csv", "healthy_life_expectancy_at_birth.csv", "neets.csv",
            "indicator_11-6-1.csv", "indicator_4-2-1.csv", "indicator_4-2-2.csv", "indicator_4-c-1.csv",
            "imd2019_utla_imd.csv", "imd2019_utla_file_11.xlsx", "RS_2017-18_data_by_LA.xlsx",
            "ro_rs_2017_18_all_authorities.csv", "RSX_2023-24_data_by_LA.csv", "RA_2021-22_data_by_LA.csv",
            "ro_summary_net_expenditure_2015_16_2016_17.csv", "spending_power_millions_2011_2021.csv",
            "csp_components_long_2015_2020.csv", "population_2020_snpp2018_england.csv"]


def counties_in_file(path: Path) -> set[str]:
    """The counties a file holds, found without the package: by any of a county's codes anywhere
    in the file; in a file without codes (the ONS SDG series), by its name as a whole cell, alone
    or with 'County Council' or 'Waste Partnership' (DEFRA's name for the Dorset and Somerset waste
    bodies), in a row whose Year starts before the county's reorganisation."""
    lookup = rows(REAL / "county_codes_lookup_2018_set.csv")
    if path.suffix == ".xlsx":
        book = load_workbook(path, read_only=True)
        table = [[str(cell) for cell in row] for sheet in book for row in sheet.iter_rows(values_only=True)]
    else:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            table = [[cell.strip() for cell in row] for row in csv.reader(handle)]
    cells = {cell for row in table for cell in row}
    if any(cell.startswith("E10") for cell in cells):
        return {county for code, county in county_codes().items() if code in cells}
    year = table[0].index("Year")
    found = set()
    for row in lookup:
        names = {row["county"], f"{row['county']} County Council", f"{row['county']} Waste Partnership"}
        ended = int(row["later_reorganisation"][:4]) if row["later_reorganisation"] else 9999
        if any(names & set(line) and int(line[year][:4]) < ended for line in table[1:]):
            found.add(row["county"])
    return found


@pytest.mark.parametrize("name", PROFILED)
def test_every_county_in_a_profiled_real_file_is_matched(name: str) -> None:
    imported = import_sources([str(REAL / name)], group="counties-2018")
    expected = counties_in_file(REAL / name)
    assert len(expected) >= 21  # RSX 2023-24 has 21 counties left; most files all 27
    assert set(imported.areas["area"]) == expected


def test_lenient_import_says_how_many_values_it_treated_as_missing(cli, tmp_path: Path) -> None:
    source = canonical(tmp_path / "typo.csv", ["Kent,Waste,2018/19,1", "Surrey,Waste,2018/19,lots"])
    out = tmp_path / "o.xlsx"
    refused = invoke(cli, ["import", source, "-o", str(out)])
    assert refused.exit_code == 1 and "cannot read 'lots' as a number" in refused.stderr
    assert not out.exists()
    result = invoke(cli, ["import", source, "--lenient", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "Warning: 1 unreadable value treated as missing (--lenient)" in result.stderr


def test_the_dataset_workbook_keeps_formula_like_text_as_text(tmp_path: Path) -> None:
    """Names from a downloaded file that look like formulas or error values, and infinities,
    come back as they were written (text) or as missing, as in every workbook this tool writes."""
    import math

    import pandas as pd

    from benchmark.core.values import text_column
    from benchmark.io.tables import read_tables
    from benchmark.io.xlsx.write import write_dataset_workbook

    path = tmp_path / "dataset.xlsx"
    texts = ["=1+1", "#N/A", "+44 1234", "@sum", "Kent"]
    write_dataset_workbook(path, {"data": pd.DataFrame({
        "area": texts, "value": [1.5, math.inf, -math.inf, 2, None]})})
    table = read_tables(path)[0]
    assert list(text_column(table.frame["area"])) == texts
    assert list(text_column(table.frame["value"])) == ["1.5", None, None, "2", None]


def test_metadata_renames_an_indicator_from_its_name_in_the_source(tmp_path: Path) -> None:
    """--metadata's name_in_source column: the source's rows and metadata take the new name, and the
    metadata file's fields apply under it; a blank name_in_source renames nothing."""
    source = canonical(tmp_path / "waste.csv", ["Kent,Waste collected (tonnes),2018/19,1.5",
                                                "Kent,Recycled,2018/19,40"])
    metadata = tmp_path / "indicators.csv"
    metadata.write_text("indicator,name_in_source,polarity,unit\n"
                        "Waste,Waste collected (tonnes),low,tonnes\nRecycled,,high,%\n", encoding="utf-8")
    imported = import_sources([source], metadata=str(metadata))
    assert imported.observations[["indicator", "value"]].values.tolist() == [["Waste", 1.5],
                                                                           ["Recycled", 40.0]]
    indicators = imported.indicators.set_index("indicator")
    assert indicators.loc[["Waste", "Recycled"], ["polarity", "unit"]].values.tolist() == [
        ["low", "tonnes"], ["high", "%"]]
    assert imported.warnings == []


def test_the_dataset_workbook_can_keep_every_float_exactly(tmp_path: Path) -> None:
    """openpyxl writes 16 significant digits and 8.0 as 8 (an int when read back); exact_floats
    keeps the 17th digit and the float."""
    from benchmark.io.xlsx.write import write_dataset_workbook

    frame = pd.DataFrame({"area": ["Kent", "Surrey", "Essex"], "value": [42.923697069144886, 8.0, None],
                          "population": [1, 2, 3]})
    for exact, expected in ((False, [42.92369706914489, 8, None]), (True, [42.923697069144886, 8.0, None])):
        path = tmp_path / f"{exact}.xlsx"
        write_dataset_workbook(path, {"data": frame}, exact_floats=exact)
        sheet = load_workbook(path)["data"]
        values = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert values == expected and [type(v) for v in values] == [type(v) for v in expected]
        assert [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)] == [1, 2, 3]


def test_the_text_cell_rule_knows_every_error_value_openpyxl_knows() -> None:
    """core.cell_text keeps its own copy of Excel's error values so that core needs no openpyxl."""
    from openpyxl.cell import cell

    from benchmark.core.cell_text import ERROR_CODES, stays_text

    assert set(ERROR_CODES) == set(cell.ERROR_CODES)
    assert not any(stays_text(code) for code in cell.ERROR_CODES)
