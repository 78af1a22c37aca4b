"""Every figure docs/methodology.md and docs/data-format.md show beside a command is what that
command prints: each `$ benchmark ...` in a console block is run on the files the page gives (its
csv blocks, and the files its prose describes) and its output compared with the lines under it."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from conftest import ROOT, invoke

PAGE = (ROOT / "docs" / "methodology.md").read_text()
DATA_FORMAT = (ROOT / "docs" / "data-format.md").read_text()
BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)
QUADRANTS = "## 12."  # from here on methodology's files are the eight areas of the quadrant example


def folder_of(page: str, at: int) -> str:
    if page is DATA_FORMAT:
        return "data-format"
    return "quadrants" if at > page.index(QUADRANTS) else "method"


def page_files() -> dict[str, dict[str, str]]:
    """The files of methodology's worked example ('method'), of its quadrant example ('quadrants')
    and of data-format's example, by name: each csv block is the file named last in the prose
    before it (data.csv if none is); a later block of a name replaces an earlier one."""
    files: dict[str, dict[str, str]] = {"method": {}, "quadrants": {}, "data-format": {}}
    for page in (PAGE, DATA_FORMAT):
        end = 0
        for block in BLOCK.finditer(page):
            if block[1] == "csv":
                named = re.findall(r"`(\w+\.csv)`", page[end:block.start()])
                files[folder_of(page, block.start())][named[-1] if named else "data.csv"] = block[2]
            end = block.end()
    method = files["method"]
    # Described in prose: weights.csv, coverage.csv; the quadrant example's indicators and areas.
    extra = re.search(r"`coverage.csv` is `data.csv` plus one row, `([^`]+)`", PAGE)
    assert extra is not None
    method["coverage.csv"] = method["data.csv"] + extra[1] + "\n"
    assert "`weights.csv` is `indicators.csv` with a `weight` column: 2 for employment rate, blank" in PAGE
    rows = method["indicators.csv"].splitlines()
    method["weights.csv"] = "\n".join([rows[0] + ",weight", rows[1] + ",2", *(row + "," for row in rows[2:])])
    quadrants = files["quadrants"]
    described = re.search(r"`indicators.csv` is ((?:`[^`]+`(?: / )?)+); `areas.csv` is\s+`([^`]+)` with "
                          r"([^.]+)\.", PAGE)
    assert described is not None
    quadrants["indicators.csv"] = "\n".join(re.findall(r"`([^`]+)`", described[1])) + "\n"
    spend = re.findall(r"([A-H]) ([\d,]+)", described[3])
    assert len(spend) == 8
    quadrants["areas.csv"] = described[2] + "\n" + "".join(f"{a},{v.replace(',', '')}\n" for a, v in spend)
    return files


def console_commands() -> list[tuple[str, str, list[str]]]:
    """(folder, command line, lines shown under it) for every command the page shows output of."""
    found = []
    for page, block in [(text, block) for text in (PAGE, DATA_FORMAT) for block in BLOCK.finditer(text)]:
        if block[1] != "console":
            continue
        folder = folder_of(page, block.start())
        for part in re.split(r"^(?=\$ )", block[2].strip("\n"), flags=re.MULTILINE)[1:]:
            command, *shown = part.rstrip("\n").splitlines()
            if "--chart" in command:  # draws an image of the page: nothing printed to compare
                continue
            found.append((folder, command.removeprefix("$ "), [line for line in shown if line]))
    return found


COMMANDS = console_commands()


def shown_as_printed(stdout: str, stderr: str) -> list[str]:
    """What a terminal shows: the caption (stderr) above the table (stdout), warnings below."""
    words = stderr.splitlines()
    warnings = [line for line in words if line.startswith("Warning: ")]
    return [line for line in words if line not in warnings] + stdout.splitlines() + warnings


def agrees(shown: list[str], printed: list[str]) -> bool:
    """The page's lines are the printed lines, where a '...' line stands for rows left out."""
    parts: list[list[str]] = [[]]
    for line in shown:
        parts.append([]) if line == "..." else parts[-1].append(line)
    if len(parts) == 1:
        return shown == printed
    if printed[:len(parts[0])] != parts[0] or printed[len(printed) - len(parts[-1]):] != parts[-1]:
        return False
    rest = printed[len(parts[0]):len(printed) - len(parts[-1])]
    for middle in parts[1:-1]:
        at = next((i for i in range(len(rest)) if rest[i:i + len(middle)] == middle), None)
        if at is None:
            return False
        rest = rest[at + len(middle):]
    return True


def test_the_page_shows_the_commands_of_every_example() -> None:
    lines = [command for _, command, _ in COMMANDS]
    assert len(lines) == 23 + 6
    assert sum(command.startswith("benchmark funding-gap") for command in lines) == 3
    assert sum(command.startswith("benchmark quadrants") for command in lines) == 3


@pytest.mark.parametrize(("folder", "command", "shown"), COMMANDS, ids=[c for _, c, _ in COMMANDS])
def test_the_page_shows_what_the_command_prints(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               folder: str, command: str, shown: list[str]) -> None:
    for name, text in page_files()[folder].items():
        (tmp_path / name).write_text(text)
    args = shlex.split(command)[1:]
    args = [str(ROOT / arg) if arg.startswith("tests/data/") else arg for arg in args]
    monkeypatch.chdir(tmp_path)
    result = invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    printed = shown_as_printed(result.stdout, result.stderr)
    assert agrees(shown, printed), "\n".join(["the page shows:", *shown, "", "the command prints:", *printed])


def test_rows_left_out_of_a_table_are_counted_right(cli) -> None:
    note = re.search(r"\((\d+) rows cut here; the command prints all (\d+)\.\)", PAGE)
    assert note is not None
    [(_, command, shown)] = [found for found in COMMANDS if "..." in found[2]]
    args = [str(ROOT / arg) if arg.startswith("tests/data/") else arg for arg in shlex.split(command)[1:]]
    printed = invoke(cli, args).stdout.splitlines()[2:]  # the rows under the header and its rule
    kept = [line for line in shown if line.startswith("| ")][1:]
    assert (int(note[1]), int(note[2])) == (len(printed) - len(kept), len(printed))


def test_the_funding_figures_in_the_prose(cli) -> None:
    """Section 11's hand-worked mean, median, upper quartile and maximum, recomputed with the csv
    module from the published table, and the bundled sample's sentence from the command."""
    import csv

    with (ROOT / "tests" / "data" / "seed_csp_per_head_2018_19.csv").open() as table:
        counties = sorted((float(row["csp_per_head_2018_19"]), row["authority"])
                          for row in csv.DictReader(table) if row["two_tier_county"] == "yes")
    values = [value for value, _ in counties]
    position = 0.75 * (len(values) - 1)  # QUARTILE.INC: 19.5, between the 20th and 21st smallest
    upper = values[int(position)] + (position % 1) * (values[int(position) + 1] - values[int(position)])
    prose = " ".join(PAGE.split())
    assert f"the values add up to {sum(values):,.0f}, so the mean is {sum(values):,.0f} / 27 = " \
        f"£{sum(values) / 27:.2f}" in prose
    assert f"the median is the 14th value, {counties[13][1]}'s £{values[13]:.0f}" in prose
    neighbours = f"{counties[19][1]}'s £{values[19]:.0f} and {counties[20][1]}'s £{values[20]:.0f}"
    assert f"{neighbours}: £{upper:.2f}" in prose
    assert f"the maximum is {counties[-1][1]}'s £{values[-1]:.0f}" in prose
    assert f"{upper - 677} × 682,500 = £{(upper - 677) * 682_500 / 1e6:.1f}m" in prose
    sample = invoke(cli, ["funding-gap", "--area", "Leicestershire", "--vs", "Surrey"])
    assert "population 715,117" in sample.stderr and "£104.4m a year more" in sample.stderr
    assert "146 × 715,117 = £104.4m" in prose and f"{146 * 715_117 / 1e6:.1f}" == "104.4"


def test_the_agreement_check_can_fail() -> None:
    printed = ["caption", "| a |", "| 1 |", "| 2 |", "| 3 |"]
    assert agrees(["caption", "| a |", "| 1 |", "...", "| 3 |"], printed)
    assert not agrees(["caption", "| a |", "| 1 |", "...", "| 4 |"], printed)
    assert not agrees(["caption", "| a |", "| 1 |", "| 3 |"], printed)
