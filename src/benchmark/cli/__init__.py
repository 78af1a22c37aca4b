"""The command-line interface: the Typer app and its commands, one module per topic.

``benchmark.cli.app`` is the Typer app with every command. :func:`main` imports only the module
of the command being run, so that Typer builds (and Python imports) that command's options and
not the other eight commands' as well: `benchmark rank` starts about as fast as a one-command app.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

import benchmark.cli.app as _app_module

if TYPE_CHECKING:
    import typer

# Importing the submodule made `app` its name here; `benchmark.cli.app` is to be the Typer app with
# every command (see __getattr__), so that name goes. Python sets it only on the first import.
del app  # type: ignore[name-defined]  # noqa: F821

# The module that defines each command, in the order `benchmark --help` lists them.
COMMAND_MODULES = {
    "quartiles": "council",
    "trend": "council",
    "dashboard": "council",
    "funding-gap": "money",
    "quadrants": "money",
    "rank": "rank",
    "validate": "rank",
    "sample": "rank",
    "report": "report",
}


def _app_with(modules: list[str]) -> typer.Typer:
    for module in modules:
        importlib.import_module(f"benchmark.cli.{module}")  # registers its commands on the app
    return _app_module.app


def _every_module() -> list[str]:
    return list(dict.fromkeys(COMMAND_MODULES.values()))


def main() -> None:
    """Console-script entry point."""
    command = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), None)
    modules = [COMMAND_MODULES[command]] if command in COMMAND_MODULES else _every_module()
    _app_with(modules)(prog_name="benchmark")


def __getattr__(name: str) -> Any:
    # `from benchmark.cli import app` (tests, the docs generator): the app with every command.
    if name == "app":
        globals()["app"] = _app_with(_every_module())
        return globals()["app"]
    raise AttributeError(f"module 'benchmark.cli' has no attribute {name!r}")


__all__ = ["COMMAND_MODULES", "app", "main"]
