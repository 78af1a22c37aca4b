"""One way in: every analysis takes a Selection, made once, so that a theme, period or group that
does not exist is refused the same way by every command."""

from __future__ import annotations

import pandas as pd
import pytest

from benchmark import read_dataset, sample_path, select
from benchmark.analysis.comparators import find_area
from benchmark.core.errors import UsageError
from benchmark.core.text import some_of
from tests.conftest import invoke

FOCUS = ["--area", "Leicestershire"]
THEMED = {"rank": [], "quartiles": [], "trend": FOCUS, "dashboard": FOCUS, "quadrants": []}
PERIODS = {"rank": [], "quartiles": [], "quadrants": [], "report": [*FOCUS, "-o", "{tmp}/r.xlsx"]}
GROUPED = {"rank": [], "quartiles": [], "dashboard": FOCUS, "quadrants": [],
           "report": [*FOCUS, "-o", "{tmp}/r.xlsx"], "funding-gap": FOCUS}
THEMES = ("'Adult Social Care', 'Public Health', 'Children & Young People', 'Education & Early Years', "
          "'Waste', 'Context'")


def refusal(cli, tmp_path, command: str, extra: list[str], option: list[str]) -> str:
    args = [command, *(arg.replace("{tmp}", str(tmp_path)) for arg in extra), *option]
    result = invoke(cli, args)
    assert result.exit_code == 2, (args, result.stdout, result.stderr)
    assert result.stdout == ""
    assert not list(tmp_path.iterdir()), "nothing is written when the selection is refused"
    return result.stderr.splitlines()[-1]


@pytest.mark.parametrize("command", sorted(THEMED))
def test_an_unknown_theme_is_refused_alike_by_every_command(cli, tmp_path, command: str) -> None:
    line = refusal(cli, tmp_path, command, THEMED[command], ["--theme", "Nonexistent"])
    assert line == f"Error: --theme Nonexistent: no such theme; themes in the data: {THEMES}"


@pytest.mark.parametrize("command", sorted(PERIODS))
def test_an_unknown_period_is_refused_alike_by_every_command(cli, tmp_path, command: str) -> None:
    line = refusal(cli, tmp_path, command, PERIODS[command], ["--period", "1999"])
    assert line.startswith("Error: --period 1999: no such period; the 21 periods in the data: '2012/13', ")
    assert line.endswith(", '2018 to 2019', '2018-19', '2018/19', '2019'")  # the whole list, not cut at 30


@pytest.mark.parametrize("command", sorted(GROUPED))
def test_an_unknown_group_is_refused_alike_by_every_command(cli, tmp_path, command: str) -> None:
    line = refusal(cli, tmp_path, command, GROUPED[command], ["--group", "region=Mars"])
    assert line == ("Error: --group region=Mars: no area has region = 'Mars'; values found: East, East "
                    "Midlands, North West, South East, South West, West Midlands, Yorkshire and The Humber")


@pytest.fixture(scope="module")
def sample():
    return read_dataset(sample_path())


@pytest.mark.parametrize("period", [None, "2018", "all"])
def test_another_theme_of_a_selection_is_the_selection_of_that_theme(sample, period) -> None:
    every = select(sample, group="counties-2018", period=period)
    for theme in ["children & young people", "Education & Early Years"]:
        narrowed, fresh = every.with_theme(theme), select(sample, group="counties-2018", theme=theme,
                                                         period=period)
        pd.testing.assert_frame_equal(narrowed.frame, fresh.frame)
        pd.testing.assert_frame_equal(narrowed.history, fresh.history)
        assert (narrowed.areas, narrowed.group, narrowed.period, narrowed.themes, narrowed.indicators,
                narrowed.warnings, narrowed.theme) == (fresh.areas, fresh.group, fresh.period,
                                                       fresh.themes, fresh.indicators, fresh.warnings,
                                                       fresh.theme)
    assert every.with_theme("Education & Early Years").with_theme(None).frame.equals(every.frame)


def test_a_theme_without_the_period_is_refused_as_select_refuses_it(sample) -> None:
    from benchmark.core.errors import UsageError

    with pytest.raises(UsageError) as fresh:
        select(sample, theme="Adult Social Care", period="2018")
    with pytest.raises(UsageError) as narrowed:
        select(sample, period="2018").with_theme("Adult Social Care")
    assert str(narrowed.value) == str(fresh.value)
    assert "no such period" in str(fresh.value)


def test_a_selection_keeps_every_period_for_direction_of_travel(sample) -> None:
    latest = select(sample, theme="Waste")
    assert set(latest.history["period"]) > set(latest.frame["period"])
    assert set(latest.history["theme"]) == {"Waste"}
    assert latest.with_period("2018/19").period == "period 2018/19"
    with pytest.raises(Exception, match="no such theme"):
        latest.with_theme("Nonexistent")


def test_a_report_selects_once_and_ranks_each_theme_once(sample, monkeypatch) -> None:
    """The league, each theme's table, the spend quadrants and their per-theme rows share one
    selection and one ranking per theme (they were 2T + 3 rankings for T themes)."""
    from benchmark.analysis import ranking, selection
    from benchmark.report.content import build_report

    selected, ranked = [], []
    select_once, rank_once = selection.select, ranking._ranked
    monkeypatch.setattr(selection, "select", lambda *a, **k: selected.append(1) or select_once(*a, **k))
    monkeypatch.setattr(ranking, "_ranked", lambda s, *a: ranked.append(s.theme) or rank_once(s, *a))
    monkeypatch.setattr("benchmark.report.content.select", selection.select)
    report = build_report(sample, "Leicestershire")
    assert len(selected) == 1
    assert sorted(ranked, key=str) == sorted([None, *report.ranking.themes], key=str)
    again = select(sample)
    assert again.with_theme("Waste") is again.with_theme("waste") is again.with_theme("Waste")


AREAS = ["Leicestershire", "Gloucestershire", "Worcestershire", "Dorset", "Dorset Council", "Kent"]


@pytest.mark.parametrize("written", ["Leicestershire County Council", "LEICESTERSHIRE CC",
                                     "Leicestershire (e)", " leicestershire "])
def test_an_area_is_found_by_its_normalised_name(written: str) -> None:
    assert find_area(written, AREAS) == "Leicestershire"


def test_suggestions_come_from_the_normalised_name() -> None:
    with pytest.raises(UsageError) as refused:
        find_area("Leicstershire County Council", AREAS)
    # 'county council' no longer counts towards the likeness: Leicestershire comes first
    assert str(refused.value).startswith("--area Leicstershire County Council: no such area among the 6 "
                                         "compared; did you mean 'Leicestershire' or ")
    with pytest.raises(UsageError, match=r"^--vs Dorset County Council: 2 compared areas go by that name "
                       r"\('Dorset' and 'Dorset Council'\); give one as written$"):
        find_area("Dorset County Council", AREAS, "--vs")
    assert find_area("dorset council", AREAS) == "Dorset Council"  # as written wins


def test_a_command_finds_the_area_by_its_normalised_name(cli) -> None:
    long = invoke(cli, ["quartiles", "--area", "Leicestershire County Council", "--bottom"])
    assert long.exit_code == 0, long.stderr
    assert long.stdout == invoke(cli, ["quartiles", "--area", "Leicestershire", "--bottom"]).stdout


def test_a_list_of_choices_cut_short_says_how_many_more(tmp_path) -> None:
    source = tmp_path / "years.csv"
    rows = "".join(f"A,X,{year},1\n" for year in range(1990, 2025))
    source.write_text("area,indicator,period,value\n" + rows)
    with pytest.raises(UsageError) as refused:
        select(read_dataset(source), period="1850")
    # A period list is given whole, with its count (issue 15); themes and groups say "and N more".
    assert "the 35 periods in the data: '1990', '1991'" in str(refused.value)
    assert str(refused.value).endswith("'2023', '2024'")
    assert some_of(["a", "b", "c"], 3) == "a, b, c" and some_of(["a", "b", "c"], 2) == "a, b and 1 more"
