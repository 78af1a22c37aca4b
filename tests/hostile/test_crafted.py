"""Small crafted workbooks that made calamine abort the process (SIGABRT, "memory allocation
failed", no Error line), from a file and from standard input, in a bounded child: each is now
refused before calamine reads it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import crafted
import pytest
from bounded import child
from test_hostile import assert_clean_error, command, environment, limit_memory

CASES = {
    "fanout.xlsx": (lambda: crafted.shared_string_fanout(30_000, 20_000),
                    ("its cells repeat shared text 572.", "more than the limit of 256.0 MiB",
                     "BENCHMARK_MAX_BYTES=")),
    "long_shared.xlsx": (lambda: crafted.shared_string_fanout(1_000_000, 5_000),
                         ("xl/sharedStrings.xml holds a cell of more than 32,767 characters",)),
    "declared.xlsx": (crafted.declared_strings,
                      ("xl/sharedStrings.xml declares 2,000,000,000 shared strings but holds 1",)),
    "giant_cell.xlsx": (crafted.giant_cell,
                        ("xl/worksheets/sheet1.xml holds a cell of more than 32,767 characters",)),
}


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("crafted")
    for name, (build, _) in CASES.items():
        (directory / name).write_bytes(build())
    return directory


@pytest.mark.parametrize("name", list(CASES))
def test_a_crafted_workbook_is_refused_before_calamine_builds_it(workbooks: Path, name: str) -> None:
    done = child(["rank", name, "-o", "out.csv"], workbooks)
    assert_clean_error(done.returncode, done.stdout, done.stderr, 1, (f"{name}: ", *CASES[name][1]))
    assert not (workbooks / "out.csv").exists()


@pytest.mark.parametrize("name", ["fanout.xlsx", "declared.xlsx"])
def test_the_same_through_standard_input(workbooks: Path, name: str) -> None:
    done = subprocess.run(command(["validate", "-"]), cwd=workbooks, env=environment({}),
                          input=(workbooks / name).read_bytes(), capture_output=True, timeout=20,
                          preexec_fn=limit_memory, check=False)
    assert_clean_error(done.returncode, done.stdout, done.stderr, 1, ("<stdin>: ", *CASES[name][1]))


def test_shared_text_under_the_limit_is_read(workbooks: Path) -> None:
    """2,000 cells sharing a 30,000-character string (57 MiB of text) are read, not refused:
    the refusal that follows is about the data (those cells are in a column without a header)."""
    (workbooks / "shared_ok.xlsx").write_bytes(crafted.shared_string_fanout(30_000, 2_000))
    done = child(["rank", "shared_ok.xlsx"], workbooks)
    assert_clean_error(done.returncode, done.stdout, done.stderr, 1,
                       ("sheet 'data', row 5, column A (area): the area is blank",))
