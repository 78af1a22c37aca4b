"""Write the CLI reference (docs/cli.md) from the commands' own declarations.

Run: python docs/generate_cli_reference.py > docs/cli.md
tests/test_docs.py fails when docs/cli.md differs from what this prints, so a new command or
option cannot go undocumented. It reads the typed signatures (Annotated typer.Option/Argument),
so the page does not depend on how a Typer version lays out --help.
"""

from __future__ import annotations

import enum
import sys
import types
import typing
from pathlib import Path
from typing import Any

import typer
from typer.models import ArgumentInfo, OptionInfo


def _kind(annotation: Any) -> str:
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    union = typing.get_origin(annotation) in (typing.Union, types.UnionType)
    base = args[0] if union and args else annotation
    if isinstance(base, type) and issubclass(base, enum.Enum):
        return " \\| ".join(f"`{member.value}`" for member in base)
    if base is bool:
        return "flag"
    if base is Path:
        return "PATH"
    return {int: "INTEGER", float: "NUMBER"}.get(base, "TEXT")


def _default(value: Any, required: bool) -> str:
    if required:
        return "required"
    if value is None or isinstance(value, bool):
        return ""
    return f"`{getattr(value, 'value', value)}`"


def _command(name: str, callback: Any) -> list[str]:
    import inspect

    hints = typing.get_type_hints(callback, include_extras=True)
    signature = inspect.signature(callback)
    arguments, options = [], []
    for parameter in signature.parameters.values():
        annotated = hints[parameter.name]
        base, *metadata = typing.get_args(annotated)
        info = next(m for m in metadata if isinstance(m, ArgumentInfo | OptionInfo))
        required = parameter.default in (inspect.Parameter.empty, Ellipsis)
        row = (parameter.name, info, _kind(base), _default(parameter.default, required), required)
        (arguments if isinstance(info, ArgumentInfo) else options).append(row)
    usage = " ".join(["benchmark", name, *(a[0].upper() if a[4] else f"[{a[0].upper()}]"
                                            for a in arguments), "[OPTIONS]"])
    lines = [f"## `benchmark {name}`", "", inspect.getdoc(callback) or "", "", f"    {usage}", ""]
    if arguments:
        lines += ["| argument | help |", "| --- | --- |"]
        lines += [f"| `{a[0].upper()}` | {a[1].help or ''} |" for a in arguments]
        lines.append("")
    lines += ["| option | value | default | help |", "| --- | --- | --- | --- |"]
    for _, info, kind, default, _ in options:
        # In Annotated form Typer takes a leading "--name" as the first declaration.
        leading = [info.default] if isinstance(info.default, str) else []
        flags = ", ".join(f"`{flag}`" for flag in [*leading, *info.param_decls])
        lines.append(f"| {flags} | {kind} | {default} | {info.help or ''} |")
    lines += ["| `-h`, `--help` | flag |  | Show the help and exit. |", ""]
    return lines


def reference(app: typer.Typer | None = None) -> str:
    if app is None:
        from benchmark.cli import app
    lines = ["# Command-line reference", "",
             "Generated from the commands' declarations by `docs/generate_cli_reference.py`; do not "
             "edit by hand. `benchmark COMMAND --help` shows the same on a terminal.", "",
             (app.info.help or "").strip(), "",
             "Global options: `--version` shows the version; `-h`, `--help` shows the help.", ""]
    for command in app.registered_commands:
        lines += _command(command.name or command.callback.__name__, command.callback)
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(reference())
