"""The command-line interface: the Typer app and its commands, one module per topic.

``benchmark.cli.app`` is the Typer app with every command. :func:`main` imports only the module
of the command being run and has Typer build only that command, so that a command does not pay for
every other command's options as well.
"""

from __future__ import annotations

import copy
import importlib
import os
import sys
from typing import TYPE_CHECKING, Any

import benchmark.cli.app as _app_module
from benchmark.cli import collector
from benchmark.cli.console import stop_on_signals

if TYPE_CHECKING:
    import typer

# Importing the submodule made `app` its name here; `benchmark.cli.app` is to be the Typer app with
# every command (see __getattr__), so that name goes. Python sets it only on the first import.
del app  # type: ignore[name-defined]  # noqa: F821

# The module that defines each command, for main's short cut; a command missing here still runs
# (every module is imported), only slower, and a test says so.
COMMAND_MODULES = {
    "quartiles": "council",
    "trend": "council",
    "dashboard": "council",
    "funding-gap": "money",
    "history": "history",
    "quadrants": "money",
    "rank": "rank",
    "validate": "rank",
    "sample": "rank",
    "report": "report",
    "profiles": "profiles",
    "import": "importer",
}
_NOT_COMMANDS = {"__init__", "app", "collector", "console", "options", "records"}


def command_modules() -> list[str]:
    """Every module of this package that may define commands, in alphabetical order (the order
    `benchmark --help` lists their commands in)."""
    names = {name[:-3] for name in os.listdir(os.path.dirname(__file__)) if name.endswith(".py")}
    return sorted({name for name in names if name.isidentifier()} - _NOT_COMMANDS)


def _app_with(modules: list[str]) -> typer.Typer:
    for module in modules:
        importlib.import_module(f"benchmark.cli.{module}")  # registers its commands on the app
    return _app_module.app


def main() -> None:
    """Console-script entry point."""
    collector.pause()  # resumed once the command has read its data: see cli/collector.py
    stop_on_signals()
    try:
        _run(sys.argv[1:])
    finally:
        collector.before_exit()


def _run(args: list[str]) -> None:
    command = next((arg for arg in args if not arg.startswith("-")), None)
    before = args[: args.index(command)] if command is not None else args  # the app's own options
    if not args or {"-h", "--help"} & set(before):  # the list of commands is all that is shown
        app = _listing(_app_with(command_modules()))
    elif command in COMMAND_MODULES:
        # A copy of the app that has only this command: Typer builds every command it has on each
        # run, and validate and sample alone cost more than rank's own parsing.
        app = copy.copy(_app_with([COMMAND_MODULES[command]]))
        app.registered_commands = [info for info in app.registered_commands if info.name == command]
    else:  # --version, a mistyped command
        app = _app_with(command_modules())
    app(prog_name="benchmark")


def _listing(app: typer.Typer) -> typer.Typer:
    """A copy of the app whose commands have their names and help but no options: all that
    `benchmark --help` shows of them, without Typer building every command's options."""

    def listed(info: Any) -> Any:
        def command() -> None:  # pragma: no cover - only listed, never run
            raise NotImplementedError

        command.__doc__ = info.callback.__doc__
        bare = copy.copy(info)
        bare.callback = command
        return bare

    listing = copy.copy(app)
    listing.registered_commands = [listed(info) for info in app.registered_commands]
    return listing


def __getattr__(name: str) -> Any:
    # `from benchmark.cli import app` (tests, the docs generator): the app with every command.
    if name == "app":
        globals()["app"] = _app_with(command_modules())
        return globals()["app"]
    raise AttributeError(f"module 'benchmark.cli' has no attribute {name!r}")


__all__ = ["COMMAND_MODULES", "app", "main"]
