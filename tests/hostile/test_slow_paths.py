"""Inputs that once took tens of seconds in a quadratic regular expression, read in a bounded
child (20 s) with the right result: a 20 KB run of spaces in an area name (the footnote pattern
in geography/names.py) and a 30 KB cell with a tab after a long run of spaces (the line-break
pattern in core/text.py). How time grows with the number of areas is in benchmarks/run.py."""

from __future__ import annotations

from pathlib import Path

from bounded import child

HEADER = "area,indicator,value,polarity\n"


def test_a_long_run_of_spaces_in_an_area_name(tmp_path: Path) -> None:
    name = "Kent" + " " * 20_000 + "x"
    (tmp_path / "spaces.csv").write_text(HEADER + f"{name},Jobs,1,high\nEssex,Jobs,2,high\n")
    done = child(["rank", "spaces.csv", "-f", "csv"], tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    lines = done.stdout.decode().splitlines()
    assert lines[1:] == ["1,Essex,1.0,1,1.0", f"2,{name},2.0,1,2.0"]


def test_a_long_cell_with_a_tab(tmp_path: Path) -> None:
    """The tab, and the run of white space it ends, read as one space (a wrapped cell)."""
    indicator = "Jobs" + " " * 30_000 + "x\tb"
    (tmp_path / "tab.csv").write_text(HEADER + f"Kent,{indicator},1,high\nEssex,{indicator},2,high\n")
    done = child(["rank", "tab.csv", "--detail", "-f", "csv"], tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert "Jobs" + " " * 30_000 + "x b" in done.stdout.decode()
