"""Charts: written atomically as valid PNG/SVG of a sensible size, with every area labelled."""

from __future__ import annotations

import io
import os
import stat
import struct
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from conftest import ROOT, invoke
from typer.testing import CliRunner

import benchmark
from benchmark.core.errors import BenchmarkError, UsageError
from benchmark.render import charts
from benchmark.views import charts as specs

SEED = ROOT / "tests" / "data" / "seed_csp_per_head_2018_19.csv"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path) -> tuple[int, int]:
    """Width and height in pixels, from the IHDR chunk that follows the signature."""
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def svg_texts(path: Path) -> str:
    root = ElementTree.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return "\n".join(text for element in root.iter("{http://www.w3.org/2000/svg}text")
                     for text in element.itertext())


@pytest.fixture(scope="module")
def counties_gap() -> benchmark.FundingGap:
    counties = benchmark.select(benchmark.read_areas(SEED), group="two_tier_county=yes")
    return benchmark.funding_gap(counties, "Leicestershire", measure="csp_per_head_2018_19",
                                 population=682_500)


@pytest.fixture(scope="module")
def sample() -> benchmark.Dataset:
    return benchmark.read_dataset(benchmark.sample_path())


def test_funding_chart_png(tmp_path: Path, counties_gap) -> None:
    path = charts.draw(specs.funding_chart(counties_gap), tmp_path / "funding.png")
    # 8 inches wide at 150 dpi; 1.4 + 0.2 x 27 = 6.8 inches high.
    assert png_size(path) == (1200, 1020)
    assert 20_000 < path.stat().st_size < 1_000_000
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~_umask()
    assert [p.name for p in tmp_path.iterdir()] == ["funding.png"]


def test_funding_chart_svg_labels_every_area_and_marks_the_mean(tmp_path: Path, counties_gap) -> None:
    text = svg_texts(charts.draw(specs.funding_chart(counties_gap), tmp_path / "funding.svg"))
    for area in counties_gap.table["area"]:
        assert area in text
    assert "Group mean (£764)" in text
    assert "Funding per head 2018/19: Leicestershire is lowest of 27" in text


def test_quadrant_chart_svg_labels_every_area(tmp_path: Path, sample) -> None:
    result = benchmark.quadrants(benchmark.select(sample))
    text = svg_texts(charts.draw(specs.quadrant_chart(result, focus="Leicestershire"), tmp_path / "q.svg"))
    for area in result.table["area"]:
        assert area in text
    for corner in ("High performance,", "low spend", "Low performance,", "high spend"):
        assert corner in text
    assert "Spend per head: rank among 27 (1 = lowest spend, at the right)" in text


def test_quadrant_chart_is_oriented_best_top_right_and_labels_do_not_overlap(sample) -> None:
    result = benchmark.quadrants(benchmark.select(sample))
    figure, boxes = charts.scatter_figure(specs.quadrant_chart(result, "Leicestershire"))
    axes = figure.axes[0]
    left, right = axes.get_xlim()
    bottom, top = axes.get_ylim()
    assert left > right and bottom > top  # rank 1 at the right and at the top
    assert len(boxes) == 27
    overlapping = [(i, j) for i, first in enumerate(boxes) for j, second in enumerate(boxes)
                   if i < j and first.overlaps(second)]
    assert overlapping == []


def test_league_chart(tmp_path: Path, sample) -> None:
    table = benchmark.rank(benchmark.select(sample)).table
    png = charts.draw(specs.league_chart(table, focus="Leicestershire"), tmp_path / "league.png")
    # 1.4 + 0.22 x 27 = 7.34 inches high at 150 dpi.
    assert png_size(png) == (1200, 1101)
    text = svg_texts(charts.draw(specs.league_chart(table, focus="Leicestershire"), tmp_path / "league.svg"))
    for position, area in zip(table["position"], table["area"], strict=True):
        assert f"{position}. {area}" in text
    assert "League table of 27 areas by average rank\n" in text + "\n"  # no theme: none named
    waste = specs.league_chart(benchmark.rank(benchmark.select(sample, theme="Waste")).table, theme="Waste")
    assert waste.title == "League table of 27 areas by average rank: Waste"


def test_over_time_chart(tmp_path: Path) -> None:
    source = tmp_path / "w.csv"
    source.write_text("area,csp_per_head_2017_18,csp_per_head_2018_19,population\nA,100,110,5\nB,90,95,10\n")
    gaps = benchmark.funding_gap_over_time(benchmark.select(benchmark.read_areas(source)), "B",
                                           measure="csp_per_head")
    text = svg_texts(charts.draw(specs.funding_over_time_chart(gaps), tmp_path / "t.svg"))
    assert "2017/18" in text and "2018/19" in text and "Group mean" in text


def test_a_chart_must_be_png_or_svg(tmp_path: Path, counties_gap) -> None:
    with pytest.raises(UsageError, match=r"charts are written as \.png or \.svg"):
        charts.draw(specs.funding_chart(counties_gap), tmp_path / "funding.jpg")
    with pytest.raises(UsageError, match="the folder .* does not exist"):
        charts.draw(specs.funding_chart(counties_gap), tmp_path / "missing" / "funding.png")
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "base.csv").write_text("area,value\n")
    with pytest.raises(UsageError, match=r"--chart .*base\.csv/x\.png: .*base\.csv is a file, not a folder"):
        charts.draw(specs.funding_chart(counties_gap), tmp_path / "base.csv" / "x.png")


def test_a_failed_write_keeps_the_previous_chart(tmp_path: Path, counties_gap, monkeypatch) -> None:
    target = tmp_path / "funding.png"
    target.write_bytes(b"previous")

    class FullDisk(io.BytesIO):
        def write(self, data: object) -> int:
            raise OSError(28, "No space left on device")

    import benchmark.core.output as output

    real_fdopen = output.os.fdopen
    monkeypatch.setattr(output.os, "fdopen", lambda handle, mode: (real_fdopen(handle, mode).close(),
                                                                   FullDisk())[1])
    with pytest.raises(BenchmarkError, match="No space left on device"):
        charts.draw(specs.funding_chart(counties_gap), target)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["funding.png"]


def test_the_same_data_draws_the_same_svg(tmp_path: Path, counties_gap) -> None:
    first = charts.draw(specs.funding_chart(counties_gap), tmp_path / "a.svg").read_bytes()
    second = charts.draw(specs.funding_chart(counties_gap), tmp_path / "b.svg").read_bytes()
    assert first == second


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_quartiles_and_trend_draw_their_tallies_as_stacked_bars(tmp_path: Path) -> None:
    focus = ["--area", "Leicestershire"]
    for command, legend in (("quartiles", ["1st quartile", "2nd", "3rd", "4th quartile", "no quartile"]),
                            ("trend", ["↑ improved", "→ no change", "↓ worse", "– not comparable"])):
        path = tmp_path / f"{command}.svg"
        result = invoke(CliRunner(), [command, *focus, "--chart", str(path), "-f", "csv"])
        assert result.exit_code == 0, result.stderr
        assert result.stderr.splitlines()[-1] == f"Wrote chart to {path}"
        texts = svg_texts(path).splitlines()
        assert texts[texts.index(legend[0]):texts.index(legend[0]) + len(legend)] == legend
        title = {"quartiles": "Quartiles", "trend": "Direction of travel"}[command]
        assert f"{title} by theme: Leicestershire" in texts
        assert "Source: county_sample.xlsx; benchmark" in " ".join(texts)


def test_a_tally_chart_has_a_part_per_column_and_a_bar_per_theme_but_the_total() -> None:
    import pandas as pd

    tally = pd.DataFrame({"theme": ["Waste", "Health", "Total"], "improved": [2, 0, 2],
                          "no change": [1, 3, 4], "worse": [0, 1, 1], "not comparable": [0, 0, 0],
                          "total": [3, 4, 7]})
    spec = specs.trend_tally_chart(tally, "Direction of travel by theme: Kent", "s")
    assert spec.categories == ("Waste", "Health")
    assert [(part.label, part.counts, part.meaning) for part in spec.segments] == [
        ("improved", (2, 0), "improved"), ("no change", (1, 3), "no change"), ("worse", (0, 1), "worse"),
        ("not comparable", (0, 0), "not comparable")]
    quartile = specs.quartile_tally_chart(pd.DataFrame({"theme": ["Waste"], "q1": [1], "q2": [0], "q3": [2],
                                                        "q4": [0], "total": [3]}), "t", "s")
    assert [(part.label, part.counts) for part in quartile.segments] == [  # no 'none' column: no part
        ("1st quartile", (1,)), ("2nd", (0,)), ("3rd", (2,)), ("4th quartile", (0,))]


def test_a_quartile_chart_needs_an_area(tmp_path: Path) -> None:
    result = invoke(CliRunner(), ["quartiles", "--chart", str(tmp_path / "q.svg")])
    assert result.exit_code == 2
    assert result.stderr == ("Error: --bottom, --top and --chart show one council's indicators; "
                             "add --area NAME\n")
    assert not (tmp_path / "q.svg").exists()


def test_a_funding_chart_names_our_own_measure_in_words(counties_gap) -> None:
    from dataclasses import replace

    assert specs.funding_subtitle(counties_gap) == ("csp_per_head_2018_19 · two_tier_county=yes (27 areas) · "
                                                    "Leicestershire population 682,500")
    ours = replace(counties_gap, measure="funding_per_head")
    assert specs.funding_subtitle(ours).startswith("Funding per head · ")
