"""A large CSV read as two halves at once gives exactly what reading it whole gives.

The halves are forced here on small files by lowering the size at which a file is split.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmark.core.errors import DataError
from benchmark.core.values import text_column
from benchmark.io.delimited import halves
from benchmark.io.tables import read_tables

CELLS = ["Kent", "Surrey", "", " ", "1", "2.5", "007", "True", "x y", "£3", "n/a"]


def _read(path: Path, split: bool) -> tuple[list[list[str | None]], list[int]]:
    """Every cell as text, and the row numbers, of the one table in ``path``."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(halves, "SPLIT_BYTES", 0 if split else 1 << 40)
        table = read_tables(path)[0]
    columns = [list(text_column(table.frame[name])) for name in table.frame.columns]
    return [list(column) for column in zip(*columns, strict=True)], list(table.row_numbers)


rows = st.lists(st.lists(st.sampled_from(CELLS), min_size=1, max_size=3), min_size=2, max_size=40)


@given(rows=rows, ending=st.sampled_from(["\n", "\r\n"]), blank_every=st.integers(0, 5))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_two_halves_read_as_the_whole_file(tmp_path: Path, rows: list[list[str]], ending: str,
                                           blank_every: int) -> None:
    # Short rows, blank lines and separator-only lines among them, either line ending.
    lines = ["area,indicator,value"]
    for number, row in enumerate(rows):
        lines.append("" if blank_every and number % (blank_every + 1) == blank_every else ",".join(row))
    path = tmp_path / "data.csv"
    path.write_bytes((ending.join(lines) + ending).encode())
    assert _read(path, split=True) == _read(path, split=False)


def test_a_large_file_is_split_and_its_categories_joined(tmp_path: Path, monkeypatch) -> None:
    joined = []
    join = halves._join

    def spy(first, second):
        joined.append(len(second))
        return join(first, second)

    monkeypatch.setattr(halves, "_join", spy)
    path = tmp_path / "data.csv"
    path.write_text("area,value\n" + "".join(f"Area {n % 7},{n}\n" for n in range(1000))
                    + "".join(f"Other {n},\n" for n in range(1000)))
    assert _read(path, split=True) == _read(path, split=False)
    assert joined and 0 < joined[0] < 2000  # the second half came from the other thread


def test_a_bad_row_in_the_second_half_gets_the_whole_files_message(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text("area,value\n" + "A,1\n" * 500 + "B,2,surplus\n" + "C,3\n" * 10)
    messages = []
    for split in (True, False):
        with pytest.raises(DataError) as refused:
            _read(path, split)
        messages.append(str(refused.value))
    assert messages[0] == messages[1] and "row 502" in messages[0]


def test_files_with_quotes_or_too_small_are_read_whole() -> None:
    big = b"area,value\n" + b"A,1\n" * 100
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(halves, "SPLIT_BYTES", 0)
        assert halves.split_point(big) is not None
        assert halves.split_point(big.replace(b"A,1", b'"A",1')) is None  # a line break may be quoted
        assert halves.split_point(b"area,value\nA,1") is None  # one row: nothing to split
    assert halves.split_point(big) is None  # under the size worth a second thread


def test_a_failed_half_leaves_nothing_behind_for_the_collector() -> None:
    """With collections paused (as the command line pauses them while it reads), the failed
    half keeps no traceback, whose frames would hold the file in a reference cycle."""
    import gc
    import sys

    import pandas as pd

    payload = b"area,value\n" + b"A,1\n" * 500 + b"B,2,surplus\n" + b"C,3\n" * 10
    held = sys.getrefcount(payload)
    gc.disable()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(halves, "SPLIT_BYTES", 0)
            with pytest.raises(pd.errors.ParserError):
                halves.read_csv_bytes(payload, {"dtype": "category"})
        assert sys.getrefcount(payload) == held
    finally:
        gc.enable()
