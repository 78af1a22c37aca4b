"""Charts are drawn or refused before any output is written, and never read a name as markup:
10,000 areas once ended in a MemoryError after -o was written, and '$...$' in a name crashed
matplotlib's mathtext. Real CLI, bounded child."""

from __future__ import annotations

from pathlib import Path

from bounded import child, many_areas
from test_hostile import assert_clean_error

MATH = "Kent $\\frac{1}{0}^$"


def test_a_chart_of_too_many_areas_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    source = many_areas(tmp_path, 10_000)
    out = tmp_path / "out"
    out.mkdir()
    done = child(["rank", str(source), "-o", str(out / "league.csv"), "--chart", str(out / "league.png")],
                 tmp_path)
    assert_clean_error(done.returncode, done.stdout, done.stderr, 2,
                       ("--chart", "10,000 areas are too many to draw", "at most 500", "--group"))
    assert list(out.iterdir()) == []


def test_a_name_with_dollar_signs_is_drawn_as_text(tmp_path: Path) -> None:
    rows = [f"{MATH},Jobs,1,high", "Essex $x,Jobs,2,high", "Surrey,Jobs,3,high"]
    (tmp_path / "dollars.csv").write_text("area,indicator,value,polarity\n" + "\n".join(rows) + "\n")
    done = child(["rank", "dollars.csv", "-o", "league.csv", "--chart", "league.svg"], tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    svg = (tmp_path / "league.svg").read_text()
    assert "Kent $\\frac{1}{0}^$" in svg and "Essex $x" in svg
    assert (tmp_path / "league.csv").read_text().splitlines()[3].startswith("3,Kent $\\frac{1}{0}^$,")
