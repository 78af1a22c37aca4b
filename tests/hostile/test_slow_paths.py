"""Inputs that once took tens of seconds in a quadratic regular expression, read in a bounded
child (20 s) with the right result: a 20 KB run of spaces in an area name (the footnote pattern
in geography/names.py) and a 30 KB cell with a tab after a long run of spaces (the line-break
pattern in core/text.py). How time grows with the number of areas is in benchmarks/run.py."""

from __future__ import annotations

from pathlib import Path

from bounded import child
from test_hostile import assert_clean_error

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


def test_a_wide_file_at_the_limits_ends_in_a_result_or_one_error(tmp_path: Path) -> None:
    """300 areas x 16,000 indicators (4.8 million cells, inside both limits) took 60 s and ended
    in a MemoryError traceback. It is now read as plain text (a categorical per column cost more
    than it saved) in about 10 s; under the 1 GiB cap it still runs out of memory (peak about
    1.1 GB; see docs/security.md, what is left), and says so in one line."""
    headers = ",".join(f"ind{index}" for index in range(16_000))
    row = ",".join(str(index % 997) for index in range(16_000))
    (tmp_path / "wide.csv").write_text(f"area,{headers}\n" + "".join(f"Area {area},{row}\n"
                                                                    for area in range(300)))
    (tmp_path / "meta.csv").write_text("indicator,polarity\n" + "".join(f"ind{index},high\n"
                                                                      for index in range(16_000)))
    done = child(["rank", "wide.csv", "--indicators", "meta.csv", "-o", "out.csv"], tmp_path)
    if done.returncode == 0:
        assert (tmp_path / "out.csv").read_text().splitlines()[1].startswith("1,Area 0,")
    else:
        assert_clean_error(done.returncode, done.stdout, done.stderr, 1,
                           ("ran out of memory; the input is too large for this machine",))
        assert not (tmp_path / "out.csv").exists()
