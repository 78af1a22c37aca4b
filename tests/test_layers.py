"""The shape of the house: layers import one way, and help stays free of heavy imports."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_main_probe

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "benchmark"
PRESENTATION = {"typer", "rich", "tabulate", "matplotlib"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def modules_in(*parts: str) -> list[Path]:
    return sorted(PACKAGE.joinpath(*parts).rglob("*.py"))


CORE = [p for p in modules_in() if p.parent.name not in ("cli", "render") and p.name != "__main__.py"]


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_never_imports_presentation(path: Path) -> None:
    assert not imported_modules(path) & PRESENTATION


@pytest.mark.parametrize("path", modules_in("render"), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_render_never_imports_typer(path: Path) -> None:
    assert "typer" not in imported_modules(path)


def test_there_are_modules_to_check() -> None:
    assert len(CORE) >= 10 and len(modules_in("render")) >= 5


HEAVY = ("pandas", "numpy", "openpyxl", "matplotlib", "python_calamine")


@pytest.mark.parametrize("args", [["--help"], ["rank", "--help"], ["validate", "-h"], ["--version"]])
def test_help_and_version_import_nothing_heavy(args: list[str]) -> None:
    done = run_main_probe(args, f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr


CORE_MODULES = ("benchmark.analysis.ranking", "benchmark.analysis.quartiles", "benchmark.analysis.selection",
                "benchmark.analysis.quadrants", "benchmark.analysis.trend", "benchmark.io")


@pytest.mark.parametrize("args", [["--help"], ["rank", "--help"], ["quadrants", "--help"],
                                  ["trend", "--help"], ["report", "--help"]])
def test_help_lists_choices_without_loading_the_code_behind_them(args: list[str]) -> None:
    """Method choices and defaults come from benchmark.core.methods (about 60 ms less for --help)."""
    done = run_main_probe(args, f"print(sorted(m for m in {CORE_MODULES!r} if m in sys.modules))")
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr


def test_a_command_imports_only_its_own_module() -> None:
    """`benchmark rank ...` has Typer build rank's module's commands, not all nine."""
    done = run_main_probe(["rank", "--help"],
                          "print(sorted(m for m in sys.modules if m.startswith('benchmark.cli.')))")
    assert done.stdout.strip().splitlines()[-1] == (
        "['benchmark.cli.app', 'benchmark.cli.collector', 'benchmark.cli.console', 'benchmark.cli.inputs', "
        "'benchmark.cli.options', "
        "'benchmark.cli.rank']"
    ), done.stderr


def test_every_command_is_listed_with_its_module() -> None:
    """cli.COMMAND_MODULES lets `benchmark COMMAND` import one module; add a new command to it."""
    from benchmark.cli import COMMAND_MODULES, app

    defined = {command.name: command.callback.__module__ for command in app.registered_commands}
    assert defined == {name: f"benchmark.cli.{module}" for name, module in COMMAND_MODULES.items()}


@pytest.mark.parametrize("args", [["validate", "-f", "csv"], ["--version", "rank"], ["quartiles", "-h"],
                                  ["--help"], ["-h"], [], ["rnak"], ["--help", "rank"], ["-h", "trend", "-h"],
                                  ["--version"]])
def test_main_runs_each_command_on_its_own(args: list[str]) -> None:
    """main() builds only the command given; it runs as `from benchmark.cli import app` would."""
    from typer.testing import CliRunner

    from benchmark.cli import app

    done = subprocess.run([sys.executable, "-m", "benchmark", *args], capture_output=True, text=True,
                          timeout=120, check=False)
    expected = CliRunner().invoke(app, args)
    assert (done.returncode, done.stdout) == (expected.exit_code, expected.stdout)



def test_shipped_files_come_from_beside_the_package_or_through_importlib_resources(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import benchmark.core.data_folder as data_folder

    beside = data_folder.data_path("geography", "areas.csv")
    assert isinstance(beside, Path) and beside.is_file()
    # Installed some other way (a zip import, say): nothing beside the module, and the same files
    # come through importlib.resources.
    monkeypatch.setattr(data_folder, "__file__", str(tmp_path / "data_folder.py"))
    through = data_folder.data_path("geography", "areas.csv")
    assert not isinstance(through, Path) or not str(through).startswith(str(tmp_path))
    assert through.read_text(encoding="utf-8") == beside.read_text(encoding="utf-8")
    assert sorted(entry.name for entry in data_folder.data_path("profiles").iterdir()) == sorted(
        entry.name for entry in beside.parent.parent.joinpath("profiles").iterdir())


# Whether collections were paused when they were resumed, then the state main() leaves.
GC_SPY = ("import gc\nfrom benchmark.cli import collector\nseen = []\n_resume = collector.resume\n"
          "def spy():\n    seen.append(gc.isenabled())\n    _resume()\ncollector.resume = spy\n")
GC_STATE = "print(seen[0], gc.isenabled(), gc.get_freeze_count() > 0)"


@pytest.mark.parametrize("args", [["rank"], ["funding-gap", "--area", "Kent"], ["--version"]])
def test_main_pauses_the_collector_for_start_up_and_freezes_what_loaded(args: list[str]) -> None:
    """Collections are paused until the data is read (or the command ends) and then resume,
    with everything loaded by then frozen; the collector is left on (see cli/collector.py)."""
    done = run_main_probe(args, GC_STATE, setup=GC_SPY)
    assert done.stdout.strip().splitlines()[-1] == "False True True", done.stderr


def test_the_collector_is_left_alone_when_the_app_is_run_from_python() -> None:
    import gc

    from benchmark.cli import collector

    collector.resume()  # without pause(): a test or a script calling the app
    assert gc.isenabled() and gc.get_freeze_count() == 0
