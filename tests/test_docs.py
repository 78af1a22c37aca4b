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


def test_the_readmes_python_example_runs_and_agrees_with_the_command_line() -> None:
    import io
    from contextlib import redirect_stdout

    import pandas as pd
    from typer.testing import CliRunner

    readme = (ROOT / "README.md").read_text()
    example = readme.split("```python\n")[1].split("\n```")[0]
    namespace: dict[str, object] = {}
    with redirect_stdout(io.StringIO()):
        exec(compile(example, "README.md", "exec"), namespace)  # noqa: S102 - our own README
    ranking = namespace["ranking"]
    shown = CliRunner().invoke(app, ["rank", "--group", "counties-2018", "-f", "csv"]).stdout
    pd.testing.assert_frame_equal(pd.read_csv(io.StringIO(shown)), ranking.table,  # type: ignore[attr-defined]
                                  check_dtype=False)
