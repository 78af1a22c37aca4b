"""--help and docs/cli.md say what the commands do: no promise a command does not keep."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import ROOT, invoke, run_process
from typer.main import get_command

from benchmark.cli import app


def _params(command: str) -> dict[str, object]:
    return {param.name: param for param in get_command(app).commands[command].params}  # type: ignore[attr-defined]


def test_the_command_list_gives_each_command_one_line() -> None:
    done = run_process(["--help"])
    listing = done.stdout.decode().split("Commands")[1]
    rows = [line.strip("│ ") for line in listing.splitlines()[1:] if line.startswith("│")]
    names = [row.split()[0] for row in rows]
    assert names == list(get_command(app).commands)  # no row carries on a sentence cut short
    report = next(row for row in rows if row.startswith("report"))
    assert report.endswith("The compendium for one council, with every rule stated.")


def test_a_required_option_says_so_once_in_help_and_in_the_reference() -> None:
    reference = (ROOT / "docs" / "cli.md").read_text()
    assert "inspect._empty" not in reference
    sections = {block.split("`", 1)[0]: block for block in reference.split("## `benchmark ")[1:]}
    required = []
    for name, command in get_command(app).commands.items():
        for param in command.params:
            if param.required and param.param_type_name == "option":
                assert "required" not in (param.help or "").casefold(), (name, param.name)
                row = next(line for line in sections[name].splitlines() if f"`{param.opts[0]}`" in line)
                assert "| required |" in row, row
                required.append((name, param.opts[0]))
    assert ("funding-gap", "--area") in required and ("report", "--output") in required


def test_only_the_commands_that_take_period_all_offer_it(cli) -> None:
    offering = {name for name, command in get_command(app).commands.items()
                for param in command.params if param.name == "period" and "'all'" in (param.help or "")}
    assert offering == {"rank", "quartiles"}
    assert "league table" not in (_params("quartiles")["period"].help or "")  # type: ignore[attr-defined]
    every = invoke(cli, ["quartiles", "--period", "all", "-f", "csv"])
    periods = {row["period"] for row in csv.DictReader(io.StringIO(every.stdout))}
    assert every.exit_code == 0 and len(periods) > 1
    refused = invoke(cli, ["quadrants", "--period", "all"])
    assert refused.exit_code == 2 and refused.stdout == ""
    assert refused.stderr.endswith("Error: --period all: quadrants set one period's performance against "
                                   "spend; give one --period, an --as-at edition, or leave --period out "
                                   "for the latest\n")


@pytest.mark.parametrize("command", ["rank", "quadrants", "report"])
def test_period_help_names_what_the_command_does(command: str) -> None:
    assert (_params(command)["period"].help or "").startswith("Rank this period only")  # type: ignore[attr-defined]
