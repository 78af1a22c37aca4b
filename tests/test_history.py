"""benchmark history: positions edition by edition, on both baskets, worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmark.analysis.history import edition_of, history
from benchmark.analysis.selection import select
from benchmark.core.errors import UsageError
from benchmark.io import read_dataset
from tests.conftest import invoke

# P (high is good, theme T1) in two financial years; Q (low is good, T2) in calendar 2017 only,
# which ends in the 2017/18 edition. So the editions are 2016/17 and 2017/18, and only P is in both.
DATA = """area,indicator,period,value
A,P,2016/17,3
B,P,2016/17,2
C,P,2016/17,1
A,P,2017/18,1
B,P,2017/18,2
C,P,2017/18,3
A,Q,2017,1
B,Q,2017,2
C,Q,2017,3
"""
INDICATORS = "indicator,theme,polarity\nP,T1,high\nQ,T2,low\n"


@pytest.fixture
def files(tmp_path: Path) -> list[str]:
    data, indicators = tmp_path / "data.csv", tmp_path / "indicators.csv"
    data.write_text(DATA, encoding="utf-8")
    indicators.write_text(INDICATORS, encoding="utf-8")
    return [str(data), "--indicators", str(indicators)]


def rows(found) -> list[tuple]:
    return [tuple(row) for row in found.table[["edition", "area", "position", "indicators"]].itertuples(
        index=False)]


@pytest.mark.parametrize(("period", "edition"), [
    ("2018/19", "2018/19"), ("2018", "2018/19"), ("2016-18", "2018/19"), ("31/03/2019", "2018/19"),
    ("01/04/2019", "2019/20"), ("Q1 2019", "2018/19"), ("AY2018/19", "2018/19"), ("latest", None)])
def test_the_edition_a_period_first_belongs_to(period: str, edition: str | None) -> None:
    assert edition_of(period) == edition


def test_history_on_the_common_basket(files) -> None:
    found = history(select(read_dataset(files[0], indicators=files[2])))
    assert found.editions == ["2016/17", "2017/18"] and found.indicators == ["P"]
    # P alone: 2016/17 A 3 > B 2 > C 1 (high is good); 2017/18 reversed
    assert rows(found) == [("2016/17", "A", 1, 1), ("2016/17", "B", 2, 1), ("2016/17", "C", 3, 1),
                           ("2017/18", "C", 1, 1), ("2017/18", "B", 2, 1), ("2017/18", "A", 3, 1)]


def test_history_on_each_editions_basket(files) -> None:
    found = history(select(read_dataset(files[0], indicators=files[2])), basket="each")
    latest = found.table[found.table["edition"] == "2017/18"].set_index("area")
    # P ranks A 3, B 2, C 1; Q (low is good) A 1, B 2, C 3: every mean is 2, so all share 1st
    assert latest["position"].to_dict() == {"A": 1, "B": 1, "C": 1}
    assert latest["indicators"].to_dict() == {"A": 2, "B": 2, "C": 2}
    assert latest["T1"].to_dict() == {"A": 3, "B": 2, "C": 1}
    assert latest["T2"].to_dict() == {"A": 1, "B": 2, "C": 3}
    assert found.table[found.table["edition"] == "2016/17"]["indicators"].tolist() == [1, 1, 1]


def test_history_keeps_the_last_editions_up_to_an_as_at(files) -> None:
    dataset = read_dataset(files[0], indicators=files[2])
    assert history(select(dataset), editions=1).editions == ["2017/18"]
    assert history(select(dataset, as_at="2016/17")).editions == ["2016/17"]
    with pytest.raises(UsageError, match="--editions 0: give 1 or more"):
        history(select(dataset), editions=0)


def test_history_command_table_and_chart(cli, files, tmp_path: Path) -> None:
    result = invoke(cli, ["history", *files, "--area", "A", "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["edition,position,area,average_rank,indicators,T1",
                                          "2016/17,1,A,1.0,1,1", "2017/18,3,A,3.0,1,3"]
    assert "basket: the 1 indicator ranked in every edition (P)" in result.stderr
    chart = tmp_path / "h.png"
    drawn = invoke(cli, ["history", "--area", "Leicestershire", "--chart", str(chart)])
    assert drawn.exit_code == 0, drawn.stderr
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    refused = invoke(cli, ["history", "--chart", str(tmp_path / "x.png")])
    assert refused.exit_code == 2 and refused.stderr.splitlines()[-1] == (
        "Error: --chart draws one area's position over the editions; add --area NAME")


def test_history_chart_spec_puts_first_at_the_top(files) -> None:
    from benchmark.views.history import history_chart

    spec = history_chart(history(select(read_dataset(files[0], indicators=files[2]))), "A")
    assert spec.steps == ("2016/17", "2017/18") and spec.best_at_top
    assert spec.lines[0].values == (1.0, 3.0) and spec.lines[0].value_labels == ("1st", "3rd")
