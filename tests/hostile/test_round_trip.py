"""Whatever import writes, every command reads back the same: a source without a period column
was written with an empty period column, read back as NaN, and then 'nothing to rank'. Real
CLI, bounded child: the league table from the imported workbook is the one from the source."""

from __future__ import annotations

from pathlib import Path

import pytest
from bounded import GOOD, child

SOURCES = {
    "no_period.csv": GOOD,
    "with_period.csv": GOOD.replace("polarity\n", "polarity,period\n").replace("high\n", "high,2019\n"),
}


@pytest.mark.parametrize("name", list(SOURCES))
def test_an_imported_workbook_ranks_as_its_source(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text(SOURCES[name])
    imported = child(["import", name, "-o", "imported.xlsx"], tmp_path)
    assert imported.returncode == 0, imported.stderr.decode()
    direct = child(["rank", name, "-f", "csv"], tmp_path)
    again = child(["rank", "imported.xlsx", "-f", "csv"], tmp_path)
    assert again.returncode == 0, again.stderr.decode()
    assert again.stdout == direct.stdout
    assert again.stdout.decode().splitlines()[1:] == ["1,Surrey,1.0,1,1.0", "2,Essex,2.0,1,2.0",
                                                      "3,Kent,3.0,1,3.0"]
