"""The money commands: funding-gap and quadrants on the command line, and --chart on rank."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, invoke, run_process

import benchmark
from benchmark.render.plain import records

SEED = str(ROOT / "tests" / "data" / "seed_csp_per_head_2018_19.csv")
LEICESTERSHIRE = ["--area", "Leicestershire", "--population", "682500", "--measure", "csp_per_head_2018_19"]
HEADER = "area,per_head,difference_per_head,additional_funding"


def api_gap(group: str | None = None) -> benchmark.FundingGap:
    return benchmark.funding_gap(benchmark.select(benchmark.read_areas(SEED), group=group), "Leicestershire",
                                 population=682_500, measure="csp_per_head_2018_19")


# funding-gap: the published figures --------------------------------------------------------------

def test_vs_surrey_prints_the_sentence_to_stderr_and_the_row_to_stdout(cli) -> None:
    result = invoke(cli, ["funding-gap", SEED, *LEICESTERSHIRE, "--vs", "Surrey"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{HEADER}\nSurrey,823.0,146.0,99645000.0\n"
    assert ("Leicestershire would receive £99.6m a year more if funded per head like Surrey "
            "(£823 vs £677 per head)") in result.stderr


@pytest.mark.parametrize("population", ["682500", "682,500", "£682,500", "0.6825m"])
def test_population_is_read_as_the_data_reader_reads_a_value(cli, population: str) -> None:
    result = invoke(cli, ["funding-gap", SEED, "--area", "Leicestershire", "--population", population,
                          "--measure", "csp_per_head_2018_19", "--vs", "Surrey"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{HEADER}\nSurrey,823.0,146.0,99645000.0\n"  # 146 x 682,500


@pytest.mark.parametrize(("population", "words"), [
    ("lots", "cannot read 'lots' as a number; give a number such as 682,500"),
    ("N/A", "'N/A' marks a missing value; give a number such as 682,500"),
])
def test_a_population_that_is_not_a_number_is_a_usage_error(cli, population: str, words: str) -> None:
    result = invoke(cli, ["funding-gap", SEED, "--area", "Leicestershire", "--population", population])
    assert result.exit_code == 2 and result.stdout == ""
    assert f"Invalid value for '--population': {words}" in " ".join(result.stderr.replace("│", "").split())


def test_vs_camden(cli) -> None:
    result = invoke(cli, ["funding-gap", SEED, *LEICESTERSHIRE, "--vs", "camden"])
    assert result.stdout == f"{HEADER}\nCamden,1160.0,483.0,329647500.0\n"
    assert "would receive £329.6m a year more if funded per head like Camden (£1,160 vs £677" \
        in result.stderr


def test_markdown_shows_money_as_people_write_it(cli) -> None:
    result = invoke(cli, ["funding-gap", SEED, *LEICESTERSHIRE, "-f", "markdown"])
    lines = result.stdout.splitlines()
    assert len(lines) == 2 + 150
    surrey = next(line for line in lines if line.startswith("| Surrey "))
    camden = next(line for line in lines if line.startswith("| Camden "))
    assert [cell.strip() for cell in surrey.split("|")[1:-1]] == ["Surrey", "£823", "£146", "£99.6m"]
    assert [cell.strip() for cell in camden.split("|")[1:-1]] == ["Camden", "£1,160", "£483", "£329.6m"]
    windsor = lines[-1]
    assert [cell.strip() for cell in windsor.split("|")[1:-1]] == ["Windsor and Maidenhead", "£621", "-£56",
                                                                  "-£38.2m"]


def test_two_tier_counties_27_rows_leicestershire_lowest(cli) -> None:
    result = invoke(cli, ["funding-gap", SEED, *LEICESTERSHIRE, "--group", "two_tier_county=yes"])
    lines = result.stdout.splitlines()
    assert lines[0] == HEADER and len(lines) == 1 + 27
    assert lines[1] == "Cumbria,864.0,187.0,127627500.0"
    assert lines[-1] == "Leicestershire,677.0,0.0,0.0"
    assert "Leicestershire £677 per head, lowest of 27, population 682,500" in result.stderr
    assert ("funded at the group's mean of £764 per head, Leicestershire would receive +£59.4m a year; "
            "at the median £760: +£56.6m, the upper quartile £797 (QUARTILE.INC): +£81.6m, the maximum "
            "£864 (Cumbria): +£127.6m") in result.stderr


def test_table_format_puts_the_position_in_the_caption(cli) -> None:
    result = invoke(cli, ["funding-gap", SEED, *LEICESTERSHIRE, "-g", "two_tier_county=yes", "-f", "table"])
    assert result.exit_code == 0
    words = " ".join(result.stdout.split())  # Rich wraps the title and caption to the table's width
    assert "Funding per head: Leicestershire compared with 26 areas" in words
    assert "│ Surrey │ £823 │ £146 │ £99.6m │" in words
    assert "lowest of 27" in words and "the maximum £864 (Cumbria): +£127.6m" in words


def test_json_equals_the_python_api(cli) -> None:
    result = invoke(cli, ["funding-gap", SEED, *LEICESTERSHIRE, "-g", "two_tier_county=yes", "-f", "json"])
    gap = api_gap(group="two_tier_county=yes")
    assert json.loads(result.stdout) == records(gap.table)
    summary = invoke(cli, ["funding-gap", SEED, *LEICESTERSHIRE, "-g", "two_tier_county=yes", "--summary",
                           "-f", "json"])
    assert json.loads(summary.stdout) == records(gap.benchmarks)
    assert json.loads(summary.stdout)[2] == {"statistic": "upper quartile", "area": None, "per_head": 796.5,
                                             "difference_per_head": 119.5, "additional_funding": 81558750.0}


def test_over_time_json_equals_the_python_api(cli, tmp_path: Path) -> None:
    source = tmp_path / "w.csv"
    source.write_text("area,csp_per_head_2017_18,csp_per_head_2018_19,population\nA,100,110,5\nB,90,95,10\n")
    result = invoke(cli, ["funding-gap", str(source), "--area", "B", "--measure", "csp_per_head",
                          "--over-time", "-f", "json"])
    gaps = benchmark.funding_gap_over_time(benchmark.select(benchmark.read_areas(source)), "B",
                                           measure="csp_per_head")
    assert json.loads(result.stdout) == records(gaps.table)
    vs = invoke(cli, ["funding-gap", str(source), "--area", "B", "--measure", "csp_per_head",
                      "--over-time", "--vs", "a"])
    assert vs.stdout == "period,area,per_head,difference_per_head,additional_funding\n" \
                        "2017/18,A,100.0,10.0,100.0\n2018/19,A,110.0,15.0,150.0\n"
    assert "2018/19: B would receive £150 a year more if funded per head like A (£110 vs £95 per head)" \
        in vs.stderr


def test_stdin_and_output_file(cli, tmp_path: Path) -> None:
    target = tmp_path / "gap.csv"
    result = invoke(cli, ["funding-gap", "-", "--area", "Q", "--population", "1000", "-o", str(target)],
                    stdin="area,funding_per_head\nP,100\nQ,80\nR,60\n")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert target.read_text() == f"{HEADER}\nP,100.0,20.0,20000.0\nQ,80.0,0.0,0.0\nR,60.0,-20.0,-20000.0\n"


def test_the_bundled_sample_is_read_as_areas(cli) -> None:
    result = invoke(cli, ["funding-gap", "--area", "Leicestershire", "--vs", "Surrey"])
    assert result.exit_code == 0, result.stderr
    # The sample's population is the 2020 projection, 715,117: 146 x 715,117 = 104,407,082.
    assert result.stdout == f"{HEADER}\nSurrey,823.0,146.0,104407082.0\n"
    assert "bundled sample's areas sheet" in result.stderr


# funding-gap: errors and warnings -----------------------------------------------------------------

def test_missing_values_are_left_out_with_a_warning_naming_them(cli, tmp_path: Path) -> None:
    source = tmp_path / "a.csv"
    source.write_text("area,funding_per_head\nP,100\nQ,80\nR,N/A\nS,..\n")
    result = invoke(cli, ["funding-gap", str(source), "--area", "Q", "--population", "10"])
    assert result.exit_code == 0
    assert result.stdout == f"{HEADER}\nP,100.0,20.0,200.0\nQ,80.0,0.0,0.0\n"
    assert "Warning: 2 areas with no funding_per_head value left out: R, S" in result.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--area", "Leicestershire", "--measure", "csp_per_head_2018_19"], 1,
         "Error: no population for Leicestershire in 2018/19, needed to turn csp_per_head_2018_19 into "
         "pounds a year; pass --population N (e.g. --population 682500), or add a 'population' column"),
        (["--area", "Leicestershir", "--population", "1", "--measure", "csp_per_head_2018_19"], 2,
         "Error: --area Leicestershir: no such area among the 150 compared; did you mean 'Leicestershire'"),
        (["--population", "1"], 2, "Missing option '--area'"),
        ([*LEICESTERSHIRE, "--vs", "Surey"], 2, "Error: --vs Surey: no such area among the 150 compared; "
                                                "did you mean 'Surrey'"),
        ([*LEICESTERSHIRE, "--chart", "gap.jpg"], 2, "Error: --chart gap.jpg: charts are written as .png "
                                                     "or .svg"),
        ([*LEICESTERSHIRE, "--chart", f"{SEED}/x.png"], 2,
         f"Error: --chart {SEED}/x.png: {SEED} is a file, not a folder; choose another output path"),
        ([*LEICESTERSHIRE, "--over-time", "--period", "2018/19"], 2, "--over-time shows every period"),
        (["--area", "Leicestershire", "--population", "1"], 1, "no per-head column 'funding_per_head'"),
    ],
)
def test_errors(cli, args: list[str], code: int, message: str) -> None:
    result = invoke(cli, ["funding-gap", SEED, *args])
    assert result.exit_code == code
    assert message in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_chart_is_written_and_stdout_stays_data(cli, tmp_path: Path) -> None:
    chart = tmp_path / "gap.png"
    result = invoke(cli, ["funding-gap", SEED, *LEICESTERSHIRE, "-g", "two_tier_county=yes", "--chart",
                          str(chart)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == HEADER and len(result.stdout.splitlines()) == 28
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"Wrote chart to {chart}" in result.stderr


def test_a_long_chart_is_drawn_as_pages_of_50_bars(cli, tmp_path: Path) -> None:
    import csv
    import io
    import xml.etree.ElementTree as ElementTree

    chart = tmp_path / "gap.svg"
    result = invoke(cli, ["funding-gap", SEED, *LEICESTERSHIRE, "--chart", str(chart)])
    assert result.exit_code == 0, result.stderr
    pages = [tmp_path / f"gap-{number}.svg" for number in (1, 2, 3)]
    written = ", ".join(map(str, pages))
    assert result.stderr.splitlines()[-1] == f"Wrote 3 charts of at most 50 bars: {written}"
    assert not chart.exists() and sorted(tmp_path.iterdir()) == pages
    areas = [row[0] for row in list(csv.reader(io.StringIO(result.stdout)))[1:]]  # highest per head first
    assert len(areas) == 150
    for number, page in enumerate(pages):
        texts = [text for element in ElementTree.parse(page).getroot().iter("{http://www.w3.org/2000/svg}text")
                 for text in element.itertext()]
        first, last = 50 * number + 1, 50 * number + 50
        assert f"Funding per head 2018/19: Leicestershire is 4th lowest of 150 ({first}–{last} of 150)" in \
            " ".join(texts).replace("\n", " ")
        assert [text for text in texts if text in areas[first - 1:last]] == areas[first - 1:last]
        assert "Source: seed_csp_per_head_2018_19.csv; benchmark" in " ".join(texts).replace("\n", " ")
    whole = tmp_path / "whole.svg"
    result = invoke(cli, ["funding-gap", SEED, *LEICESTERSHIRE, "--chart", str(whole), "--per-page", "0"])
    assert result.exit_code == 0 and f"Wrote chart to {whole}" in result.stderr
    assert "(1–50 of 150)" not in whole.read_text()


def test_rank_per_page_splits_the_league_chart(cli, tmp_path: Path) -> None:
    result = invoke(cli, ["rank", "--chart", str(tmp_path / "league.png"), "--per-page", "10"])
    assert result.exit_code == 0, result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == [f"league-{page}.png" for page in (1, 2, 3)]
    wrong = invoke(cli, ["rank", "--chart", str(tmp_path / "x.png"), "--per-page", "-1"])
    assert wrong.exit_code == 2 and "--per-page" in wrong.stderr


# quadrants ----------------------------------------------------------------------------------------

def test_quadrants_on_the_bundled_sample(cli) -> None:
    result = invoke(cli, ["quadrants", "--area", "Leicestershire"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "area,average_rank,performance_rank,comparator_value,comparator_rank,quadrant"
    assert len(lines) == 1 + 27
    api = benchmark.quadrants(benchmark.select(benchmark.read_dataset(benchmark.sample_path())))
    row = api.row("Leicestershire")
    assert (f"Leicestershire: {row['performance_rank']}th of 27 on performance, 1st of 27 lowest on net "
            f"spend per head: {row['quadrant']}") in result.stderr
    assert "reference lines at the group mean: average rank" in result.stderr


def test_quadrants_json_equals_the_python_api(cli) -> None:
    for args, options in [([], {}), (["--against", "deprivation", "--split", "median"],
                                     {"against": "deprivation", "split": "median"}),
                          (["--theme", "waste"], {"theme": "waste"})]:
        result = invoke(cli, ["quadrants", *args, "-f", "json"])
        dataset = benchmark.read_dataset(benchmark.sample_path())
        theme = options.pop("theme", None)
        api = benchmark.quadrants(benchmark.select(dataset, theme=theme), **options)
        assert json.loads(result.stdout) == records(api.table), args


def test_all_themes_json_equals_the_python_api(cli) -> None:
    result = invoke(cli, ["quadrants", "--all-themes", "--area", "leicestershire", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    dataset = benchmark.read_dataset(benchmark.sample_path())
    api = benchmark.theme_quadrants(benchmark.select(dataset), "Leicestershire")
    assert json.loads(result.stdout) == records(api.table)
    assert [row["theme"] for row in json.loads(result.stdout)] == [
        "overall", "Adult Social Care", "Public Health", "Children & Young People",
        "Education & Early Years", "Waste"]
    assert "no ranked indicator, so no quadrant: Context" in result.stderr


def test_deprivation_warns_of_the_area_left_out(cli) -> None:
    result = invoke(cli, ["quadrants", "--against", "deprivation"])
    assert len(result.stdout.splitlines()) == 1 + 26
    assert "Warning: left out (1 area): Dorset (no deprivation_rank)" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--all-themes"], "--all-themes shows one area on every theme: give --area NAME"),
        (["--area", "Leicestershir"], "did you mean 'Leicestershire'"),
        (["--against", "wealth"], "wealth"),
        (["--chart", "q.pdf"], "charts are written as .png or .svg"),
    ],
)
def test_quadrant_usage_errors(cli, args: list[str], message: str) -> None:
    result = invoke(cli, ["quadrants", *args])
    assert result.exit_code == 2
    assert message in result.stderr and result.stdout == ""


def test_quadrant_chart_from_the_cli(cli, tmp_path: Path) -> None:
    chart = tmp_path / "q.svg"
    result = invoke(cli, ["quadrants", "--area", "Leicestershire", "--chart", str(chart)])
    assert result.exit_code == 0, result.stderr
    assert "Leicestershire" in chart.read_text() and f"Wrote chart to {chart}" in result.stderr


# rank --chart -------------------------------------------------------------------------------------

def test_rank_chart(cli, tmp_path: Path) -> None:
    chart = tmp_path / "league.svg"
    result = invoke(cli, ["rank", "--chart", str(chart)])
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1 + 27
    assert "1. North Yorkshire" in chart.read_text()
    wrong = invoke(cli, ["rank", "--period", "all", "--chart", str(tmp_path / "x.png")])
    assert wrong.exit_code == 2 and "--chart draws one league table" in wrong.stderr


# Imports stay light ---------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [["funding-gap", "--help"], ["quadrants", "-h"]])
def test_help_imports_nothing_heavy(args: list[str]) -> None:
    probe = ("import sys\n"
             f"sys.argv = ['benchmark', *{args!r}]\n"
             "from benchmark.cli import main\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in ('pandas', 'numpy', 'matplotlib') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr


def test_matplotlib_is_imported_only_for_a_chart() -> None:
    probe = ("import sys\n"
             f"sys.argv = ['benchmark', 'funding-gap', {SEED!r}, *{LEICESTERSHIRE!r}, '-f', 'json']\n"
             "from benchmark.cli import main\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print('matplotlib' in sys.modules, file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.stderr.strip().splitlines()[-1] == "False", done.stderr
    assert json.loads(done.stdout)[0]["area"] == "Kensington and Chelsea"


def test_funding_gap_in_a_real_pipeline() -> None:
    done = run_process(["funding-gap", SEED, *LEICESTERSHIRE, "--vs", "Surrey", "-f", "csv"])
    assert done.returncode == 0
    assert done.stdout.decode() == f"{HEADER}\nSurrey,823.0,146.0,99645000.0\n"
    assert "£99.6m a year more" in done.stderr.decode()
