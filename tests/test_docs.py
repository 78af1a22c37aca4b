"""Documentation that must not go stale."""

from __future__ import annotations

import runpy

from conftest import ROOT

from benchmark.cli import app


def test_cli_reference_is_current() -> None:
    generator = runpy.run_path(str(ROOT / "docs" / "generate_cli_reference.py"))
    expected = generator["reference"]()
    actual = (ROOT / "docs" / "cli.md").read_text()
    assert actual == expected, "docs/cli.md is stale: python docs/generate_cli_reference.py > docs/cli.md"


def test_every_command_and_option_is_documented() -> None:
    from typer.main import get_command

    text = (ROOT / "docs" / "cli.md").read_text()
    group = get_command(app)
    for name, command in group.commands.items():
        assert f"## `benchmark {name}`" in text
        for param in command.params:
            for flag in getattr(param, "opts", []):
                if flag.startswith("-"):
                    assert f"`{flag}`" in text, f"{name} {flag} is undocumented"


def test_docs_exist_for_the_data_contract_and_methodology() -> None:
    for name in ("data-format.md", "methodology.md", "cli.md"):
        assert (ROOT / "docs" / name).stat().st_size > 1000
