"""Areas: name normalisation, matching every real name and code variant, suggestions, match_areas,
comparator groups (counties-2018 on any data) and reorganised areas compared with their successors."""

from __future__ import annotations

import csv
import re
import tomllib
from fnmatch import fnmatch
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT, invoke

import benchmark
from benchmark.analysis.selection import select
from benchmark.core.errors import UsageError
from benchmark.geography import (
    AreaMatch,
    AreaMatcher,
    ComparatorGroup,
    comparator_group,
    group_areas,
    match_areas,
    mixed_reorganisations,
    normalise_name,
    shipped_groups,
)
from benchmark.io import read_dataset
from benchmark.io.areas import read_areas

LOOKUP = ROOT / "tests" / "data" / "county_codes_lookup_2018_set.csv"
SEED = ROOT / "tests" / "data" / "seed_csp_per_head_2018_19.csv"
ROWS = list(csv.DictReader(LOOKUP.read_text(encoding="utf-8").splitlines()))
COUNTIES = [row["county"] for row in ROWS]
MATCHER = AreaMatcher.shipped()


def name_variants(cell: str) -> list[str]:
    """The spellings listed in a ``name_variants_seen`` cell, without their source notes:
    "Dorset County Council (ons_sdg/...); Dorset Council, Dorset Waste Partnership (11-6-1)"."""
    variants = []
    for part in cell.split(";"):
        part = re.sub(r"\s*\([^()]{4,}\)\s*$", "", part.strip())  # "(e)" is part of the name
        variants.extend(piece.strip() for piece in part.split(", ") if piece.strip())
    return variants


# Names in the lookup's variants column that are not the county itself.
NOT_THE_COUNTY = {
    "Buckinghamshire Council": "Buckinghamshire Council",  # the 2020 unitary
    "Dorset Council": "Dorset Council",  # the 2019 unitary
    "Leicestershire CC and Rutland": None,  # two areas together ("not kept" in the lookup)
}


# Normalisation ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "key"), [
    ("Staffordshire (e)", "staffordshire"),
    ("Dorset (Cty)", "dorset"),
    ("Dorset County Council", "dorset"),
    ("Bath & North East Somerset UA", "bath and north east somerset"),
    ("Bath and North East Somerset", "bath and north east somerset"),
    ("  KENT   CC ", "kent"),
    ("Somerset County", "somerset"),
    ("Stoke-on-Trent [note 3]", "stoke on trent"),
    ("King\u2019s Lynn and West Norfolk *", "kings lynn and west norfolk"),
    ("Herefordshire, County of", "herefordshire"),
    ("Leicestershire County Council (e) [x]", "leicestershire"),
    ("County Durham", "county durham"),  # a leading "County" is part of the name
    ("Durham County Council", "durham"),
    ("Council", "council"),  # the last word stays
])
def test_normalise_name(name: str, key: str) -> None:
    assert normalise_name(name) == key


def test_the_strict_key_keeps_suffixes() -> None:
    assert normalise_name("Dorset  Council", suffixes=False) == "dorset council"
    assert normalise_name("Dorset (Cty)", suffixes=False) == "dorset cty"
    assert normalise_name("Staffordshire (e)", suffixes=False) == "staffordshire"


def test_county_durham_and_durham_are_different_keys() -> None:
    # Durham County Council governs County Durham, but a bare "Durham" may be the city: no
    # rule merges them; neither is in the shipped lookup, so neither matches.
    assert normalise_name("County Durham") != normalise_name("Durham")
    assert MATCHER.match("County Durham", None) is None
    assert MATCHER.match("Durham", None) is None


# Every variant of the lookup -------------------------------------------------------------------

def test_the_variant_parser_finds_every_listed_spelling() -> None:
    variants = [name for row in ROWS for name in name_variants(row["name_variants_seen"])]
    assert len(variants) == 33  # 27 "X County Council" and six others
    assert "Staffordshire (e)" in variants and "Dorset Waste Partnership" in variants


@pytest.mark.parametrize("row", ROWS, ids=COUNTIES)
def test_every_name_and_code_of_a_county_matches_it(row: dict[str, str]) -> None:
    county = row["county"]
    assert MATCHER.match(county, None) == county
    assert MATCHER.match(None, row["ons_code"]) == county
    assert MATCHER.match(county, row["ons_code"]) == county
    assert MATCHER.match(None, row["mhclg_ecode"]) == county
    assert MATCHER.match(None, row["dfe_la_code"]) == county
    for code in re.findall(r"E\d{8}", row["ons_code_variants_seen"]):
        assert MATCHER.match(None, code) == county
        assert MATCHER.match(county, code) == county
    for variant in name_variants(row["name_variants_seen"]):
        assert MATCHER.match(variant, None) == NOT_THE_COUNTY.get(variant, county), variant
    assert MATCHER.code(county) == row["ons_code"]


def test_the_shipped_lookup_agrees_with_the_2018_set() -> None:
    for row in ROWS:
        area = MATCHER.areas[row["county"]]
        assert (area.kind, area.ons_code, area.region, area.mhclg_ecode, area.dfe_code) == (
            "county", row["ons_code"], row["region"], row["mhclg_ecode"], row["dfe_la_code"])


SUCCESSORS = {
    "Dorset Council": ("E06000059", "Dorset", "2019-04-01"),
    "Buckinghamshire Council": ("E06000060", "Buckinghamshire", "2020-04-01"),
    "North Northamptonshire": ("E06000061", "Northamptonshire", "2021-04-01"),
    "West Northamptonshire": ("E06000062", "Northamptonshire", "2021-04-01"),
    "Cumberland": ("E06000063", "Cumbria", "2023-04-01"),
    "Westmorland and Furness": ("E06000064", "Cumbria", "2023-04-01"),
    "North Yorkshire Council": ("E06000065", "North Yorkshire", "2023-04-01"),
    "Somerset Council": ("E06000066", "Somerset", "2023-04-01"),
}


@pytest.mark.parametrize("successor", SUCCESSORS)
def test_successors_by_name_and_by_code(successor: str) -> None:
    code, predecessor, day = SUCCESSORS[successor]
    area = MATCHER.areas[successor]
    assert (area.kind, area.ons_code, area.predecessors, str(area.reorganised)) == (
        "unitary", code, (predecessor,), day)
    assert successor in MATCHER.areas[predecessor].successors
    assert MATCHER.match(successor, None) == successor
    assert MATCHER.match(None, code) == successor
    assert MATCHER.match(predecessor, code) == successor  # the code wins over the name


def test_a_code_wins_over_a_name_and_a_name_over_a_dfe_number() -> None:
    assert MATCHER.match("Dorset", None) == "Dorset"
    assert MATCHER.match("Dorset", "E06000059") == "Dorset Council"
    assert MATCHER.match("North Yorkshire", "E06000065") == "North Yorkshire Council"
    assert MATCHER.match("North Yorkshire", "E10000022") == "North Yorkshire"
    assert MATCHER.match("Somerset", "E06000066") == "Somerset Council"
    assert MATCHER.match("Somerset Council", None) == "Somerset Council"
    assert MATCHER.match("Somerset County Council", None) == "Somerset"
    assert MATCHER.match("Kent", "e10000002 ") == "Buckinghamshire"
    assert MATCHER.match("Kent", "825") == "Kent"  # a DfE number never overrides a name
    assert MATCHER.match("Nowhere", "825") == "Buckinghamshire"
    assert MATCHER.match(None, 825.0) == "Buckinghamshire"  # type: ignore[arg-type]
    assert MATCHER.match("Kent", "E06000005") == "Kent"  # a code we do not know: the name decides
    assert MATCHER.match("Darlington", "E06000005") is None
    assert MATCHER.match(None, None) is None and MATCHER.match("  ", "") is None


# Suggestions ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "suggestions"), [
    ("Leicestershre", ["Leicestershire"]),
    ("Northhamptonshire", ["Northamptonshire"]),
    ("Dorest", ["Dorset"]),
    ("Cumbira County Council", ["Cumbria"]),
    ("Dorset Councl", ["Dorset Council"]),
    ("Eest Sussex", ["East Sussex", "West Sussex"]),
    ("Darlington", []),
    ("Nottingham", []),  # a real city, not a slip for Nottinghamshire
    ("Bournemouth, Christchurch and Poole", []),
    ("Herefordshire", []),  # a real unitary, one letter from Hertfordshire
    ("Herefordshire, County of", []),
    ("Herefordshire Council", []),
    ("East Northamptonshire", []),  # a former district
    ("Herefordshre", ["Hertfordshire"]),  # a slip of neither name: the nearest county is offered
    ("", []),
])
def test_suggestions_for_misspellings_only(name: str, suggestions: list[str]) -> None:
    assert MATCHER.suggest(name) == suggestions


# match_areas ----------------------------------------------------------------------------------

def small_frame(categorical: bool) -> pd.DataFrame:
    areas = ["Dorset (Cty)", "Dorset", "Kent County Council", "Leicestershre", "Darlington", "Dorset", None]
    codes = [None, "E06000059", None, None, "E06000005", None, None]
    make = pd.Categorical if categorical else (lambda values: pd.Series(values, dtype=object))
    return pd.DataFrame({"area": make(areas), "area_code": make(codes), "value": np.arange(7.0)})


@pytest.mark.parametrize("categorical", [True, False])
def test_match_areas_on_a_small_frame(categorical: bool) -> None:
    found = match_areas(small_frame(categorical))
    areas = ["Dorset", "Dorset Council", "Kent", "Leicestershre", "Darlington", "Dorset", None]
    codes = ["E10000009", "E06000059", "E10000016", None, "E06000005", "E10000009", None]
    if categorical:
        expected = pd.DataFrame({
            "area": pd.Categorical(areas, categories=["Darlington", "Dorset", "Dorset Council", "Kent",
                                                      "Leicestershre"]),
            "area_code": pd.Categorical(codes, categories=["E06000005", "E06000059", "E10000009",
                                                           "E10000016"]),
            "value": np.arange(7.0)})
    else:
        expected = pd.DataFrame({"area": pd.Series(areas, dtype=object),
                                 "area_code": pd.Series(codes, dtype=object), "value": np.arange(7.0)})
    pd.testing.assert_frame_equal(found.frame, expected)
    assert found.matched == ["Dorset", "Dorset Council", "Kent"]
    assert found.unmatched == {"Leicestershre": ["Leicestershire"], "Darlington": [],
                               "(no name or code)": []}
    assert (found.rows_matched, found.rows_unmatched) == (4, 3)
    assert found.summary == ("4 rows matched to 3 known areas; 3 rows not matched (3 names: "
                             "'Leicestershre' (did you mean Leicestershire?); 'Darlington'; "
                             "'(no name or code)')")


def test_match_areas_works_once_per_distinct_pair() -> None:
    calls: list[tuple[object, object]] = []

    class Counting(AreaMatcher):
        def match(self, name, code=None):  # type: ignore[no-untyped-def]
            calls.append((name, code))
            return super().match(name, code)

    matcher = Counting(list(MATCHER.areas.values()))
    frame = small_frame(True)
    match_areas(frame.iloc[:7], matcher)
    per_pair = len(calls)  # a match, and for a pair with a name and a code, a look at each alone
    calls.clear()
    big = frame.iloc[np.tile(np.arange(7), 10_000)].reset_index(drop=True)
    found = match_areas(big, matcher)
    assert len(calls) == per_pair <= 3 * 7  # the 7 distinct (name, code) pairs, not the 70,000 rows
    assert (found.rows_matched, found.rows_unmatched) == (40_000, 30_000)
    assert found.frame["area"].iloc[7:14].tolist() == found.frame["area"].iloc[:7].tolist()


def test_match_areas_without_a_code_column() -> None:
    found = match_areas(pd.DataFrame({"area": ["Surrey CC", "Wales"]}))
    assert found.frame["area"].tolist() == ["Surrey", "Wales"]
    assert found.frame["area_code"].tolist() == ["E10000030", None]
    assert isinstance(found, AreaMatch) and found.unmatched == {"Wales": []}


# Comparator groups ----------------------------------------------------------------------------

def test_the_shipped_group_is_the_27_counties() -> None:
    group = comparator_group("  COUNTIES-2018 ")
    assert group == ComparatorGroup("counties-2018", "The 27 two-tier county councils of 2018",
                                    tuple(COUNTIES))
    assert [g.name for g in shipped_groups()] == ["counties-2018"]
    assert comparator_group("counties-2019") is None


def oflog_like() -> pd.DataFrame:
    """30 distinct rows as a raw download has them: the 27 counties under the spellings and codes
    real files use, a successor named like its county, and two unrelated unitaries."""
    names = {"Dorset": "Dorset (Cty)", "Staffordshire": "Staffordshire (e)",
             "Kent": "Kent County Council", "Somerset": "Somerset Waste Partnership"}
    codes = {"North Yorkshire": "E10000022", "Somerset": ""}
    rows = [(names.get(row["county"], row["county"]), codes.get(row["county"], row["ons_code"]))
            for row in ROWS]
    rows += [("Darlington", "E06000005"), ("Dorset", "E06000059"), ("Leicester", "E06000016")]
    return pd.DataFrame(rows, columns=["area", "area_code"])


def test_group_areas_finds_the_27_in_30() -> None:
    frame = oflog_like()
    names, missing = group_areas(comparator_group("counties-2018"), frame)  # type: ignore[arg-type]
    assert names == frame["area"].iloc[:27].tolist()
    assert missing == []


def test_group_areas_names_the_missing_members() -> None:
    frame = oflog_like()
    frame = frame[~frame["area"].isin(["Buckinghamshire", "Dorset (Cty)"])]
    names, missing = group_areas(comparator_group("counties-2018"), frame)  # type: ignore[arg-type]
    assert len(names) == 25 and "Dorset" not in names  # 'Dorset' here is E06000059, Dorset Council
    assert missing == ["Buckinghamshire", "Dorset"]


def test_a_member_unknown_to_the_lookup_is_matched_by_its_normalised_name() -> None:
    group = ComparatorGroup("mine", "Mine", ("Kent", "Herefordshire"))
    frame = pd.DataFrame({"area": ["Herefordshire, County of", "KENT CC", "Hertfordshire"]})
    assert group_areas(group, frame) == (["Herefordshire, County of", "KENT CC"], [])


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


INDICATORS = "indicator,theme,polarity\nI1,T,high\nI2,T,high\n"


def dataset_of(tmp_path: Path, data: str, areas: str | None = None) -> benchmark.Dataset:
    return read_dataset(write(tmp_path, "data.csv", data),
                        indicators=write(tmp_path, "ind.csv", INDICATORS),
                        areas=write(tmp_path, "areas.csv", areas) if areas else None)


THREE = """area,area_code,indicator,period,value
Kent County Council,,I1,2018,1
Surrey,E10000030,I1,2018,2
Darlington,E06000005,I1,2018,3
North Yorkshire,E10000022,I1,2018,4
"""


def test_select_a_shipped_group_on_data_without_a_group_column(tmp_path: Path) -> None:
    selection = select(dataset_of(tmp_path, THREE), group="Counties-2018")
    assert selection.areas == ["Kent County Council", "Surrey", "North Yorkshire"]
    assert selection.group == "counties-2018 (3 areas)"
    assert sorted(selection.frame["area"].unique()) == ["Kent County Council", "North Yorkshire", "Surrey"]
    missing = [county for county in COUNTIES if county not in ("Kent", "Surrey", "North Yorkshire")]
    assert selection.warnings == (f"counties-2018: 3 of 27 areas in the data; missing: {', '.join(missing)}",)


def test_the_datas_own_group_column_wins(tmp_path: Path) -> None:
    areas = "area,group\nKent County Council,counties-2018\nDarlington,counties-2018\nSurrey,other\n"
    selection = select(dataset_of(tmp_path, THREE, areas), group="counties-2018")
    assert selection.areas == ["Kent County Council", "Darlington"]
    assert selection.group == "group=counties-2018 (2 areas)"
    assert selection.warnings == ()
    # A group column without that value falls through to the shipped group.
    other = select(dataset_of(tmp_path, THREE, "area,group\nSurrey,other\n"), group="counties-2018")
    assert (other.areas, other.group) == (["Kent County Council", "Surrey", "North Yorkshire"],
                                          "counties-2018 (3 areas)")


def test_an_unknown_group_names_the_shipped_ones(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"'group' column .*; or a shipped group: counties-2018 "
                                         r"\(did you mean counties-2018\?\)$"):
        select(dataset_of(tmp_path, THREE), group="counties2018")
    with pytest.raises(UsageError, match="none of the 27 areas of counties-2018"):
        select(dataset_of(tmp_path, "area,indicator,period,value\nWales,I1,2018,1\n"), group="counties-2018")


DORSET = """area,area_code,indicator,period,value
Dorset,E10000009,I1,2018,1
Kent,E10000016,I1,2018,2
Dorset,E06000059,I1,2020,3
Kent,E10000016,I1,2020,4
Dorset,E10000009,I2,2018,5
Kent,E10000016,I2,2018,6
"""


def test_rows_of_a_successor_under_the_countys_name_are_left_out_of_the_group(tmp_path: Path) -> None:
    selection = select(dataset_of(tmp_path, DORSET), group="counties-2018", period="all")
    assert selection.frame[["area", "period", "value"]].values.tolist() == [
        ["Dorset", "2018", 1.0], ["Kent", "2018", 2.0], ["Kent", "2020", 4.0],
        ["Dorset", "2018", 5.0], ["Kent", "2018", 6.0]]
    assert selection.warnings[-1] == ("counties-2018: left out rows whose code is an area outside the "
                                      "group: 'Dorset' with E06000059 (Dorset Council)")


MIXED = ("the areas compared include both Dorset (county council until 31 March 2019) and its "
         "successor Dorset Council (unitary from 1 April 2019); rank them in separate periods or drop one")


def test_one_name_over_a_reorganisation_warns_only_when_both_are_ranked_together(tmp_path: Path) -> None:
    dataset = dataset_of(tmp_path, DORSET)
    # Latest period of each indicator: I1 in 2020 (Dorset Council), I2 in 2018 (the county).
    assert select(dataset).warnings == (MIXED,)
    assert select(dataset, period="all").warnings == ()  # one league table per period
    assert select(dataset, period="2020").warnings == ()
    both = dataset_of(tmp_path, DORSET + "Dorset Council,E06000059,I2,2018,7\n")
    assert MIXED in select(both, period="all").warnings  # together in 2018's league table


# Reorganisations ------------------------------------------------------------------------------

def test_mixed_reorganisations_text() -> None:
    assert mixed_reorganisations(["Kent", "Buckinghamshire", "Buckinghamshire Council"]) == [
        "the areas compared include both Buckinghamshire (county council until 31 March 2020) and its "
        "successor Buckinghamshire Council (unitary from 1 April 2020); rank them in separate periods "
        "or drop one"]
    assert mixed_reorganisations(["Northamptonshire", "West Northamptonshire", "North Northamptonshire"]) == [
        "the areas compared include both Northamptonshire (county council until 31 March 2021) and its "
        f"successor {name} (unitary from 1 April 2021); rank them in separate periods or drop one"
        for name in ("North Northamptonshire", "West Northamptonshire")]
    assert mixed_reorganisations(["Buckinghamshire", "Dorset Council", "Cumberland", "Somerset"]) == []


def test_one_area_under_two_names_warns(tmp_path: Path) -> None:
    data = "area,indicator,period,value\nDorset,I1,2018,1\nDorset County Council,I1,2018,2\n"
    assert select(dataset_of(tmp_path, data)).warnings == (
        "'Dorset' and 'Dorset County Council' are one area (Dorset) under 2 names, compared as 2 "
        "areas; give them one name in the data",)


BUCKS = """area,indicator,period,value
Buckinghamshire County Council,I1,2019,1
Kent,I1,2019,2
Surrey,I1,2019,3
"""
BUCKS_WARNING = ("Warning: the areas compared include both Buckinghamshire (county council until 31 "
                 "March 2020) and its successor Buckinghamshire Council (unitary from 1 April 2020); "
                 "rank them in separate periods or drop one\n")


@pytest.mark.parametrize("command", [["rank"], ["quartiles"], ["dashboard", "--area", "Kent"],
                                     ["quadrants"]])
def test_the_cli_warns_of_a_county_beside_its_successor(cli, tmp_path: Path, command: list[str]) -> None:
    areas = write(tmp_path, "areas.csv", "area,spend_per_head\nBuckinghamshire County Council,1\n"
                  "Buckinghamshire Council,2\nKent,3\nSurrey,4\n")
    args = ["--indicators", write(tmp_path, "ind.csv", INDICATORS), "--areas", areas, "-f", "csv"]
    mixed = write(tmp_path, "mixed.csv", BUCKS + "Buckinghamshire Council,I1,2019,4\n")
    result = invoke(cli, [*command, mixed, *args])
    assert result.exit_code == 0, result.stderr
    assert BUCKS_WARNING in result.stderr
    assert result.stderr.count("Warning: the areas compared") == 1
    alone = invoke(cli, [*command, write(tmp_path, "alone.csv", BUCKS), *args])
    assert alone.exit_code == 0, alone.stderr
    assert "Warning: the areas compared" not in alone.stderr


def test_the_cli_ranks_a_shipped_group(cli, tmp_path: Path) -> None:
    result = invoke(cli, ["rank", write(tmp_path, "three.csv", THREE), "--indicators",
                          write(tmp_path, "ind.csv", INDICATORS), "--group", "counties-2018", "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["position,area,average_rank,indicators,T",
                                          "1,North Yorkshire,1.0,1,1.0", "2,Surrey,2.0,1,2.0",
                                          "3,Kent County Council,3.0,1,3.0"]
    assert "counties-2018 (3 areas)" in result.stderr
    assert "Warning: counties-2018: 3 of 27 areas in the data; missing: Buckinghamshire, " in result.stderr
    wrong = invoke(cli, ["rank", write(tmp_path, "three.csv", THREE), "--group", "countys-2018"])
    assert wrong.exit_code == 2
    assert "(did you mean counties-2018?)" in wrong.stderr


def test_funding_gap_with_the_shipped_group_equals_the_datas_column() -> None:
    def gap(group: str) -> benchmark.FundingGap:
        return benchmark.funding_gap(benchmark.select(read_areas(SEED), group=group), "Leicestershire",
                                     measure="csp_per_head_2018_19", population=682_500)

    shipped, column = gap("counties-2018"), gap("two_tier_county=yes")
    pd.testing.assert_frame_equal(shipped.table, column.table)
    assert (shipped.group, shipped.warnings) == ("counties-2018 (27 areas)", ())


# Packaging ------------------------------------------------------------------------------------

def test_the_data_files_are_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["benchmark"]
    package = ROOT / "src" / "benchmark"
    files = sorted(p.relative_to(package).as_posix()
                   for p in (package / "data" / "geography").rglob("*") if p.is_file())
    assert files == ["data/geography/areas.csv", "data/geography/groups/counties-2018.toml",
                     "data/geography/other_areas.csv"]
    assert all(any(fnmatch(name, pattern) for pattern in patterns) for name in files)


def test_the_report_states_the_selection_warnings(tmp_path: Path) -> None:
    from benchmark.report.content import build_report
    from benchmark.report.layout import about_rows

    dataset = dataset_of(tmp_path, BUCKS + "Buckinghamshire Council,I1,2019,4\n")
    report = build_report(dataset, "Kent")
    assert dict(about_rows(report, []))["Warnings"] == BUCKS_WARNING.removeprefix("Warning: ").rstrip("\n")


def test_funding_gap_warns_of_a_county_beside_its_successor(cli, tmp_path: Path) -> None:
    source = write(tmp_path, "funding.csv", "area,funding_per_head,population\n"
                   "Buckinghamshire County Council,700,500000\nBuckinghamshire Council,710,540000\n"
                   "Kent,720,1500000\n")
    gap = benchmark.funding_gap(benchmark.select(read_areas(source)), "Kent")
    assert gap.warnings == (BUCKS_WARNING.removeprefix("Warning: ").rstrip("\n"),)
    result = invoke(cli, ["funding-gap", source, "--area", "Kent", "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    assert BUCKS_WARNING in result.stderr
    alone = benchmark.funding_gap(benchmark.select(read_areas(source), group="counties-2018"), "Kent")
    assert alone.group == "counties-2018 (2 areas)"
    assert alone.warnings[0].startswith("counties-2018: 2 of 27 areas in the data; missing: Cambridgeshire, ")


def test_validate_groups_area_names_by_the_same_key() -> None:
    """benchmark validate's 'look like the same area' uses the matching key of normalise_name."""
    from benchmark.analysis.validation import similar_names

    names = ["Kent", "Kent County Council", "Dorset", "Dorset (Cty)", "King's Lynn", "Kings Lynn",
             "County Durham", "Durham", "Herefordshire, County of", "Herefordshire"]
    assert similar_names(names) == [["Kent", "Kent County Council"], ["Dorset", "Dorset (Cty)"],
                                    ["King's Lynn", "Kings Lynn"],
                                    ["Herefordshire, County of", "Herefordshire"]]
