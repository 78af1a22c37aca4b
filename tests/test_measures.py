"""What is measured: performance (ranked) against context (never ranked), and area attributes
(funding, spend, deprivation) taken from indicators of the data instead of a hand-made sheet."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from benchmark import quadrants, rank, read_dataset, select, validate
from benchmark.analysis.trend import trend
from benchmark.io.profiles.schema import load_profile, shipped_profiles
from tests.conftest import ROOT, invoke

REAL = ROOT / "tests" / "data" / "realdata"

# Five areas; I1 and I2 performance, D a deprivation score and S spend per head, both context
# (D even has a polarity: context is never ranked, whatever its direction).
DATA = """area,indicator,period,value
A,I1,2018,10
B,I1,2018,20
C,I1,2018,30
D,I1,2018,40
E,I1,2018,50
A,I2,2018,5
B,I2,2018,4
C,I2,2018,3
D,I2,2018,2
E,I2,2018,1
A,I1,2017,12
A,D,2019,30
B,D,2019,10
C,D,2019,20
D,D,2019,50
E,D,2019,40
A,S,2017,100
B,S,2017,300
C,S,2017,200
D,S,2017,500
E,S,2017,400
A,S,2018,110
B,S,2018,310
C,S,2018,210
D,S,2018,510
"""
INDICATORS = """indicator,theme,polarity,kind
I1,Economy,high,
I2,Economy,high,performance
D,Deprivation,low,Context
S,,,context
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    data, indicators = tmp_path / "d.csv", tmp_path / "i.csv"
    data.write_text(DATA)
    indicators.write_text(INDICATORS)
    return data, indicators


def test_context_is_never_ranked_nor_in_a_performance_table(files) -> None:
    dataset = read_dataset(files[0], indicators=files[1])
    assert dataset.indicators.set_index("indicator")["kind"].to_dict() == {
        "I1": None, "I2": "performance", "D": "context", "S": "context"}
    selection = select(dataset)
    assert selection.themes == ["Economy"] and selection.indicators == ["I1", "I2"]
    ranking = rank(selection)
    # I1 high: A..E rank 5,4,3,2,1; I2 high: 1,2,3,4,5; every average 3, all tied 1st.
    assert ranking.ranked == ["I1", "I2"] and ranking.unranked_indicators == []
    assert ranking.table["average_rank"].tolist() == [3.0] * 5
    assert set(trend(selection, "A")["indicator"]) == {"I1", "I2"}


def test_validate_asks_context_for_no_polarity_or_theme_and_counts_kinds(files, cli) -> None:
    problems = validate(read_dataset(files[0], indicators=files[1]))
    assert [p.message for p in problems if "'S'" in p.message] == []
    result = invoke(cli, ["validate", str(files[0]), "--indicators", str(files[1])])
    assert "5 areas" in result.stderr and "4 indicators (2 performance, 2 context)" in result.stderr


def test_an_unknown_kind_is_a_problem_naming_the_cell(tmp_path: Path, files, cli) -> None:
    files[1].write_text("indicator,theme,polarity,kind\nI1,Economy,high,outcomes\n")
    result = invoke(cli, ["validate", str(files[0]), "--indicators", str(files[1])])
    assert result.exit_code == 1
    assert ("i.csv, row 2, column D (kind): unknown kind 'outcomes'; use performance (ranked) or "
            "context (never ranked)") in result.stdout


def test_a_profile_declares_a_kind_and_a_wrong_one_is_refused(tmp_path: Path) -> None:
    shipped = {profile.name: profile for profile in shipped_profiles()}
    assert shipped["imd-2019-utla"].constants["kind"] == "context"
    assert shipped["oflog-measures"].constants.get("kind") is None
    bad = tmp_path / "p.toml"
    bad.write_text('name = "p"\ntitle = "t"\n[detect]\nheaders = ["a"]\n[columns]\narea = "a"\n'
                   'indicator = "i"\nvalue = "v"\n[constants]\nkind = "contextual"\n')
    with pytest.raises(Exception, match="kind is 'contextual'; use one of performance, context"):
        load_profile(str(bad))


def test_imported_deprivation_and_spend_are_context(cli, tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    result = invoke(cli, ["import", str(REAL / "oflog_asc_measures_2015_2023.csv"),
                          str(REAL / "imd2019_utla_imd.csv"), "--group", "counties-2018", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    indicators = read_dataset(out).indicators
    kinds = dict(zip(indicators["indicator"], indicators["kind"], strict=True))
    assert {kinds[name] for name in kinds if name.startswith("IMD")} == {"context"}
    assert {kinds[name] for name in kinds if name.startswith("Outcome")} == {None}
    league = invoke(cli, ["rank", str(out), "-f", "csv"]).stdout.splitlines()[0]
    assert "Deprivation" not in league and "Adult Social Care" in league


def test_quadrants_take_spend_and_deprivation_from_indicators(files) -> None:
    selection = select(read_dataset(files[0], indicators=files[1]), period="2018")
    # Spend in 2018 (the selection's period): A 110, B 310, C 210, D 510; E has none.
    spend = quadrants(selection, comparator="s")
    assert spend.comparator == "S, 2018" and spend.excluded == ["E (no S value in 2018)"]
    by_area = spend.table.set_index("area")
    assert by_area["comparator_value"].to_dict() == {"A": 110.0, "B": 310.0, "C": 210.0, "D": 510.0}
    assert by_area["comparator_rank"].to_dict() == {"A": 1, "B": 3, "C": 2, "D": 4}  # 1 = lowest spend
    # Deprivation scores (2019 only, so its latest): higher is more deprived, rank 1 = D (50).
    deprived = quadrants(selection, against="deprivation", comparator="D")
    ranks = deprived.table.set_index("area")["comparator_rank"].to_dict()
    assert ranks == {"D": 1, "E": 2, "A": 3, "C": 4, "B": 5}
    assert deprived.comparator == "D, 2019"


def test_the_quadrants_command_names_where_its_axis_came_from(files, cli) -> None:
    args = ["quadrants", str(files[0]), "--indicators", str(files[1]), "-p", "2018"]
    result = invoke(cli, [*args, "--spend", "S", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert "comparator = S, 2018, comparator rank 1 = the lowest spend" in result.stderr
    assert [row["comparator_value"] for row in json.loads(result.stdout)] == [110.0, 310.0, 210.0, 510.0]
    refused = invoke(cli, [*args, "--spend", "S", "--deprivation", "D"])
    assert refused.exit_code == 2 and "Error: --spend and --deprivation are two x axes" in refused.stderr
    unknown = invoke(cli, [*args, "--spend", "Spend per hed"])
    assert unknown.exit_code == 2 and "--spend Spend per hed: no such indicator" in unknown.stderr


def test_funding_gap_from_imported_spending_power_equals_the_raw_files(cli, tmp_path: Path) -> None:
    """Import the published spending power (£m by year) with populations, then compare funding
    per head from the indicator; the same figures from the raw files with the csv module."""
    out = tmp_path / "sp.xlsx"
    imported = invoke(cli, ["import", str(REAL / "spending_power_millions_2011_2021.csv"),
                            "--population", str(REAL / "population_2020_snpp2018_england.csv"),
                            "--group", "counties-2018", "-o", str(out)])
    assert imported.exit_code == 0, imported.stderr
    result = invoke(cli, ["funding-gap", str(out), "--area", "Leicestershire", "--funding",
                          "spending power per head", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    gaps = {row["area"]: row for row in json.loads(result.stdout)}
    codes = {row["county"]: row["ons_code"] for row in csv.DictReader(
        (REAL / "county_codes_lookup_2018_set.csv").open(encoding="utf-8"))}
    money = {row["ons_code"]: row for row in csv.DictReader(
        (REAL / "spending_power_millions_2011_2021.csv").open(encoding="utf-8"))}
    people = {row["area_code"]: float(row["population_2020_projected"]) for row in csv.DictReader(
        (REAL / "population_2020_snpp2018_england.csv").open(encoding="utf-8"))}

    def per_head(county: str) -> float:  # 2020/21 is the column 2021 (financial year ending)
        return float(money[codes[county]]["2021"]) * 1e6 / people[codes[county]]

    ours = per_head("Leicestershire")
    for county in ("Surrey", "Leicestershire"):
        assert gaps[county]["per_head"] == pytest.approx(per_head(county), rel=1e-12)
        assert gaps[county]["additional_funding"] == pytest.approx(
            (per_head(county) - ours) * people[codes["Leicestershire"]], rel=1e-12)
    assert "Spending power per head, period 2020/21" in result.stderr


def test_a_report_from_imported_files_alone_has_its_funding_and_spend_sheets(cli, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    dataset, report = tmp_path / "all.xlsx", tmp_path / "report.xlsx"
    sources = [REAL / name for name in ("oflog_asc_measures_2015_2023.csv",
                                        "ro_rs_2017_18_all_authorities.csv",
                                        "spending_power_millions_2011_2021.csv")]
    imported = invoke(cli, ["import", *map(str, sources), "--population",
                            str(REAL / "population_2020_snpp2018_england.csv"), "--group", "counties-2018",
                            "-o", str(dataset)])
    assert imported.exit_code == 0, imported.stderr
    options = ["--funding", "Spending power per head", "--spend", "NET REVENUE EXPENDITURE per head"]
    result = invoke(cli, ["report", str(dataset), "--area", "Leicestershire", *options, "-o", str(report)])
    assert result.exit_code == 0, result.stderr
    assert "Funding gap, Spend vs performance" in result.stderr and "Left out" not in result.stderr
    book = load_workbook(report)
    gap = invoke(cli, ["funding-gap", str(dataset), "--area", "Leicestershire", "--funding",
                       "Spending power per head", "-f", "json"])
    surrey = next(row for row in json.loads(gap.stdout) if row["area"] == "Surrey")
    cells = [[cell.value for cell in row] for row in book["Funding gap"].iter_rows()]
    assert any(row[:2] == ["Surrey", surrey["per_head"]] for row in cells)
    spend = invoke(cli, ["quadrants", str(dataset), "--spend", "NET REVENUE EXPENDITURE per head",
                         "-f", "json"])
    leicestershire = next(row for row in json.loads(spend.stdout) if row["area"] == "Leicestershire")
    rows = [[cell.value for cell in row] for row in book["Spend vs performance"].iter_rows()]
    assert any(row[0] == "Leicestershire" and leicestershire["comparator_value"] in row for row in rows)
    typo = invoke(cli, ["report", str(dataset), "--area", "Leicestershire", "--spend", "net spend",
                        "-o", str(tmp_path / "r2.xlsx")])
    assert typo.exit_code == 2 and "--spend net spend: no such indicator" in typo.stderr
    assert not (tmp_path / "r2.xlsx").exists()


def test_quadrants_warn_of_low_coverage_as_rank_does(tmp_path: Path, cli) -> None:
    rows = ["area,indicator,period,value"] + [f"{area},I{n},2018,{n * (ord(area) - 64)}"
                                              for area in "ABCDE" for n in range(1, 7)]
    rows += ["F,I1,2018,1"]  # F has one indicator of six: its average is not comparable
    data, indicators, areas = tmp_path / "d.csv", tmp_path / "i.csv", tmp_path / "a.csv"
    data.write_text("\n".join(rows) + "\n")
    indicators.write_text("indicator,theme,polarity\n" + "".join(f"I{n},T,high\n" for n in range(1, 7)))
    areas.write_text("area,spend_per_head\nA,1\nB,2\nC,3\nD,4\nE,5\nF,6\n")
    warning = "F is ranked on only 1 indicator where most areas have 6; its average is not comparable"
    args = [str(data), "--indicators", str(indicators), "--areas", str(areas)]
    assert f"Warning: {warning}" in invoke(cli, ["rank", *args]).stderr
    assert warning in quadrants(select(read_dataset(data, indicators=indicators, areas=areas))).warnings
    assert f"Warning: {warning}" in invoke(cli, ["quadrants", *args]).stderr


def test_zeros_after_a_reorganisation_are_read_as_missing_with_a_warning(cli, tmp_path: Path) -> None:
    """The CSP components give 0 for Dorset from 2019/20 and Buckinghamshire from 2020/21, after
    they were abolished; a 0 while the county existed (rsdg 2018/19 for Dorset) is a value."""
    out = tmp_path / "csp.xlsx"
    result = invoke(cli, ["import", str(REAL / "csp_components_long_2015_2020.csv"), "--group",
                          "counties-2018", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert ("Warning: csp_components_long_2015_2020.csv: 14 zero values for Dorset in 2019/20 to "
            "2020/21, after it was reorganised on 1 April 2019, read as missing") in result.stderr
    assert ("7 zero values for Buckinghamshire in 2020/21, after it was reorganised on 1 April 2020"
            in result.stderr)
    data = read_dataset(out).observations
    dorset = data[data["area"] == "Dorset"].set_index(["indicator", "period"])["value"]
    assert dorset[("New Homes Bonus returned funding", "2018/19")] == 0  # a real 0: Dorset existed
    assert dorset.xs("2019/20", level="period").isna().all()
    assert dorset.xs("2018/19", level="period").notna().all()
    league = invoke(cli, ["rank", str(out), "--indicators", str(_all_high(out, tmp_path)), "-f", "csv"])
    positions = {row.split(",")[1]: row.split(",")[0] for row in league.stdout.splitlines()[1:]}
    assert positions["Dorset"] == "" and positions["Buckinghamshire"] == ""  # no value: no position


def _all_high(workbook: Path, tmp_path: Path) -> Path:
    """Indicator metadata ranking every imported component as performance, high is good."""
    names = read_dataset(workbook).indicators["indicator"]
    path = tmp_path / "all_high.csv"
    path.write_text("indicator,theme,polarity,kind\n" + "".join(f"{n},Funding,high,performance\n"
                                                                  for n in names))
    return path


def test_a_population_file_must_be_one_and_be_plausible(cli, tmp_path: Path) -> None:
    source = str(REAL / "oflog_asc_measures_2015_2023.csv")
    money = invoke(cli, ["import", source, "--population",
                         str(REAL / "spending_power_millions_2011_2021.csv"), "-o", str(tmp_path / "a.xlsx")])
    assert money.exit_code == 1 and "this is not a population file (read as Spending power" in money.stderr
    assert not (tmp_path / "a.xlsx").exists()
    thousands = tmp_path / "population.csv"  # a population in thousands: 715 for Leicestershire
    rows = list(csv.DictReader((REAL / "population_2020_snpp2018_england.csv").open(encoding="utf-8")))
    with thousands.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["area_code", "area_name_from_spending_power_file", "population_2020_projected"])
        writer.writerows([r["area_code"], r["area_name_from_spending_power_file"],
                          round(float(r["population_2020_projected"]) / 1000)] for r in rows)
    small = invoke(cli, ["import", source, "--group", "counties-2018", "--population", str(thousands),
                         "-o", str(tmp_path / "b.xlsx")])
    assert small.exit_code == 1, small.stderr
    assert "has a population of" in small.stderr and "outside 10,000 to 20,000,000" in small.stderr
    good = invoke(cli, ["import", source, "--group", "counties-2018", "--population",
                        str(REAL / "population_2020_snpp2018_england.csv"), "-o", str(tmp_path / "c.xlsx")])
    assert good.exit_code == 0, good.stderr
    assert "per-head figures use the population of 2020 for every period" in good.stderr


def test_each_theme_against_its_own_spend_with_a_chart_per_theme(tmp_path: Path, cli) -> None:
    data = tmp_path / "d.csv"
    lines = ["area,indicator,period,value"]
    lines += [f"{a},I1,2018,{v}" for a, v in zip("ABCD", (1, 2, 3, 4), strict=True)]  # Economy
    lines += [f"{a},H1,2018,{v}" for a, v in zip("ABCD", (4, 3, 2, 1), strict=True)]  # Health
    lines += [f"{a},S,2018,{v}" for a, v in zip("ABCD", (10, 20, 30, 40), strict=True)]  # all spend
    lines += [f"{a},HS,2018,{v}" for a, v in zip("ABCD", (9, 7, 5, 3), strict=True)]  # health spend
    data.write_text("\n".join(lines) + "\n")
    indicators = tmp_path / "i.csv"
    indicators.write_text("indicator,theme,polarity,kind\nI1,Economy,high,\nH1,Health,high,\n"
                          "S,,,context\nHS,,,context\n")
    charts = tmp_path / "charts"
    charts.mkdir()
    args = ["quadrants", str(data), "--indicators", str(indicators), "--area", "a", "--all-themes",
            "--spend", "S", "--theme-spend", "health=HS", "-f", "json"]
    result = invoke(cli, [*args, "--chart", str(charts)])
    assert result.exit_code == 0, result.stderr
    rows = {row["theme"]: row for row in json.loads(result.stdout)}
    # A: overall and Economy against S (10: lowest, rank 1); Health against HS (9: highest, rank 4).
    assert (rows["overall"]["comparator_value"], rows["overall"]["comparator_rank"]) == (10.0, 1)
    assert (rows["Economy"]["comparator_value"], rows["Economy"]["comparator_rank"]) == (10.0, 1)
    assert (rows["Health"]["comparator_value"], rows["Health"]["comparator_rank"]) == (9.0, 4)
    assert "Health: HS, 2018" in result.stderr and "Economy: S, 2018" in result.stderr
    assert sorted(path.name for path in charts.iterdir()) == [
        "quadrants_economy.png", "quadrants_health.png", "quadrants_overall.png"]
    assert all(path.read_bytes().startswith(b"\x89PNG") for path in charts.iterdir())
    missing = invoke(cli, [*args, "--chart", str(tmp_path / "nowhere"), "-o", str(tmp_path / "q.csv")])
    assert missing.exit_code == 2 and "with --all-themes, --chart names a folder" in missing.stderr
    assert not (tmp_path / "q.csv").exists()
    unknown = invoke(cli, [*args[:-4], "--theme-spend", "Wealth=HS"])
    assert unknown.exit_code == 2 and "--theme-spend Wealth=...: no such theme" in unknown.stderr
    alone = invoke(cli, ["quadrants", str(data), "--indicators", str(indicators), "--spend", "S",
                         "--theme-spend", "Health=HS"])
    assert alone.exit_code == 2 and "--theme-spend gives each theme its own spend" in alone.stderr


def test_import_takes_a_kind_theme_and_polarity_per_file_and_metadata_still_wins(cli, tmp_path) -> None:
    hle, out = str(REAL / "healthy_life_expectancy_at_birth.csv"), tmp_path / "x.xlsx"
    metadata = tmp_path / "m.csv"
    metadata.write_text('indicator,theme\n"Outcome, ASC Carer Quality of Life",Carers\n')
    result = invoke(cli, ["import", str(REAL / "oflog_asc_measures_2015_2023.csv"), hle,
                          "--kind", "healthy_life_expectancy_at_birth.csv=Context",
                          "--theme", f"{hle}=Health context",
                          "--polarity", "oflog_asc_measures_2015_2023.csv=none",
                          "--metadata", str(metadata), "--group", "counties-2018", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    indicators = read_dataset(out).indicators.set_index("indicator")
    life = indicators[indicators.index.str.startswith("Healthy life expectancy")]
    assert set(life["kind"]) == {"context"} and set(life["theme"]) == {"Health context"}
    oflog = indicators[indicators.index.str.startswith("Outcome")]
    assert set(oflog["polarity"]) == {"none"} and set(oflog["kind"].fillna("")) == {""}
    assert indicators.loc["Outcome, ASC Carer Quality of Life", "theme"] == "Carers"  # metadata wins
    wrong = invoke(cli, ["import", hle, "--kind", f"{hle}=ranking", "-o", str(tmp_path / "y.xlsx")])
    assert wrong.exit_code == 2 and f"--kind {hle}=ranking: use performance or context" in wrong.stderr
    stray = invoke(cli, ["import", hle, "--theme", "imd.csv=Deprivation", "-o", str(tmp_path / "y.xlsx")])
    assert stray.exit_code == 2 and "--theme imd.csv=...: imd.csv is none of the sources" in stray.stderr
    assert not (tmp_path / "y.xlsx").exists()


TARGETS = ("area,indicator,period,target\n"
           "Leicestershire County Council,Carer quality of life,,top quartile\n"
           "Leicestershire,Self-harm admissions \u2013 aged 10-24,,<400\n"
           "Leics,Waste recycled or composted,,50%\n"
           "Leicestershire,Recycling rate,,50%\n")


def test_targets_are_found_by_normalised_names_and_the_lost_ones_named(cli, tmp_path: Path) -> None:
    targets = tmp_path / "t.csv"
    targets.write_text(TARGETS, encoding="utf-8")
    result = invoke(cli, ["dashboard", "--area", "Leicestershire", "--targets", str(targets), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    rows = {row["indicator"]: row for row in json.loads(result.stdout)}
    # 'Leicestershire County Council' is Leicestershire; an en dash and no comma are the same name.
    assert (rows["Carer quality of life"]["target"], rows["Self-harm admissions, aged 10-24"]["target"]) == (
        "top quartile", "<400")
    # Self-harm 261.1 (low is good) against <400: met. Carer quality of life: quartile 2, so a
    # top-quartile target is not met.
    assert rows["Self-harm admissions, aged 10-24"]["status"] == "met"
    carers = rows["Carer quality of life"]
    assert (carers["quartile"], carers["status"]) == (2, "not met")
    lost = ["the target for 'Leics' on 'Waste recycled or composted' matches no area in the data",
            "the target for 'Leicestershire' on 'Recycling rate' matches no indicator in the data"]
    assert all(f"Warning: {words}" in result.stderr for words in lost)
    checked = invoke(cli, ["validate", "--targets", str(targets), "-f", "json"])
    assert {row["problem"].split(", so")[0] for row in json.loads(checked.stdout)
            if row["kind"] == "target"} == set(lost)


@pytest.mark.parametrize(("text", "quartile", "status"), [
    ("top quartile", 1, "met"), ("Top Quartile", 2, "not met"), ("upper quartile", 1, "met"),
    ("top half", 2, "met"), ("top half", 3, "not met"), ("2nd quartile or better", 2, "met"),
    ("quartile 3 or better", 4, "not met"), ("above median", 2, "met"),
    ("top quartile", None, "not evaluable"),
])
def test_a_quartile_target_is_judged_by_the_quartile(text: str, quartile: int | None, status: str) -> None:
    from benchmark.analysis.targets import parse_target, target_status

    target = parse_target(text)
    assert target.kind == "quartile"
    assert target_status(target, 1.0, "high", quartile).value == status


@pytest.mark.parametrize("written", ["E10000018", "855", "Leicestershire CC",
                                     "leicestershire county council"])
def test_an_area_is_found_by_any_name_or_code_the_lookup_knows(cli, written: str) -> None:
    result = invoke(cli, ["quartiles", "--area", written, "--summary"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == invoke(cli, ["quartiles", "--area", "Leicestershire", "--summary"]).stdout


def test_a_code_of_another_area_beside_a_name_is_refused_on_import(cli, tmp_path: Path) -> None:
    source = tmp_path / "oflog.csv"
    with (REAL / "oflog_asc_measures_2015_2023.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    essex = [row for row in rows[1:] if row[1] == "E10000012"][:3]
    for row in essex:
        row[1] = "E10000016"  # Kent's code beside the name Essex
    dorset = [row for row in rows[1:] if row[2] == "Dorset"][:1]
    for row in dorset:
        row[1] = "E06000059"  # Dorset Council's: the same place after 2019, not a conflict
    with source.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([rows[0], *essex, *dorset])
    result = invoke(cli, ["import", str(source), "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 1
    assert ("oflog.csv: 'Essex' with the code E10000016, which is Kent's: the name and the code are two "
            "different areas; correct one of them") in result.stderr
    assert not (tmp_path / "x.xlsx").exists()
    grouped = invoke(cli, ["import", str(source), "--group", "counties-2018", "-o", str(tmp_path / "y.xlsx")])
    assert grouped.exit_code == 1  # the group does not hide it: the conflict is in the file


def test_an_indicator_or_theme_written_two_ways_is_one_and_said(cli, tmp_path: Path) -> None:
    data, indicators = tmp_path / "j.csv", tmp_path / "ji.csv"
    data.write_text("area,indicator,period,value\nKent,Jobs,2018,1\nEssex,jobs,2018,2\n"
                    "Surrey,JOBS\u00ad,2018,3\nKent,Pay,2018,5\nEssex,Pay,2018,6\nSurrey,Pay,2018,7\n",
                    encoding="utf-8")
    indicators.write_text("indicator,theme,polarity\nJobs,Economy,high\nPay,economy ,high\n",
                          encoding="utf-8")
    result = invoke(cli, ["rank", str(data), "--indicators", str(indicators), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    # One indicator Jobs (Kent 1, Essex 2, Surrey 3: high is good) and one theme Economy.
    rows = {row["area"]: row for row in json.loads(result.stdout)}
    assert {area: row["indicators"] for area, row in rows.items()} == {"Kent": 2, "Essex": 2, "Surrey": 2}
    assert [column for column in json.loads(result.stdout)[0] if column not in
            ("position", "area", "average_rank", "indicators")] == ["Economy"]
    assert rows["Surrey"]["average_rank"] == 1.0  # 1st on both
    assert ("Warning: indicators 'Jobs' and 'jobs' are written two ways and read as one, 'Jobs'"
            in result.stderr)
    assert "themes 'Economy' and 'economy' are written two ways" in result.stderr


def test_a_look_alike_name_in_another_alphabet_is_said_on_every_command(cli, tmp_path: Path) -> None:
    data = tmp_path / "k.csv"
    data.write_text("area,indicator,period,value\nKent,X,2018,1\n\u041aent,X,2018,2\n", encoding="utf-8")
    indicators = tmp_path / "i.csv"
    indicators.write_text("indicator,theme,polarity\nX,T,high\n")
    warning = ("area '\u041aent' mixes Latin and Cyrillic letters, which look alike but are different "
               "names; write it in one alphabet")
    for command in (["rank"], ["quartiles"], ["validate"]):
        result = invoke(cli, [*command, str(data), "--indicators", str(indicators)])
        assert warning in result.stderr + result.stdout, command


def test_import_metadata_names_indicators_in_any_case(cli, tmp_path: Path) -> None:
    metadata, out = tmp_path / "m.csv", tmp_path / "x.xlsx"
    metadata.write_text('indicator,theme\n"OUTCOME, ASC CARER QUALITY OF LIFE",Carers\n')
    result = invoke(cli, ["import", str(REAL / "oflog_asc_measures_2015_2023.csv"), "--metadata",
                          str(metadata), "--group", "counties-2018", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "not in any source" not in result.stderr
    themes = read_dataset(out).indicators.set_index("indicator")["theme"]
    assert themes["Outcome, ASC Carer Quality of Life"] == "Carers"
