"""The headline default: a Rich table when standard output is a terminal, plain CSV when piped.

The terminal is a real pseudo-terminal, 80 columns wide, so this is what a person sees.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios

import pytest

from benchmark import read_dataset, sample_path

COLUMNS = 80


def on_terminal(args: list[str], columns: str | None = None) -> tuple[int, str]:
    """Run `benchmark ARGS` with standard output on a pseudo-terminal; its exit code and screen.
    ``columns``: the COLUMNS variable, which wins over the terminal's own width."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, COLUMNS, 0, 0))
    env = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    if columns is not None:
        env["COLUMNS"] = columns
    process = subprocess.Popen([sys.executable, "-m", "benchmark", *args], stdout=follower,
                               stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end closed: Linux says EIO
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return process.wait(timeout=120), b"".join(chunks).decode("utf-8")


def piped(args: list[str]) -> tuple[int, str]:
    done = subprocess.run([sys.executable, "-m", "benchmark", *args], capture_output=True, text=True,
                          timeout=120, check=False)
    return done.returncode, done.stdout


def visible(screen: str) -> list[str]:
    plain = re.sub(r"\x1b\[[0-9;]*m", "", screen)
    return plain.replace("\r\n", "\n").splitlines()


@pytest.mark.parametrize("args", [["rank"], ["quartiles", "--area", "Leicestershire", "--summary"]])
def test_a_terminal_gets_a_rich_table_by_default(args: list[str]) -> None:
    code, screen = on_terminal(args)
    assert code == 0, screen
    assert "┏" in screen and "┃" in screen and "┡" in screen  # Rich's heavy-head box
    assert "\x1b[" in screen  # styled: bold headers
    assert "," not in screen.split("┏", 1)[1].splitlines()[2]  # rows of cells, not CSV
    assert on_terminal([*args, "-f", "table"]) == (code, screen)


def test_a_wide_league_table_is_split_to_fit_80_columns_with_every_name_and_number() -> None:
    code, screen = on_terminal(["rank"])
    lines = visible(screen)
    assert code == 0 and max(len(line) for line in lines) <= COLUMNS
    assert [line for line in lines if "League table" in line] == [
        "      League table of 27 areas by average rank (1 = best) (1 of 2)      ",
        " League table of 27 areas by average rank (1 = best) (2 of 2) "]
    areas = set(read_dataset(sample_path()).areas["area"])
    for part in screen.split("League table")[1:]:  # every part names every area in full
        assert all(area in part for area in areas)
    assert "…" not in screen  # nothing cut short
    assert "│        1 │ North Yorkshire  │    9.68 │         22 │   8.50 │   6.83 │" in lines
    assert "│        1 │ North Yorkshire  │    14.25 │      6.75 │ 18.50 │" in lines


@pytest.mark.parametrize("args", [["rank"], ["quartiles", "--area", "Leicestershire", "--summary"]])
def test_a_pipe_gets_plain_csv_by_default(args: list[str]) -> None:
    code, text = piped(args)
    assert code == 0
    assert "┃" not in text and "\x1b[" not in text
    assert text == piped([*args, "-f", "csv"])[1]
    header = text.splitlines()[0]
    assert header.startswith("position,area,average_rank,indicators") or header.startswith("theme,")


@pytest.mark.parametrize("columns", ["20", "0"])
def test_a_terminal_narrower_than_any_table_still_shows_every_name(columns: str) -> None:
    """COLUMNS=20 once hid every council name (a zero-width area column) and COLUMNS=0 printed
    nothing: the table is drawn at the least width that keeps names whole, and its lines wrap."""
    from benchmark.io.sample import sample_path

    code, screen = on_terminal(["rank"], columns)
    shown = "\n".join(visible(screen))
    assert code == 0, screen
    counties = piped(["rank", str(sample_path()), "-f", "csv"])[1].splitlines()[1:]
    names = [line.split(",")[1] for line in counties]
    assert len(names) == 27 and all(f"│ {name} " in shown for name in names), shown
