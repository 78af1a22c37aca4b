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


def imports_of(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function (absolute names; relative
    imports resolved), TYPE_CHECKING blocks included: a type-only arrow is an arrow too."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            names.add(base)
            # `from benchmark.cli import options` imports the module benchmark.cli.options
            names.update(f"{base}.{alias.name}" for alias in node.names
                         if is_module(f"{base}.{alias.name}"))
    return names


def is_module(name: str) -> bool:
    place = PACKAGE.parent.joinpath(*name.split("."))
    return place.with_suffix(".py").exists() or place.is_dir()


def imported_modules(path: Path) -> set[str]:
    return {name.split(".")[0] for name in imports_of(path)}


def modules_in(*parts: str) -> list[Path]:
    return sorted(PACKAGE.joinpath(*parts).rglob("*.py"))


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


# What each folder may import of the package, besides itself (docs: README "Where things go").
# render's format-free vocabulary (tables, their columns' kinds, chart specs, document sections)
# is what views and the report build; the rest of render draws them.
VOCABULARY = {"render.view", "render.columns", "render.chart_specs", "render.plan"}
ALLOWED = {
    "core": set(),
    "geography": {"core"},
    "io": {"core", "geography"},
    "analysis": {"core", "geography"},
    "views": {"core", "geography", "analysis", *VOCABULARY},
    "report": {"core", "geography", "analysis", "views", *VOCABULARY},
    "render": {"core"},
}
TOP = {"benchmark", "benchmark.__main__"}  # the public API and `python -m benchmark`: anything


def layer_of(module: str) -> str:
    return module.split(".")[1] if module.count(".") >= 1 and module not in TOP else module


def allowed(source: str, target: str) -> bool:
    layer = layer_of(source)
    if source in TOP or layer == "cli" or layer_of(target) == layer:
        return True
    rest = target.removeprefix("benchmark.")
    return any(rest == name or rest.startswith(name + ".") for name in ALLOWED[layer])


ALL = [path for path in modules_in() if "data" not in path.relative_to(PACKAGE).parts]


@pytest.mark.parametrize("path", ALL, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_folder_imports_only_the_layers_below_it(path: Path) -> None:
    source = module_name(path)
    assert layer_of(source) in {*ALLOWED, "cli"} or source in TOP, f"{source}: a folder ALLOWED does not list"
    wrong = sorted(target for target in imports_of(path)
                   if target.startswith("benchmark.") and not allowed(source, target))
    assert not wrong, f"{source} imports {wrong}"


@pytest.mark.parametrize("name", sorted(VOCABULARY))
def test_the_format_free_vocabulary_draws_nothing(name: str) -> None:
    """What views and the report may import of render imports no renderer and no drawing library."""
    path = PACKAGE.joinpath(*name.split(".")).with_suffix(".py")
    targets = imports_of(path)
    assert not {target.split(".")[0] for target in targets} & {*PRESENTATION, "openpyxl"}
    inside = {target.removeprefix("benchmark.") for target in targets if target.startswith("benchmark.")}
    assert all(target.startswith("core.") or target in VOCABULARY for target in inside), inside


def test_a_forbidden_arrow_is_seen(tmp_path: Path) -> None:
    """The check above can fail: an io module importing render is caught, lazily or not."""
    assert not allowed("benchmark.io.dataset", "benchmark.render.excel")
    assert not allowed("benchmark.core.model", "benchmark.io.profiles")
    assert not allowed("benchmark.render.charts", "benchmark.analysis.funding")
    assert allowed("benchmark.views.league", "benchmark.analysis.ranking")
    assert allowed("benchmark.cli.rank", "benchmark.render.excel")


def import_graph() -> dict[str, set[str]]:
    modules = {module_name(path): path for path in ALL}
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        graph[module] = {target for target in imports_of(path) if target in modules and target != module}
    return graph


def test_no_import_circle() -> None:
    graph = import_graph()
    # A package's __init__ importing its own modules is how a package presents itself: the
    # circle that counts is between modules.
    edges = {module: {target for target in targets if target != module.rpartition(".")[0]}
             for module, targets in graph.items()}
    state: dict[str, int] = {}
    circles: list[list[str]] = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(edges[module]):
            if state.get(target) == 1:
                circles.append([*trail[trail.index(target):], target] if target in trail
                               else [module, target])
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert not circles, circles[:5]


MAX_LINES = 450


@pytest.mark.parametrize("path", ALL, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_too_big_to_read(path: Path) -> None:
    lines = len(path.read_text().splitlines())
    assert lines <= MAX_LINES, f"{path.name}: {lines} lines; split it by job"


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
    """`benchmark rank ...` has Typer build rank's module's commands, not all nine (the shared
    helpers besides: app, charts, collector, console, options, records)."""
    done = run_main_probe(["rank", "--help"],
                          "print(sorted(m for m in sys.modules if m.startswith('benchmark.cli.')))")
    assert done.stdout.strip().splitlines()[-1] == (
        "['benchmark.cli.app', 'benchmark.cli.charts', 'benchmark.cli.collector', 'benchmark.cli.console', "
        "'benchmark.cli.options', 'benchmark.cli.rank', 'benchmark.cli.records']"
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
