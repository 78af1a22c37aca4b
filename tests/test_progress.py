"""The progress display: on a terminal's stderr after a delay, never on stdout or in a pipe.

No timings are asserted: the delay is set to nothing, and the tests wait for what is shown."""

from __future__ import annotations

import io
import time

from rich.console import Console

from benchmark.cli.app import ranking_phase
from benchmark.cli.console import progress
from benchmark.cli.records import reading
from tests.conftest import run_main_probe


def fake_terminal() -> Console:
    return Console(file=io.StringIO(), force_terminal=True, width=80, color_system=None)


def wait_for(text: str, terminal: Console) -> str:
    deadline = time.monotonic() + 30
    while text not in terminal.file.getvalue() and time.monotonic() < deadline:  # type: ignore[attr-defined]
        time.sleep(0.01)
    return terminal.file.getvalue()  # type: ignore[attr-defined, no-any-return]


def test_slow_work_is_named_on_the_terminal() -> None:
    terminal = fake_terminal()
    with progress("Reading big.csv (312 MB)", delay=0, console=terminal):
        shown = wait_for("Reading big.csv (312 MB)\u2026", terminal)
    assert "Reading big.csv (312 MB)\u2026" in shown


def test_quick_work_shows_nothing() -> None:
    terminal = fake_terminal()
    with progress("Ranking 3 indicators", delay=3600, console=terminal):
        pass
    assert terminal.file.getvalue() == ""  # type: ignore[attr-defined]


def test_the_display_ends_with_the_work_even_on_an_error() -> None:
    terminal = fake_terminal()
    try:
        with progress("Ranking", delay=0, console=terminal):
            wait_for("Ranking", terminal)
            raise ValueError("stop")
    except ValueError:
        pass
    written = len(terminal.file.getvalue())  # type: ignore[attr-defined]
    time.sleep(0.2)
    assert len(terminal.file.getvalue()) == written  # type: ignore[attr-defined]  # no more refreshes


def test_nothing_on_stderr_that_is_not_a_terminal(capsys) -> None:  # type: ignore[no-untyped-def]
    with progress("Reading big.csv", delay=0):
        time.sleep(0.1)
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", "")


def test_a_piped_run_shows_no_progress_and_imports_no_rich() -> None:
    done = run_main_probe(["rank", "--period", "all", "-f", "csv"],
                          "sys.stderr.write(repr([m for m in sys.modules if m.startswith('rich.live')]))",
                          setup="import benchmark.cli.console as console\nconsole.PROGRESS_DELAY = 0\n",
                          timeout=120)
    assert done.stdout.startswith("period,position,area")
    assert "Reading" not in done.stderr and "Ranking" not in done.stderr and "\u2026" not in done.stderr
    assert done.stderr.endswith("[]")


def test_the_phases_are_named() -> None:
    from benchmark import read_dataset, sample_path

    dataset = read_dataset(sample_path())
    assert reading("-") == "Reading standard input"
    assert reading(str(sample_path())) == "Reading county_sample.xlsx"
    assert reading("no/such/file.csv") == "Reading file.csv"
    indicators = len(dataset.indicators)
    periods = dataset.observations["period"].nunique()
    assert ranking_phase(dataset, by_period=False) == f"Ranking {indicators} indicators"
    assert ranking_phase(dataset, by_period=True) == (f"Ranking {indicators} indicators \u00d7 "
                                                      f"{periods} periods")


def test_a_big_file_is_named_with_its_size(tmp_path) -> None:  # type: ignore[no-untyped-def]
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 2_500_000)
    assert reading(str(big)) == "Reading big.csv (2 MB)"
