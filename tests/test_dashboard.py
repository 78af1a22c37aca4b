"""Dashboards and the council commands through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import invoke

from benchmark import read_dataset
from benchmark.analysis.dashboard import EXCEPTIONAL, PERFORMANCE_ISSUE, dashboard, flag_of
from benchmark.analysis.quartiles import quartile_rows, quartiles
from benchmark.analysis.selection import select
from benchmark.render.plain import records

# Four areas, three indicators over two years. By hand, 2018 (latest), n = 4:
#   Up (high):   A 40 -> 1, B 30 -> 2, C 20 -> 3, D 10 -> 4   quartile ceil(4r/4) = r
#   Down (low):  A 4 -> 4, B 3 -> 3, C 2 -> 2, D 1 -> 1
#   Flat (high): A 5 -> 1 ... (A, B, C, D = 5, 4, 3, 2)
# A's direction 2017 -> 2018: Up 30 -> 40 improved; Down 3 -> 4 worse (low is good); Flat 5 -> 5
# no change. Targets for A: Up ">35" met; Down "<=3" not met; Flat "MTFS" not evaluable.
DATA = """area,indicator,period,value
A,Up,2017,30
A,Up,2018,40
B,Up,2018,30
C,Up,2018,20
D,Up,2018,10
A,Down,2017,3
A,Down,2018,4
B,Down,2018,3
C,Down,2018,2
D,Down,2018,1
A,Flat,2017,5
A,Flat,2018,5
B,Flat,2018,4
C,Flat,2018,3
D,Flat,2018,2
"""
INDICATORS = "indicator,theme,polarity\nUp,Economy,high\nDown,Economy,low\nFlat,Care,high\n"
TARGETS = "area,indicator,period,target\nA,Up,2018,>35\nA,Down,,<=3\nA,Flat,2018,MTFS\n"


@pytest.fixture
def council_files(tmp_path: Path) -> list[str]:
    for name, text in (("data", DATA), ("indicators", INDICATORS), ("targets", TARGETS)):
        (tmp_path / f"{name}.csv").write_text(text)
    return [str(tmp_path / "data.csv"), "--indicators", str(tmp_path / "indicators.csv")]


def test_flags() -> None:
    assert flag_of(4, "worse", "") == PERFORMANCE_ISSUE
    assert flag_of(2, "improved", "not met") == PERFORMANCE_ISSUE
    assert flag_of(4, "improved", "met") == ""
    assert flag_of(1, "improved", "") == EXCEPTIONAL
    assert flag_of(None, "worse", "") == ""


def test_dashboard_by_hand(tmp_path: Path, council_files) -> None:
    dataset = read_dataset(council_files[0], indicators=council_files[2], targets=tmp_path / "targets.csv")
    table = dashboard(select(dataset), "A")
    assert table[["theme", "indicator", "quartile", "direction", "current", "target", "previous",
                  "polarity", "status", "flag"]].values.tolist() == [
        ["Economy", "Up", 1, "improved", 40.0, ">35", 30.0, "high", "met", EXCEPTIONAL],
        ["Economy", "Down", 4, "worse", 4.0, "<=3", 3.0, "low", "not met", PERFORMANCE_ISSUE],
        ["Care", "Flat", 1, "no change", 5.0, "MTFS", 5.0, "high", "not evaluable", ""],
    ]


def test_quartiles_cli_rows_json_method_and_parity(cli, council_files) -> None:
    result = invoke(cli, ["quartiles", *council_files, "--area", "a", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows[0] == {"indicator": "Up", "theme": "Economy", "period": "2018", "value": 40.0, "rank": 1,
                       "n": 4, "quartile": 1, "method": "rank"}
    assert "quartile method: rank" in result.stderr
    dataset = read_dataset(council_files[0], indicators=council_files[2])
    api = quartile_rows(quartiles(select(dataset)), "A").assign(method="rank")
    assert rows == records(api)


def test_quartiles_cli_summary_bottom_and_errors(cli, council_files) -> None:
    summary = invoke(cli, ["quartiles", *council_files, "--area", "A", "--summary"])
    assert summary.stdout.splitlines() == ["theme,q1,q2,q3,q4,none,total,method",
                                           "Economy,1,0,0,1,0,2,rank", "Care,1,0,0,0,0,1,rank",
                                           "Total,2,0,0,1,0,3,rank"]
    bottom = invoke(cli, ["quartiles", *council_files, "--area", "A", "--bottom"])
    assert bottom.stdout.splitlines()[1:] == ["Economy,Down,2018,4.0,4,4,4,rank"]
    both = invoke(cli, ["quartiles", *council_files, "--area", "A", "--top", "--bottom", "-f", "table"])
    assert "Top (1st) and bottom (4th) quartile indicators by theme: A" in both.stdout
    both = invoke(cli, ["quartiles", *council_files, "--area", "A", "--top", "--bottom"])
    assert both.stdout.splitlines()[1:] == ["Economy,Up,2018,40.0,1,4,1,rank",
                                            "Economy,Down,2018,4.0,4,4,4,rank",
                                            "Care,Flat,2018,5.0,1,4,1,rank"]
    alone = invoke(cli, ["quartiles", *council_files, "--bottom"])
    assert alone.exit_code == 2 and "add --area NAME" in alone.stderr
    every = invoke(cli, ["quartiles", *council_files, "--method", "ntile", "--thresholds", "-f", "json"])
    first = json.loads(every.stdout)[0]
    assert (first["area"], first["p25"], first["median"], first["p75"], first["method"]) == \
        ("A", 17.5, 25.0, 32.5, "ntile")


def test_trend_cli(cli, council_files) -> None:
    result = invoke(cli, ["trend", *council_files, "--area", "A", "--summary"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["theme,improved,no change,worse,not comparable,total",
                                          "Economy,1,0,1,0,2", "Care,0,1,0,0,1", "Total,1,1,1,0,3"]
    missing = invoke(cli, ["trend", *council_files])
    assert missing.exit_code == 2 and missing.stdout == ""
    assert missing.stderr == ("Error: trend lists one council's indicators: add --area NAME, or "
                              "--summary for every area's tallies\n")
    # Without --area, --summary tallies each area: only A has a 2017 value to compare with
    per_area = invoke(cli, ["trend", *council_files, "--summary"])
    assert per_area.exit_code == 0, per_area.stderr
    assert per_area.stdout.splitlines() == ["area,improved,no change,worse,not comparable,total",
                                            "A,1,1,1,0,3", "B,0,0,0,3,3", "C,0,0,0,3,3", "D,0,0,0,3,3"]
    screen = invoke(cli, ["trend", *council_files, "--summary", "-f", "table"])
    assert "Direction of travel per area" in screen.stdout
    nowhere = invoke(cli, ["trend", *council_files, "--summary", "--from", "1999"])
    assert nowhere.exit_code == 2 and "--from 1999: the areas have no value in that period" in nowhere.stderr
    table = invoke(cli, ["trend", *council_files, "--area", "A", "-f", "table"])
    assert "↑" in table.stdout and "↓" in table.stdout and "→" in table.stdout


def test_dashboard_cli(cli, council_files, tmp_path: Path) -> None:
    args = ["dashboard", *council_files, "--targets", str(tmp_path / "targets.csv"), "--area", "A"]
    plain = invoke(cli, args)
    assert plain.exit_code == 0, plain.stderr
    assert plain.stdout.splitlines()[2] == \
        "Economy,Down,2018,4,worse,4.0,<=3,3.0,low,not met,performance issue"
    screen = invoke(cli, [*args, "-f", "table"])
    assert "Dashboard for A: Economy" in screen.stdout and "Dashboard for A: Care" in screen.stdout
    wrong = invoke(cli, ["dashboard", *council_files, "--area", "Zed"])
    assert wrong.exit_code == 2 and "--area Zed: no such area" in wrong.stderr


def test_council_commands_on_the_sample(cli) -> None:
    for args in (["quartiles", "--area", "Leicestershire", "--summary"],
                 ["trend", "--area", "Leicestershire"], ["dashboard", "--area", "Leicestershire"]):
        result = invoke(cli, args)
        assert result.exit_code == 0, (args, result.stderr)
        assert len(result.stdout.splitlines()) > 3


def test_the_dashboard_refuses_every_period_at_once(cli) -> None:
    """One row per indicator: --period all gave each indicator once per period, all labelled with
    its latest period, quartiles in disagreement."""
    from tests.conftest import invoke

    result = invoke(cli, ["dashboard", "--area", "Leicestershire", "--period", "all"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        "Error: --period all: the dashboard shows each indicator once, in one period; give one "
        "--period, an --as-at edition, or leave --period out for the latest")
